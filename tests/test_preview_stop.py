"""Ctrl-C stops the preview at once, not after the layout its worker is doing.

Python waits for a process pool's job as it exits: before ``stop_workers``, a preview stopped
while the key was being laid out went on for 7-17 s on a loaded computer (and a browser test's
20 s wait for it ran out). The scene runs in a fresh Python process, as the preview does: a
test runner's own process may have a signal blocked or its children reaped by another test.
A busy worker is not first given the second an idle one has to leave by itself: each browser
test's preview stopped a second later than it had to.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .process_support import descendants

SEED = Path(__file__).resolve().parents[1] / "lessons" / "school-start-time.yaml"

SCENE = """
import multiprocessing, os, signal, time
from medialit import processes
from medialit.preview.pages import make_background_executor, make_executor
from medialit.processes import stop_workers

if __name__ == "__main__":
    # A busy worker is stopped at once: it is not given an idle one's time to leave first.
    processes.IDLE_WORKER_SECONDS = 600
    for executor in (make_executor(), make_background_executor()):
        pid = executor.submit(os.getpid).result(timeout=60)
        job = executor.submit(time.sleep, 120)  # a layout that would outlast the test
        deadline = time.monotonic() + 60
        while not job.running() and time.monotonic() < deadline:
            time.sleep(0.05)
        (worker,) = [c for c in multiprocessing.active_children() if c.pid == pid]
        thread = executor.pool._executor_manager_thread
        stop_workers(executor)
        # The pool's thread has ended: at exit, Python 3.11 would race it for its pipe.
        print(thread.is_alive())
        worker.join(timeout=30)
        print(worker.exitcode)
"""


def test_a_worker_in_the_middle_of_a_job_is_stopped(tmp_path: Path) -> None:
    scene = tmp_path / "scene.py"
    scene.write_text(SCENE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(scene)], capture_output=True, text=True, timeout=300, check=True
    )
    # Each worker stopped by a signal (SIGTERM, or SIGKILL if that was blocked), not by
    # finishing its two minutes.
    alive, first, alive_too, second = done.stdout.split()
    assert [first, second] in (["-15", "-15"], ["-15", "-9"], ["-9", "-15"], ["-9", "-9"])
    assert alive == alive_too == "False"
    assert "Traceback" not in done.stderr, done.stderr


HALF_SENT = """
import multiprocessing, os, sys, time
from multiprocessing.connection import Connection
from medialit.preview.pages import make_executor
from medialit.processes import stop_workers

def images(size):
    return b"x" * size

