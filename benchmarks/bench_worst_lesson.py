"""The worst lessons that are still legal: how long ``medialit check`` and ``build`` take.

Run: ``python benchmarks/bench_worst_lesson.py [--skip-build]``. Each lesson is
generated to sit at the limits (README: a lesson file of at most 1,000,000 bytes,
an article of 200,000 characters, 500 annotations, every field bounded), then
checked and built by a fresh ``medialit`` process, timed from outside
(``time.perf_counter``), with that process's peak memory (its own ``ru_maxrss``).
The issue's bounds: check under 5 s, build under 2 minutes.

- ``longest``: every limit filled: the longest article, 500 statements, the
  explanations as long as the file size allows, the longest title.
- ``one-letter``: 500 annotations of ``quote: a`` told apart by ``occurrence``,
  in the longest article (anchoring's worst case).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from medialit.lesson.model import MAX_LABEL_CHARS
from medialit.lesson.reading import MAX_ANNOTATIONS, MAX_ARTICLE_CHARS
from medialit.lesson.text import MAX_FILE_BYTES

SOURCE = "source: {author: A. Writer, outlet: The Paper, published: 2020-01-01}\n"


def _article(sentences: list[str]) -> str:
    """Paragraphs of ten sentences, padded with filler words to the article limit."""
    paragraphs = [" ".join(sentences[i : i + 10]) for i in range(0, len(sentences), 10)]
    text = "\n\n".join(paragraphs)
    filler = " ".join(["more words of the article"] * 40)
    while len(text) + len(filler) + 2 < MAX_ARTICLE_CHARS - 10:
        text += "\n\n" + filler
    return text


def _block(text: str) -> str:
    return "".join(f"  {line}\n" if line else "\n" for line in text.split("\n"))


def longest() -> str:
    sentences = [f"Statement number {n} says something checkable." for n in range(MAX_ANNOTATIONS)]
    head = f"title: {'T' * MAX_LABEL_CHARS}\n{SOURCE}article: |\n{_block(_article(sentences))}"
    room = MAX_FILE_BYTES - len(head) - 1_000
    why_chars = room // MAX_ANNOTATIONS - 120
    annotations = "".join(
        f"  - quote: {sentence}\n    kind: evidence\n    why: {'w' * why_chars}\n"
        for sentence in sentences
    )
    return f"{head}annotations:\n{annotations}"


def one_letter() -> str:
    article = _article(["a"] * 1)
    annotations = "".join(
        f"  - {{quote: a, occurrence: {n}, kind: assertion, why: x}}\n"
        for n in range(1, MAX_ANNOTATIONS + 1)
    )
    return f"title: t\n{SOURCE}article: |\n{_block(article)}annotations:\n{annotations}"


# Runs medialit in this process and writes its own peak memory (KB) to the file named first.
_MEASURED = (
    "import resource, runpy, sys\n"
    "report, sys.argv = sys.argv[1], ['medialit', *sys.argv[2:]]\n"
    "try:\n"
    "    runpy.run_module('medialit', run_name='__main__')\n"
    "finally:\n"
    "    with open(report, 'w') as f:\n"
    "        f.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
)


def _timed(arguments: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds taken by ``medialit ARGUMENTS`` in a fresh process, and its peak memory in MB."""
    report = cwd / "peak.txt"
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, str(report), *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"medialit {' '.join(arguments)} failed:\n{result.stderr}")
    return seconds, int(report.read_text()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="time check only")
    args = parser.parse_args()
    print(f"machine: Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, make in (("longest", longest), ("one-letter", one_letter)):
            lesson = folder / f"{name}.yaml"
            lesson.write_text(make())
            size = lesson.stat().st_size
            check, check_mb = _timed(["check", str(lesson)], folder)
            line = f"{name:<11} {size:>9,} bytes  check {check:6.2f} s (peak {check_mb:,.0f} MB)"
            if not args.skip_build:
                build, build_mb = _timed(
                    ["build", "--quiet", "--out", str(folder / "out"), str(lesson)], folder
                )
                pages = subprocess.run(
                    ["pdfinfo", str(folder / "out" / name / "key.pdf")],
                    capture_output=True,
                    text=True,
                ).stdout
                count = next((x.split()[-1] for x in pages.splitlines() if "Pages" in x), "?")
                line += f"  build {build:6.1f} s (peak {build_mb:,.0f} MB, key {count} pages)"
            print(line, flush=True)


if __name__ == "__main__":
    main()
