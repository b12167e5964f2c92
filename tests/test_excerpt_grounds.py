"""An excerpt keeps the paragraphs a printed statement's why rests on (issue 24, item 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .golden_support import sheet_text, sheets_html
from .test_class_set import LESSON


@pytest.mark.parametrize(
    ("why", "kept"),
    [
        ("Drawn from the cost, and from what paragraph 2 says about its age.", True),
        ("Drawn from the cost; the paragraph before gives its age.", True),
        ("Drawn from the cost.", False),
    ],
)
def test_a_paragraph_the_why_names_is_printed(tmp_path: Path, why: str, kept: bool) -> None:
    lesson = tmp_path / "bridge.yaml"
    lesson.write_text(LESSON.replace("why: Drawn from the cost.", f"why: {why}"))
    html = sheets_html(lesson, select="short", excerpt=True)
    student = sheet_text(html["student-short.html"])
    assert ("It’s been there for fifty years." in student) is kept
    # The paragraph with no statement of the selection is printed as text, not as a statement.
    assert "Nobody will miss it" not in student
    assert "Everyone agrees the bridge is ugly." in student if kept else True
