"""The preview's fork server is forked from the preview itself as it opens, before it has any
other thread: it has the preview's modules already, where a fork server started as a program
of its own imported them again (0.4 s of CPU at every opening, `bench_preview_open.py`). It
still ends with the preview, without a word, however the preview is stopped (its workers too:
none is started again as the preview stops); and where this process cannot fork safely
(another thread runs), the fork server starts as a program."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import ROOT
from .process_support import default_signals, descendants


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _children(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(n) for n in children.read_text().split()] if children.exists() else []


@contextmanager
def _preview(folder: Path) -> Iterator[subprocess.Popen[str]]:
    lesson = folder / "school-start-time.yaml"
    lesson.write_text(
        (ROOT / "lessons" / lesson.name).read_text(encoding="utf-8"), encoding="utf-8"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "medialit", "preview", "--no-open", lesson.name],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_signals,
        start_new_session=True,  # a group of its own, as a terminal gives it
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("http://127.0.0.1:")
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate(timeout=20)


def _fork_server_with_a_worker(preview: int) -> int:
    """The preview's child that has forked a worker (the first pages are laid out at once)."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        for child in _children(preview):
            if _children(child) and b"resource_tracker" not in _cmdline(child):
                return child
        time.sleep(0.1)
    raise AssertionError(f"no fork server with a worker under {preview}: {descendants(preview)}")


def _ended(pids: list[int]) -> list[int]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        left = [pid for pid in pids if Path(f"/proc/{pid}").exists() and _state(pid) != "Z"]
        if not left:
            return []
        time.sleep(0.1)
    return left


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return "Z"


@pytest.mark.parametrize(
    ("stop", "group"),
    [(signal.SIGINT, False), (signal.SIGTERM, True), (signal.SIGHUP, True)],
    ids=["ctrl-c", "sigterm-to-the-group", "terminal-closed"],
)
def test_the_fork_server_is_the_preview_forked_and_ends_with_it_without_a_word(
    tmp_path: Path, stop: signal.Signals, group: bool
) -> None:
    with _preview(tmp_path) as process:
        server = _fork_server_with_a_worker(process.pid)
        # Forked, not started as a program: the preview's own command line, not
        # "-c from multiprocessing.forkserver import main".
        assert _cmdline(server) == _cmdline(process.pid)
        assert not [
            pid
            for pid in descendants(process.pid)
            if b"multiprocessing.forkserver" in _cmdline(pid)
        ]
        everyone = descendants(process.pid)
        if group:  # a closing terminal, `timeout`: every process of the group at once
            os.killpg(process.pid, stop)
        else:
            process.send_signal(stop)
        _, errors = process.communicate(timeout=30)
        assert "Traceback" not in errors, errors
        assert "Error" not in errors, errors
        # Its workers end with it: nothing is said of starting others (a SIGTERM to the group
        # ended them a moment before the preview heard of it, and it said so twice).
        assert "unexpectedly" not in errors and "stopped twice" not in errors, errors
        assert not _ended(everyone), "left running after the preview stopped"


SCENE = """
import multiprocessing.util, os, sys, threading
from medialit.processes import can_fork_here, helper_forked_here
def run(command):
    with helper_forked_here("multiprocessing.forkserver"):
        pid = multiprocessing.util.spawnv_passfds(os.fsencode(sys.executable), [sys.executable, "-c", command], [])
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)

told = sys.argv[1]
said = "import sys; open(%r, 'a').write(sys.argv[0] + chr(10))" % told
print("alone", can_fork_here())
print("other helper", run(said))
print("named helper", run(said + "  # multiprocessing.forkserver"))
finish = threading.Event()
thread = threading.Thread(target=finish.wait, args=(30,))
thread.start()
print("beside a thread", can_fork_here())
print("named helper beside a thread", run(said + "  # multiprocessing.forkserver"))
finish.set()
thread.join()
import _thread, time
_thread.start_new_thread(time.sleep, (5,))  # a library's own: Python's count does not know it
time.sleep(0.2)
print("beside a library's thread", can_fork_here())
"""


def test_only_the_named_helper_is_forked_and_only_with_no_other_thread(tmp_path: Path) -> None:
    """A fork while another thread runs can copy a lock that thread holds, held for ever; any
    other program multiprocessing starts (its resource tracker) starts as before."""
    scene, told = tmp_path / "scene.py", tmp_path / "told"
    scene.write_text(SCENE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(scene), str(told)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "alone True",
        "other helper 0",
        "named helper 0",
        "beside a thread False",
        "named helper beside a thread 0",
        "beside a library's thread False",
    ]
    # A program's sys.argv[0] is "-c"; the fork's is the scene's own.
    assert told.read_text().splitlines() == ["-c", str(scene), "-c"]


PROBE = """
import multiprocessing, multiprocessing.util, os, threading
from multiprocessing import forkserver


def state():
    started = []
    def start():  # a worker asking a fork server of its own for a process
        process = multiprocessing.get_context("forkserver").Process(target=os.getpid)
        process.start()
        process.join()
        started.append(process.exitcode)
    thread = threading.Thread(target=start, daemon=True)
    thread.start()
    thread.join(30)
    spawn = multiprocessing.util.spawnv_passfds
    return [started == [0], spawn.__module__ == "multiprocessing.util"]
"""

STATE_SCENE = """
import sys
sys.path.insert(0, sys.argv[1])
from medialit.preview.pages import start_workers_early, make_executor
from medialit.processes import stop_workers
import probe

if __name__ == "__main__":
    start_workers_early()
    executor = make_executor()
    print(executor.submit(probe.state).result(timeout=120))
    stop_workers(executor)
"""


def test_the_fork_server_keeps_none_of_the_preview_s_multiprocessing_state(
    tmp_path: Path,
) -> None:
    """The preview started the fork server under multiprocessing's lock, held for ever in a
    fork of it: a worker that asked for a process of its own waited for ever (a review)."""
    (tmp_path / "probe.py").write_text(PROBE, encoding="utf-8")
    (tmp_path / "scene.py").write_text(STATE_SCENE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(tmp_path / "scene.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[True, True]", done.stderr


SIGNAL_SCENE = """
import os, signal, sys
import multiprocessing.forkserver
from medialit.cli.main import _stop_on_terminate
from medialit.preview.pages import start_workers_early

signal.signal(signal.SIGTERM, _stop_on_terminate)  # the command's own: KeyboardInterrupt
forked = os.fork


def fork():
    pid = forked()
    if pid == 0:
        os.kill(os.getpid(), signal.SIGTERM)  # at the child's first instant
    return pid


os.fork = fork
start_workers_early()
os.fork = forked
pid = multiprocessing.forkserver._forkserver._forkserver_pid
_, status = os.waitpid(pid, 0)
print(os.waitstatus_to_exitcode(status))
"""


def test_a_sigterm_at_the_fork_s_first_instant_ends_it_as_a_program(tmp_path: Path) -> None:
    """A SIGTERM that reached the fork before its handlers were a new program's ran the
    command's own handler: a traceback, or the preview's own code run on in the fork."""
    (tmp_path / "scene.py").write_text(SIGNAL_SCENE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(tmp_path / "scene.py")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(-signal.SIGTERM), done.stderr
    assert "Traceback" not in done.stderr and "Aborted" not in done.stderr, done.stderr
