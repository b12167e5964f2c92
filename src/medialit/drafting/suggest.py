"""Suggest statements: read the article as a whole, then choose a lesson's worth of drafts.

:mod:`.analysis` reads each paragraph and sentence with the words of the language's cues
file (:mod:`.wording`): what is said and who says it, where a figure comes from, what
judges, guesses, links a cause. :mod:`.choosing` keeps about twelve, balanced, with a core
selection and further candidates. Each suggestion says how sure the reading is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

import pysbd

from medialit.drafting.analysis import analyse
from medialit.drafting.choosing import choose
from medialit.drafting.wording import CueFamily, ReadingWords, load_cues
from medialit.lesson.anchoring import find_matches, searchable
from medialit.lesson.article import split_blocks
from medialit.lesson.model import Kind
from medialit.lesson.one_tick import FEWEST_STATEMENTS, MOST_FOR_ONE_TICK, one_tick_scores

__all__ = ["Suggestion", "load_cues", "sentences", "suggest", "sureness"]

SURE, FAIRLY_SURE = 0.75, 0.55


@dataclass(frozen=True)
class Suggestion:
    """A passage suggested as a statement, with a provisional answer and how sure it is."""

    quote: str
    occurrence: int | None
    kind: Kind
    also_accept: tuple[Kind, ...]
    why: str
    techniques: tuple[str, ...]
    check: str | None = None
    sure: float = 0.5
    """How sure, as measured for drafts of its technique (:mod:`.howsure`): shown, and the order."""
    reading_sure: float = 0.5
    """How sure the reading's cue words were: what chose it among the passages found."""
    id: str | None = None
    core: bool = False
    candidate: bool = False
    """Kept for the teacher to promote, not a statement of the lesson."""


def sureness(sure: float) -> str:
    """How sure, in words a teacher reads at a glance."""
    if sure >= SURE:
        return "sure"
    return "fairly sure" if sure >= FAIRLY_SURE else "unsure"


@cache
def _segmenter(language: str) -> pysbd.Segmenter:
    try:
        return pysbd.Segmenter(language=language, clean=False)
    except ValueError:
        return pysbd.Segmenter(language="en", clean=False)


WINDOW_CHARS = 4_000
"""How much of a paragraph pysbd reads at once: its time grows with the square of what it
reads (a pasted paragraph of 150,000 characters took 24 s, one sentence of 340,000 94 s)."""
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s|$)")


def sentences(text: str, language: str = "en") -> list[tuple[int, int]]:
    """The sentences of one paragraph as (start, end) offsets, white space trimmed.

    A long paragraph is read a window at a time: every sentence of a window but its last,
    which may be cut, whose start begins the next window. A sentence longer than a window
    runs to the next full stop, unread by pysbd (it is too long to quote anyway).
    """
    spans: list[tuple[int, int]] = []
    at = 0
    while at < len(text):
        found = _segmented(text[at : at + WINDOW_CHARS], language)
        if at + WINDOW_CHARS >= len(text):
            spans += [(at + start, at + end) for start, end in found]
            break
        if len(found) > 1:
            # Start the next window at the window's last sentence, or, when that is inside a
            # quotation, at the sentence that opens it: pysbd reads a quotation as a whole.
            restart = found[-1][0]
            if (opened := _open_quotation(text, at + restart)) is not None:
                # none before it, or in the window's first sentence: the last sentence still
                restart = max((s for s, _ in found if at + s <= opened), default=0) or restart
            spans += [(at + start, at + end) for start, end in found if start < restart]
            at += restart
            continue
        end = _SENTENCE_END.search(text, at + WINDOW_CHARS)
        stop = end.end() if end else len(text)
        piece = text[at:stop]
        if piece.strip():
            start = at + len(piece) - len(piece.lstrip())
            spans.append((start, at + len(piece.rstrip())))
        at = stop
    return spans


def _open_quotation(text: str, end: int) -> int | None:
    """Where a quotation still open at ``end`` begins ("…" or “…”), if one is."""
    if text.count('"', 0, end) % 2:
        return text.rfind('"', 0, end)
    opened, closed = text.rfind("“", 0, end), text.rfind("”", 0, end)
    return opened if opened > closed else None


def _segmented(text: str, language: str) -> list[tuple[int, int]]:
    spans = []
    cursor = 0
    for sentence in _segmenter(language.split("-")[0].lower()).segment(text):
        stripped = sentence.strip()
        if not stripped:
            continue
        start = text.find(stripped, cursor)
        if start < 0:
            continue  # the segmenter changed the text; skip rather than misquote
        spans.append((start, start + len(stripped)))
        cursor = start + len(stripped)
    return spans


def suggest(
    article: str,
    cues: tuple[list[CueFamily], ReadingWords],
    language: str = "en",
    statements: int | None = None,
) -> list[Suggestion]:
    """The statements chosen (least sure first), then the candidates (in reading order)."""
    families, words = cues
    blocks = split_blocks(article)
    index = searchable(blocks)
    found = analyse(blocks, lambda text: sentences(text, language), families, words, language)
    placed = []
    occurrences: dict[int, int | None] = {}
    for analysed in found:
        part = analysed.part
        places = [(m.block, m.start) for m in find_matches(part.text, index)]
        if (part.block, part.start) not in places:
            continue  # anchoring would place it elsewhere; better no suggestion
        position = places.index((part.block, part.start)) + 1
        occurrences[id(analysed)] = position if len(places) > 1 else None
        placed.append(analysed)
    return _sharp_key(
        [
            Suggestion(
                quote=c.analysed.part.text,
                occurrence=occurrences[id(c.analysed)],
                kind=c.analysed.kind,
                also_accept=c.analysed.also_accept,
                why=c.why,
                techniques=(c.analysed.technique,),
                check=c.analysed.check,
                sure=c.sure,
                reading_sure=c.analysed.sure,
                id=c.id,
                core=c.core,
                candidate=c.candidate,
            )
            for c in choose(
                placed, statements, language.split("-")[0].lower(), len(article.split())
            )
        ]
    )


def _sharp_key(suggestions: list[Suggestion]) -> list[Suggestion]:
    """The drafts with ``also_accept`` dropped, from the surest draft first, until one tick
    everywhere scores no more than ``check`` allows, in the lesson and in its ``core``.

    Confirmed as drafted, a key must not trip ``check``'s warning that it is mis-keyed:
    every saying accepted "assertion" too, and ticking it everywhere scored 71 %.
    """
    also = [s.also_accept for s in suggestions]
    chosen = [i for i, s in enumerate(suggestions) if not s.candidate]
    for members in (chosen, [i for i in chosen if suggestions[i].core]):
        while len(members) >= FEWEST_STATEMENTS:
            keyed = [replace(suggestions[i], also_accept=also[i]) for i in members]
            over = [t.kind for t in one_tick_scores(keyed) if t.score > MOST_FOR_ONE_TICK]
            holders = [i for i in members for kind in over if kind in also[i]]
            if not holders:
                break
            surest = max(holders, key=lambda i: suggestions[i].sure)
            also[surest] = tuple(k for k in also[surest] if k not in over)
    return [replace(s, also_accept=a) for s, a in zip(suggestions, also, strict=True)]
