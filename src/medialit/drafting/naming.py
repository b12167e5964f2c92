"""A new lesson's file name and language tag: checked and made without the lesson's models.

``medialit new --name`` refuses a bad or existing name before anything slow is loaded, so
these use regular expressions, not pydantic; ``tests/test_speed2_new.py`` checks that the
language tag rule agrees with the lesson's own (:data:`medialit.lesson.model.LanguageTag`).
"""

from __future__ import annotations

import re
import unicodedata

NAME_WORDS = 8
UNKNOWN = "unknown"
"""As :data:`medialit.lesson.model.UNKNOWN`: a source detail not found."""
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,80}")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_LANGUAGE_TAG_MAX = 35


def name_problem(name: str) -> str | None:
    """What is wrong with NAME as a lesson's file name (``--name``), or ``None``."""
    # fullmatch: a name must not end in a new line, which `$` would let through.
    if _NAME.fullmatch(name):
        return None
    return (
        f"{name!r} cannot name a lesson file: use letters (a-z, A-Z), digits, dashes, dots "
        "and underscores, starting with a letter or a digit, at most 81 of them, such as "
        "city-traffic-2024."
    )


def language_problem(language: str) -> str | None:
    """What is wrong with LANGUAGE as a lesson's language (``--language``), or ``None``."""
    if len(language) <= _LANGUAGE_TAG_MAX and _LANGUAGE_TAG.fullmatch(language):
        return None
    return (
        f"{language!r} is not a language tag: write two or three letters, optionally "
        "followed by dash-separated parts, such as en, fr or pt-BR."
    )


def name_from(title: str, published: str | None) -> str:
    """``how-washington-found-itself-in-bed-2017``: the title's first words and the year."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())[:NAME_WORDS]
    if published and published != UNKNOWN:
        words.append(published[:4])
    return "-".join(words) or "lesson"
