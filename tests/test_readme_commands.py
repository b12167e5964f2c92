"""The README works as written: a fresh clone runs its commands top to bottom, unedited.

What the test does, as a new teacher would:

1. ``git clone`` this repository into a temporary folder. Only committed files are there,
   so commit before running this test.
2. Run every command of the README's ```sh blocks, in order, in one shell in the clone,
   with a PATH from which every other ``medialit`` has been removed. The first block is the
   set-up (``make``, then ``. .venv/bin/activate``): it makes a new virtual environment and
   installs medialit and its dependencies with pip, exactly as a teacher's machine would
   (pip's cache makes that about 20 s), so nothing is shared with the environment running
   the tests and a missing step fails here.
3. Run ``lessons/README.md``'s commands the same way in the clone, and
   ``docs/customising.md``'s in a new empty folder: both after the README's activation.

Every command must exit 0 (the shell runs with ``set -e``; the output names the command that
failed). A command is left out only when it ends with a comment that is one of
:data:`SKIP_MARKERS`, visible to the reader in the README itself, for example
``make test   # (runs the test suite)``. When you add a command that cannot run here (a
server that never stops, an install outside the clone), give it such a comment, and add the
comment to :data:`SKIP_MARKERS` if it is a new one.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOT


# The commands of the README, lessons/README.md and docs/customising.md, in a fresh clone (the
# README's own `make`: a new venv, every dependency, every lesson built): minutes, so `make
# test-setup` runs them; the parser of the commands is quick and runs everywhere.
def fresh_clone(test: Callable[..., None]) -> Callable[..., None]:
    """Mark a test that runs commands in the fresh clone."""
    return pytest.mark.slow(pytest.mark.setup(test))


SKIP_MARKERS = (
    "(starts a server)",
    "(runs the test suite)",
    "(runs the set-up tests)",
    "(another way to install)",
    "(your own saved page)",
    "(after medialit mark)",
    "(after the preview above)",
)
"""Trailing comments that mark a command the test does not run, with the reason shown."""

FENCE = re.compile(r"^```sh\n(.*?)^```", re.DOTALL | re.MULTILINE)
TRAILING_COMMENT = re.compile(r"#\s*(\([^()]*\))\s*$")


def shell_commands(markdown: str) -> list[str]:
    """The commands of every ```sh block, in order, without the ones marked as skipped.

    Lines ending in ``\\`` are joined to the next; blank lines and comment lines are dropped.
    """
    commands: list[str] = []
    for block in FENCE.findall(markdown):
        for command in block.replace("\\\n", " ").splitlines():
            if not command.strip() or command.lstrip().startswith("#"):
                continue
            marker = TRAILING_COMMENT.search(command)
            if marker and marker.group(1) in SKIP_MARKERS:
                continue
            commands.append(command)
    return commands


def test_shell_commands_are_found_in_order_and_marked_ones_skipped() -> None:
    markdown = (
        "Text\n```sh\nmake\n. .venv/bin/activate\n\n# a comment\nmake test   # (runs the test suite)\n```\n"
        "```yaml\nnot: run\n```\n"
        "```sh\nmedialit build \\\n  --quiet   # every lesson\nmedialit preview  # (starts a server)\n```\n"
    )
    assert shell_commands(markdown) == [
        "make",
        ". .venv/bin/activate",
        "medialit build    --quiet   # every lesson",
    ]


def _script(commands: list[str], activate: Path | None = None) -> str:
    """A bash script that runs ``commands`` in order and stops at the first failure."""
    lines = ["set -e"]
    if activate:
        lines.append(f". {shlex.quote(str(activate))}")
    for command in commands:
        lines.append(f"echo {shlex.quote('$ ' + command)}")
        lines.append(command)
    return "\n".join(lines) + "\n"


def _environment() -> dict[str, str]:
    """This environment without any medialit on the PATH, nor an active virtual environment.

    HOME stays: pip's cache lives there, and a teacher's machine has one too.
    """
    path = [
        folder
        for folder in os.environ.get("PATH", "").split(os.pathsep)
        if folder and not (Path(folder) / "medialit").exists()
    ]
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    return {**env, "PATH": os.pathsep.join(path)}


def _run(script: str, cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=900,
    )
    ran = [line for line in result.stdout.splitlines() if line.startswith("$ ")]
    assert result.returncode == 0, f"{ran[-1] if ran else script} failed:\n{result.stdout[-4000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert shutil.which("git"), "the README test needs git to clone the repository"
    folder = tmp_path_factory.mktemp("fresh") / "medialit"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(folder)], check=True, timeout=120)
    return folder


@pytest.fixture(scope="module")
def readme_run(clone: Path) -> str:
    """The README's commands, run once in the clone."""
    commands = shell_commands((clone / "README.md").read_text())
    assert commands[:2] == ["make", ". .venv/bin/activate"], commands[:2]
    checks = [
        # Which medialit ran, from where: the clone's own, not this checkout's.
        "command -v medialit",
        "python -c 'import medialit; print(medialit.__file__)'",
    ]
    return _run(_script(commands + checks), clone, _environment())


@fresh_clone
def test_readme_runs_top_to_bottom_in_a_fresh_clone(clone: Path, readme_run: str) -> None:
    lines = readme_run.splitlines()
    which = lines[lines.index("$ command -v medialit") + 1]
    where = lines[-1]
    assert which == str(clone / ".venv" / "bin" / "medialit")
    assert where.startswith(str(clone / "src" / "medialit")), where
    assert (clone / ".venv").is_dir()
    # What the walkthrough promised, in the places it said.
    first = clone / "build" / "school-start-time"
    assert {"student.pdf", "key.pdf", "student.html", "key.html"} <= {
        p.name for p in first.iterdir()
    }
    assert (first / "student-guided.pdf").is_file() and (first / "key-B.pdf").is_file()
    assert len(list((first / "copies").glob("*.pdf"))) == 4
    assert (clone / "build" / "washington-isis-syria-2017" / "key.pdf").is_file()
    assert (clone / "my-worksheets" / "templates" / "student.html").is_file()
    assert "lessons/school-start-time.yaml: OK: 9 statements" in readme_run
    quiet = next(i for i, line in enumerate(lines) if line.startswith("$ ") and "--quiet" in line)
    assert lines[quiet + 1].startswith("$ "), lines[quiet + 1]  # printed nothing
    assert "lessons/school-start-time.yaml: wrote 11 files to build/school-start-time/" in lines


@fresh_clone
def test_lessons_readme_runs_in_the_clone(clone: Path, readme_run: str) -> None:
    commands = shell_commands((clone / "lessons" / "README.md").read_text())
    assert len(commands) >= 2
    _run(_script(commands, clone / ".venv" / "bin" / "activate"), clone, _environment())


@fresh_clone
def test_customising_guide_runs_in_a_new_folder(
    clone: Path, readme_run: str, tmp_path: Path
) -> None:
    commands = shell_commands((clone / "docs" / "customising.md").read_text())
    assert commands[0] == "medialit init my-worksheets"
    _run(_script(commands, clone / ".venv" / "bin" / "activate"), tmp_path, _environment())
    assert (tmp_path / "my-worksheets" / "build" / "school-start-time" / "student.pdf").is_file()
