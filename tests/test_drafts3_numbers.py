"""Issue 19, held-out-3: numbers that name or date something are no statistics; a belief in
the passive names no believer; a sentence that sets what a term covers is a definition.

Real sentences of the held-out-3 articles (a NASA release, public domain; Wikinews, CC BY 2.5;
the American Sentinel, 1889, public domain), where the first run called a time ago, a time
zone, page numbers, a street address and a model's designation "a precise number with no
source", and drafted the criterion of a "super eruption" as a claim.
"""

from __future__ import annotations

import pytest

from medialit.drafting.numbers import statistics
from medialit.drafting.suggest import load_cues, suggest


@pytest.mark.parametrize(
    "sentence",
    [
        "The best-known example may be the eruption that blasted Yellowstone Crater in Wyoming"
        " about 2 million years ago.",
        "The intrusion occurred on 10 November, Japanese time (UTC+9).",
        'This quotation is from pp. 50, 51 of "Notes of a Hearing before the Committee on'
        ' Education and Labor, United States Senate".',
        "Again; the Lutheran Observer (524 Walnut Street, Philadelphia), of December 21, 1888.",
        "The submarine in question is believed to be a Type 09-1 Han Class attack submarine.",
    ],
)
def test_numbers_that_count_nothing_are_no_statistics(sentence: str) -> None:
    assert statistics(sentence) == []


def test_a_count_is_still_a_statistic() -> None:
    sentence = "Of the 207 glaciers in the study, 179 retreated significantly since 1985."
    assert [n.text for n in statistics(sentence)] == ["207", "179"]


def drafted(text: str) -> dict[str, tuple[str, str]]:
    cues = load_cues("en")
    assert cues is not None
    return {s.quote: (s.kind.value, s.techniques[0]) for s in suggest(text, cues, "en")}


def test_a_belief_in_the_passive_is_vague_authority() -> None:
    found = drafted(
        "The submarine in question is believed to be a Type 09-1 Han Class attack submarine. "
        "It is a nuclear-powered submarine designed in the 1950s and first built in the 1974. "
        "This class of submarine is thought to suffer numerous defects, including radiation "
        "leakage, noise, and an inability to fire missiles while submerged."
    )
    quote = "The submarine in question is believed to be a Type 09-1 Han Class attack submarine."
    assert found[quote] == ("assertion", "vague attribution")
    assert found[next(q for q in found if q.startswith("This class"))][1] == "vague attribution"


def test_the_criterion_of_a_term_is_a_definition() -> None:
    found = drafted(
        "To qualify as a super eruption, a volcano must release more than 240 cubic miles "
        "(1,000 cubic kilometers) of magma. These eruptions are extremely powerful – and rare."
    )
    assert not any(q.startswith("To qualify") for q in found)
