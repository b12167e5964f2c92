"""Characters that the sheet's fonts cannot draw: reported, never passed over in silence.

Text in a script the bundled fonts do not cover (Chinese, emoji, …) prints in
whatever font the system has, or as empty boxes; the teacher is told which
characters, so that they can choose fonts that have them. Fonts other than the
bundled ones are the system's, and their coverage is left to the system.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

from fontTools.ttLib import TTFont

from .model import Lesson
from .settings import Settings

BUNDLED_FONTS = {
    "Charis SIL": "fonts/charis/CharisSIL-Regular.ttf",
    "Andika": "fonts/andika/Andika-Regular.ttf",
}
MAX_SHOWN = 20
# Spaces, line ends and invisible format characters are never drawn.
_NOT_DRAWN = {"Cc", "Cf", "Zs", "Zl", "Zp"}


@functools.cache
def _covered(family: str) -> frozenset[int]:
    with resources.as_file(resources.files("medialit").joinpath(BUNDLED_FONTS[family])) as path:
        font = TTFont(path, lazy=True)
        return frozenset(font.getBestCmap())


def strings_in(value: Any) -> Iterator[str]:
    """Every string inside ``value`` (nested dicts and lists), keys excluded."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def missing_glyphs(texts: Iterable[str], families: Iterable[str]) -> list[str]:
    """The characters of ``texts`` that one of the bundled ``families`` has no glyph for."""
    bundled = [family for family in dict.fromkeys(families) if family in BUNDLED_FONTS]
    if not bundled:
        return []
    characters = {char for text in texts for char in text}
    missing = {
        char
        for char in characters
        if unicodedata.category(char) not in _NOT_DRAWN
        and any(ord(char) not in _covered(family) for family in bundled)
    }
    return sorted(missing)


def glyph_warning(texts: Iterable[str], families: Iterable[str]) -> str | None:
    """A warning naming the characters without a glyph, or None when every one has one."""
    families = list(dict.fromkeys(families))
    missing = missing_glyphs(texts, families)
    if not missing:
        return None
    shown = ", ".join(f"{char} (U+{ord(char):04X})" for char in missing[:MAX_SHOWN])
    more = f" and {len(missing) - MAX_SHOWN} more" if len(missing) > MAX_SHOWN else ""
    fonts = " and ".join(f for f in families if f in BUNDLED_FONTS)
    return (
        f"no glyph in {fonts} for {shown}{more}; these print in another font or as empty "
        "boxes, so choose fonts that have them (the font_family and heading_font_family "
        "settings) or check the text."
    )


def lesson_glyph_warning(lesson: Lesson, settings: Settings) -> str | None:
    """The warning for a lesson's text and the sheets' fixed words in the chosen fonts."""
    texts = [*strings_in(lesson.model_dump(mode="json")), *strings_in(settings.words.model_dump())]
    return glyph_warning(texts, [settings.font_family, settings.heading_font_family])
