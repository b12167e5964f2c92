"""Issue 19, session 4: the general causes of wrong drafts, each on a real corpus sentence.

Instructions, sentences that only point back, an organisation's remit and bare definitions
get no draft, while an instruction with a promise does; a cue that describes a thing is not the
passage's claim; "will" about the reader's own case states a rule; a dated official act is a
record; a figure near a named source is one to trace to it, not an unsourced one.
"""

from __future__ import annotations

from medialit.drafting.leaving import defines, skipped
from medialit.drafting.suggest import Suggestion, load_cues, suggest

from .conftest import ROOT

CORPUS = ROOT / "benchmarks" / "corpus"


def found(name: str) -> list[Suggestion]:
    cues = load_cues("en")
    assert cues is not None
    return suggest((CORPUS / name / "article.txt").read_text("utf-8"), cues)


def matching(drafts: list[Suggestion], words: str) -> list[Suggestion]:
    return [s for s in drafts if words in s.quote]


def test_instructions_and_pointers_back_get_no_draft_but_a_promise_does() -> None:
    fema = found("fema-rumor-control-2024")
    assert not matching(fema, "Do your part to stop the spread")
    assert not matching(fema, "Keep copies of your receipts")
    assert not [s for s in fema if s.quote.rstrip(".") == "This is not true"]
    (promise,) = matching(found("judson-herb-pills-1860"), "Keep the blood pure")
    assert promise.kind.value == "assertion"


def test_a_rule_about_the_readers_case_is_no_forecast() -> None:
    (rule,) = matching(found("fema-rumor-control-2024"), "will not affect your eligibility")
    assert "prediction" not in rule.techniques
    assert rule.kind.value != "inference"


def test_a_describing_cue_is_not_the_claim_and_a_dated_act_is_a_record() -> None:
    aging = found("nih-aging-study-2009")
    (launched,) = matching(aging, "In 2009, BLSA launched a new initiative")
    assert launched.kind.value == "evidence"  # "which will study" describes the initiative
    assert "named record" in launched.techniques
    (since,) = matching(aging, "Since its establishment in 1958")
    assert "cause and effect" not in since.techniques  # "changes due to aging" describes


def test_definitions_and_an_organisations_remit_get_no_draft() -> None:
    assert not matching(found("nasa-rna-handedness"), "Proteins are the workhorse molecules")
    assert not matching(found("odp-guest-letter-2017"), "is charged with")
    (incurable,) = matching(found("adams-preying-incurables-1905"), "absolutely incurable")
    assert incurable.kind.value == "assertion"  # a claim shaped as a definition stays


def test_a_figure_after_a_paragraph_naming_the_study_is_one_to_trace() -> None:
    (letters,) = matching(found("nasa-rna-handedness"), "26 letters of the alphabet")
    assert "figure to trace" in letters.techniques
    assert "without a source of its own" in letters.why
    assert "no source" not in letters.why
    for figure in matching(found("nasa-methane-hotspot-2014"), "km2"):
        assert "point study of satellite data" in figure.why


def test_a_noun_that_looks_like_an_instruction_or_a_name_that_looks_like_a_definition_stays() -> (
    None
):
    cues = load_cues("en")
    assert cues is not None
    words = cues[1]
    assert skipped("Keep copies of your receipts so you can file them.", words)
    assert not skipped("Share prices fell by five points on Monday.", words)
    assert not skipped("Report cards were sent home late this year.", words)
    assert defines("Proteins are the workhorse molecules of life.")
    assert not defines("The mayor is a careful planner.")
    assert not defines("It is a mystery to scientists why life chose the left-handed one.")
