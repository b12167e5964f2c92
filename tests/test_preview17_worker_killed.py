"""A preview's worker that dies (killed for want of memory, say) is started again: its pages
were "being laid out" for ever, and nothing was said. A job that kills its second worker too
is refused with the reason; the next job has a worker again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from .a11y_support import serve
from .preview_helpers import LESSON
from .process_support import descendants

SCENE = """
import os, signal, sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from medialit.preview.pages import make_executor
from medialit.processes import stop_workers


def dies_the_first_time(marker):
    if not Path(marker).exists():
        Path(marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return os.getpid()


def always_dies():
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    executor = make_executor()
    first = executor.submit(os.getpid).result(timeout=120)
    second = executor.submit(dies_the_first_time, sys.argv[1]).result(timeout=120)
    print("renewed", first != second)
    try:
        executor.submit(always_dies).result(timeout=120)
    except BrokenProcessPool:
        print("refused")
    print("next", executor.submit(os.getpid).result(timeout=120) not in (first, second))
    stop_workers(executor)
"""


def test_a_dead_worker_is_replaced_and_its_job_done_once_more(tmp_path: Path) -> None:
    scene = tmp_path / "scene.py"
    scene.write_text(SCENE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(scene), str(tmp_path / "died")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:3] == ["renewed True", "refused", "next True"], done.stdout
    assert "Traceback" not in done.stderr, done.stderr
    # Said once for each worker started again: after the first death, and the two of the job
    # that always dies (the second is the next job's).
    said = "A worker of the preview stopped unexpectedly; starting another."
    assert done.stderr.count(said) == 3, done.stderr


def test_the_pages_come_back_after_the_workers_are_killed(tmp_path: Path) -> None:
    with serve(tmp_path / "lesson.yaml", LESSON) as served:
        origin, token = served.url.split("/?token=")

        def pages() -> dict[str, Any]:
            with urllib.request.urlopen(f"{origin}/s/{token}/api/pages", timeout=30) as answer:
                return dict(json.loads(answer.read()))

        def laid_out(version: str | None) -> dict[str, Any]:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                shown = pages()
                documents = shown["documents"]
                versions = {document["version"] for document in documents}
                ready = not shown["busy"] and len(documents) == 2
                if ready and (version is None or versions == {version}):
                    return shown
                time.sleep(0.1)
            raise AssertionError(f"the pages were not laid out: {shown}")

        before = laid_out(None)["documents"][0]["version"]
        # The fork server's children: the workers (the pages, the counts, the reader).
        (server,) = [pid for pid in descendants(served.process.pid) if descendants(pid)]
        workers = descendants(server)
        assert len(workers) >= 2, workers
        for worker in workers:
            os.kill(worker, signal.SIGKILL)
        time.sleep(0.5)
        served.lesson.write_text(LESSON.replace("The library hours", "The new library hours"))
        deadline = time.monotonic() + 60
        while (version := pages()["documents"][0]["version"]) == before:
            assert time.monotonic() < deadline, "the change was not seen"
            time.sleep(0.1)
        shown = laid_out(version)
        assert shown["error"] is None
        assert all(document["count"] == 2 for document in shown["documents"])
    # serve() has checked the exit (0, no traceback); the terminal was told.
    assert "A worker of the preview stopped unexpectedly; starting another." in served.errors


# RenewedPool's edges, each in a fresh process (a review found the last three): its future
# runs while the job does, and a running job cannot be cancelled; a job cancelled while
# its worker dies is not run again; a pool made while the workers are being stopped is
# stopped too (the preview waited for its job before exiting); a new pool that cannot be
# made fails the job instead of leaving it waiting for ever.
EDGES = """
import multiprocessing, os, signal, sys, time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from medialit.processes import RenewedPool, stop_workers

LOG = Path(sys.argv[2])


def noted(seconds):
    with LOG.open("a") as log:
        log.write(f"start {os.getpid()}\\n")
    time.sleep(seconds)
    return os.getpid()


def started():
    deadline = time.monotonic() + 60
    while not (LOG.exists() and LOG.read_text()):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return int(LOG.read_text().split()[1])


def pool():
    return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"))


if __name__ == "__main__":
    edge = sys.argv[1]
    made = []

    def make():
        made.append(1)
        if len(made) > 1 and edge == "stopping":
            time.sleep(1)  # the stop comes while the new pool is being made
        if len(made) > 1 and edge == "no-new-pool":
            raise OSError("Cannot allocate memory")
        return pool()

    executor = RenewedPool(make)
    job = executor.submit(noted, 30)
    worker = started()
    if edge == "running":  # as a pool's own future says (the stop tests wait for it)
        print(job.running(), job.cancel())
        stop_workers(executor)
    elif edge == "cancelled":
        job.cancel()
        os.kill(worker, signal.SIGKILL)
        time.sleep(3)  # time enough for a second start
        print(LOG.read_text().count("start"))
        stop_workers(executor)
    elif edge == "stopping":
        os.kill(worker, signal.SIGKILL)
        time.sleep(0.3)
        stop_workers(executor)
        print("stopped")
    else:
        os.kill(worker, signal.SIGKILL)
        try:
            job.result(timeout=60)
        except OSError as error:
            print(error)
        stop_workers(executor)
"""


@pytest.mark.parametrize(
    ("edge", "said"),
    [
        ("running", "True False"),
        ("cancelled", "1"),
        ("stopping", "stopped"),
        ("no-new-pool", "Cannot allocate memory"),
    ],
)
def test_a_renewed_pool_at_its_edges(tmp_path: Path, edge: str, said: str) -> None:
    scene = tmp_path / "edges.py"
    scene.write_text(EDGES, encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(scene), edge, str(tmp_path / "log")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == said, done.stderr
    assert took < 25, f"{took:.1f} s: a worker ran its 30 s job"  # not a speed test: a hang
