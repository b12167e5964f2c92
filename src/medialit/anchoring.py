"""Find each annotation's quote in the article.

Teachers copy quotes from web pages and PDFs, so matching ignores
differences in white space, straight vs curly quotes and apostrophes, hyphen
vs en/em dash, and invisible characters. When a quote is not found, the
closest passage of the article is offered as "did you mean".
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from .article import Block

_QUOTES = {c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u2039\u203a"}
_QUOTES |= {c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"}
_DASHES = {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
NEEDLE_CHARS = 150


def normalise(text: str) -> tuple[str, list[int]]:
    """The text as matching sees it, and for each of its characters the index it came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        if char.isspace():
            if out and out[-1] == " ":
                continue
            char = " "
        else:
            char = _QUOTES.get(char) or _DASHES.get(char) or char
        out.append(char)
        origin.append(i)
    return "".join(out), origin


@functools.lru_cache(maxsize=1024)  # each quote is looked at several times
def normalise_quote(quote: str) -> str:
    """A quote as matching sees it: NFC, normalised, trimmed."""
    return normalise(unicodedata.normalize("NFC", quote))[0].strip()


@dataclass(frozen=True)
class Match:
    """Where a quote stands: block index and character range in the block's text."""

    block: int
    start: int
    end: int


@dataclass(frozen=True)
class NearMiss:
    """The closest passage to a quote that was not found."""

    block: int
    passage: str
    score: float


class _Searchable:
    def __init__(self, blocks: Sequence[Block]) -> None:
        self.blocks = blocks
        self.normalised = [normalise(b.text) for b in blocks]


def find_matches(
    quote: str, blocks: Sequence[Block] | _Searchable, limit: int | None = None
) -> list[Match]:
    """The places the quote matches, in reading order; the first ``limit`` when given.

    A quote must lie in one block. The limit keeps the work near-linear in the
    article: a one-letter quote matches thousands of times, and a lesson needs
    only the first few (or the ``occurrence``-th).
    """
    searchable = blocks if isinstance(blocks, _Searchable) else _Searchable(blocks)
    needle = normalise_quote(quote)
    matches: list[Match] = []
    if not needle:
        return matches
    for index, (text, origin) in enumerate(searchable.normalised):
        at = text.find(needle)
        while at != -1:
            if limit is not None and len(matches) >= limit:
                return matches
            start = origin[at]
            end = origin[at + len(needle) - 1] + 1
            matches.append(Match(index, start, end))
            at = text.find(needle, at + 1)
    return matches


def closest_passage(quote: str, blocks: Sequence[Block] | _Searchable) -> NearMiss | None:
    """The passage of the article that looks most like ``quote``."""
    searchable = blocks if isinstance(blocks, _Searchable) else _Searchable(blocks)
    # Fuzzy alignment costs grow with the needle's length times the text's;
    # a quote's opening words are enough to find where it was copied from.
    needle = normalise_quote(quote)[:NEEDLE_CHARS]
    best: NearMiss | None = None
    for index, (text, origin) in enumerate(searchable.normalised):
        if not text:
            continue
        alignment = fuzz.partial_ratio_alignment(needle, text)
        if alignment is None:
            continue
        if best is None or alignment.score > best.score:
            start = origin[alignment.dest_start]
            end = origin[max(alignment.dest_end - 1, alignment.dest_start)] + 1
            original = searchable.blocks[index].text
            start, end = _widen_to_words(original, start, end)
            best = NearMiss(index, original[start:end], alignment.score)
    return best


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def searchable(blocks: Sequence[Block]) -> _Searchable:
    """Normalise the article's blocks once, for many quotes."""
    return _Searchable(blocks)
