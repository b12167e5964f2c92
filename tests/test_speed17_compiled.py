"""Templates compile once a process: an environment is made for each search path (each lesson's
folder), and each compiled the built-in templates afresh, 0.1-0.2 s of CPU a build, a check
and a preview's worker. The preview's fork server compiles them before it forks the workers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from medialit.render.templates import environment

from .preview_helpers import LESSON

# Counts what Jinja compiles while the worksheet and key of a lesson are rendered: in this
# process, in folders it has not rendered in; and in a preview's worker.
SCENE = """
import os, sys
from pathlib import Path

import jinja2

from medialit.preview.pages import PageChoice, make_executor, plan_documents
from medialit.settings.layers import Configuration


def compiled_while_planning(lesson: Path) -> list[str]:
    compiled = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return original(self, source, name, filename, *args, **kwargs)

    jinja2.Environment.compile = counting
    try:
        os.chdir(lesson.parent)
        plan_documents(lesson, Configuration(), PageChoice())
    finally:
        jinja2.Environment.compile = original
    return compiled


if __name__ == "__main__":
    first, second, third = (Path(arg) for arg in sys.argv[1:])
    print("here, first folder:", sorted(compiled_while_planning(first)))
    print("here, second folder:", sorted(compiled_while_planning(second)))
    executor = make_executor()
    print("worker:", sorted(executor.submit(compiled_while_planning, third).result(timeout=120)))
    executor.shutdown()
"""


def _lessons(tmp_path: Path) -> list[Path]:
    lessons = []
    for name in ("one", "two", "three"):
        (tmp_path / name).mkdir()
        lessons.append(tmp_path / name / "lesson.yaml")
        lessons[-1].write_text(LESSON, encoding="utf-8")
    return lessons


def test_a_second_folder_and_a_preview_worker_compile_no_template_again(tmp_path: Path) -> None:
    scene = tmp_path / "scene.py"
    scene.write_text(SCENE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(scene), *map(str, _lessons(tmp_path))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    first, second, worker = done.stdout.splitlines()
    assert "student.html" in first and "key.html" in first, first  # the scene counts
    assert second == "here, second folder: []"
    assert worker == "worker: []"


def test_a_teachers_edited_template_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kept by the template's source too: the teacher's edit is what renders next."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "templates"
    folder.mkdir()
    note = folder / "note.html"
    note.write_text("first {{ word }}", encoding="utf-8")
    assert environment([folder]).get_template("note.html").render(word="x") == "first x"
    other = tmp_path / "again"
    other.mkdir()
    monkeypatch.chdir(other)  # another environment, as another build in another folder makes
    note.write_text("second {{ word }}", encoding="utf-8")
    assert environment([folder]).get_template("note.html").render(word="x") == "second x"
