"""An installed medialit (a built wheel, not this checkout) builds a lesson from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import DATA, ROOT, pdf_fonts, pdf_text

pytestmark = pytest.mark.slow  # builds and installs a wheel in subprocesses


def test_wheel_builds_a_lesson_from_an_unrelated_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = wheels.glob("medialit-*.whl")
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    lesson = elsewhere / "lesson.yaml"
    lesson.write_text((DATA / "sample.yaml").read_text())
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run(
        [sys.executable, "-c", "import medialit; print(medialit.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(site)), where.stdout  # the wheel, not the checkout
    result = subprocess.run(
        [sys.executable, "-m", "medialit", "build", "lesson.yaml", "--out", "out"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    student = elsewhere / "out" / "lesson" / "student.pdf"
    assert "Sort the statements" in pdf_text(student)
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(student).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Charis" in f for f in fonts) and any("Andika" in f for f in fonts), fonts

    # The package data that customising needs travels in the wheel too.
    result = subprocess.run(
        [sys.executable, "-m", "medialit", "init", "class"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "class" / "lessons" / "washington-isis-syria-2017.yaml").is_file()
    assert (elsewhere / "class" / "medialit.toml").is_file()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "medialit",
            "build",
            "../lesson.yaml",
            "--theme",
            "high-readability",
        ],
        cwd=elsewhere / "class",
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    readable = elsewhere / "class" / "build" / "lesson" / "student.pdf"
    assert pdf_fonts(readable) <= {"Andika", "Andika-Bold"}
