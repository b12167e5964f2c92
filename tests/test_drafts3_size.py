"""Issue 19, held-out-3: a long article's default draft grows with its length.

The careful readings of 690-850-word articles hold 15-19 statements, one for about every fifty
words, while every default draft stopped at twelve. Past 600 words a default draft now gets
one more statement for every fifty words (at most sixteen); ``--statements N`` still asks for
exactly N. Checked with real ``medialit new`` runs on four public-domain corpus articles read
as one (over 800 words).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from medialit.cli.main import main
from medialit.drafting.choosing import default_size

from .conftest import ROOT

CORPUS = ROOT / "benchmarks" / "corpus"
LONG = "\n\n".join(
    (CORPUS / name / "article.txt").read_text("utf-8")
    for name in (
        "nih-aging-study-2009",
        "nih-prevention-research-2019",
        "nci-extreme-obesity-2014",
        "outlook-influenza-1918",
    )
)


def statements(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *options: str) -> int:
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "article.txt"
    page.write_text(LONG, "utf-8")
    made = CliRunner().invoke(main, ["new", str(page), "--name", "long", *options])
    assert made.exit_code == 0, made.output
    lesson = YAML(typ="safe").load((tmp_path / "lessons" / "long.yaml").read_text("utf-8"))
    return len(lesson["annotations"])


def test_a_long_article_gets_more_than_twelve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = len(LONG.split())
    assert words > 800
    assert default_size(words) == min(16, 12 + (words - 600) // 50)
    assert statements(tmp_path, monkeypatch) == default_size(words) > 12


def test_statements_n_still_asks_for_n(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert statements(tmp_path, monkeypatch, "--statements", "12") == 12


def test_the_size_stops_at_sixteen() -> None:
    assert default_size(150) == 8
    assert default_size(300) == 12  # one per 20 words from 200, at most 12 (drafts4, drafts6)
    assert default_size(230) == 11
    assert default_size(500) == 12
    assert default_size(5000) == 16
