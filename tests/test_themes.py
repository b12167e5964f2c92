"""Themes: the built-in high-readability theme, and a teacher's own theme folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import DATA, assert_no_answers, build, paint_colours, pdf_fonts, pdf_pages, pdf_text

pytestmark = pytest.mark.build

PAGE_TINT = "#fbf6e6"


@pytest.fixture(scope="module")
def readable(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build(DATA / "sample.yaml", tmp_path_factory.mktemp("hr"), theme="high-readability")


def test_high_readability_looks_clearly_different(
    readable: dict[str, Path], sample_build: dict[str, Path]
) -> None:
    # A sans serif only (Andika), never an italic; the default uses Charis SIL for the article.
    assert pdf_fonts(readable["student.pdf"]) <= {"Andika", "Andika-Bold"}
    assert any(f.startswith("Charis") for f in pdf_fonts(sample_build["student.pdf"]))
    # An off-white page tint, which the default does not have.
    assert PAGE_TINT in paint_colours(readable["student.pdf"])
    assert PAGE_TINT in paint_colours(readable["key.pdf"])
    assert PAGE_TINT not in paint_colours(sample_build["student.pdf"])
    # Larger print and more space: the same lesson needs more pages.
    pages = len(PdfReader(readable["student.pdf"]).pages)
    assert pages > len(PdfReader(sample_build["student.pdf"]).pages)
    html = readable["student.html"].read_text()
    assert "font-size: 13pt" in html and "text-transform: none" in html
    assert "justify" not in html


def test_high_readability_keeps_every_part_and_no_answers(readable: dict[str, Path]) -> None:
    text = pdf_text(readable["student.pdf"])
    for part in ("Your task", "Sort the statements", "Discuss", "Page 1 of"):
        assert part in text
    assert_no_answers(DATA / "sample.yaml", readable["student.pdf"], readable["student.html"])
    key = pdf_text(readable["key.pdf"])
    assert "It names a source and a figure that can be checked." in key


def test_a_teachers_theme_folder(tmp_path: Path) -> None:
    theme = tmp_path / "my-theme"
    (theme / "images").mkdir(parents=True)
    (theme / "images" / "stripe.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<rect width="10" height="10" fill="#2a9d8f"/></svg>'
    )
    (theme / "theme.toml").write_text('font_family = "Andika"\nwriting_lines = 1\n')
    (theme / "theme.css").write_text(
        ".sheet-header { background: url(\"{{ asset('images/stripe.svg') }}\"); }\n"
    )
    (theme / "student.html").write_text(
        '{% extends "!student.html" %}{% block header %}<p>Theme banner</p>{{ super() }}'
        "{% endblock %}"
    )
    outputs = build(DATA / "sample.yaml", tmp_path / "out", theme=str(theme))
    text = pdf_text(outputs["student.pdf"])
    assert text.startswith("Theme banner") or "Theme banner" in text
    assert text.count("How do you know?") == 3  # one writing line each, label once per statement
    assert "#2a9d8f" in paint_colours(outputs["student.pdf"])  # the theme's image was loaded
    assert pdf_fonts(outputs["student.pdf"]) <= {"Andika", "Andika-Bold"}
    assert_no_answers(DATA / "sample.yaml", outputs["student.pdf"], outputs["student.html"])


def test_long_objectives_do_not_leave_the_first_page_empty(tmp_path: Path) -> None:
    """Large print makes the key's objectives taller than a page; they must still start on it."""
    objective = "Tell the difference between evidence that someone made a claim and evidence " * 3
    lesson = tmp_path / "long.yaml"
    lesson.write_text(
        (DATA / "sample.yaml").read_text()
        + "objectives:\n"
        + "".join(f"  - {n}. {objective}\n" for n in range(1, 13))
    )
    outputs = build(lesson, tmp_path / "out", theme="high-readability", font_size="14pt")
    first_page = pdf_pages(outputs["key.pdf"])[0]
    assert "At a glance: 3 statements" in first_page
    assert "1. Tell the difference" in first_page
