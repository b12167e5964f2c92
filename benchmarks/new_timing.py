"""Time ``medialit new`` for ``bench_new.py``: fresh processes on a 1,500-word article.

The article is always ``benchmarks/corpus``'s articles one after another (``--corpus`` changes
the readings scored, not the text timed), cut at the paragraph past 1,500 words.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
LONG_WORDS = 1500


def long_article(tmp: Path) -> tuple[Path, int]:
    """The corpus's articles one after another, cut at the paragraph past 1,500 words."""
    paragraphs: list[str] = []
    words = 0
    for folder in sorted(CORPUS.iterdir()):
        if not (folder / "article.txt").is_file():
            continue
        for paragraph in (folder / "article.txt").read_text("utf-8").split("\n\n"):
            if words >= LONG_WORDS:
                break
            paragraphs.append(paragraph.strip())
            words += len(paragraph.split())
    path = tmp / "long.txt"
    path.write_text("A long article for timing\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8")
    return path, words


def time_new(
    source: Path, tmp: Path, repeat: int, trees: dict[str, str | None]
) -> dict[str, Times]:
    """Wall and CPU time of ``medialit new`` in fresh processes, the source trees taking turns."""
    times = {name: Times() for name in trees}
    for run in range(repeat):
        for number, (name, tree) in enumerate(trees.items()):
            folder = tmp / f"run-{number}-{run}"
            folder.mkdir()
            env = dict(os.environ)
            if tree is not None:
                env["PYTHONPATH"] = tree
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "medialit", "new", str(source)],
                cwd=folder,
                check=True,
                capture_output=True,
                env=env,
            )
            times[name].wall.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times[name].cpu.append(
                after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            )
    return times


@dataclass
class Times:
    """Seconds of each run: on the clock, and on the processor (user + system)."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
