"""Ctrl-C stops the preview at once, not after the layout its worker is doing.

Python waits for a process pool's job as it exits: before ``stop_workers``, a preview stopped
while the key was being laid out went on for 7-17 s on a loaded computer (and a browser test's
20 s wait for it ran out). The scene runs in a fresh Python process, as the preview does: a
test runner's own process may have a signal blocked or its children reaped by another test.
A busy worker is not first given the second an idle one has to leave by itself: each browser
test's preview stopped a second later than it had to.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCENE = """
import multiprocessing, os, signal, time
from medialit.preview import pages
from medialit.preview.pages import make_background_executor, make_executor, stop_workers

if __name__ == "__main__":
    # A busy worker is stopped at once: it is not given an idle one's time to leave first.
    pages.IDLE_WORKER_SECONDS = 600
    for executor in (make_executor(), make_background_executor()):
        pid = executor.submit(os.getpid).result(timeout=60)
        job = executor.submit(time.sleep, 120)  # a layout that would outlast the test
        deadline = time.monotonic() + 60
        while not job.running() and time.monotonic() < deadline:
            time.sleep(0.05)
        (worker,) = [c for c in multiprocessing.active_children() if c.pid == pid]
        thread = executor._executor_manager_thread
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
