"""An installed medialit (a built wheel, not this checkout) builds a lesson from any folder.

``pip install .`` and ``pipx install .`` both install this wheel: its ``medialit`` command
must work from any folder, with the templates, themes, fonts and starter lessons inside it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import DATA, ROOT, pdf_fonts, pdf_text

pytestmark = [pytest.mark.slow, pytest.mark.setup]  # builds and installs a wheel in subprocesses

# Folders whose every file the wheel must carry (the studio's page and its script modules too).
PACKAGE_DATA = ("templates", "themes", "fonts", "starter", "preview/static", "marking/static")


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
    package = ROOT / "src" / "medialit"
    in_wheel = set(zipfile.ZipFile(wheel).namelist())
    for folder in PACKAGE_DATA:
        files = [
            p for p in (package / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts
        ]
        assert files, folder
        for file in files:
            assert f"medialit/{file.relative_to(package).as_posix()}" in in_wheel, file
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

    # The installed `medialit` command (what pipx puts on the PATH) works in any folder, and
    # the package data that starting and customising need travels in the wheel too.
    command = site / "bin" / "medialit"
    result = subprocess.run(
        [str(command), "--version"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.startswith("medialit, version "), result
    result = subprocess.run(
        [str(command), "init", "class"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "class" / "lessons" / "school-start-time.yaml").is_file()
    assert (elsewhere / "class" / "lessons" / "washington-isis-syria-2017.yaml").is_file()
    assert (elsewhere / "class" / "medialit.toml").is_file()
    result = subprocess.run(
        [str(command), "build", "lessons/school-start-time.yaml", "--quiet"],
        cwd=elsewhere / "class",
        env=env,
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    first = elsewhere / "class" / "build" / "school-start-time"
    assert "A later start at Harbury High" in pdf_text(first / "student.pdf")
    assert "Answers" in pdf_text(first / "key.pdf")
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
