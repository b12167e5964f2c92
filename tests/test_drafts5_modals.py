"""Issue 19, session 6: modal words read by what they do in the sentence.

Real sentences (USGS, "Asian swamp eels … parasites", 2014, public domain; the Billings
Gazette, 1905, public domain; the American Sentinel, 1889, public domain), drafted by a real
``medialit new`` run:

- "these eels could transmit…": a demonstrative opens the subject, it does not describe a
  thing ("research that might lead"), so "could" is the forecast it is (inference);
- "any claim this country may pretend to have to the island": "have to" before "the" is
  "have" and "to the island", not an obligation, so no advice is read in it;
- "You might as well not believe in fairies!": an idiom (as reasonable to), not a guess;
- "they must have been…", "you must have seen…": "must have" with a past participle draws
  a conclusion (a deduction), it gives no advice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts, starting

EELS = (
    "Asian swamp eels and parasites\n\n"
    "U.S. Geological Survey scientists found parasitic worms known as gnathostomes in Asian "
    "swamp eels collected between 2010 and 2012 from ethnic food markets and in the wild. If "
    "eaten raw or undercooked, these eels could transmit their parasites to people, causing "
    "mild to serious disease."
)
TREATY = (
    "The Isle of Pines\n\n"
    "The treaty now pending before the senate, if approved, he points out will relinquish any "
    "claim this country may pretend to have to the island. But even though disapproved, it "
    "would still not alter the relative positions of the two countries.\n\n"
    "The men who framed the resolution must have known how little it would please the "
    "colonists."
)


def test_a_demonstrative_opens_the_subject_of_a_forecast(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, EELS)
    eels = starting(found, "If eaten raw or undercooked")
    assert eels["kind"] == "inference", eels
    assert "‘could’" in str(eels["why"]), eels


def test_have_to_before_a_noun_gives_no_advice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, TREATY)
    treaty = [d for d in found if "pretend to have to the island" in str(d["quote"])]
    assert treaty, [d["quote"] for d in found]
    assert all(d["techniques"] != ["advice as fact"] for d in treaty), treaty
    assert all("have to" not in str(d["why"]) for d in treaty), treaty


def test_must_have_with_a_participle_is_a_deduction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, TREATY)
    framed = starting(found, "The men who framed")
    assert framed["kind"] == "inference", framed
    assert "must have known" in str(framed["why"]), framed


FAIRIES = (
    "Is there a Santa Claus?\n\n"
    "Not believe in Santa Claus! You might as well not believe in fairies! You might get your "
    "papa to hire men to watch in all the chimneys on Christmas Eve to catch Santa Claus."
)


def test_might_as_well_is_no_guess(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = drafts(tmp_path, monkeypatch, FAIRIES)
    fairies = [d for d in found if str(d["quote"]).startswith("You might as well")]
    assert all("‘might’" not in str(d["why"]) for d in fairies), fairies
