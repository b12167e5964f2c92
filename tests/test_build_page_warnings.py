"""Issue 24 item 5: ``medialit build`` warns, as the preview does, when a sheet's last page is
nearly empty and when a change made a sheet grow a page.

``medialit build`` (run in this process: its warnings are the point, not the process) lays out
real PDFs with WeasyPrint; the pages are read back with pdftotext to see that the warnings say
what the paper shows.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from medialit.layout.page_fill import NEARLY_EMPTY, page_fill

from .conftest import run_cli
from .preview_helpers import LESSON

pytestmark = pytest.mark.build

# The two-statement lesson's student sheet: page 2 holds only statement 2's box.
SHORT = LESSON
# With 19 more paragraphs its student sheet fills two pages; one more makes it three.
FILLER = "\n  Paragraph {n} repeats what readers said about the hours at the library, at some length, so that it fills a line or two.\n"
LAST = "  Some readers complained. The mayor did not answer.\n"


def longer(paragraphs: int) -> str:
    return LESSON.replace(
        LAST, LAST + "".join(FILLER.format(n=n) for n in range(4, 4 + paragraphs))
    )


def build(folder: Path, text: str) -> list[str]:
    (folder / "lesson.yaml").write_text(text, encoding="utf-8")
    done = run_cli(["build", "lesson.yaml", "--quiet"], folder, env={"HOME": str(folder)})
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stderr.splitlines()


def last_page_text(pdf: Path) -> str:
    pages = page_fill(pdf.read_bytes()).pages
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(pages), "-l", str(pages), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_a_nearly_empty_last_page_is_named_with_what_to_do(tmp_path: Path) -> None:
    lines = build(tmp_path, SHORT)
    student = Path("build") / "lesson" / "student.pdf"
    assert lines == [
        f"Warning: lesson.yaml: the last page of {student} is nearly empty (about 9% used): "
        "printed double-sided, a whole sheet carries only a few lines; shorten the text or set "
        "a smaller font_size (medialit.toml, or the lesson's worksheet:) to save it."
    ]
    # What the paper shows: page 2 of 2 holds statement 2's box and the footer, nothing more.
    fill = page_fill((tmp_path / student).read_bytes())
    assert fill.pages == 2 and fill.last_page_used < NEARLY_EMPTY
    text = " ".join(last_page_text(tmp_path / student).split())
    assert "Everyone knows the old hours were better." in text
    assert "The council's website" not in text
    # The key's last page is well used: not named.
    assert not page_fill((tmp_path / "build" / "lesson" / "key.pdf").read_bytes()).nearly_empty


def test_a_sheet_that_grew_a_page_is_named_once(tmp_path: Path) -> None:
    assert build(tmp_path, longer(19)) == []
    out = tmp_path / "build" / "lesson"
    assert page_fill((out / "student.pdf").read_bytes()).pages == 2
    record = json.loads((out / ".made-by-medialit").read_text())["record"]
    assert record["pages"]["student.pdf"] == 2
    # One paragraph more: the student sheet grows to a third page, nearly empty.
    lines = build(tmp_path, longer(20))
    student = Path("build") / "lesson" / "student.pdf"
    assert lines[0] == (
        f"Warning: lesson.yaml: {student} grew from 2 to 3 pages since the last build: if that "
        "was not meant, shorten what changed, or set a smaller font_size (medialit.toml, or "
        "the lesson's worksheet:)."
    )
    assert lines[1].startswith(f"Warning: lesson.yaml: the last page of {student} is nearly")
    assert len(lines) == 2
    assert page_fill((out / "student.pdf").read_bytes()).pages == 3
    # Built again unchanged: it did not grow again; its last page is still nearly empty.
    again = build(tmp_path, longer(20))
    assert len(again) == 1 and "nearly empty" in again[0]
    # Shortened: fewer pages, no warning at all.
    assert build(tmp_path, longer(19)) == []
