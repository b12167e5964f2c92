"""Where a draft's reason sends a student to check: the study's journal only for the study,
and a figure's source said as a place to look (issue 19; a review found "…published, in
Nature" on a city's budget figure, and "Find ‘46’ in Pennsylvania Gov. Edward G. Rendell")."""

from __future__ import annotations

import pytest

from medialit.drafting.suggest import Suggestion, load_cues, suggest

STUDY_AND_CITY = """Coffee and sleep

The study, published in the Journal of Sleep Research, found that students who drank coffee \
after 4 pm slept 40 minutes less.

The city's budget office reported that the trial will cost about $85,000 this year.

The researchers found that 62 percent of the students drank coffee every day.
"""


def _drafts(article: str) -> list[Suggestion]:
    return suggest(article, load_cues("en"), "en")


def _draft(drafts: list[Suggestion], start: str) -> Suggestion:
    found = next((d for d in drafts if d.quote.startswith(start)), None)
    assert found is not None, [d.quote for d in drafts]
    return found


def test_the_journal_is_named_whole_and_only_for_the_study() -> None:
    drafts = _drafts(STUDY_AND_CITY)
    study = _draft(drafts, "The study, published")
    assert "the Journal of Sleep Research" in f"{study.why} {study.check}", study
    researchers = _draft(drafts, "The researchers found")
    assert "the Journal of Sleep Research" in f"{researchers.why} {researchers.check}"
    # The office's words and its figure ("trial" here is the city's, not a study).
    for start in ("The city's budget office", "the trial will cost"):
        budget = _draft(drafts, start)
        assert "Journal" not in f"{budget.why} {budget.check}", budget
        assert "The city's" not in (budget.check or ""), budget  # mid-sentence: "the city's"


@pytest.mark.parametrize("when", ["September", "Spring 2020"])
def test_a_month_or_season_is_not_a_journal(when: str) -> None:
    article = (
        "Lead in lakes\n\nThe findings were published in "
        f"{when}. Scientists found that lead in 12 lakes fell by 60 percent.\n"
    )
    for draft in _drafts(article):
        assert "in September" not in f"{draft.why} {draft.check}".replace(
            "published in September", ""
        ), draft
        assert "study in Spring" not in f"{draft.why} {draft.check}", draft
        assert "study in September" not in f"{draft.why} {draft.check}", draft


def test_a_figure_a_person_gave_is_looked_for_in_what_they_said() -> None:
    article = (
        "Floods\n\nPennsylvania Gov. Edward G. Rendell declared a state of emergency when 46 "
        "of the state's 67 counties were flooded, his office said.\n"
    )
    for draft in _drafts(article):
        assert not (draft.check or "").startswith("Find ‘46’ in Pennsylvania"), draft


def test_a_record_named_by_a_verb_alone_is_not_put_in_brackets() -> None:
    article = (
        "The grant\n\nThe National Oceanic and Atmospheric Administration awarded the "
        "university $2.5 million on Tuesday for ocean research.\n"
    )
    for draft in _drafts(article):
        assert "(awarded)" not in (draft.check or ""), draft


@pytest.mark.parametrize(
    ("written", "journal"),
    [
        ("The study was published in Nature on Monday.", "Nature"),
        ("It was published in the Lancet on March 3.", "the Lancet"),
        ("It was published in Science and The Guardian reported it.", "Science"),
        ("It appeared in the September issue of Environmental Science and Technology.",
         "Environmental Science and Technology"),
        ("It was published in the Journal of the American Medical Association.",
         "the Journal of the American Medical Association"),
        ("The findings were published in September.", None),
    ],
)  # fmt: skip
def test_the_journal_s_name_stops_where_it_ends(written: str, journal: str | None) -> None:
    """A review found "the study in Nature on Monday" and "Science and The Guardian"."""
    _, words = load_cues("en")
    assert words.journal_in(written) == journal


def test_a_figure_from_a_document_is_found_in_the_document() -> None:
    """ "a city traffic count from last September" is no one who publishes or says (its
    capital is a month's); the README's own example page (a review)."""
    article = (
        "Traffic\n\nAccording to a city traffic count from last September, about 7,400 "
        "vehicles use that stretch of Main Street on an average Saturday.\n"
    )
    checks = [d.check or "" for d in _drafts(article) if "7,400" in d.quote]
    assert checks and all("published or said" not in check for check in checks), checks
    assert any("Find ‘7,400’ in a city traffic count" in check for check in checks), checks


def test_a_record_that_is_not_the_study_gets_no_journal() -> None:
    """Nothing in "The judgment was published in May." speaks of the study in Science."""
    article = (
        "Bees\n\nThe study was published in Science. The researchers found that bee numbers "
        "fell 30 percent.\n\nCourt records show the farm was fined twice. The judgment was "
        "published in May.\n"
    )
    drafts = _drafts(article)
    assert "in Science" in (_draft(drafts, "The researchers found").check or "")
    for draft in drafts:
        if draft.quote.startswith(("The judgment", "Court records")):
            assert "Science" not in f"{draft.why} {draft.check}", draft


@pytest.mark.parametrize(
    ("language", "article", "check"),
    [
        ("es", "El puente\n\nEl alcalde dijo que el puente se cerrará en marzo.\n",
         "Busque lo que dijo o publicó el alcalde"),
        ("fr", "Le pont\n\nLe maire a dit que le pont fermera en mars.\n",
         "Cherchez ce qu’a dit ou publié le maire"),
    ],
)  # fmt: skip
def test_a_source_mid_sentence_starts_in_small_letters_in_spanish_and_french(
    language: str, article: str, check: str
) -> None:
    """ "Busque lo que dijo o publicó El alcalde" (a review); a name's own article stays."""
    found = suggest(article, load_cues(language), language)
    assert any((d.check or "").startswith(check) for d in found), [d.check for d in found]


@pytest.mark.parametrize(
    ("language", "cue", "why"),
    [
        ("en", "Apparently", "‘Apparently’ hedges it"),
        ("es", "Al parecer", "«Al parecer» lo matiza"),
        ("fr", "Apparemment", "«\u202fApparemment\u202f» le nuance"),
    ],
)
def test_a_hedged_draft_made_an_assertion_is_offered_a_hedged_reason(
    language: str, cue: str, why: str
) -> None:
    """The offer after a kind change said "stated as fact" of "Apparently, sales went up…"
    (a newcomer's run): hedged, its reason says so, in each language."""
    from medialit.drafting.reasons import Finding, check_for, why_for
    from medialit.drafting.rekinding import refound
    from medialit.lesson.model import Kind

    offered = refound(Finding("prediction", cue, None), Kind.assertion)
    assert offered.reason == "hedged claim"
    assert why_for(offered, f"{cue}, sales went up.", "sentence", False, language).startswith(why)
    assert check_for(offered, f"{cue}, sales went up.", language)
