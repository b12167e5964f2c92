"""Slips a teacher had to mend in drafts (a cold run of the studio on an article of its own):
a why that read "what the state health department 's found", and a quote that opened a
quotation and stopped before its closing mark."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from medialit.drafting.suggest import load_cues, suggest
from medialit.lesson.reading import read_lesson

from .conftest import DATA, run_cli

ARTICLE = (
    "Town Council Votes to Close the Pool\n\n"
    "Parents who spoke at the meeting were angry. Maria Chen, who has two children, said that "
    'the pool was "the one place where kids from every neighbourhood meet." She collected 900 '
    "signatures on a petition to keep it open.\n\n"
    "The state health department's 2022 survey found that fewer than half of children in "
    "Millbrook can swim 25 metres. The agency’s latest report found that most pools are old. "
    "Smith's 2021 study found that pools close in winter.\n\n"
    "It had carried out the “first aircraft accident investigation on another world.” "
    "Everyone knows the pool was badly run.\n"
)


def _drafts() -> dict[str, str]:
    return {s.quote: s.why for s in suggest(ARTICLE, load_cues("en"), "en")}


def test_a_possessive_source_is_named_whole() -> None:
    whys = _drafts()
    survey = next(w for q, w in whys.items() if q.startswith("The state health"))
    assert "what the state health department's 2022 survey found" in survey, survey
    report = next(w for q, w in whys.items() if q.startswith("The agency"))
    assert "the agency’s latest report found" in report, report
    owned = next(w for q, w in whys.items() if q.startswith("Smith's"))
    assert "what Smith's 2021 study found" in owned, owned  # an owner's name, as written
    assert " 's" not in " ".join(whys.values()) and " ’s" not in " ".join(whys.values())


def test_a_name_that_owns_the_source_keeps_its_the() -> None:
    """'the “Nation’s Report Card”' was named "Nation’s Report Card" (a cold review of the
    corpus's press release)."""
    article = (
        "Agency Releases Scores\n\n"
        "The institute today released the 2017 assessment, commonly referred to as the "
        "“Nation’s Report Card”. The scores rose in 12 states.\n"
    )
    whys = " ".join(s.why for s in suggest(article, load_cues("en"), "en"))
    assert "the Nation’s Report Card" in whys, whys


def test_a_quotation_opened_in_a_quote_is_closed_in_it() -> None:
    quotes = list(_drafts())
    assert 'the pool was "the one place where kids from every neighbourhood meet."' in quotes
    assert any(q.endswith("on another world.”") for q in quotes), quotes
    for quote in quotes:
        assert quote.count('"') % 2 == 0 and quote.count("“") == quote.count("”"), quote


def test_new_fills_in_the_headline_for_the_citation(tmp_path: Path) -> None:
    """The source's ``title`` (the headline as published, which the key's citation prints)
    was left out though `new` had read it: the teacher typed it in again."""
    (tmp_path / "pool.txt").write_text(ARTICLE, encoding="utf-8")
    made = run_cli(["new", "pool.txt"], cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    lesson = YAML(typ="safe").load(
        (tmp_path / "lessons" / "town-council-votes-to-close-the-pool.yaml").read_text()
    )
    assert lesson["source"]["title"] == "Town Council Votes to Close the Pool"


def test_new_writes_core_in_reading_order(tmp_path: Path) -> None:
    """The studio keeps a selection in reading order, and docs/preview.md says so; `new` wrote
    ``core`` in its statements' order, least sure first."""
    made = run_cli(["new", DATA / "news-story.html", "--name", "main-street"], cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    lesson = read_lesson(tmp_path / "lessons" / "main-street.yaml")
    number = {s.annotation.id: n for n, s in enumerate(lesson.statements, 1)}
    core = [number[i] for i in lesson.lesson.selections["core"]]
    assert len(core) >= 6 and core == sorted(core), core
