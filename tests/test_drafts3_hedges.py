"""Issue 19, held-out-3: a finding reported as a suggestion is a guess; a compound is not its
first half.

Real sentences of a NASA release (public domain) on a study in the Journal of Climate. The
first run read "New research suggests that … would not cool" only by its modal verb (a guess
at the lowest sureness, so never chosen), and "The best-known example" as loaded language
because of "best".
"""

from __future__ import annotations

from medialit.drafting.suggest import Suggestion, load_cues, suggest, sureness

PARAGRAPH = (
    "New research suggests that sunlight-blocking particles from an extreme eruption would not "
    "cool surface temperatures on Earth as severely as previously estimated. These eruptions "
    "are extremely powerful – and rare. The best-known example may be the eruption that "
    "blasted Yellowstone Crater in Wyoming about 2 million years ago."
)


def drafted() -> list[Suggestion]:
    cues = load_cues("en")
    assert cues is not None
    return suggest(PARAGRAPH, cues, "en", statements=10)


def test_a_suggested_finding_is_a_hedged_inference() -> None:
    found = next(s for s in drafted() if s.quote.startswith("New research suggests"))
    assert found.kind.value == "inference"
    assert "suggests" in found.why
    # the reading is fairly sure of it; how sure it is shown is measured (drafting/howsure.py)
    assert sureness(found.reading_sure) != "unsure"


def test_best_known_is_no_judgement() -> None:
    found = [s for s in drafted() if s.quote.startswith("The best-known")]
    assert all(s.techniques != ("loaded language",) for s in found)
