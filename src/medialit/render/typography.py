"""Typographic quotes and apostrophes for printed text: "it's" becomes “it’s”.

Applied when the template context is built, so every sheet and every
template (the teacher's too) prints curly quotes without thinking about it.
"""

from __future__ import annotations

import re

# An opening quote follows the start, a space, an opening bracket or a dash.
_OPENS_AFTER = r"(^|[\s(\[{—–/-])"
_DOUBLE_OPEN = re.compile(_OPENS_AFTER + '"')
_SINGLE_OPEN = re.compile(_OPENS_AFTER + "'(?=\\w)")


def typographic(text: str) -> str:
    """``text`` with straight quotes turned into curly ones (apostrophes are closing quotes)."""
    if '"' not in text and "'" not in text:
        return text
    text = _DOUBLE_OPEN.sub(r"\1“", text).replace('"', "”")
    # 'tis and '17 are rare in lessons; a quote opening a word is far more common.
    text = _SINGLE_OPEN.sub(r"\1‘", text)
    return text.replace("'", "’")


def typographic_or_none(text: str | None) -> str | None:
    return typographic(text) if text is not None else None
