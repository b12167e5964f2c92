"""Issue 19, session 7: short sayings, conclusions quoted apart, and reasons for the words used.

Real sentences from the corpus (public domain: NIST 2012 and 2003, NOAA 2009, USGS 2015, the
Norwich Bulletin 1909, the Xenia Journal 1902, the Outlook 1918, the Billings Gazette 1905),
drafted by a real ``medialit new`` run:

- '"…," Gallagher said.' and "He noted that…": the saying is evidence, however short (careful
  readings of four unseen articles marked it);
- "Results show that eggs develop faster…, therefore requiring less time…" and "…reproach him
  for hiding, which they regard as a sign of a guilty conscience": what is reported and the
  conclusion drawn from it are quoted apart, the conclusion an inference whose why names the
  words that draw it; "as a result of the elections" names a cause and is not cut;
- "has thus far been utilized": "thus far" is "until now", no conclusion;
- "there are few States where…": "few" gives an amount without a count, it does not make the
  claim "true of every case";
- '"…," he adds': "he" is the person named before, not a name ("Quoted from he:").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts, starting

SAYINGS = (
    "NIST Boulder opens a laboratory\n\n"
    "“This laboratory is at the heart of making sure that NIST Boulder has the capabilities it "
    "needs to carry out its critical mission,” Gallagher said.\n\n"
    "Bement’s remarks were made at a National Science Foundation workshop in Minneapolis. He "
    "noted that there was a vital role for measurements and standards in improving the "
    "security of systems used in industry."
)
CONCLUSIONS = (
    "Asian carp eggs\n\n"
    "Results show that eggs develop faster at warmer water temperatures, therefore requiring "
    "less time to drift in the river until hatching.\n\n"
    "The evening papers attack Cook severely and reproach him for hiding, which they regard as "
    "a sign of a guilty conscience.\n\n"
    "The democrats who, as a result of the congressional and senatorial elections, are "
    "entering official life have much to learn.\n\n"
    "The principal purpose to which the automobile has thus far been utilized is the making of "
    "speed records.\n\n"
    "East of the Mississippi there are few States where the disease has not been found."
)
PRONOUN = (
    "The Isle of Pines\n\n"
    "To make himself still clearer, Secretary Root writes to the colonists that their hopes "
    'are vain. "You may be sure," he adds, "that Cuba will never consent to give up the '
    'Isle of Pines."'
)


def test_a_short_saying_is_evidence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = drafts(tmp_path, monkeypatch, SAYINGS)
    for start in ("Gallagher said", "He noted"):
        saying = starting(found, start)
        assert saying["kind"] == "evidence" and len(str(saying["quote"]).split()) == 2, saying


def test_a_conclusion_is_quoted_apart_from_what_it_rests_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, CONCLUSIONS)
    results = starting(found, "Results show that eggs")
    assert results["quote"].endswith("warmer water temperatures"), results
    assert results["kind"] == "evidence", results
    for start, cue in (
        ("therefore requiring less time", "therefore"),
        ("which they regard as a sign of", "a sign of"),
    ):
        conclusion = starting(found, start)
        assert conclusion["kind"] == "inference", conclusion
        assert f"‘{cue}’ draws a conclusion" in str(conclusion["why"]), conclusion
    hiding = starting(found, "The evening papers attack Cook")
    assert hiding["quote"].endswith("reproach him for hiding"), hiding
    # "as a result of" names a cause: the sentence is not cut inside its aside.
    assert not any(str(d["quote"]).startswith("as a result of") for d in found), found
    assert not any(str(d["quote"]) == "The democrats who" for d in found), found


def test_thus_far_and_few(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = drafts(tmp_path, monkeypatch, CONCLUSIONS)
    purpose = [d for d in found if str(d["quote"]).startswith("The principal purpose")]
    assert all("‘thus’" not in str(d["why"]) for d in purpose), purpose
    few = starting(found, "East of the Mississippi")
    assert few["kind"] == "assertion", few
    assert "‘few’ gives an amount without counting it" in str(few["why"]), few
    assert "true of every case" not in str(few["why"]), few
    assert "count" in str(few["check"]), few


def test_he_is_the_speaker_named_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = drafts(tmp_path, monkeypatch, PRONOUN)
    whys = [str(d["why"]) for d in found]
    assert not any("Quoted from he" in why or "(he)" in why for why in whys), whys
    cuba = starting(found, "that Cuba will never consent")
    assert "Quoted from Secretary Root" in str(cuba["why"]), cuba


def test_so_joining_a_clause_draws_a_conclusion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cue that opens with a comma (", so", ", meaning") is read after a word; "so called"
    and "so far" are idioms (the American Sentinel, 1889; the Day Book, 1914)."""
    text = (
        "The flood\n\n"
        "The river rose two metres in one night, so the town was evacuated before dawn.\n\n"
        "Shepard is president of the American Sabbath Union, so called, as well as editor of "
        "the Mail and Express.\n\n"
        "Every other paper loses money on every issue printed, so far as the cost of white "
        "paper is concerned."
    )
    found = drafts(tmp_path, monkeypatch, text)
    so = starting(found, "so the town was evacuated")
    assert so["kind"] == "inference" and "‘so’ draws a conclusion" in str(so["why"]), so
    assert starting(found, "The river rose")["quote"] == "The river rose two metres in one night"
    for start in ("Shepard is president", "Every other paper"):
        whole = starting(found, start)
        assert "‘so’" not in str(whole["why"]) and whole["quote"].endswith("."), whole
