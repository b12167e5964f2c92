"""A warning for a lesson in another language that keeps English words of its own.

A lesson can replace the sheets' fixed words for itself: the kinds' labels, definitions
and examples, the instructions and headings (its ``worksheet:`` table, as in
``medialit.toml``) and the marking guide (its ``marking:``). Those win over the
language's catalogue, so a Spanish lesson copied from an English one prints its English
definitions beside Spanish headings, and no one is told. ``medialit check`` warns where a
lesson whose ``language:`` is not English has such text in English. Two honest tests,
no guessing of languages:

- the text is the built-in English text of the same setting (copied from medialit's
  defaults or an English lesson), unless the language's own catalogue words it the same;
- or it reads as English: at least :data:`FEWEST_SIGNS` different English function words
  (``the``, ``of``, ``where``…) that are not words of Spanish or French, making up at least
  :data:`SHARE` of its words. One English title quoted in Spanish ("The Guardian") is not
  enough; a sentence or a heading such as "The article (as published)" is.

A single English word that is not the built-in one ("Sources") passes: no short list of
words can tell it from a name. Warnings stop no build.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from medialit.errors import Problem
from medialit.lesson.loader import load_yaml
from medialit.lesson.reading import CheckedLesson
from medialit.settings.languages import base_language, catalogue, catalogue_name, english

ENGLISH_SIGNS = frozenset(
    [
        "the",
        "and",
        "of",
        "that",
        "is",
        "are",
        "was",
        "were",
        "it",
        "its",
        "you",
        "your",
        "from",
        "with",
        "what",
        "where",
        "which",
        "who",
        "whom",
        "this",
        "these",
        "those",
        "not",
        "for",
        "says",
        "said",
        "how",
        "would",
        "could",
        "should",
        "there",
        "they",
        "their",
        "them",
        "be",
        "been",
        "to",
        "by",
        "at",
        "as",
        "when",
        "if",
        "because",
        "without",
        "than",
        "then",
        "does",
        "did",
        "into",
        "about",
    ]
)
"""English function words that are not words of Spanish or French (so not "a", "on",
"or", "an", "has", "son"): a text in those languages hardly ever holds two of them."""

FEWEST_SIGNS = 2
"""Different English function words a text needs before it counts as English."""

SHARE = 0.15
"""The least share of a text's words that must be English function words."""

# Compiled (and cached by re) on first use: an English lesson never needs it.
_WORD = r"[^\W\d_]+(?:[’'][^\W\d_]+)?"


def reads_as_english(text: str) -> bool:
    """``text`` has :data:`FEWEST_SIGNS` English function words, :data:`SHARE` of its words."""
    words = [w.lower() for w in re.findall(_WORD, text)]
    signs = [w for w in words if w in ENGLISH_SIGNS]
    return len(set(signs)) >= FEWEST_SIGNS and len(signs) >= SHARE * len(words)


def untranslated_warnings(checked: CheckedLesson) -> list[Problem]:
    """A warning for each of the lesson's own sheet words left in English, when its
    ``language:`` is not English; none for an English lesson."""
    language = checked.lesson.language
    if base_language(language) == "en":
        return []
    own = catalogue(name) if (name := catalogue_name(language)) else {}
    found: list[Problem] = []
    if checked.worksheet is not None:
        for path, text in _texts(checked.worksheet.values, english()):
            why = _why(text, _at(english(), path), _at(own, path))
            if why:
                key = tuple(str(p) for p in path if not isinstance(p, int))
                found.append(checked.worksheet.problem(key, _message(why, language)))
    if checked.lesson.marking:
        loaded = load_yaml(checked.file)  # for the lines; the file was just read and is valid
        for index, band in enumerate(checked.lesson.marking):
            for field in ("band", "description", "sample"):
                path = ("marking", index, field)
                text = str(getattr(band, field))
                why = _why(text, _at(english(), path), _at(own, path))
                if why:
                    found.append(loaded.problem(path, _message(why, language)))
    return found


def _texts(
    values: Mapping[str, Any], shape: Mapping[str, Any]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text of a ``worksheet:`` table under a key the English catalogue has (the
    settings that are words on the sheets: not the theme, the school, selections…)."""
    for key, value in values.items():
        if key in shape:
            yield from _walk(value, (key,))


def _walk(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, inner in value.items():
            yield from _walk(inner, (*path, str(key)))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _walk(inner, (*path, index))


def _at(values: Any, path: tuple[str | int, ...]) -> list[str]:
    """The texts a catalogue has at ``path``: one, or every item of a list (a word bank's
    words may come in any order), or none."""
    for part in path:
        if isinstance(part, int):
            if isinstance(values, list) and all(isinstance(v, str) for v in values):
                return list(values)
            values = values[part] if isinstance(values, list) and part < len(values) else None
        else:
            values = values.get(part) if isinstance(values, Mapping) else None
    return [values] if isinstance(values, str) else []


def _why(text: str, built_in: list[str], own: list[str]) -> str | None:
    """How ``text`` shows itself English, or ``None`` when it does not."""
    for english_text in built_in:
        if _same(text, english_text) and not any(_same(text, o) for o in own):
            return f'is medialit\'s built-in English text ("{_short(english_text)}")'
    if reads_as_english(text):
        return f'reads as English ("{_short(text)}")'
    return None


def _same(one: str, other: str) -> bool:
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:49] + "…"


def _message(why: str, language: str) -> str:
    return (
        f'{why}, but the lesson\'s language is "{language}": the sheets print it as '
        "written, in English, among the language's own words. Translate it, or delete it "
        "to print medialit's built-in words for the language."
    )
