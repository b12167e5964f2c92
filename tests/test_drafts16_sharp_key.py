"""Drafts confirmed as they stand do not trip ``check``'s warning that a key is mis-keyed
(a cold run of the studio): nearly every evidence and inference draft accepted "assertion"
too, so the README's own lesson, its drafts confirmed, had ticking "assertion" everywhere
score 71 %, "almost certainly mis-keyed". A draft's ``also_accept`` is now dropped, from the
surest draft first, until no one tick scores over half, in the lesson and in its core."""

from __future__ import annotations

import re
from pathlib import Path

from medialit.drafting.suggest import load_cues, suggest
from medialit.lesson.one_tick import FEWEST_STATEMENTS, MOST_FOR_ONE_TICK, one_tick_scores

from .conftest import run_cli

DATA = Path(__file__).parent / "data"
CORPUS = Path(__file__).parent.parent / "benchmarks" / "corpus"


def test_the_readme_s_lesson_confirmed_as_drafted_is_not_called_mis_keyed(tmp_path: Path) -> None:
    made = run_cli(["new", DATA / "news-story.html", "--name", "main-street"], cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    lesson = tmp_path / "lessons" / "main-street.yaml"
    drafted = lesson.read_text(encoding="utf-8")
    assert "also_accept" in drafted  # the debatable ones keep theirs
    lesson.write_text(re.sub(r"\n *draft: true(?=\n)", "", drafted), encoding="utf-8")
    checked = run_cli(["check", lesson], cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "ticking" not in checked.stdout + checked.stderr  # neither warning of one_tick
    assert "OK: 12 statements" in checked.stdout


def test_no_corpus_draft_s_also_accept_lifts_one_tick_over_half() -> None:
    """Over every corpus article: where one kind ticked everywhere still scores over half, no
    draft also accepts it (the kind has over half the statements itself: a reading's
    balance, not the key's looseness); and the debatable drafts keep theirs elsewhere."""
    cues = load_cues("en")
    kept = 0
    for article in sorted(CORPUS.glob("*/article.txt")):
        drafts = [d for d in suggest(article.read_text(encoding="utf-8"), cues) if not d.candidate]
        kept += sum(bool(d.also_accept) for d in drafts)
        for members in (drafts, [d for d in drafts if d.core]):
            if len(members) < FEWEST_STATEMENTS:
                continue
            for tick in one_tick_scores(members):
                if tick.score > MOST_FOR_ONE_TICK:
                    assert tick.half == 0, (article.parent.name, tick)
    assert kept > 300


def test_no_kind_takes_over_half_while_the_reading_found_another() -> None:
    """The lesson's and the core's statements: one kind over half only when no passage of
    another kind is left to take (on 87 articles, 58 drafted lessons and 63 cores had one
    kind over half; now 48 and 33, each with nothing else found to take)."""
    cues = load_cues("en")
    for article in sorted(CORPUS.glob("*/article.txt")):
        found = suggest(article.read_text(encoding="utf-8"), cues)
        drafts = [d for d in found if not d.candidate]
        core = [d for d in drafts if d.core]
        for members, pool in ((drafts, found), (core, drafts)):
            for tick in one_tick_scores(members):
                if tick.full * 2 > len(members):
                    others = [d for d in pool if d not in members and d.kind != tick.kind]
                    assert not others, (article.parent.name, tick.kind, len(members))
