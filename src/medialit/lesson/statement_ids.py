"""A short stable id for a statement, made from its quote when the statement is made.

``medialit new`` writes one for every draft statement and the preview for every statement
it adds, so that ``selections`` can name them (``core: [council-report]``) and a
statement keeps its id when others are added or moved (its number does not).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

ID_WORDS = 3
MAX_ID_CHARS = 40  # the lesson's Name pattern allows 40
# Words that say little about a statement: an id is made of the words that do.
_SMALL_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "so",
        "that",
        "the",
        "their",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "were",
        "which",
        "will",
        "with",
    }
)


def new_id(quote: str, taken: Collection[str]) -> str:
    """``council-report-published`` for "The council's report, published in March, …",
    made unique among ``taken`` with ``-2``, ``-3``…; ``statement`` when the quote has no
    Latin letters or digits (an id may hold only those and dashes)."""
    plain = unicodedata.normalize("NFKD", quote).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", plain.replace("'s ", " "))
    chosen = [word for word in words if word not in _SMALL_WORDS][:ID_WORDS] or words[:ID_WORDS]
    base = "-".join(chosen)[:MAX_ID_CHARS].strip("-") or "statement"
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate = base[: MAX_ID_CHARS - len(suffix)].strip("-") + suffix
        number += 1
    return candidate


def ids_in_use(annotations: object) -> set[str]:
    """The ids that a lesson's ``annotations`` (as read, right or wrong) already give."""
    if not isinstance(annotations, list):
        return set()
    return {
        str(item["id"])
        for item in annotations
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }
