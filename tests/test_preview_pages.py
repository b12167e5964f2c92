"""The pages pane: real WeasyPrint layouts drawn to PNG by pdfium, and the printing warnings."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from medialit.layout.page_fill import page_fill
from medialit.layout.pdf import html_to_pdf
from medialit.preview.pages import (
    SCALE,
    PageChoice,
    lay_out_all,
    page_warnings,
    plan_documents,
    rasterise,
)
from medialit.settings.layers import Configuration

from .conftest import ROOT

pytestmark = pytest.mark.build

SEED = ROOT / "lessons" / "washington-isis-syria-2017.yaml"
A4_POINTS = (595.28, 841.89)
NEARLY_FULL = 0.75


def test_the_seed_worksheet_comes_back_as_its_page_images(
    built_lessons: dict[Path, dict[str, Path]],
) -> None:
    # The session's build of every lesson (read only), as `medialit build` prints it.
    built = built_lessons[SEED]
    printed = len(PdfReader(built["student.pdf"]).pages)
    assert {"student.pdf", "key.pdf"} <= set(built) and printed >= 7
    jobs = plan_documents(SEED, Configuration(), PageChoice())
    assert [name for name, _, _ in jobs] == ["student", "key"]
    # One thread: pdfium draws one page at a time in a process (two threads drawing at once
    # crashed the test's worker, once the layouts came from the cache quickly enough to meet;
    # the preview's own pool draws in worker processes).
    with ThreadPoolExecutor(max_workers=1) as executor:
        laid_out = dict(lay_out_all(executor, jobs, SEED.parent))
    student = laid_out["student"]
    assert student.error is None
    assert len(student.pages) == printed  # as many as medialit build prints
    assert len(laid_out["key"].pages) > len(student.pages)
    for png in student.pages:
        image = Image.open(io.BytesIO(png))
        assert image.format == "PNG"
        assert image.size == (round(A4_POINTS[0] * SCALE), round(A4_POINTS[1] * SCALE))
    first = Image.open(io.BytesIO(student.pages[0])).convert("L")
    assert first.getextrema()[0] < 60  # text is drawn, not a blank page
    assert page_warnings("student", student, printed, "student sheet") == []


def test_the_version_shown_is_the_one_chosen() -> None:
    jobs = plan_documents(SEED, Configuration(), PageChoice("guided", "B"))
    student_html, key_html = jobs[0][1], jobs[1][1]
    assert "Version B" in student_html and "Version A" not in student_html
    assert "Guided (" in key_html and "Version B" in key_html


def _pdf(html: str, tmp_path: Path) -> bytes:
    pdf, _ = html_to_pdf(html, base_folder=tmp_path, allowed_folders=[])
    return pdf


def test_a_nearly_empty_last_page_and_an_added_page_are_reported(tmp_path: Path) -> None:
    page = "<p style='break-after: page'>" + "Words on a full page. " * 400 + "</p>"
    laid_out = rasterise(
        _pdf(f"<html lang='en'><body>{page}<p>One last line.</p></body></html>", tmp_path)
    )
    assert len(laid_out.pages) >= 2
    assert 0 < laid_out.last_page_used < 0.1
    warnings = page_warnings("student", laid_out, len(laid_out.pages) - 1, "student sheet")
    count = len(laid_out.pages)
    share = round(laid_out.last_page_used * 100)
    assert warnings == [
        f"The student sheet grew from {count - 1} to {count} pages with the last change.",
        f"The last page of the student sheet is nearly empty (about {share}% used): printed "
        "double-sided, a whole sheet carries only a few lines. Shorten the text or change the "
        "font size to save it.",
    ]


def test_the_pages_pane_says_how_full_the_last_page_is_as_the_build_does(
    tmp_path: Path,
) -> None:
    """Faint answer lines under a question: the pane's images (108 dpi) saw them, the build
    (36 dpi) did not, and the two said 18 % and 6 % of the same sheet."""
    page = "<p style='break-after: page'>First page.</p><p>A question?</p>"
    lines = "<div style='height: 8mm; border-bottom: 0.5pt solid #ccc'></div>" * 4
    pdf = _pdf(f"<html lang='en'><body>{page}{lines}</body></html>", tmp_path)
    assert rasterise(pdf).last_page_used == page_fill(pdf).last_page_used


def test_a_full_last_page_is_not_reported(tmp_path: Path) -> None:
    page = "<p style='break-after: page'>First page.</p>"
    full = "<div style='height: 200mm; border: 2px solid black'>A page filled to the end.</div>"
    laid_out = rasterise(_pdf(f"<html lang='en'><body>{page}{full}</body></html>", tmp_path))
    assert len(laid_out.pages) == 2
    assert laid_out.last_page_used > NEARLY_FULL
    assert page_warnings("key", laid_out, len(laid_out.pages), "answer key") == []
