"""The command line never shows a traceback without --debug, and exits 1 or 2 as documented.

Each case runs twice: through click's test runner and as a real ``python -m medialit``
process, since a traceback printed by the interpreter would escape the runner.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli.main import main

from .conftest import GOOD

pytestmark = pytest.mark.build

SYNTAX_ERROR = '{% extends "!student.html" %}\n{% block header %}\n{% if %}\n{% endblock %}\n'
UNDEFINED = '{% extends "!key.html" %}\n{% block header %}\n{{ teacher_name }}\n{% endblock %}\n'


def _folder(tmp_path: Path) -> Path:
    """A working folder: lessons/good.yaml, an empty folder and some broken template folders."""
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "good.yaml").write_text(GOOD)
    (tmp_path / "lessons" / "bad.yaml").write_text(GOOD.replace("kind: inference", "kind: x"))
    (tmp_path / "empty").mkdir()
    (tmp_path / "syntax").mkdir()
    (tmp_path / "syntax" / "student.html").write_text(SYNTAX_ERROR)
    (tmp_path / "undefined").mkdir()
    (tmp_path / "undefined" / "key.html").write_text(UNDEFINED)
    (tmp_path / "a-file").write_text("not a folder")
    return tmp_path


# (arguments, exit code, lines expected on stderr)
CASES = [
    pytest.param(
        ["build", "missing.yaml"],
        1,
        ["Error: missing.yaml: no such file or folder; check the path."],
        id="missing-file",
    ),
    pytest.param(
        ["check", "missing"],
        1,
        ["Error: missing: no such file or folder; check the path."],
        id="check-missing-folder",
    ),
    pytest.param(
        ["build", "empty"],
        2,
        ["Error: no lesson files (*.yaml) found; name a lesson or a folder."],
        id="folder-without-lessons",
    ),
    pytest.param(
        ["build", "--templates", "nowhere", "lessons/good.yaml"],
        2,
        ["Error: Invalid value for '--templates': Directory 'nowhere' does not exist."],
        id="missing-template-folder",
    ),
    pytest.param(
        ["build", "--templates", "a-file", "lessons/good.yaml"],
        2,
        ["Error: Invalid value for '--templates': Directory 'a-file' is a file."],
        id="template-folder-is-a-file",
    ),
    pytest.param(
        ["build", "--out", "a-file", "lessons/good.yaml"],
        2,
        ["Error: Invalid value for '--out': Directory 'a-file' is a file."],
        id="out-is-an-existing-file",
    ),
    pytest.param(
        ["build", "--out", "out", "--templates", "syntax", "lessons/good.yaml"],
        1,
        [
            "Error: syntax/student.html:3: template syntax error: Expected an expression, got "
            "'end of statement block'. Fix the template, or remove it to use the built-in one.",
            "1 of 1 lessons failed.",
        ],
        id="template-syntax-error",
    ),
    pytest.param(
        ["build", "--out", "out", "--templates", "undefined", "lessons/good.yaml"],
        1,
        [
            "Error: undefined/key.html:3: 'teacher_name' is undefined. See "
            "docs/template-context.md for the variables a template receives.",
            "1 of 1 lessons failed.",
        ],
        id="template-undefined-variable",
    ),
    pytest.param(
        ["check", "lessons"],
        1,
        [
            'Error: lessons/bad.yaml:15:11: annotations[1].kind: "x" is not a kind; use one of '
            "the kinds: evidence, inference, assertion.",
            "1 of 2 lessons have problems.",
        ],
        id="check-folder-with-a-bad-lesson",
    ),
    pytest.param(
        ["build", "--paper", "a3", "lessons/good.yaml"],
        2,
        ["Error: Invalid value for '--paper': 'a3' is not one of 'a4', 'letter'."],
        id="bad-option-value",
    ),
]


@pytest.mark.parametrize(("args", "code", "expected"), CASES)
def test_cli_runner(
    args: list[str], code: int, expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_folder(tmp_path))
    result = CliRunner().invoke(main, args)
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    for line in expected:
        assert line in lines, f"{line!r} not in:\n{result.stderr}"
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()  # a failed build writes nothing


@pytest.mark.parametrize(("args", "code", "expected"), CASES)
def test_real_process(args: list[str], code: int, expected: list[str], tmp_path: Path) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "medialit", *args],
        cwd=_folder(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert process.returncode == code, process.stderr
    for line in expected:
        assert line in process.stderr.splitlines(), f"{line!r} not in:\n{process.stderr}"
    assert "Traceback" not in process.stderr + process.stdout


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "medialit", "--debug", "build", "missing.yaml"],
        cwd=_folder(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert process.returncode == 1
    assert "Traceback (most recent call last)" in process.stderr
    assert "Error: missing.yaml: no such file or folder; check the path." in process.stderr
