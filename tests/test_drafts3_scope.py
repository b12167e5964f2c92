"""Issue 19, held-out-3: attribution has a scope, and a speaker is a source.

Real paragraphs of the held-out-3 articles (Wikinews, CC BY 2.5; a NASA release, public
domain). The first run called a figure "with no source" in a paragraph where Dr Maathai is
quoted, and a claim after the Administrator's quotation "with no source"; an agency "named
… as the Best Place to Work" is a ranking anyone can look up, not a claim without support.
"""

from __future__ import annotations

import sys

from medialit.drafting.suggest import Suggestion, load_cues, suggest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from hard_checks import DraftSeen, violations

PRIZE = (
    "In accepting the prize, Dr Maathai said that she was humbled by the recognition and "
    "uplifted by the honor of receiving the award, and discussed social and environmental "
    "problems that still challenge Africa and the rest of the world. The award includes a cash "
    "component of 10 million Swedish Kronor (approximately US$1.4 million)."
)
RANKING = (
    "NASA was named Thursday as the 2023 Best Place to Work in the Federal Government – large "
    "agency – for the 12th consecutive year by the Partnership for Public Service.\n\n"
    "“Once again, NASA has shown that with the world’s finest workforce, we can reach the "
    "stars,” said NASA Administrator Bill Nelson.\n\n"
    "The agency’s workforce explored new frontiers in 2023, including shattering an American "
    "record for longest astronaut spaceflight, and partnering on a sustainable flight "
    "demonstration later designated as X-66."
)


def drafted(text: str) -> list[Suggestion]:
    cues = load_cues("en")
    assert cues is not None
    return suggest(text, cues, "en", statements=20)


def one(found: list[Suggestion], start: str) -> Suggestion:
    return next(s for s in found if s.quote.startswith(start))


def broken(found: list[Suggestion], text: str) -> list[str]:
    paragraphs = text.split("\n\n")
    failed = []
    for s in found:
        at = next(i for i, p in enumerate(paragraphs) if s.quote in p)
        before = paragraphs[at - 1] if at else ""
        seen = DraftSeen(s.quote, s.techniques[0], s.why, paragraphs[at], before)
        failed += violations(seen)
    return failed


def test_a_figure_where_a_speaker_is_quoted_is_traced_to_the_speaker() -> None:
    found = drafted(PRIZE)
    award = one(found, "The award includes")
    assert award.techniques == ("figure to trace",)
    assert "Dr Maathai" in award.why and "no source" not in award.why
    assert broken(found, PRIZE) == []


def test_a_ranking_is_a_record_and_a_claim_near_a_speaker_names_them() -> None:
    found = drafted(RANKING)
    named = one(found, "NASA was named")
    assert (named.kind.value, named.techniques) == ("evidence", ("named record",))
    explored = one(found, "The agency’s workforce")
    assert explored.kind.value == "assertion"
    assert "NASA Administrator Bill Nelson" in explored.why and "no source" not in explored.why
    assert broken(found, RANKING) == []
