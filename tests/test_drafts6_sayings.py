"""Issue 19, session 6c: a verb of saying whose subject names no one, or a pronoun in a clause.

Real sentences from the seed article (``seeds/000_6720225e856085cf.txt``, "How Washington
Found Itself in Bed with ISIS"), drafted by a real ``medialit new`` run:

- "A brief look at the map of Syria indicates the above mentioned airbase…": "mentioned" is
  no one's saying; its subject is a look, not someone, so no saying is drafted and no why
  reads "Find A brief look at the map of Syria indicates the above's own words";
- "Zarif wasn't particularly picky with words when he stated that…": "he" in the clause is
  the main clause's named person, so the speaker is Zarif, not the whole clause.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts

SEED = (
    "How Washington Found Itself in Bed with ISIS\n\n"
    "The Islamic State had already released a report on its website indicating that its "
    "militants managed to destroy two Syrian military jets stationed at the T-4 base. A brief "
    "look at the map of Syria indicates the above mentioned airbase is to be found in the city "
    "of Tadmur, only a couple of miles away from Palmyra. That also means that militants are "
    "approaching Palmyra from the west.\n\n"
    "After all, Washington has made it clear to the Kurds that it doesn't simply want them to "
    "occupy oil fields. This is by far the most important goal in Syria today from "
    "Washington's point of view. Iranian Foreign Mohammad Javad Zarif wasn't particularly "
    "picky with words when he stated that Washington is eager to cooperate with any force, "
    "including ISIS, in a bid to prevent the Syrian army from securing the border with Iraq, "
    "which would create a land supply bridge from Iran to Syria."
)


def test_a_look_at_a_map_says_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = drafts(tmp_path, monkeypatch, SEED)
    look = [d for d in found if str(d["quote"]).startswith("A brief look at the map")]
    assert look, [d["quote"] for d in found]
    assert all(
        d["quote"] != "A brief look at the map of Syria indicates the above mentioned" for d in look
    ), look
    reasons = " ".join(f"{d['why']} {d['check']}" for d in found)
    assert "indicates the above" not in reasons, reasons


def test_he_in_a_clause_is_the_named_person(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, SEED)
    reasons = [f"{d['why']} {d['check']}" for d in found if "Zarif" in str(d["why"])]
    assert reasons, [(d["quote"], d["why"]) for d in found]
    assert any("(Iranian Foreign Mohammad Javad Zarif)" in r for r in reasons), reasons
    assert all("when he" not in r for r in reasons), reasons
