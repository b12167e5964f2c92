"""Issue 19, held-out-5: a superlative ranks a case above every other; a hope and "indicating"
are conclusions drawn.

Real sentences (Wikinews, "5.6 earthquake strikes California", 2007, CC BY 2.5, credit
"Wikinews"; a NASA release, 2024, and the Jasper County Democrat, 1918, public domain),
drafted by a real ``medialit new`` run:

- "the most powerful quake in the San Francisco Bay Area … since 1989" and "felt as far away
  as…" claim a record without giving it: an unsupported superlative (assertion), with a why
  and a check of their own;
- "The most recent super-eruption occurred…" has no scope ("since", "ever"): no superlative;
- "it is hoped to check the epidemic" says what the order is expected to do: a forecast
  (inference).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts

TEXT = (
    "The quake was felt as far away as the California communities of Sacramento, Sonoma, and "
    "Los Banos. It was the most powerful quake in the San Francisco Bay Area and Silicon "
    "Valley since 1989.\n\nThe most recent super-eruption occurred more than 22,000 years "
    "ago in New Zealand.\n\nBy the strict enforcement of the order it is hoped to check the "
    "epidemic and prevent the large number of fatalities which have occurred in the East."
)


def test_superlatives_and_a_hope(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = {str(d["quote"]): d for d in drafts(tmp_path, monkeypatch, TEXT)}
    for start, cue in (("The quake was felt", "as far away as"), ("It was the most", "most")):
        draft = next(d for q, d in found.items() if q.startswith(start))
        assert draft["kind"] == "assertion", draft
        assert draft["techniques"] == ["unsupported superlative"], draft
        assert cue in str(draft["why"]) and "record" in str(draft["check"]), draft
    recent = [d for q, d in found.items() if q.startswith("The most recent")]
    assert all(d["techniques"] != ["unsupported superlative"] for d in recent), recent
    hoped = next(d for q, d in found.items() if q.startswith("By the strict enforcement"))
    assert hoped["kind"] == "inference" and "it is hoped" in str(hoped["why"]), hoped


def test_a_participle_that_draws_the_conclusion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "…indicating the rapid spread of influenza" concludes from the reports: an inference
    (the Jasper County Democrat, 1918), quoted apart from the reports it rests on, as the
    corpus's reading quotes it (session 7)."""
    text = (
        "Numerous reports were received at the office of the state board during the day from "
        "many sections of the state indicating the rapid spread of influenza, the growing number "
        "of pneumonia cases and deaths."
    )
    found = drafts(tmp_path, monkeypatch, text)
    numerous = next(d for d in found if str(d["quote"]).startswith("indicating the rapid"))
    assert numerous["kind"] == "inference" and "indicating" in str(numerous["why"]), numerous
    reports = next(d for d in found if str(d["quote"]).startswith("Numerous reports"))
    assert reports["quote"].endswith("from many sections of the state"), reports
