"""Issue 19, held-out-5: who reports, and when no one does.

Real sentences (Wikinews, "5.6 earthquake strikes California", 2007, CC BY 2.5, credit
"Wikinews"; the Jasper County Democrat, 1918, and the Evening Republican, 1910, public domain),
drafted by a real ``medialit new`` run:

- a report in the passive names no reporter ("was reported to be down", "had been reported
  by 8:35 p.m."): a vague attribution (assertion), never a figure "from" the word "reported";
- "this can be said with truth" is said by no one: no speaker, no evidence;
- "The USGS reports that…", "USGS predicts…" and "The health officers are of the opinion
  that…" are sayings (evidence that it was said), the speaker named without the lead-in
  ("Additionally,"): the figure it predicts comes from USGS.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts

QUAKE = (
    "At least ten aftershocks had been reported by 8:35 p.m with magnitudes ranging from 1.3 "
    "to 1.8. Phone service, including cellular phone service, was reported to be down in some "
    "areas around the epicenter.\n\nAdditionally, USGS predicts a 30% chance of strong "
    "aftershocks in the next seven days.\n\nThe USGS reports that the quake was centered on "
    "the Calaveras Fault."
)
OPINION = (
    "There is no direct oppression of the poor by the rich. For the first time in the progress "
    "of civilization this can be said with truth.\n\nThe health officers are of the opinion "
    "that no modification of the order can possibly be made before the date set."
)


def test_a_report_in_the_passive_names_no_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = {str(d["quote"]): d for d in drafts(tmp_path, monkeypatch, QUAKE)}
    phone = next(d for q, d in found.items() if q.startswith("Phone service"))
    assert phone["kind"] == "assertion" and phone["techniques"] == ["vague attribution"], phone
    assert "was reported to" in str(phone["why"]), phone
    ten = next(d for q, d in found.items() if q.startswith("At least ten aftershocks"))
    assert ten["kind"] == "assertion", ten
    assert "comes from reported" not in str(ten["why"]), ten


def test_named_bodies_report_and_predict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = {str(d["quote"]): d for d in drafts(tmp_path, monkeypatch, QUAKE)}
    assert "The USGS reports that" in found, list(found)
    assert found["The USGS reports that"]["kind"] == "evidence"
    chance = next(d for q, d in found.items() if "30% chance" in q)
    assert not str(chance["quote"]).startswith("Additionally"), chance
    assert chance["kind"] == "evidence" and "comes from USGS" in str(chance["why"]), chance


def test_said_by_no_one_and_an_opinion_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = {str(d["quote"]): d for d in drafts(tmp_path, monkeypatch, OPINION)}
    truth = [d for q, d in found.items() if "can be said with truth" in q]
    assert truth and all(d["kind"] != "evidence" for d in truth), truth
    assert not any("Quoted from For the first time" in str(d["why"]) for d in truth), truth
    held = next(d for q, d in found.items() if q.startswith("The health officers are of"))
    assert held["kind"] == "evidence", held


INTRODUCED = (
    "Probably the most striking discussion in the article relates to the questions of "
    "oppression of the poor by the rich, to the tariff and the trusts. On these Mr. Harvey says "
    "in part:\n\n“There is no direct oppression of the poor by the rich. To this day, in nearly "
    "all lands except our own, real dominance is exercised openly by a class.”"
)


def test_a_saying_that_introduces_a_quotation_is_evidence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sentence ending in a colon introduces a list, unless a verb of saying makes it the
    saying of the quotation that follows (the Evening Republican, 1910)."""
    found = {str(d["quote"]): d for d in drafts(tmp_path, monkeypatch, INTRODUCED)}
    says = next((d for q, d in found.items() if q.startswith("On these Mr. Harvey")), None)
    assert says is not None and says["kind"] == "evidence", list(found)
