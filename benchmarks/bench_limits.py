"""How fast hostile or huge lesson files are refused, and how fast a large valid one is read.

Run: ``python benchmarks/bench_limits.py`` (best of three runs per case, in seconds).
The tests only check that these cases are refused under a generous timeout; the
figures live here.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from medialit.errors import LessonError
from medialit.settings.checks import read_lesson_with_settings

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "iota"]
HEAD = "title: t\nsource: {author: a, outlet: b, published: 2020-01-01}\n"


def alias_bomb() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    return "\n".join(lines) + "\n"


def deep_flow() -> str:
    return "title: " + "[" * 400_000 + "]" * 400_000 + "\n"


def deep_blocks() -> str:
    return "".join(" " * level + "a:\n" for level in range(1_300))


def oversized() -> str:
    return "# " + "x" * 1_000_001 + "\n"


def _paragraphs(count: int, words: int, chooser: random.Random) -> list[str]:
    return [" ".join(chooser.choice(WORDS) for _ in range(words)) for _ in range(count)]


def long_missing_quotes() -> str:
    """499 quotes of about 1,200 characters, none in a 160,000-character article."""
    chooser = random.Random(1)
    article = "".join(f"  {p}\n\n" for p in _paragraphs(200, 140, chooser))
    quotes = "".join(
        f"  - quote: {q} x{i}\n    kind: assertion\n    why: x\n"
        for i, q in enumerate(_paragraphs(499, 180, chooser))
    )
    return f"{HEAD}article: |\n{article}annotations:\n{quotes}"


def large_valid() -> str:
    """A valid lesson at the limits: a 190,000-character article and 500 annotations."""
    chooser = random.Random(2)
    paragraphs = [f"{p} end{n}." for n, p in enumerate(_paragraphs(500, 50, chooser))]
    article = "".join(f"  {p}\n\n" for p in paragraphs)
    quotes = "".join(
        f"  - quote: {' '.join(p.split()[-6:])}\n    kind: evidence\n    why: x\n"
        for p in paragraphs
    )
    return f"{HEAD}article: |\n{article}annotations:\n{quotes}"


CASES: dict[str, Callable[[], str]] = {
    "alias bomb (9 levels of 9)": alias_bomb,
    "flow nesting 400,000 deep": deep_flow,
    "block nesting 1,300 deep": deep_blocks,
    "file over 1,000,000 bytes": oversized,
    "499 long quotes not found": long_missing_quotes,
    "valid: 500 annotations": large_valid,
}


def best_of_three(file: Path) -> tuple[float, str]:
    times = []
    outcome = ""
    for _ in range(3):
        start = time.perf_counter()
        try:
            read_lesson_with_settings(file)
            outcome = "accepted"
        except LessonError as error:
            outcome = f"refused: {error.problems[0].message[:50]}..."
        times.append(time.perf_counter() - start)
    return min(times), outcome


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        for name, make in CASES.items():
            file = Path(folder) / "lesson.yaml"
            text = make()
            file.write_text(text)
            seconds, outcome = best_of_three(file)
            print(f"{name:<28} {len(text):>9,} chars {seconds:7.3f} s  {outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
