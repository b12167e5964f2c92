"""Words the sheets print, checked in the HTML the build makes (no PDF laid out).

Each test here replaces a check that built PDFs only to find in their text words that the
HTML already holds; the PDFs' own properties (pages, fonts, tags, metadata, what students
must never see) are still checked on real PDFs elsewhere.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medialit.lesson.model import KIND_ORDER
from medialit.lesson.reading import read_lesson
from medialit.render.typography import typographic

from .conftest import DATA, configuration
from .golden_support import plan, sheet_text, sheets_html
from .test_class_set import LESSON, SEED_LESSON


def test_the_cover_numbers_its_pages(tmp_path: Path) -> None:
    """Its page counter is CSS in the cover's own HTML template, where autoescape once turned
    the quotes into ``&#34;``: WeasyPrint dropped the rule and the cover had no numbers."""
    roster = tmp_path / "class.csv"
    roster.write_text("name\nAna\nBen\n")
    made = plan(DATA / "sample.yaml", roster=roster)
    cover = next(doc.html for doc in made.outputs if doc.file == "cover.pdf")
    found = re.search(r"@bottom-right \{\s*content: ([^;]*);", cover)
    assert found and found.group(1) == '"Page " counter(page) " of " counter(pages)', found


@pytest.fixture(scope="module")
def bridge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The class-set tests' small lesson, with a selection, a glossary and a plan."""
    file = tmp_path_factory.mktemp("bridge") / "bridge.yaml"
    file.write_text(LESSON)
    return file


def test_standard_sheet_has_no_glossary_unless_asked(bridge: Path) -> None:
    """Was tests/test_class_set.py, with two builds of PDFs."""
    pages = sheets_html(bridge, select="short")
    assert "Words and names" not in sheet_text(pages["student-short.html"])
    assert "Words and names" in sheet_text(pages["key-short.html"])
    asked = configuration(glossary_levels=["standard"])
    pages = sheets_html(bridge, select="short", configuration=asked)
    assert "Words and names" in sheet_text(pages["student-short.html"])


def test_excerpt_keeps_only_the_paragraphs_with_statements(bridge: Path) -> None:
    """Was tests/test_class_set.py, with a build of PDFs."""
    text = sheet_text(sheets_html(bridge, select="short", excerpt=True)["student-short.html"])
    assert "Everyone agrees" not in text and "Nobody will miss it" not in text
    assert text.count("[…]") >= 3  # two omissions in the article, and the note that explains
    article = text[text.index("The article") :]
    assert (
        article.index("The mayor said")
        < article.index("[…]")
        < article.index("The council’s report")
    )
    assert "A. Writer, “The bridge will close”, The Paper, 2 January 2020. " in text
    assert "https://example.org/bridge" in text


def test_selection_in_a_class_pack(bridge: Path, tmp_path: Path) -> None:
    """Was tests/test_class_set.py, with a class pack built."""
    roster = tmp_path / "class.csv"
    roster.write_text("name,level,version\nAna,guided,A\nBen,,B\n")
    made = plan(bridge, roster=roster, select="short")
    assert made.class_pack is not None
    copies = [sheet_text(copy.html) for copy in made.class_pack.layouts]
    assert len(copies) == 2
    assert all("So the bridge must go. (¶3)" in copy for copy in copies)
    assert not any("Nobody will miss it. (¶" in copy for copy in copies)


def test_seed_key_has_every_explanation() -> None:
    """Was tests/test_lessons.py, reading the whole key's PDF."""
    checked = read_lesson(SEED_LESSON)
    text = sheet_text(sheets_html(SEED_LESSON)["key.html"])
    for statement in checked.statements:
        assert typographic(" ".join(statement.annotation.why.split()[:8])) in text
    counts = checked.count_by_kind()
    assert f"At a glance: {len(checked.statements)} statements" in text
    for kind in KIND_ORDER:
        assert kind.value.capitalize() in text and counts[kind] > 0


def test_seed_prints_the_rule_the_key_applies() -> None:
    """Was tests/test_class_set.py, on the PDF of ``--select core``."""
    text = sheet_text(sheets_html(SEED_LESSON, select="core")["student-core.html"])
    assert "“Experts argue” or “it was reported” names no one you could ask." in text
    assert "reproduced as published, errors included" in text


def test_guided_has_starters_word_bank_and_whole_statements() -> None:
    """Was tests/test_levels.py, on a guided PDF."""
    text = sheet_text(sheets_html(DATA / "sample.yaml", ["guided"])["student-guided.html"])
    assert "Word bank:" in text and "conclusion" in text
    assert text.count("This is ________ because…") == 3
    assert text.count("To check this I would…") == 3
    # the whole statement, not only its opening words, is in the table
    assert "Therefore the canteen must be failing. (¶1)" in text


def test_independent_key_gives_model_answers() -> None:
    """Was tests/test_levels.py, on an independent key's PDF."""
    pages = sheets_html(DATA / "sample.yaml", ["independent"])
    text = sheet_text(pages["key-independent.html"])
    assert "Model answers" in text and "It names a source and a figure" in text
