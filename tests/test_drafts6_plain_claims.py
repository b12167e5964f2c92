"""Issue 19, session 6c: claims with no cue word whose form generalises, judges or ranks.

The Day Book's column of 1914 (``benchmarks/corpus/day-book-one-cent-newspapers-1914``,
public domain), drafted by a real ``medialit new`` run:

- "there is no such thing outside of The Day Book" (a negated existential), "Too many
  newspapers are managed…" (an amount judged), "the only daily newspaper in Chicago that…"
  (a case said to be alone) are read as assertions whose why names those words, and the
  first two are drafted, not left among the candidates as plain sentences;
- a short article's draft (335 words) has twelve statements, not ten;
- a question ("…when there is no natural law…?") and what someone said ("tell them that
  there is no procedure") are not read so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts

ROOT = Path(__file__).resolve().parents[1]
DAY_BOOK = ROOT / "benchmarks" / "corpus" / "day-book-one-cent-newspapers-1914" / "article.txt"


def test_general_claims_by_their_form_are_drafted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    found = drafts(tmp_path, monkeypatch, DAY_BOOK.read_text("utf-8").strip())
    lesson = (tmp_path / "lessons" / "drafted.yaml").read_text("utf-8")
    statements = [line for line in lesson.splitlines() if line.startswith("  - id: ")]
    assert len(statements) == 12, statements
    by_start = {str(d["quote"])[:30]: d for d in found}
    for start, cue in (
        ("We boast of a free press, and ", "there is no"),
        ("Too many newspapers are manage", "Too many"),
        ("The Day Book is the only daily", "the only"),
    ):
        draft = by_start[start]
        assert draft["kind"] == "assertion", draft
        assert f"‘{cue}’" in str(draft["why"]), draft
        if cue != "the only":  # ranked after the surer ones: kept as a candidate
            assert f"  - id: {draft['id']}" in statements, (draft["id"], statements)


def test_a_question_or_a_saying_is_not_read_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "The Isle of Pines\n\n"
        "Not only does the secretary tell them that there is no procedure by which they can "
        "lawfully set up a territorial form of government in the island. The Chairman asked "
        "how they base the Sabbath itself upon a divine ordinance. How do you base it upon a "
        "divine ordinance when there is no natural law to indicate which day is to be observed?"
    )
    for draft in drafts(tmp_path, monkeypatch, text):
        assert "‘there is no’" not in str(draft["why"]), draft
