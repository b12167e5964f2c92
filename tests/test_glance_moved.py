"""The glance panel's counts when the lesson is moved away while they are counted.

CI once saw a traceback in the preview's log: the file was read and checked, then moved
before the review warnings read it again for their lines. The glance now says "problems"
(the lesson view tells the teacher the file is missing), as it does for a file already gone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from medialit.preview import glance as glance_module
from medialit.settings.checks import read_lesson_with_settings

from .conftest import DATA


def test_a_lesson_moved_while_counted_gives_problems_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lesson = tmp_path / "lesson.yaml"
    # A draft left: the review warnings read the file again for the lines they name.
    text = (DATA / "good-lesson.yaml").read_text("utf-8")
    lesson.write_text(text.replace("    kind: ", "    draft: true\n    kind: ", 1), "utf-8")

    def read_then_moved(file: Path, text: str | None = None) -> object:
        checked = read_lesson_with_settings(file, text)
        file.rename(tmp_path / "moved.yaml")  # the teacher moves it at this moment
        return checked

    monkeypatch.setattr(glance_module, "read_lesson_with_settings", read_then_moved)
    assert glance_module.glance_of(lesson) == {"version": "", "problems": True}


def test_a_lesson_in_place_is_counted(tmp_path: Path) -> None:
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text((DATA / "good-lesson.yaml").read_text("utf-8"), "utf-8")
    found = glance_module.glance_of(lesson)
    assert found["problems"] is False and found["version"]
