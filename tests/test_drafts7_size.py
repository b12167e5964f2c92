"""Issue 19, session 7: a short article's draft is filled with plain claims up to eleven.

The Army News Service story of 2006 on the Guard in the North-East floods (285 words,
``benchmarks/corpus/arnews-guard-northeast-floods-2006``, public domain), drafted by a real
``medialit new`` run: eleven statements, not ten (its careful reading holds eleven; the
eleventh draft is one of them).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from .test_drafts3_titles import drafts

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "benchmarks" / "corpus" / "arnews-guard-northeast-floods-2006"


def test_a_short_article_is_drafted_to_eleven(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drafts(tmp_path, monkeypatch, (FOLDER / "article.txt").read_text("utf-8").strip())
    lesson = YAML(typ="safe").load((tmp_path / "lessons" / "drafted.yaml").read_text("utf-8"))
    statements = lesson["annotations"]
    assert len(statements) == 11, [s["quote"] for s in statements]
    assert all(s["draft"] is True for s in statements)
