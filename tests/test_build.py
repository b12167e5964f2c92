"""End-to-end builds of the small sample lesson: real HTML, real PDFs read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from medialit.lesson.reading import read_lesson

from .conftest import DATA, build, pdf_pages, pdf_text

pytestmark = pytest.mark.build

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


def test_student_pdf_has_every_statement_and_no_answer(sample_build: dict[str, Path]) -> None:
    checked = read_lesson(DATA / "sample.yaml")
    text = pdf_text(sample_build["student.pdf"])
    html = sample_build["student.html"].read_text()
    for statement in checked.statements:
        first_words = " ".join(statement.annotation.quote.split()[:4])
        assert first_words.replace("’", "'") in text.replace("’", "'")
        assert statement.annotation.why not in text
        assert statement.annotation.why not in html
        for technique in statement.annotation.techniques:
            assert technique not in text and technique not in html
    for kind in ("evidence", "inference", "assertion"):
        assert f"kind-{kind}" not in html
    assert "Also accept" not in text and "Why:" not in text
    assert "Listen for the council report" not in text  # a question's teacher note


def test_student_sheet_parts(sample_build: dict[str, Path]) -> None:
    text = pdf_text(sample_build["student.pdf"])
    for part in (
        "Name:",
        "Class:",
        "Date:",
        "Your task",
        "Who is behind this?",
        "Sort the statements",
        "How do you know? What would you check?",
        "Discuss",
        "Jo Smith",
        "The Town Gazette",
        "Daily Digest",
        "Page 1 of",
    ):
        assert part in text, part


def test_key_has_every_kind_and_explanation(sample_build: dict[str, Path]) -> None:
    checked = read_lesson(DATA / "sample.yaml")
    text = pdf_text(sample_build["key.pdf"])
    for statement in checked.statements:
        assert " ".join(statement.annotation.why.split()) in text
    for label in (
        "Evidence",
        "Inference",
        "Assertion",
        "Also accept, for half credit: Assertion",
        "unsupported certainty",
        "Listen for the council report",
        "At a glance: 3 statements",
    ):
        assert label in text, label


def test_metadata_title_language_and_tags(sample_build: dict[str, Path]) -> None:
    reader = PdfReader(sample_build["student.pdf"])
    assert reader.metadata is not None
    assert reader.metadata.title == "The school lunch debate: student worksheet"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert "/StructTreeRoot" in root  # tagged for screen readers
    key = PdfReader(sample_build["key.pdf"])
    assert key.metadata is not None and key.metadata.title == "The school lunch debate: answer key"


@pytest.mark.parametrize(("paper", "size"), [("a4", A4), ("letter", LETTER)])
def test_paper_size(tmp_path: Path, paper: str, size: tuple[float, float]) -> None:
    outputs = build(DATA / "sample.yaml", tmp_path, paper=paper)
    for name in ("student.pdf", "key.pdf"):
        reader = PdfReader(outputs[name])
        for page in reader.pages:
            assert float(page.mediabox.width) == pytest.approx(size[0], abs=0.5)
            assert float(page.mediabox.height) == pytest.approx(size[1], abs=0.5)


def test_page_count_matches_footer(sample_build: dict[str, Path]) -> None:
    reader = PdfReader(sample_build["student.pdf"])
    pages = len(reader.pages)
    assert 1 <= pages <= 3
    last = pdf_pages(sample_build["student.pdf"])[-1]
    assert f"Page {pages} of {pages}" in last


def test_statements_numbered_in_reading_order(sample_build: dict[str, Path]) -> None:
    checked = read_lesson(DATA / "sample.yaml")
    positions = [(s.block, s.start) for s in checked.statements]
    assert positions == sorted(positions)
    assert [s.number for s in checked.statements] == list(range(1, len(positions) + 1))


def test_key_summary_does_not_overlap_the_source_box(sample_build: dict[str, Path]) -> None:
    """The summary box sits above the source box (no objectives beside it in the sample)."""
    tops: dict[str, list[float]] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        for words in ("At a glance", "Assertion", "About this article"):
            if words in text:  # the baseline, in points from the bottom
                tops.setdefault(words, []).append(cm[5] + cm[3] * tm[5])

    PdfReader(sample_build["key.pdf"]).pages[0].extract_text(visitor_text=visit)
    summary = tops["At a glance"][0]
    # The answer grid above the summary names the kinds too: take the summary's own row.
    assertion_row = max(top for top in tops["Assertion"] if top < summary)
    assert summary > assertion_row > tops["About this article"][0] + 12


def test_a_layout_problem_crosses_the_process_pool_with_its_place() -> None:
    """Workers hand back typed problems (file and line), not strings."""
    import pickle

    from medialit.build.laying_out import LaidOut
    from medialit.errors import Problem

    problem = Problem("WeasyPrint could not write the PDF.", file=Path("x.html"), line=3)
    sent = pickle.loads(pickle.dumps(LaidOut(problems=(problem,))))
    assert sent.problems == (problem,) and str(sent.problems[0]).startswith("x.html:3: ")
