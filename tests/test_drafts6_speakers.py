"""Issue 19, session 6c: the speaker a why names, without the words around the name.

Real sentences, drafted by a real ``medialit new`` run: Wikinews, "Chinese submarine enters
Japanese waters" (2004, public domain or CC BY 2.5, credit "Wikinews") and the Billings Gazette, "The Isle of Pines" (1905,
public domain), both in ``benchmarks/corpus``:

- "Japanese Prime Minister Koizumi Junichiro has publicly demanded…": the speaker is the
  Prime Minister, not "… has publicly";
- "To make himself still clearer, the secretary says…": the speaker is the secretary, not
  the clause before the comma.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts

ROOT = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"


def _reasons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, article: str) -> str:
    text = (ROOT / article / "article.txt").read_text("utf-8").strip()
    return " ".join(f"{d['why']} {d['check']}" for d in drafts(tmp_path, monkeypatch, text))


def test_an_adverb_and_has_are_not_the_speaker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reasons = _reasons(tmp_path, monkeypatch, "wikinews-chinese-submarine-2004")
    assert "Find Japanese Prime Minister Koizumi Junichiro's own words" in reasons, reasons
    assert "has publicly" not in reasons, reasons


def test_a_clause_before_the_comma_is_not_the_speaker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reasons = _reasons(tmp_path, monkeypatch, "billings-gazette-isle-of-pines-1905")
    assert "Quoted from the secretary:" in reasons, reasons
    assert "still clearer, the secretary" not in reasons, reasons
