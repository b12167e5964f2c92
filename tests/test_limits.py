"""Size limits: files too large, too long or too deep are refused with a message, not hung on.

The "not hung" cases run ``medialit check`` in a real process under a generous
timeout; their speed is measured in ``benchmarks/bench_limits.py``, not here.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from medialit.errors import LessonError
from medialit.lesson.reading import MAX_ANNOTATIONS, read_lesson
from medialit.lesson.text import MAX_FILE_BYTES

from .conftest import GOOD

GUARD_SECONDS = 30


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """A "billion laughs": each level lists the previous one ``width`` times (9**9 values)."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def deep_flow(depth: int = 100_000) -> str:
    return "title: " + "[" * depth + "]" * depth + "\n"


def deep_blocks(depth: int = 600) -> str:
    return "".join(" " * level + "a:\n" for level in range(depth))


def many_long_missing_quotes() -> str:
    """100 long quotes, none in a 100-paragraph article: fuzzy "did you mean" is the cost."""
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta"]
    chooser = random.Random(6)
    paragraph = lambda count: " ".join(chooser.choice(words) for _ in range(count))  # noqa: E731
    article = "".join(f"  {paragraph(130)}\n\n" for _ in range(100))
    quotes = "".join(
        f"  - quote: {paragraph(170)} x{i}\n    kind: assertion\n    why: x\n" for i in range(100)
    )
    source = "source: {author: a, outlet: b, published: 2020-01-01}\n"
    return f"title: t\n{source}article: |\n{article}annotations:\n{quotes}"


def run_check(file: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "medialit", "check", str(file)],
        capture_output=True,
        text=True,
        timeout=GUARD_SECONDS,
    )


NOT_HUNG = [
    pytest.param(
        alias_bomb(),
        "1: the file expands to more than 20,000 values or nests deeper than 50 levels (often "
        "YAML aliases that refer to each other); a lesson is never that large, so check the file "
        "is a medialit lesson.",
        id="alias-bomb",
    ),
    pytest.param(
        deep_flow(),
        "1: the file nests lists or mappings more than 50 levels deep; a lesson never does, so "
        "check the file is a medialit lesson.",
        id="deep-flow-nesting",
    ),
    pytest.param(
        "# a tab:\there, so ruamel's own scanner looks for the nesting, not libyaml's\n"
        + deep_flow(),
        "2: the file nests lists or mappings more than 50 levels deep; a lesson never does, so "
        "check the file is a medialit lesson.",
        id="deep-flow-nesting-python-scanner",
    ),
    pytest.param(
        deep_blocks(),
        " the file nests lists or mappings more than 50 levels deep; a lesson never does, so "
        "check the file is a medialit lesson.",
        id="deep-block-nesting",
    ),
    pytest.param(
        GOOD + "# " + "x" * MAX_FILE_BYTES + "\n",
        " the file is larger than the 1,000,000 bytes a lesson may have; check it is a medialit "
        "lesson, and use an excerpt of a long article.",
        id="file-too-large",
    ),
]


@pytest.mark.parametrize(("text", "expected"), NOT_HUNG)
def test_refused_not_hung(text: str, expected: str, tmp_path: Path) -> None:
    file = tmp_path / "lesson.yaml"
    file.write_text(text)
    process = run_check(file)
    assert process.returncode == 1
    assert f"Error: {file}:{expected}" in process.stderr
    assert "Traceback" not in process.stderr


def test_many_long_missing_quotes_refused_not_hung(tmp_path: Path) -> None:
    """Before "did you mean" was capped, 499 such quotes took over ten minutes."""
    file = tmp_path / "lesson.yaml"
    file.write_text(many_long_missing_quotes())
    process = run_check(file)
    assert process.returncode == 1
    assert process.stderr.count("this quote is not in the article;") == 100
    assert process.stderr.count("; did you mean") == 10
    first = f"Error: {file}:205:12: annotations[0].quote: this quote is not in the article; "
    assert process.stderr.startswith(first + "did you mean")


def test_article_too_long(tmp_path: Path) -> None:
    file = tmp_path / "lesson.yaml"
    file.write_text(GOOD.replace("article: |\n", "article: |\n  " + "word " * 40_001 + "\n\n"))
    with pytest.raises(LessonError) as caught:
        read_lesson(file)
    assert str(caught.value) == (
        f"{file}:6:10: article: the article has 200,151 characters, more than the 200,000 a "
        "worksheet can hold; use an excerpt."
    )


def test_too_many_annotations(tmp_path: Path) -> None:
    file = tmp_path / "lesson.yaml"
    extra = "  - quote: The bridge is ugly.\n    kind: assertion\n    why: x\n"
    file.write_text(GOOD + extra * (MAX_ANNOTATIONS - 1))
    with pytest.raises(LessonError) as caught:
        read_lesson(file)
    assert str(caught.value) == (
        f"{file}:11:3: annotations: 501 annotations is more than the 500 a worksheet can hold; "
        "split the article into several lessons."
    )
