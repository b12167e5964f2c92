"""Issue 19, session 6: a speaker's opinion said as such, and a conclusion drawn in passing.

Real sentences (the American Sentinel, 1889, public domain; NASA, "Supervolcanoes…", 2024,
public domain; NASA, "Greenland ice…", 2024, public domain; USGS, "Midwest stream
pesticides", 2017, public domain), drafted by a real ``medialit new`` run:

- "To me, this is another example of why…": the speaker's own view, marked as such (an
  opinion, not a fact shown);
- "And yet they deny that…, asserting that…": "deny" is a verb of saying: that they deny it
  is the evidence;
- "Take religion out and you take the rest out.": an order with its result ("and you …") is
  a claim about what follows, not an instruction to the reader;
- "…have filled with seawater – meaning the ice that broke off made little net
  contribution": "meaning" draws the conclusion; "were predicted to be major contributors" is
  a model's forecast; "is crucial to informing management decisions" judges.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts, starting

SABBATH = (
    "The Sabbath Union\n\n"
    "There is the day of twenty-four hours, there is the month, there is the year, all these "
    "are natural divisions. It is arbitrary, and we regard that as an evidence of its divine "
    "origin.\n\n"
    'Mr. Crafts himself said: "A weekly day of rest has never been secured in any land except '
    'on the basis of religious obligation. Take religion out and you take the rest out."\n\n'
    "And yet they deny that their movement is religious, asserting that it is in the interests "
    "of the workingmen, and that it in no way tends to a union of Church and State."
)
SCIENCE = (
    "Ice and eruptions\n\n"
    "Given the ongoing uncertainties, Millán added, “To me, this is another example of why "
    "geoengineering via stratospheric aerosol injection is a long, long way from being a "
    "viable option.”\n\n"
    "Once occupied by ancient glacial ice, many of these deep coastal valleys have filled with "
    "seawater – meaning the ice that broke off made little net contribution to sea level.\n\n"
    "While numerous pesticides were detected at low levels, only a few—atrazine, acetochlor, "
    "metolachlor, imidacloprid, fipronil, and organophosphate insecticides—were predicted to "
    "be major contributors to toxicity.\n\n"
    "“Understanding which pesticides are occurring at levels potentially toxic to aquatic life, "
    "and where they occur, is crucial to informing management decisions,” said Lisa Nowell."
)


def test_an_opinion_said_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opinion = starting(drafts(tmp_path, monkeypatch, SCIENCE), "To me, this is")
    assert opinion["techniques"] == ["opinion as fact"], opinion
    assert "Quoted from Millán: ‘To me’" in str(opinion["why"]), opinion
    assert "the speaker's own" in str(opinion["why"]), opinion


def test_deny_is_a_verb_of_saying(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = drafts(tmp_path, monkeypatch, SABBATH)
    deny = starting(found, "And yet they deny")
    assert deny["kind"] == "evidence", deny
    assert not str(deny["quote"]).endswith("Church and State."), deny


def test_an_order_with_its_result_is_a_claim(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, SABBATH)
    assert any(str(d["quote"]).startswith("Take religion out") for d in found), [
        d["quote"] for d in found
    ]


def test_a_conclusion_a_forecast_and_a_judgement_in_a_study_story(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, SCIENCE)
    # Quoted apart from the fact it is drawn from, as the corpus's reading quotes it (session 7).
    meaning = starting(found, "meaning the ice that broke off")
    assert meaning["kind"] == "inference" and "meaning" in str(meaning["why"]), meaning
    few = starting(found, "While numerous pesticides")
    assert few["kind"] == "inference" and "predicted to" in str(few["why"]), few
    crucial = starting(found, "Understanding which pesticides")
    assert crucial["kind"] == "assertion" and "‘crucial’" in str(crucial["why"]), crucial


REASONS = (
    "Mine explosion\n\n"
    "The force of the explosion was terrible, as the five men identified are in a horrible "
    "condition. Four men are still under ground, and there is no hope for them, as rescue "
    "cannot be attempted until the mine is sufficiently cleared of gas and damp to enable men "
    "to go down with safety.\n\n"
    "The current case had been irregular, as the matter had been escalated to the Full Court "
    "(three Justices) directly, and, as we have already stated, was heard in one day."
)


def test_a_reason_given_after_as_is_a_conclusion_drawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, REASONS)
    for opening in ("The force of the explosion", "Four men are still", "The current case"):
        reasoned = starting(found, opening)
        assert reasoned["kind"] == "inference", reasoned
        assert "‘as’" in str(reasoned["why"]), reasoned
