"""Issue 19, session 7: a document introduced, words that only look like cues, "may" and an
outcome.

Real sentences (The Commoner, 1913; the San Francisco Call, 1913; the Times, 1914; the Vernon
Censor, 1910; NASA, 2004: public domain), drafted by a real ``medialit new`` run:

- "Last week The Commoner printed this sentence: "…"" and "On May 22 the attorney general sent
  the following letter to Congressman Sims, which may have been one reason why…:": that it was
  printed or sent is evidence (whose: The Commoner, the attorney general); what follows is a
  claim of its own, here a conclusion ("one reason why");
- "appears as a trouble maker" and "The findings appear in research…" guess nothing; "quickness
  of eye and judgment" is no court's judgment;
- "may develop scientific information", "may aid in determining": a guess about an outcome.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .test_drafts3_titles import drafts

TEXT = (
    "The Attorney General\n\n"
    'Last week The Commoner printed this sentence: "The democrats who are entering official '
    'life should learn early that the secret of success is to have no secrets."\n\n'
    "On May 22 the attorney general sent the following letter to Congressman Sims, which may "
    "have been one reason why he was too busy to pay attention to Mr. McNab's pleadings "
    "against delay:\n\n"
    "For the fourth time Attorney-General McReynolds appears as a trouble maker for the "
    "Wilson administration.\n\n"
    "It calls for none of the essential qualities of a great game, such as pluck, endurance, "
    "or quickness of eye and judgment.\n\n"
    "The pictures and data are considered of unusual value and may develop scientific "
    "information and theories of unexpected importance. This lack of illumination, it was "
    "indicated, may aid in determining the substance of the glow that follows the comet's head."
)


def _found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, Any]]:
    return {str(d["quote"]): d for d in drafts(tmp_path, monkeypatch, TEXT)}


def test_a_document_introduced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = _found(tmp_path, monkeypatch)
    printed = found.get("Last week The Commoner printed this sentence")
    assert printed is not None and printed["kind"] == "evidence", list(found)
    assert "(The Commoner)" in str(printed["why"]), printed
    sent = found.get("On May 22 the attorney general sent the following letter to Congressman Sims")
    assert sent is not None and sent["kind"] == "evidence", list(found)
    reason = next(d for q, d in found.items() if q.startswith("which may have been one reason"))
    assert reason["kind"] == "inference" and "‘one reason why’" in str(reason["why"]), reason


def test_words_that_only_look_like_cues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = _found(tmp_path, monkeypatch)
    trouble = next(d for q, d in found.items() if q.startswith("For the fourth time"))
    assert "‘appears’" not in str(trouble["why"]) and trouble["kind"] == "assertion", trouble
    game = next(d for q, d in found.items() if q.startswith("It calls for none"))
    assert game["kind"] == "assertion" and "record" not in str(game["why"]), game
    for start, cue in (
        ("may develop scientific information", "may develop"),
        ("This lack of illumination", "may aid"),
    ):
        guess = next(d for q, d in found.items() if start in q)
        assert guess["kind"] == "inference" and f"‘{cue}’" in str(guess["why"]), guess
