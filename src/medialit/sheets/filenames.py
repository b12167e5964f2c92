"""File names made from what teachers type: students' names, in any script.

A name keeps its letters, digits and accents in every script (``03-王小明.pdf``,
``04-łukasz-øster.pdf``); everything else, which includes every character
that is unsafe in a file name on some system (``/ \\ : * ? " < > |``, controls,
spaces), becomes a hyphen. Names are composed (NFC) first, so the same name
typed on a Mac and on Windows gives the same file.
"""

from __future__ import annotations

import unicodedata

MAX_STEM_CHARS = 40
_KEPT_CATEGORIES = ("L", "M", "N")  # letters, combining marks, digits


def safe_stem(text: str, fallback: str, limit: int = MAX_STEM_CHARS) -> str:
    """``Łukasz Øster-Iğdır`` → ``łukasz-øster-iğdır``; ``fallback`` when nothing is left."""
    kept = [
        char if unicodedata.category(char).startswith(_KEPT_CATEGORIES) else "-"
        # Composed again after lowering: "J̌" lowers to "ǰ" only so ("İ" to "i̇" and back).
        for char in unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).lower())
    ]
    stem = "-".join(part for part in "".join(kept).split("-") if part)
    return stem[:limit].strip("-") or fallback
