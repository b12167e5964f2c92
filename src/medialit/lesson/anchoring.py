"""Place each annotation's quote in the article, or say why it cannot be placed.

Teachers copy quotes from web pages and PDFs, so matching ignores
differences in white space, straight vs curly quotes and apostrophes, hyphen
vs en/em dash, and invisible characters. When a quote is not found, the
closest passage of the article is offered as "did you mean". A quote must be
found exactly once (or say which occurrence it is), and no two quotes may
share words.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import Any, NamedTuple

from medialit.errors import Problem
from medialit.lesson.article import Block, split_blocks
from medialit.lesson.loader import LoadedYaml, PathKey

_QUOTES = {c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u2039\u203a"}
_QUOTES |= {c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"}
_DASHES = {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
NEEDLE_CHARS = 150
# "Did you mean" is a fuzzy search of the whole article; past a few misses the
# teacher has likely pasted the wrong article, and more searches only cost time.
MAX_SUGGESTIONS = 10
# A quote found more often than this is reported as found "more than 10 times".
MAX_PLACES_SHOWN = 10


_SAME_LENGTH = str.maketrans({**_QUOTES, **_DASHES})
_INVISIBLES = "".join(sorted(_INVISIBLE))
# A gap is a run of white space and invisible characters. Most are one plain space, which
# matching sees as it is: only the others are looked at (in an article, a few of thousands).
_ODD_GAPS = re.compile(f"[\\s{_INVISIBLES}]{{2,}}|[^\\S ]|[{_INVISIBLES}]")


class Origins:
    """For each character of a normalised text, the index it came from in the text.

    Kept as the runs that were copied whole (where each starts in both texts), not as one
    number a character: an article's would be tens of thousands of numbers, each looked
    at to place a few quotes.
    """

    __slots__ = ("_sources", "_starts")

    def __init__(self, starts: list[int], sources: list[int]) -> None:
        self._starts = starts
        self._sources = sources

    def __getitem__(self, index: int) -> int:
        run = bisect.bisect_right(self._starts, index) - 1
        return self._sources[run] + index - self._starts[run]


def normalise_runs(text: str) -> tuple[str, Origins]:
    """:func:`normalise`, with the origins kept as runs."""
    out: list[str] = []
    starts: list[int] = []
    sources: list[int] = []
    position = length = 0
    for gap in _ODD_GAPS.finditer(text):
        start, end = gap.span()
        if start > position:
            out.append(text[position:start])
            starts.append(length)
            sources.append(position)
            length += start - position
        spaces = [n for n, char in enumerate(gap.group()) if char not in _INVISIBLE]
        if spaces:
            out.append(" ")
            starts.append(length)
            sources.append(start + spaces[0])
            length += 1
        position = end
    if position < len(text):
        out.append(text[position:])
        starts.append(length)
        sources.append(position)
    return "".join(out).translate(_SAME_LENGTH), Origins(starts, sources)


def normalise(text: str) -> tuple[str, list[int]]:
    """The text as matching sees it, and for each of its characters the index it came from:
    invisible characters dropped, each run of white space one space, quotes and dashes plain."""
    normalised, origins = normalise_runs(text)
    return normalised, [origins[i] for i in range(len(normalised))]


@functools.lru_cache(maxsize=1024)  # each quote is looked at several times
def normalise_quote(quote: str) -> str:
    """A quote as matching sees it: NFC, normalised, trimmed."""
    return normalise_runs(unicodedata.normalize("NFC", quote))[0].strip()


# NamedTuples, defined ten times quicker than frozen dataclasses (on every check's path): places
# read by their fields, never compared with other tuples, never given to a template.
class Match(NamedTuple):
    """Where a quote stands: block index and character range in the block's text."""

    block: int
    start: int
    end: int


class NearMiss(NamedTuple):
    """The closest passage to a quote that was not found."""

    block: int
    passage: str
    score: float


class _Searchable:
    def __init__(self, blocks: Sequence[Block]) -> None:
        self.blocks = blocks
        self.normalised = [normalise_runs(b.text) for b in blocks]


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
    from rapidfuzz import fuzz  # only a quote that is not found needs it

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


