"""A build that fails keeps the previous PDFs byte for byte and leaves no partial file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.build.run import BuildOptions, build_lesson, build_lessons
from medialit.cli.main import main
from medialit.errors import OutputError, TemplateError
from medialit.settings.layers import Configuration

from .conftest import GOOD, pdf_text

pytestmark = pytest.mark.build

# Renders the student sheet, then fails while rendering the key.
KEY_FAILS = '{% extends "!key.html" %}\n{% block header %}{{ 1 // 0 }}{% endblock %}\n'


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A lesson built once into ``out``: (lesson file, out folder, the files as written)."""
    lesson = tmp_path / "bridge.yaml"
    lesson.write_text(GOOD)
    out = tmp_path / "out"
    build_lesson(lesson, BuildOptions(out=out, write_html=True))
    return lesson, out, _snapshot(out)


def test_failing_key_template_keeps_previous_outputs(
    built: tuple[Path, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    lesson, out, before = built
    assert sorted(before) == [
        "bridge/.made-by-medialit",
        "bridge/key.html",
        "bridge/key.pdf",
        "bridge/student.html",
        "bridge/student.pdf",
    ]
    lesson.write_text(GOOD.replace("Test lesson", "Changed lesson"))
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "key.html").write_text(KEY_FAILS)
    options = BuildOptions(
        out=out, configuration=Configuration(templates=templates), write_html=True
    )
    with pytest.raises(TemplateError):
        build_lesson(lesson, options)
    assert _snapshot(out) == before  # byte-identical, and no temporary file left


def test_failed_write_midway_keeps_every_previous_output(
    built: tuple[Path, Path, dict[str, bytes]],
) -> None:
    """The student sheet is written, then the key cannot be: neither is replaced."""
    lesson, out, before = built
    lesson.write_text(GOOD.replace("Test lesson", "Changed lesson"))
    blocker = out / "bridge" / "key.pdf"
    blocker.unlink()
    blocker.mkdir()  # a folder where the key should go: its write fails after the student's
    with pytest.raises(OutputError) as caught:
        build_lesson(lesson, BuildOptions(out=out, write_html=True))
    assert str(caught.value) == (
        f"{blocker}: this is not a file, so it cannot be replaced; move it away."
    )
    after = _snapshot(out)
    del before["bridge/key.pdf"]
    assert after == before
    assert "Test lesson" in pdf_text(out / "bridge" / "student.pdf")


def test_output_folder_blocked_by_a_file(tmp_path: Path) -> None:
    lesson = tmp_path / "bridge.yaml"
    lesson.write_text(GOOD)
    out = tmp_path / "out"
    out.mkdir()
    (out / "bridge").write_text("a file where the lesson's folder goes")
    with pytest.raises(OutputError) as caught:
        build_lesson(lesson, BuildOptions(out=out))
    assert str(caught.value) == (
        f"{out / 'bridge'}: a file is in the way of this output folder; move it away or choose "
        "another --out folder."
    )


def test_outputs_are_readable_like_any_new_file(
    built: tuple[Path, Path, dict[str, bytes]],
) -> None:
    _, out, _ = built
    umask = os.umask(0)
    os.umask(umask)
    for output in (out / "bridge").iterdir():
        assert output.stat().st_mode & 0o777 == 0o666 & ~umask, output  # not mkstemp's 0600


def test_several_lessons_build_all_valid_ones_and_report_failures(tmp_path: Path) -> None:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "a.yaml").write_text(GOOD)
    (lessons / "b.yaml").write_text(GOOD.replace("kind: inference", "kind: asertion"))
    (lessons / "c.yaml").write_text(GOOD.replace("Test lesson", "Third lesson"))
    out = tmp_path / "out"
    report = build_lessons(sorted(lessons.iterdir()), BuildOptions(out=out))
    assert [r.lesson.name for r in report.results] == ["a.yaml", "c.yaml"]
    assert [(f.name, type(e).__name__) for f, e in report.failures] == [("b.yaml", "LessonError")]
    assert sorted(p.name for p in out.iterdir()) == ["a", "c"]
    assert "Third lesson" in pdf_text(out / "c" / "student.pdf")

    result = CliRunner().invoke(main, ["build", "--out", str(out), str(lessons)])
    assert result.exit_code == 1
    stderr = result.stderr.splitlines()
    assert stderr[-2].startswith(f"Error: {lessons / 'b.yaml'}:15:11: annotations[1].kind:")
    assert stderr[-1] == "1 of 3 lessons failed; the others were built."
    assert result.stdout.count("wrote") == 2
