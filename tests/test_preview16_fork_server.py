"""The preview's workers come from a fork server, which imports WeasyPrint and the build once
for all three; where no fork server can start (a review: a temporary folder whose path is too
long for its socket, or a sandbox with no Unix sockets) they are spawned, as before, and the
pages show: the pages pane waited for ever, with nothing said."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCENE = """
import os
from medialit.preview.pages import make_executor

if __name__ == "__main__":
    executor = make_executor()
    parent = executor.submit(os.getppid).result(timeout=120)
    print("spawned" if parent == os.getpid() else "forked by a fork server")
    executor.shutdown()
"""


def _started(tmp_path: Path, temporary: Path) -> str:
    scene = tmp_path / "scene.py"
    scene.write_text(SCENE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(scene)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout.strip()


def test_the_workers_come_from_a_fork_server(tmp_path: Path) -> None:
    assert _started(tmp_path, tmp_path) == "forked by a fork server"


def test_without_a_fork_server_the_workers_are_spawned(tmp_path: Path) -> None:
    too_long = tmp_path / ("x" * 100)  # a Unix socket's path holds at most 107 bytes
    too_long.mkdir()
    assert _started(tmp_path, too_long) == "spawned"
