"""A preview's worker that dies (killed for want of memory, say) is started again: its pages
were "being laid out" for ever, and nothing was said. A job that kills its second worker too
is refused with the reason; the next job has a worker again."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from .preview_helpers import LESSON
from .process_support import default_signals

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


def _descendants(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    found = [int(n) for n in children.read_text().split()] if children.exists() else []
    return [each for child in found for each in (child, *_descendants(child))]


def test_the_pages_come_back_after_the_workers_are_killed(tmp_path: Path) -> None:
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text(LESSON, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "medialit", "preview", "--no-open", str(lesson)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_signals,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{20,}", url), url
        origin, token = url.split("/?token=")

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
        (server,) = [pid for pid in _descendants(process.pid) if _descendants(pid)]
        workers = _descendants(server)
        assert len(workers) >= 2, workers
        for worker in workers:
            os.kill(worker, signal.SIGKILL)
        time.sleep(0.5)
        lesson.write_text(LESSON.replace("The library hours", "The new library hours"))
        deadline = time.monotonic() + 60
        while (version := pages()["documents"][0]["version"]) == before:
            assert time.monotonic() < deadline, "the change was not seen"
            time.sleep(0.1)
        shown = laid_out(version)
        assert shown["error"] is None
        assert all(document["count"] == 2 for document in shown["documents"])
    finally:
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=30)
    assert process.returncode == 0, errors
    assert "Traceback" not in errors, errors
    assert "A worker of the preview stopped unexpectedly; starting another." in errors
