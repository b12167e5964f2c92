"""The overview of lessons/README.md is the one ``make overview`` writes from lessons/*.yaml.

The table test fails as soon as a lesson is added, removed or changed (a title, a genre, a
plan's minutes, a statement's kind) without running ``make overview``; the pictures test fails
when a lesson has no picture of its student sheet or a picture outlives its lesson. The script
itself is run on a copy of the lessons, as a teacher runs it, to show it can say "out of date".
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from .conftest import ROOT

SCRIPT = ROOT / "scripts" / "lessons_overview.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lessons_overview", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_table_is_the_one_the_lessons_make() -> None:
    overview = _script()
    readme = (ROOT / "lessons" / "README.md").read_text(encoding="utf-8")
    assert overview.with_table(readme, overview.table(ROOT / "lessons")) == readme, (
        "lessons/README.md's overview is out of date: run  make overview"
    )
    lessons = sorted((ROOT / "lessons").glob("*.yaml"))
    assert len(lessons) >= 3
    for lesson in lessons:  # every lesson has its row, with its picture
        assert f"(`{lesson.name}`)" in readme
        assert f"](overview/{lesson.stem}.png)" in readme


def test_every_lesson_has_its_picture_and_no_other() -> None:
    assert _script().problems(ROOT / "lessons") == []
    for picture in (ROOT / "lessons" / "overview").glob("*.png"):
        assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_check_says_what_is_out_of_date(tmp_path: Path) -> None:
    lessons = tmp_path / "lessons"
    shutil.copytree(ROOT / "lessons", lessons)
    check = [sys.executable, str(SCRIPT), "--lessons", str(lessons), "--check"]
    assert subprocess.run(check, capture_output=True).returncode == 0
    lesson = lessons / "nyt-influenza-cables-1918.yaml"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("difficulty: Intermediate", "difficulty: Advanced"))
    (lessons / "overview" / "school-start-time.png").unlink()
    done = subprocess.run(check, capture_output=True, text=True)
    assert done.returncode == 1
    assert "lessons/README.md: the overview table is out of date: run  make overview" in (
        done.stderr
    )
    assert "lessons/overview/school-start-time.png: missing" in done.stderr
