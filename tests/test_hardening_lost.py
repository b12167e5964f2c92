"""Hardening, round two (issue 15): nothing lost, nothing overwritten, nothing left behind.

Extends the nothing-lost suite (``tests/test_nothing_lost.py``) and the CLI
error suite (``tests/test_cli_errors.py``): output folder names, unreadable
folders and templates, ``init`` and ``templates export`` into read-only or
full folders, signals and killed builds, and outputs of an earlier, larger
build. Every case runs the real CLI; in the permission cases, permissions
hold even when the suite runs as root (see ``hardening_support``), and "full"
is a real file-size limit on the process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli import main
from medialit.files import STOP_WHILE_WRITING

from .hardening_support import GOOD, run_medialit
from .process_support import default_signals, wait_until_stopped

pytestmark = pytest.mark.build

PYTHON = [sys.executable, "-c", "from medialit.cli import main; main(prog_name='medialit')"]


def _no_crash(output: str) -> None:
    assert "Traceback" not in output and "unexpectedly" not in output, output


def _folder_with_lesson(root: Path, name: str = "lesson.yaml") -> Path:
    (root / "lessons").mkdir(parents=True, exist_ok=True)
    (root / "lessons" / name).write_text(GOOD)
    return root


# -- output folder names --------------------------------------------------------------------


def test_lesson_named_dots_cannot_write_outside_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder_with_lesson(tmp_path / "work", "...yaml")
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["build", "--quiet", "--out", "build"])
    assert result.exit_code == 1, result.output
    assert "...yaml" in result.output and "rename" in result.output, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["lessons"]  # nothing beside build/


def test_two_lessons_with_one_output_folder_are_an_error_naming_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder_with_lesson(tmp_path / "work", "lunch.yaml")
    (folder / "lessons" / "lunch.yml").write_text(GOOD.replace("Test lesson", "Other"))
    _folder_with_lesson(folder, "other.yaml")
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["build", "--quiet"])
    assert result.exit_code == 1, result.output
    assert "lessons/lunch.yaml" in result.output and "lessons/lunch.yml" in result.output
    assert "build/lunch" in result.output, result.output
    assert not (folder / "build" / "lunch").exists()
    assert (folder / "build" / "other" / "student.pdf").is_file()  # the others still build


# -- unreadable folders and templates ------------------------------------------------------


def _private_build(tmp: Path) -> tuple[Path, Path]:
    """A working folder with a lesson, and an output folder."""
    return _folder_with_lesson(tmp / "work"), tmp / "out"


def test_unreadable_templates_folder_is_an_error(tmp_path: Path) -> None:
    folder, out = _private_build(tmp_path)
    templates = folder / "templates"
    templates.mkdir()
    (templates / "student.html").write_text('{% extends "!student.html" %}')
    templates.chmod(0o000)
    try:
        result = run_medialit(["build", "--quiet", "--out", str(out)], folder, permissions=True)
    finally:
        templates.chmod(0o755)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "templates" in result.stderr and "cannot be read" in result.stderr, result.stderr
    _no_crash(result.stderr)
    assert not (out / "lesson" / "student.pdf").exists()


def test_unreadable_template_file_is_an_error(tmp_path: Path) -> None:
    folder, out = _private_build(tmp_path)
    (folder / "templates").mkdir()
    template = folder / "templates" / "student.html"
    template.write_text('{% extends "!student.html" %}')
    template.chmod(0o000)
    result = run_medialit(["build", "--quiet", "--out", str(out)], folder, permissions=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "student.html" in result.stderr and "cannot be read" in result.stderr, result.stderr
    _no_crash(result.stderr)


def test_unreadable_lessons_folder_is_an_error(tmp_path: Path) -> None:
    folder, out = _private_build(tmp_path)
    (folder / "lessons").chmod(0o000)
    try:
        for command in (["check"], ["build", "--quiet", "--out", str(out)]):
            result = run_medialit(command, folder, permissions=True)
            assert result.returncode == 1, result.stdout + result.stderr
            assert "lessons" in result.stderr and "cannot be read" in result.stderr, result.stderr
            _no_crash(result.stderr)
    finally:
        (folder / "lessons").chmod(0o755)


@pytest.mark.parametrize("command", [["init", "new"], ["templates", "export", "new"]])
def test_writing_into_a_read_only_folder_is_an_error(command: list[str], tmp_path: Path) -> None:
    parent = tmp_path
    parent.chmod(0o555)
    try:
        result = run_medialit(command, parent, permissions=True)
    finally:
        parent.chmod(0o755)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "new" in result.stderr and "Permission denied" in result.stderr, result.stderr
    _no_crash(result.stderr)
    assert not (parent / "new").exists()


def test_init_into_a_full_folder_leaves_no_truncated_lesson(tmp_path: Path) -> None:
    parent = tmp_path
    result = run_medialit(["init", "new"], parent, max_file_bytes=16_384)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "new" in result.stderr and "File too large" in result.stderr, result.stderr
    _no_crash(result.stderr)
    assert not (parent / "new").exists() or not any((parent / "new").rglob("*.yaml"))
    # Once there is room, init works.
    assert run_medialit(["init", "new"], parent).returncode == 0
    check = run_medialit(["check"], parent / "new")
    assert check.returncode == 0 and "OK" in check.stdout


def test_export_into_a_full_folder_leaves_no_empty_template(tmp_path: Path) -> None:
    parent = tmp_path
    result = run_medialit(["templates", "export", "mine"], parent, max_file_bytes=2_048)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "File too large" in result.stderr, result.stderr
    _no_crash(result.stderr)
    left = list((parent / "mine").iterdir()) if (parent / "mine").exists() else []
    assert left == [], left
    again = run_medialit(["templates", "export", "mine"], parent)
    assert again.returncode == 0, again.stderr


# -- signals, killed builds and their workers ----------------------------------------------


def _roster(folder: Path, students: int) -> Path:
    roster = folder / "class.csv"
    roster.write_text("name\n" + "".join(f"Student {n}\n" for n in range(students)))
    return roster


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.tmp")] if folder.exists() else []


def _start_pack_build(
    folder: Path, *extra: str, students: int = 150, stop: bool = False
) -> subprocess.Popen[str]:
    """A class pack built in a real process, split into copies; with ``stop``, the process
    stops itself once its first temporary file is written
    (:data:`medialit.files.STOP_WHILE_WRITING`), so a few students are enough to catch it
    writing."""
    roster = _roster(folder, students)
    env = {**os.environ, STOP_WHILE_WRITING: "1"} if stop else None
    return subprocess.Popen(
        [*PYTHON, "build", "--quiet", "--roster", str(roster), "--split", *extra],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=default_signals,
    )


def _signal_while_writing(process: subprocess.Popen[str], out: Path, signum: int) -> None:
    """Send ``signum`` while the build is writing its outputs (temporaries on disk), then let
    it go on and wait for it to end."""
    try:
        wait_until_stopped(process, timeout=300)
        assert _temporaries(out), "the build stopped before writing a temporary file"
        process.send_signal(signum)
        process.send_signal(signal.SIGCONT)
        process.communicate(timeout=120)
    finally:
        if process.returncode is None:
            process.kill()
            process.communicate()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signal_during_a_class_pack_leaves_no_temporary_files(signum: int, tmp_path: Path) -> None:
    folder = _folder_with_lesson(tmp_path / "work")
    process = _start_pack_build(folder, students=4, stop=True)
    _signal_while_writing(process, folder / "build", signum)
    assert process.returncode != 0
    assert _temporaries(folder / "build") == []


def test_a_build_removes_temporary_files_left_by_a_killed_build(tmp_path: Path) -> None:
    folder = _folder_with_lesson(tmp_path / "work")
    process = _start_pack_build(folder, students=4, stop=True)
    _signal_while_writing(process, folder / "build", signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL
    assert _temporaries(folder / "build"), "kill -9 leaves its temporary files"
    rebuilt = subprocess.run(
        [*PYTHON, "build", "--quiet"], cwd=folder, capture_output=True, text=True, timeout=300
    )
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert _temporaries(folder / "build") == []


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_end_with_their_parent(tmp_path: Path) -> None:
    folder = _folder_with_lesson(tmp_path / "work")
    process = _start_pack_build(folder, "--jobs", "2", "--versions", "4")
    workers: set[int] = set()
    deadline = time.monotonic() + 300
    try:
        while len(workers) < 2:
            assert process.poll() is None and time.monotonic() < deadline
            workers = _children(process.pid)
            time.sleep(0.05)
        process.kill()
        process.wait(timeout=60)  # not communicate(): live workers hold its pipes open
        give_up = time.monotonic() + 20
        while any(_alive(w) for w in workers) and time.monotonic() < give_up:
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers), "workers outlived their parent"
    finally:
        for worker in workers:
            if _alive(worker):
                os.kill(worker, signal.SIGKILL)


# -- outputs of an earlier build -----------------------------------------------------------


def test_earlier_class_pack_copies_are_replaced_and_other_sheets_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder_with_lesson(tmp_path / "work")
    monkeypatch.chdir(folder)
    lesson_out = folder / "build" / "lesson"
    runner = CliRunner()
    big = _roster(folder, 4)
    pack = ["build", "--quiet", "--roster", str(big), "--split", "--versions", "3"]
    assert runner.invoke(main, pack).exit_code == 0
    assert len(list((lesson_out / "copies").iterdir())) == 4
    (lesson_out / "notes.txt").write_text("the teacher's own file")
    small = _roster(folder, 2)
    result = runner.invoke(main, ["build", "--quiet", "--roster", str(small), "--split"])
    assert result.exit_code == 0, result.output
    # A shorter roster leaves none of the longer one's copies.
    assert sorted(p.name for p in (lesson_out / "copies").iterdir()) == [
        "01-student-0.pdf",
        "02-student-1.pdf",
    ]
    # The keys of versions no longer used are named, not left silently beside the new ones.
    assert "build/lesson also holds 3 sheets of earlier builds" in result.output, result.output
    assert "key-A.pdf, key-B.pdf, key-C.pdf" in result.output
    assert "notes.txt" not in result.output and (lesson_out / "notes.txt").exists()


def test_ctrl_c_during_a_parallel_build_stops_it_quietly(tmp_path: Path) -> None:
    """Ctrl-C reaches the build and its workers (the terminal's whole process group): the
    build stops, and Python's exit no longer races the pool's thread for its pipe (it printed
    "Bad file descriptor" in a traceback)."""
    cache = tmp_path / "cache"  # nothing kept: the workers have layouts to do
    cache.mkdir(mode=0o700)
    lessons = Path(__file__).resolve().parents[1] / "lessons"
    process = subprocess.Popen(
        [*PYTHON, "build", str(lessons), "--quiet", "--jobs", "2", "--out", str(tmp_path / "out")],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        preexec_fn=default_signals,
        start_new_session=True,  # a group of its own, as a terminal gives it
    )
    try:
        deadline = time.monotonic() + 300
        while len(_children(process.pid)) < 2:
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(1)  # the workers laying out by now (seven lessons take them seconds)
        os.killpg(process.pid, signal.SIGINT)
        _, errors = process.communicate(timeout=120)
        assert process.returncode != 0
        assert "Traceback" not in errors, errors
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


@pytest.mark.parametrize(
    ("signum", "to"),
    [(signal.SIGINT, "build"), (signal.SIGTERM, "build"), (signal.SIGINT, "group")],
    ids=["ctrl-c", "terminate", "ctrl-c-to-all"],
)
def test_a_stop_while_the_workers_start_stops_the_build(
    tmp_path: Path, signum: int, to: str
) -> None:
    """A stop that arrives while the layout workers are forked is not lost: Python ran its
    handler inside a fork hook, which swallows the exception, and the build went on to the
    end. The prelude sends the signal from that very hook, every time; to the build, or (as
    a terminal's Ctrl-C) to its whole group, workers being forked included, which printed an
    "Exception in initializer" traceback once the workers took the signal again."""
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    lesson = Path(__file__).resolve().parents[1] / "lessons" / "school-start-time.yaml"
    send = (
        f"os.kill(os.getpid(), {int(signum)})" if to == "build" else f"os.killpg(0, {int(signum)})"
    )
    prelude = (
        "import os\n"
        "sent = []\n"
        f"os.register_at_fork(after_in_parent=lambda: sent or (sent.append(1), {send}))\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            prelude + "from medialit.cli import main; main(prog_name='medialit')",
            "build",
            str(lesson),
            "--quiet",
            "--jobs",
            "2",
            "--out",
            str(tmp_path / "out"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        preexec_fn=default_signals,
        start_new_session=True,  # a group of its own, as a terminal gives it
        timeout=120,
    )
    assert done.returncode != 0, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    assert "Exception in initializer" not in done.stderr, done.stderr
    assert not list((tmp_path / "out").rglob("*.pdf"))


def test_a_stop_while_the_feedback_workers_start_stops_marking(tmp_path: Path) -> None:
    """The same for ``medialit mark``'s feedback sheets, laid out on every core."""
    code = (
        "import datetime, os, signal, sys\n"
        "from pathlib import Path\n"
        "from medialit.marking.outputs import _laid_out\n"
        "os.register_at_fork(after_in_parent=lambda: os.kill(os.getpid(), signal.SIGINT))\n"
        "page = '<p>Feedback</p>'\n"
        "try:\n"
        "    _laid_out({'a.pdf': page, 'b.pdf': page}, Path(sys.argv[1]), datetime.datetime.now())\n"
        "except KeyboardInterrupt:\n"
        "    sys.exit(130)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        preexec_fn=default_signals,
        timeout=120,
    )
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
