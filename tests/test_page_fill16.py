"""How full a last page is sees faint answer lines (the studio's cold run): measured at 36 dpi,
four lines of 0.5 pt light grey under a question faded into the paper, and the build called
the page 6 % used where the page's images showed about 18 %. Measured at 72 dpi now; a page
tint (the high-readability theme's paper colour) is still paper."""

from __future__ import annotations

from pathlib import Path

from medialit.layout.page_fill import NEARLY_EMPTY, page_fill
from medialit.layout.pdf import html_to_pdf

FIRST = "<p style='break-after: page'>First page.</p>"
LINES = "<div style='height: 12mm; border-bottom: 0.5pt solid #ccc'></div>" * 6


def _fill(tmp_path: Path, body: str, style: str = "") -> float:
    html = f"<html lang='en'><head><style>{style}</style></head><body>{body}</body></html>"
    pdf, _ = html_to_pdf(html, base_folder=tmp_path, allowed_folders=[])
    fill = page_fill(pdf)
    assert fill.pages == 2
    return fill.last_page_used


def test_faint_answer_lines_count_as_the_page_s_content(tmp_path: Path) -> None:
    with_lines = _fill(tmp_path, f"{FIRST}<p>A question?</p>{LINES}")
    question_only = _fill(tmp_path, f"{FIRST}<p>A question?</p>")
    # Six lines of 12 mm reach some 80 mm down a printable height of about 257 mm.
    assert with_lines > NEARLY_EMPTY > question_only, (with_lines, question_only)


def test_a_tinted_page_is_paper(tmp_path: Path) -> None:
    tinted = _fill(tmp_path, f"{FIRST}<p>A question?</p>", "@page { background: #fbf6e6; }")
    assert tinted < 0.1
