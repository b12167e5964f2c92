"""Ctrl-C stops the preview at once, not after the layout its worker is doing.

Python waits for a process pool's job as it exits: before ``stop_workers``, a preview stopped
while the key was being laid out went on for 7-17 s on a loaded computer (and a browser test's
20 s wait for it ran out).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor

from medialit.preview.pages import make_background_executor, make_executor, stop_workers


def test_a_worker_in_the_middle_of_a_job_is_stopped() -> None:
    for executor in (make_executor(), make_background_executor()):
        assert isinstance(executor, ProcessPoolExecutor)
        pid = executor.submit(os.getpid).result(timeout=60)
        job = executor.submit(time.sleep, 120)  # a layout that would outlast the test
        deadline = time.monotonic() + 60
        while not job.running() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert job.running()
        (worker,) = [c for c in multiprocessing.active_children() if c.pid == pid]
        stop_workers(executor)
        worker.join(timeout=30)
        # Stopped by a signal, not by finishing its two minutes.
        assert worker.exitcode in (-signal.SIGTERM, -signal.SIGKILL)
