"""Issue 19: ``medialit check`` lists the drafts least sure first, each saying how sure
``medialit new`` was (the ``# how sure: …`` comment it writes above each draft), even after
the teacher has moved them in the file; a draft without the comment says so, first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli.main import main

from .conftest import ROOT

ARTICLE = ROOT / "benchmarks" / "corpus" / "nih-prevention-research-2019" / "article.txt"
DRAFT = re.compile(
    r"annotations\[(?P<index>\d+)\]\.draft: statement \d+ is a draft suggestion "
    r"\(how sure: (?P<words>[a-z ]+), (?P<sure>[01]\.\d\d)\)"
)
NOT_SAID = re.compile(r"annotations\[(?P<index>\d+)\]\.draft: .*\(how sure: not said\)")


def _drafts(output: str) -> list[tuple[int, float]]:
    return [
        (int(m.group("index")), float(m.group("sure")))
        for m in map(DRAFT.search, output.splitlines())
        if m
    ]


def _items(text: str) -> tuple[str, list[str], str]:
    """The lesson's text before its annotations, each annotation with its comment, the rest."""
    head, rest = text.split("annotations:\n", 1)
    tail_at = rest.index("\n# A suggested short version")
    body, tail = rest[:tail_at], rest[tail_at:]
    items = re.split(r"\n(?=  # how sure:)", "\n" + body.strip("\n"))
    return head + "annotations:\n", [i.strip("\n") for i in items if i.strip()], tail


def test_check_lists_drafts_least_sure_first_with_how_sure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    made = CliRunner().invoke(main, ["new", str(ARTICLE), "--name", "prevention"])
    assert made.exit_code == 0, made.output
    lesson = tmp_path / "lessons" / "prevention.yaml"
    head, items, tail = _items(lesson.read_text("utf-8"))
    assert len(items) >= 8 and all(i.startswith("  # how sure: ") for i in items)
    # The teacher moves the surest drafts to the top, and the comment of the last one goes.
    items.reverse()
    items[-1] = items[-1].split("\n", 1)[1]
    lesson.write_text(head + "\n".join(items) + "\n" + tail, "utf-8")
    checked = CliRunner().invoke(main, ["check", str(lesson)])
    assert checked.exit_code == 0, checked.output
    warnings = [w for w in checked.stderr.splitlines() if "is a draft suggestion" in w]
    assert len(warnings) == len(items)
    first = NOT_SAID.search(warnings[0])  # no comment: read it before the rest
    assert first and int(first.group("index")) == len(items) - 1, warnings[0]
    listed = _drafts("\n".join(warnings[1:]))
    assert len(listed) == len(items) - 1
    sures = [sure for _, sure in listed]
    assert sures == sorted(sures)  # least sure first
    assert sures[0] < sures[-1]
    indexes = [index for index, _ in listed]
    assert indexes != sorted(indexes)  # not the file's order, which the teacher reversed
