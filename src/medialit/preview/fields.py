"""What a teacher types into the page's fields, stored so that it reads back exactly.

The page sends any text a browser can hold; a lesson file is YAML. Most text keeps the
style the teacher gave the field (plain, quoted, folded). Text that holds a line break
YAML would misread (a bare CR, U+0085, U+2028, U+2029) is written double-quoted, with
escapes; text on several lines is written line for line (``|-``). What no lesson should
hold (invisible control characters, half of a character) is refused, and named.
"""

from __future__ import annotations

import unicodedata
from typing import cast

from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

FIELD_LABELS = {"why": "Why", "check": "How to check"}
"""The page's name for each field it edits."""

# ruamel.yaml writes these as they are in plain, single-quoted and block scalars, and then
# reads them as line breaks; only a double-quoted scalar's escapes (\r \N \L \P) keep them.
_BREAKS = frozenset("\r\x85\u2028\u2029")


def unstorable(label: str, value: str) -> str | None:
    """Why a lesson file cannot hold ``value`` (typed into field ``label``), or ``None``."""
    for character in value:
        code = ord(character)
        if 0xD800 <= code <= 0xDFFF:
            return (
                f"{label} contains half of a character (U+{code:04X}), which a lesson file "
                "cannot hold; delete it and type the character again."
            )
        if unicodedata.category(character) == "Cc" and character not in "\t\n\r\x85":
            return (
                f"{label} contains the invisible control character U+{code:04X}, which a "
                "lesson file cannot hold; delete it (it often comes from copying out of a PDF "
                "or a word processor)."
            )
    return None


def scalar(value: str, old: object) -> str:
    """``value`` in a style that reads back exactly, the ``old`` one's when it can."""
    if any(character in _BREAKS for character in value):
        return cast(str, DoubleQuotedScalarString(value))
    if "\n" in value:
        # A folded scalar shows a line break as a blank line: line for line is clearer.
        # (ruamel.yaml quotes it instead when a block cannot hold it, e.g. trailing spaces.)
        return cast(str, LiteralScalarString(value))
    for style in (
        FoldedScalarString,
        LiteralScalarString,
        DoubleQuotedScalarString,
        SingleQuotedScalarString,
    ):
        if isinstance(old, style):
            return cast(str, style(value))
    return value
