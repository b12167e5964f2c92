"""Issue 19, held-out-3: "X claims to…" and "X cited…" report what X says.

Real sentences of a Wikinews report (CC BY 2.5). The first run called the organisation's own
count of trees "a figure with no source" (the organisation is its source: what is evidence
is that it claims it) and the committee's citation a claim without support.
"""

from __future__ import annotations

from medialit.drafting.suggest import Suggestion, load_cues, suggest

TREES = (
    "Since its founding in 1997, the organization claims to have planted over 30 million trees, "
    "in the process employing thousands of women — offering them empowerment, education and "
    "even family planning."
)
CITED = (
    'The Nobel committee cited "her contribution to sustainable development, democracy and '
    'peace" as the reasons for awarding her the prize.'
)


def drafted(text: str) -> list[Suggestion]:
    cues = load_cues("en")
    assert cues is not None
    return suggest(text, cues, "en", statements=5)


def test_claims_to_is_a_saying_and_its_figure_is_sourced() -> None:
    found = drafted(TREES)
    saying = next(s for s in found if s.techniques == ("reported claim",))
    assert saying.quote.startswith("Since its founding in 1997, the organization claims")
    assert all(s.techniques != ("unsourced number",) for s in found)


def test_cited_is_a_saying() -> None:
    found = drafted(CITED)
    saying = next(s for s in found if s.kind.value == "evidence")
    assert saying.quote == "The Nobel committee cited"
