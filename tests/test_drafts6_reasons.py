"""Issue 19, session 6c: reasons that name the statement's own words, read on the seed.

Real sentences from the seed article (``seeds/000_6720225e856085cf.txt``), drafted by a real
``medialit new`` run:

- "a report on its website indicating that…": the source named nearby is "a report on its
  website", not "… indicating" (a participle before "that" opens what the source says);
- "a detachment up to 6.000 militants could not approach…", "800 men and 50 tanks": what the
  figure counts is "militants", "men", not "militants could", "men and";
- "Should they continue to do so, the Syrian government will…": "Should" opening a clause
  before a comma is a condition ("if they do"), not advice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts

SEED = (
    "How Washington Found Itself in Bed with ISIS\n\n"
    "Moreover, a detachment up to 6.000 militants could not approach Deir ez-Zor from the "
    "southeast unnoticed. Such a force would be inevitably detected by US-coalition aircraft "
    "and satellites.\n\n"
    "On the night of September 30, a total of 800 men and 50 tanks of the Syria's elite "
    "Tigers force arrived to Palmyra. The Islamic State had already released a report on its "
    "website indicating that its militants managed to destroy two Syrian military jets "
    "stationed at the T-4 base. That also means that militants are approaching Palmyra from "
    "the west. Should they continue to do so, the Syrian government will have little choice "
    "but to transfer troops from other fronts, including some of the most battle-capable "
    "units, now needed to defend Palmyra, which will reduce efforts to restore security "
    "nationwide. This has worked well in ISIS' favor."
)


def _reasons(found: list[dict[str, object]]) -> str:
    return " ".join(f"{d['why']} {d['check']}" for d in found)


def test_a_source_ends_before_what_it_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reasons = _reasons(drafts(tmp_path, monkeypatch, SEED))
    assert "a report on its website" in reasons, reasons
    assert "website indicating" not in reasons, reasons


def test_a_figure_counts_a_noun_not_a_verb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reasons = _reasons(drafts(tmp_path, monkeypatch, SEED))
    assert "‘6.000’ (militants)" in reasons and "‘800’ (men)" in reasons, reasons
    assert "militants could" not in reasons and "(men and)" not in reasons, reasons


def test_should_opening_a_condition_is_no_advice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, SEED)
    should = next(d for d in found if str(d["quote"]).startswith("Should they continue"))
    assert "advice" not in str(should["why"]) and "recommendation" not in str(
        should.get("techniques")
    ), should
