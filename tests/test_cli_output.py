"""What the commands print, from a real process: the commands in a teacher's order, and
``--quiet`` printing nothing while a long list of written files becomes one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli.main import main
from medialit.cli.summary import written

from .conftest import DATA

pytestmark = pytest.mark.build

TEACHERS_ORDER = [
    "new",
    "preview",
    "check",
    "build",
    "export",
    "mark",
    "marks",
    "init",
    "config",
    "templates",
    "clean",
]
"""Every command, in the order a teacher meets them."""


def medialit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "medialit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_version_and_help_list_the_commands_in_a_teachers_order(tmp_path: Path) -> None:
    version = medialit("--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stderr == ""
    assert version.stdout.splitlines() == [
        "medialit, version 0.1.0",
        f"Commands: {', '.join(TEACHERS_ORDER)} (medialit --help says what each does).",
    ]
    help_text = medialit("--help", cwd=tmp_path).stdout
    listed = help_text.split("Commands:\n")[1].splitlines()
    assert [line.split()[0] for line in listed] == TEACHERS_ORDER


def test_commands_another_branch_adds_are_placed_in_order_and_unknown_ones_last() -> None:
    """The group orders by name, so `new`, `export`, `clean` fall in place when they arrive."""
    import click

    from medialit.cli.main import TeachersOrderGroup

    group = TeachersOrderGroup(
        commands={
            name: click.Command(name) for name in ["zebra", "clean", "build", "new", "aardvark"]
        }
    )
    assert group.list_commands(click.Context(group)) == [
        "new",
        "build",
        "clean",
        "aardvark",
        "zebra",
    ]


def test_a_build_lists_what_it_wrote_and_quiet_prints_nothing(tmp_path: Path) -> None:
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text((DATA / "sample.yaml").read_text())
    result = medialit("build", "lesson.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "lesson.yaml: wrote build/lesson/student.pdf, build/lesson/key.pdf\n"
    # Again with --quiet (its layout now comes from the cache): nothing at all is printed.
    result = medialit("build", "lesson.yaml", "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    assert sorted(p.name for p in (tmp_path / "build" / "lesson").iterdir()) == [
        ".made-by-medialit",
        "key.pdf",
        "student.pdf",
    ]


def test_quiet_export_prints_nothing_on_success(tmp_path: Path) -> None:
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text((DATA / "sample.yaml").read_text())
    result = medialit("export", "lesson.yaml", "--format", "moodle", "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    assert (tmp_path / "build" / "lesson" / "moodle.xml").is_file()
    loud = medialit("export", "lesson.yaml", "--format", "moodle", cwd=tmp_path)
    assert loud.stdout == f"lesson.yaml: wrote {Path('build', 'lesson', 'moodle.xml')}\n"


def test_quiet_still_prints_warnings_and_errors(tmp_path: Path) -> None:
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text((DATA / "sample.yaml").read_text())
    templates = tmp_path / "templates"
    templates.mkdir()
    # A template that asks for an image from the network: refused, with a warning.
    (templates / "student.html").write_text(
        '{% extends "!student.html" %}{% block task_box %}'
        '<img src="https://example.invalid/x.png">{% endblock %}'
    )
    result = medialit("build", "lesson.yaml", "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("Warning: lesson.yaml: ")
    assert "refused to load https://example.invalid/x.png" in result.stderr

    lesson.write_text(lesson.read_text().replace("kind: inference", "kind: guess"))
    result = medialit("build", "lesson.yaml", "--quiet", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: lesson.yaml:")


def test_a_few_files_are_listed_and_many_are_summarised() -> None:
    """What `build --versions 3 --html` prints for its 12 files, without building them."""
    outputs = [
        Path("build", "lesson", f"{sheet}-{v}.{ext}")
        for v in "ABC"
        for sheet in ("student", "key")
        for ext in ("pdf", "html")
    ]
    assert written(outputs[:2]) == "wrote build/lesson/student-A.pdf, build/lesson/student-A.html"
    assert written(outputs[:4], "kept") == "kept " + ", ".join(str(p) for p in outputs[:4])
    assert written(outputs) == f"wrote 12 files to {Path('build', 'lesson')}{os.sep}"
    # Files in two folders are counted in the folder that holds them both.
    nested = [*outputs, Path("build", "lesson", "copies", "01-ana.pdf")]
    assert written(nested) == f"wrote 13 files to {Path('build', 'lesson')}{os.sep}"


def test_exporting_every_template_is_summarised(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["templates", "export", str(tmp_path / "mine")])
    assert result.exit_code == 0, result.output
    count = len(list((tmp_path / "mine").iterdir()))
    assert count > 4
    assert result.output == f"wrote {count} files to {tmp_path / 'mine'}/\n"


def test_output_piped_into_a_reader_that_stops_early_is_not_an_error(tmp_path: Path) -> None:
    """`medialit templates list | head -1`: no 'failed unexpectedly', no traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has already gone: every write fails with EPIPE
    try:
        result = subprocess.run(
            [sys.executable, "-m", "medialit", "templates", "list"],
            cwd=tmp_path,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert result.stderr == ""