def stop_half_way(send=Connection._send):
    # The worker's own writing: the result's first half goes, then the worker waits, as
    # one that Ctrl-C or SIGTERM reaches in the middle of sending its pages.
    def sending(self, buf):
        if len(buf) > 100_000:
            send(self, bytes(buf[: len(buf) // 2]))
            open(sys.argv[1], "w").close()
            time.sleep(600)
        send(self, buf)
    Connection._send = sending

if __name__ == "__main__":
    executor = make_executor()
    executor.submit(stop_half_way).result(timeout=60)
    executor.submit(images, 1_000_000)
    deadline = time.monotonic() + 60
    while not os.path.exists(sys.argv[1]) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)  # the pool's thread is reading the half that came
    stop_workers(executor)
    print("stopped", flush=True)
"""


def test_a_worker_stopped_half_way_through_its_result_lets_python_exit(tmp_path: Path) -> None:
    """A page's images are megabytes: a worker stopped while sending them left the pool's
    thread reading the rest for ever (the pool holds a writing end of the same pipe), and
    Python waits for that thread as it exits. A preview stopped that way never ended."""
    scene = tmp_path / "half.py"
    scene.write_text(HALF_SENT, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(scene), str(tmp_path / "half-sent")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        output, errors = process.communicate(timeout=60)  # it waited for ever
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert output.split() == ["stopped"], errors
    assert (tmp_path / "half-sent").exists()
    assert process.returncode == 0, errors
    assert "Traceback" not in errors, errors


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "terminate"])
def test_a_signal_to_the_terminal_s_processes_stops_the_preview_and_its_workers(
    tmp_path: Path, signum: signal.Signals
) -> None:
    """Ctrl-C in a terminal, or a terminal closing (SIGTERM to every process of the preview,
    workers included): the preview stops, quietly. Before, a worker killed that way left a
    lock taken and the preview waited for it for ever, and Ctrl-C printed each worker's
    traceback."""
    process = _preview(tmp_path)
    try:
        _wait_until_idle(process)
        os.killpg(process.pid, signum)
        _, errors = process.communicate(timeout=60)  # a deadline: it waited for ever
        assert process.returncode == 0, errors
        assert "Traceback" not in errors, errors
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


STARTING = """
import multiprocessing, os, signal
from medialit.preview.pages import make_background_executor, make_executor

if __name__ == "__main__":
    for executor in (make_executor(), make_background_executor()):
        job = executor.submit(os.getpid)  # spawns the worker, which is importing now
        (worker,) = multiprocessing.active_children()
        os.kill(worker.pid, signal.SIGINT)  # Ctrl-C reaches the terminal's every process
        print(job.result(timeout=60) == worker.pid)
        executor.shutdown()
"""


def test_ctrl_c_while_a_worker_starts_is_left_to_the_server(tmp_path: Path) -> None:
    """Ctrl-C a moment after the preview started reached its workers while they were still
    importing, before they ignore it: each printed a KeyboardInterrupt traceback (4 times in
    4 with Ctrl-C 0.1 s after the address was printed). A worker now starts with Ctrl-C held
    until it ignores it, and its job is done."""
    scene = tmp_path / "scene.py"
    scene.write_text(STARTING, encoding="utf-8")
    done = subprocess.run([sys.executable, str(scene)], capture_output=True, text=True, timeout=300)
    assert done.stdout.split() == ["True", "True"], done.stderr
    assert "Traceback" not in done.stderr, done.stderr


def _preview(folder: Path) -> subprocess.Popen[str]:
    """``medialit preview`` of the seed lesson, copied into ``folder``, in a real process."""
    lesson = folder / "lesson.yaml"
    lesson.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, "-m", "medialit", "preview", "--no-open", str(lesson)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a group of its own, as a terminal gives it
    )


def _wait_until_idle(process: subprocess.Popen[str]) -> None:
    """Until every worker of the preview has started and is idle again."""
    assert process.stdout is not None
    origin, token = process.stdout.readline().strip().split("/?token=")
    pages = f"{origin}/s/{token}/api/pages"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        answer = httpx.get(pages, timeout=30).json()
        if not answer["busy"] and len(answer["documents"]) == 2:
            break
        time.sleep(0.1)


def _kill_and_wait_for(process: subprocess.Popen[str], children: list[int]) -> None:
    """``kill -9`` of the preview, then every one of ``children`` ends."""
    process.kill()
    process.wait(timeout=30)
    deadline = time.monotonic() + 30  # a deadline, not a stopwatch: a loaded machine
    while any(_running(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in children if _running(pid)]


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_the_workers_end_with_a_preview_killed_while_they_start(tmp_path: Path) -> None:
    """Killed a moment after its first worker process started, while it still imports: a
    worker's parent-death signal is set only once it has imported, so it checks that its
    server is still there (they were left running for ever; a review found it); the fork
    server that starts them, importing, forks none once the server is gone."""
    for delay in (0.1, 0.4):
        process = _preview(tmp_path)
        try:
            assert process.stdout is not None
            process.stdout.readline()
            deadline = time.monotonic() + 60  # a loaded machine, or bytecode written first
            while not descendants(process.pid) and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(delay)
            children = descendants(process.pid)
            assert children
            _kill_and_wait_for(process, children)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)


def test_the_workers_end_with_a_preview_killed_outright(tmp_path: Path) -> None:
    """``kill -9`` of the preview (or of a terminal's one process) gives it no chance to stop
    its workers: they waited on their pipes for ever, with multiprocessing's resource
    tracker. Linux now ends each with its parent."""
    process = _preview(tmp_path)
    try:
        _wait_until_idle(process)
        workers = descendants(process.pid)
        assert len(workers) >= 2, workers  # the pages' worker and the resource tracker at least
        _kill_and_wait_for(process, workers)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
