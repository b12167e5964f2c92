"""Issue 19, session 6: a question that expects one answer argues.

Real sentences (Wikinews, "Kenyan environmentalist Wangari Maathai wins Nobel Peace Prize",
2004, CC BY 2.5, credit "Wikinews"; Samuel Hopkins Adams, "The Great American Fraud", 1906,
public domain), drafted by a real ``medialit new`` run: "what's the point of protecting tree
species?" and "Is it credible that…?" are conclusions argued as questions (rhetorical
questions), each with a reason naming its own words; a question that asks ("Will you just
state the authority?") is left out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts

QUESTIONS = (
    "Maathai wins the Peace prize\n\n"
    'Dr Maathai said in a speech: "We are called to assist the Earth to heal her wounds and '
    "in the process heal our own. And if we can't protect our own species, what's the point "
    'of protecting tree species?"\n\n'
    "Here is an amulet in the form of an electric belt, warranted to restore youth and vigor "
    "to the senile. Is it credible that a supposedly civilized nation should accept such "
    "stuff as gospel?\n\n"
    "The Chairman—Will you just state the authority?"
)


def test_a_rhetorical_question_is_an_argument(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, QUESTIONS)
    whys = []
    for opening, cue in (
        ("And if we can't protect", "what's the point"),
        ("Is it credible", "Is it credible"),
    ):
        asked = next(d for d in found if str(d["quote"]).startswith(opening))
        assert asked["kind"] == "inference", asked
        assert asked["techniques"] == ["rhetorical question"], asked
        assert f"‘{cue}’" in str(asked["why"]), asked
        whys.append(asked["why"])
    assert whys[0] != whys[1]
    assert not any("Will you just state" in str(d["quote"]) for d in found), found
