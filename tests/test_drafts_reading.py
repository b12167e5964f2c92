"""Issue 19: the drafts read the whole article, on real article text from benchmarks/corpus.

A source named in the sentence before is a source; ages, durations, dates and names are no
statistics; definitions and table rows are no claims; "X said Y" is cut into the saying and
the claim said; the article's central correlation comes first; no two reasons are the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from medialit.drafting.choosing import MIN_SURE, default_size
from medialit.drafting.numbers import numbers
from medialit.drafting.suggest import Suggestion, load_cues, suggest

from .conftest import ROOT

CORPUS = ROOT / "benchmarks" / "corpus"
ARTICLES = sorted(p.parent.name for p in CORPUS.glob("*/article.txt"))


def drafts(name: str) -> list[Suggestion]:
    cues = load_cues("en")
    assert cues is not None
    return suggest((CORPUS / name / "article.txt").read_text("utf-8"), cues)


def containing(found: list[Suggestion], words: str) -> Suggestion:
    (match,) = [s for s in found if words in s.quote]
    return match


def test_a_figure_sourced_in_the_sentence_before_is_no_unsourced_number() -> None:
    # "The study found that …" then "Similarly, while 7 out of every 10 Americans die …"
    found = drafts("nih-prevention-research-2019")
    similarly = containing(found, "7 out of every 10 Americans")
    assert similarly.kind.value == "evidence"
    assert "unsourced number" not in similarly.techniques
    assert "no source" not in similarly.why
    assert "the sentence before" in similarly.why


def test_a_figure_whose_source_is_named_in_the_same_sentence_is_evidence() -> None:
    found = drafts("robesonian-influenza-1918")
    camps = containing(found, "New cases reported from Army camps")
    assert camps.kind.value == "evidence"
    assert "no source" not in camps.why


@pytest.mark.parametrize(
    ("sentence", "figure", "kind"),
    [
        ("Dear Editor: I am 8 years old.", "8", "age"),
        ("people aged 18 to 25 were surveyed", "18", "age"),
        ("symptoms that last over 12 months", "12", "duration"),
        ("since the outbreak of the influenza epidemic September 13 is 2,313", "13", "date"),
        (
            "since the outbreak of the influenza epidemic September 13 is 2,313",
            "2,313",
            "statistic",
        ),
        ("during fiscal years 2012 through 2017", "2017", "year"),
        ("while the top-10 risk factors for death", "10", "identifier"),
        ("COVID-19 vaccines do not change your DNA", "19", "identifier"),
        ("reach their offices at 8:30 A.M. and leave", "8", "time"),
        ("Normal weight: 18.5-24.9", "18.5", "range"),
        ("There are 20,000 cases in Tientsin", "20,000", "statistic"),
    ],
)
def test_numbers_are_classified(sentence: str, figure: str, kind: str) -> None:
    assert {n.text: n.kind for n in numbers(sentence)}[figure] == kind


@pytest.mark.parametrize("name", ARTICLES)
def test_no_unsourced_number_call_on_an_age_a_duration_a_date_or_a_name(name: str) -> None:
    for draft in drafts(name):
        if "unsourced number" in draft.techniques:
            figure = draft.why.split("‘")[1].split("’")[0]
            kinds = {n.text: n.kind for n in numbers(draft.quote)}
            assert kinds[figure] == "statistic", (name, draft.quote)


def test_a_definition_and_a_table_of_classes_get_no_draft() -> None:
    found = drafts("nci-extreme-obesity-2014")
    for draft in found:  # statements and candidates alike
        assert "which is a measure of total body fat" not in draft.quote
        assert not draft.quote.startswith(("Normal weight", "Overweight", "Class I"))


def test_an_instruction_for_use_gets_no_draft() -> None:
    found = drafts("judson-herb-pills-1860")
    assert not [d for d in found if "From one to four should be taken" in d.quote]


def test_reported_speech_is_split_into_the_saying_and_the_claim_said() -> None:
    found = drafts("nyt-influenza-cables-1918")
    saying = containing(found, "said a Dutch tailor")
    assert saying.quote.startswith("said a Dutch tailor")
    assert saying.kind.value == "evidence"
    claim = containing(found, "comes from Germany and will doubtless soon reach")
    assert "said a Dutch tailor" not in claim.quote
    assert claim.kind.value != "evidence"
    doctors = containing(found, "the German army doctors say")
    assert doctors.kind.value == "evidence"
    predicted = containing(found, "it will be difficult to prevent further spread")
    assert predicted.kind.value == "inference"


def test_according_to_is_the_saying_and_what_it_introduces_the_claim() -> None:
    found = drafts("nci-extreme-obesity-2014")
    source = containing(found, "according to results of an analysis")
    assert source.quote.startswith("according to") and source.kind.value == "evidence"
    lead = containing(found, "Adults with extreme obesity have increased risks")
    assert "according to" not in lead.quote


def test_the_central_correlation_comes_first_and_is_in_the_core() -> None:
    found = drafts("nci-extreme-obesity-2014")
    lead = containing(found, "Adults with extreme obesity have increased risks")
    assert lead.kind.value == "inference"
    assert lead.core
    assert "not that one causes the other" in lead.why
    assert "built on" in lead.why
    assert sum("built on" in d.why for d in found) == 1  # one central move, not every link


def test_a_fact_checks_myths_are_not_suggested_as_its_claims() -> None:
    found = drafts("cdc-vaccine-myths-2021")
    assert not [d for d in found if d.quote.startswith("Myth")]
    assert not [d for d in found if d.quote.startswith("Fact:")]  # the label is left out


@pytest.mark.parametrize("name", ARTICLES)
def test_no_two_drafts_of_a_lesson_share_a_reason_word_for_word(name: str) -> None:
    whys = [d.why for d in drafts(name)]
    assert len(whys) == len(set(whys)), name


def test_a_reason_names_what_it_found_in_the_statement() -> None:
    found = drafts("judson-herb-pills-1860")
    invariably = containing(found, "are invariably corrected")
    assert "‘invariably’" in invariably.why
    assert "‘invariably’" not in containing(found, "safest and surest").why


def test_a_check_names_where_to_look() -> None:
    found = drafts("nih-prevention-research-2019")
    published = containing(found, "published today in the journal JAMA Network Open")
    assert published.check is not None and "JAMA Network Open" in published.check


def test_how_sure_orders_the_statements_least_sure_first() -> None:
    found = [d for d in drafts("outlook-influenza-1918") if not d.candidate]
    assert [d.sure for d in found] == sorted(d.sure for d in found)


@pytest.mark.parametrize("name", ARTICLES)
def test_a_lesson_sized_draft_balanced_with_a_core(name: str) -> None:
    found = drafts(name)
    statements = [d for d in found if not d.candidate]
    words = len((CORPUS / name / "article.txt").read_text("utf-8").split())
    size = max(12, default_size(words))  # twelve, or more on a long article
    assert len(statements) <= size
    kinds = [d.kind for d in statements]
    for kind in set(kinds):
        if kinds.count(kind) > (size + 1) // 2:  # over half only when no sure passage of another
            left = [
                d for d in found if d.candidate and d.kind != kind and d.reading_sure >= MIN_SURE
            ]
            assert not left, name
    core = [d for d in statements if d.core]
    assert not core or 6 <= len(core) <= 9
    ids = [d.id for d in found]
    assert len(ids) == len(set(ids))


def test_statements_asks_for_another_size() -> None:
    cues = load_cues("en")
    assert cues is not None
    text = Path(CORPUS / "sun-santa-claus-1897" / "article.txt").read_text("utf-8")
    assert len([d for d in suggest(text, cues, statements=5) if not d.candidate]) == 5
    assert len([d for d in suggest(text, cues, statements=20) if not d.candidate]) == 20


def test_a_teachers_cues_file_extends_the_reading_lists(tmp_path: Path) -> None:
    sentence = "The mayor proclaimed that the new bridge will open before the winter floods."
    built_in = load_cues("en", tmp_path)
    assert built_in is not None
    assert [d.quote for d in suggest(sentence, built_in)] == [sentence]  # one, not split
    (tmp_path / "cues").mkdir()
    (tmp_path / "cues" / "en.yaml").write_text("reading:\n  speech_verbs: [proclaimed]\n")
    own = load_cues("en", tmp_path)
    assert own is not None
    quotes = {d.quote: d.kind.value for d in suggest(sentence, own)}
    assert quotes == {
        "The mayor proclaimed": "evidence",
        "the new bridge will open before the winter floods.": "inference",
    }
