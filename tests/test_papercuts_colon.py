"""The key's other versions' answers put the language's space before the colon after each
version's name: a no-break space in French, none in English."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from medialit.cli import main

from .conftest import DATA

pytestmark = pytest.mark.build


@pytest.mark.parametrize(
    ("lesson", "other"),
    [("lesson-fr.yaml", "Version B\u00a0:"), ("good-lesson.yaml", "Version B:")],
)
def test_the_other_versions_line_uses_the_language_s_colon(
    tmp_path: Path, lesson: str, other: str
) -> None:
    result = CliRunner().invoke(
        main,
        ["build", str(DATA / lesson), "--out", str(tmp_path), "--versions", "2", "--quiet"],
    )
    assert result.exit_code == 0, result.output
    keys = sorted(tmp_path.glob("*/key*-A.pdf"))
    assert keys, sorted(p.name for p in tmp_path.rglob("*.pdf"))
    # pypdf, not pdftotext, which prints a no-break space as a plain space
    text = "".join(page.extract_text() for page in PdfReader(keys[0]).pages)
    assert other in text, text[:400]