def place_statements(loaded: LoadedYaml) -> tuple[list[Block], dict[int, Match], list[Problem]]:
    """Place each annotation's quote; runs on raw data, so even when a field is wrong."""
    data = loaded.data
    article = data.get("article")
    annotations = data.get("annotations")
    if not isinstance(article, str) or not isinstance(annotations, list):
        return [], {}, []
    blocks = split_blocks(article)
    index = searchable(blocks)
    problems: list[Problem] = []
    matches: dict[int, Match] = {}
    seen_quotes: dict[str, int] = {}
    missed = 0
    for i, raw in enumerate(annotations):
        if not isinstance(raw, dict) or not isinstance(raw.get("quote"), str):
            continue
        path: PathKey = ("annotations", i, "quote")
        quote = raw["quote"]
        occurrence = raw.get("occurrence")
        if not quote.strip() or not _valid_occurrence(occurrence):
            continue  # the model already reports an empty quote or a bad occurrence
        normalised = normalise_quote(quote)
        if not normalised:
            problems.append(
                loaded.problem(path, "the quote is empty; copy words from the article.")
            )
            continue
        key = f"{normalised}#{occurrence}"
        if key in seen_quotes:
            problems.append(
                loaded.problem(
                    path,
                    f"annotations[{i}] repeats the quote of annotations[{seen_quotes[key]}]; "
                    "remove one of them.",
                )
            )
            continue
        seen_quotes[key] = i
        # Only the matches a message can use are collected: one quote such as "a" may
        # match thousands of times, and 500 of them would cost minutes.
        wanted = occurrence if isinstance(occurrence, int) else MAX_PLACES_SHOWN
        found = find_matches(quote, index, limit=wanted + 1)
        if not found:
            suggest = missed < MAX_SUGGESTIONS
            missed += 1
            problems.append(loaded.problem(path, _not_found_message(quote, blocks, index, suggest)))
            continue
        if isinstance(occurrence, int):
            if occurrence > len(found):
                if len(found) == 1:
                    advice = "the quote appears once; remove 'occurrence'."
                else:
                    n = len(found)
                    advice = f"the quote appears {n} times; use a number from 1 to {n}."
                problems.append(
                    loaded.problem(
                        ("annotations", i, "occurrence"),
                        f"occurrence {occurrence} is out of range: {advice}",
                    )
                )
                continue
            match = found[occurrence - 1]
        elif len(found) > 1:
            shown = found[:MAX_PLACES_SHOWN]
            where = ", ".join(_place_name(blocks, m.block) for m in shown)
            count = f"{len(found)} times"
            if len(found) > len(shown):
                count, where = f"more than {len(shown)} times", where + ", …"
            problems.append(
                loaded.problem(
                    path,
                    f"the quote appears {count} ({where}); add 'occurrence: N' "
                    "to say which one, or quote more words.",
                )
            )
            continue
        else:
            match = found[0]
        matches[i] = match
    problems.extend(_overlaps(loaded, matches, blocks))
    return blocks, matches, problems


def _valid_occurrence(occurrence: Any) -> bool:
    """None, or a whole number from 1 (what the model accepts)."""
    if occurrence is None:
        return True
    return isinstance(occurrence, int) and not isinstance(occurrence, bool) and occurrence >= 1


def _place_name(blocks: list[Block], block: int) -> str:
    b = blocks[block]
    if b.kind == "heading":
        return f'the heading "{b.text}"'
    return f"paragraph {b.number}"


def _not_found_message(quote: str, blocks: list[Block], index: Any, suggest: bool) -> str:
    message = "this quote is not in the article"
    near = closest_passage(quote, index) if suggest else None
    if near is not None and near.score >= 50:
        passage = near.passage if len(near.passage) <= 160 else near.passage[:157] + "..."
        message += f'; did you mean "{passage}" ({_place_name(blocks, near.block)})?'
    else:
        message += "; copy the words exactly from the article."
    return message + " A quote must lie within one paragraph."


def _overlaps(loaded: LoadedYaml, matches: dict[int, Match], blocks: list[Block]) -> list[Problem]:
    """Each quote that shares words with an earlier one; compared with the one reaching
    furthest, so that a long quote covering two short ones is reported for both."""
    problems = []
    placed = sorted(matches.items(), key=lambda item: (item[1].block, item[1].start))
    reach: tuple[int, Match] | None = None
    for j, b in placed:
        if reach is not None and reach[1].block == b.block and b.start < reach[1].end:
            i, a = reach
            shared = blocks[a.block].text[b.start : min(a.end, b.end)]
            problems.append(
                loaded.problem(
                    ("annotations", j, "quote"),
                    f'annotations[{j}] overlaps annotations[{i}] on the words "{shared}"; '
                    "shorten one quote so that they do not share words.",
                )
            )
        if reach is None or reach[1].block != b.block or b.end > reach[1].end:
            reach = (j, b)
    return problems
