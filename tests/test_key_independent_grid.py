"""The independent key's answers at a glance say where each statement starts.

The independent student sheet prints no statement numbers (an unmarked article with line
numbers), so a grid of numbers alone would name statements the class cannot find.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from click.testing import CliRunner

from medialit.cli import main

from .conftest import ROOT


def key_pdf(tmp_path: Path, level: str) -> Path:
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(ROOT / "lessons" / "school-start-time.yaml"),
            "--level",
            level,
            "--out",
            str(tmp_path / level),
        ],
    )
    assert result.exit_code == 0, result.output
    (pdf,) = (tmp_path / level).glob("*/key*.pdf")
    return pdf


def text_of(pdf: Path, *layout: str) -> str:
    return subprocess.run(
        ["pdftotext", *layout, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_the_independent_grid_gives_paragraph_and_line(tmp_path: Path) -> None:
    pdf = key_pdf(tmp_path, "independent")
    text = text_of(pdf, "-layout")
    grid = text.split("Answers at a glance", 1)[1].split("lists other kinds to accept", 1)[0]
    places = re.findall(r"¶ (\d+), line (\d+)", grid)
    # The answers further on give each statement's place too: the grid agrees with them.
    answers = text_of(pdf).split("Model answers", 1)[1]
    assert places
    assert places == re.findall(r"\(¶\s*(\d+),\s*line\s*(\d+)\)", answers)


def test_a_numbered_sheet_grid_has_no_places(tmp_path: Path) -> None:
    text = text_of(key_pdf(tmp_path, "standard"), "-layout")
    grid = text.split("Answers at a glance", 1)[1].split("lists other kinds to accept", 1)[0]
    assert "¶" not in grid
