"""Where a lesson's statements stand in its article, and the numbers the page shows them by."""

from __future__ import annotations

from ruamel.yaml.comments import CommentedMap

from medialit.lesson.anchoring import Match, find_matches, searchable
from medialit.lesson.article import Block


def placed(data: CommentedMap, blocks: list[Block]) -> dict[int, Match]:
    """Where each annotation stands (by its index in the file), as ``medialit check`` places it.

    The file passed the check at this version, so every quote is found, once or at its
    ``occurrence``.
    """
    index = searchable(blocks)
    places: dict[int, Match] = {}
    for i, item in enumerate(data["annotations"]):
        occurrence = item.get("occurrence") or 1
        found = find_matches(str(item["quote"]), index, limit=occurrence)
        if len(found) >= occurrence:
            places[i] = found[occurrence - 1]
    return places


def numbers(places: dict[int, Match]) -> dict[int, int]:
    """Each annotation's statement number: its place in reading order, from 1."""
    order = sorted(places, key=lambda i: (places[i].block, places[i].start))
    return {i: number for number, i in enumerate(order, start=1)}


def first_shared(
    places: dict[int, Match], words: Match, text: str, besides: int | None = None
) -> tuple[int, str] | None:
    """The first statement in reading order (but ``besides``) that shares characters with
    ``words`` of the paragraph ``text``: its index and the words they share."""
    for other in sorted(places, key=lambda i: (places[i].block, places[i].start)):
        there = places[other]
        if other == besides or there.block != words.block:
            continue
        if there.start < words.end and words.start < there.end:
            return other, text[max(words.start, there.start) : min(words.end, there.end)]
    return None
