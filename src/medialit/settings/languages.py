"""The fixed words of the sheets in each language, and dates and lists written the local way.

A catalogue (``catalogues/<language>.toml``, shipped in the package) has the
shape of ``medialit.toml``: the kinds' labels and definitions, the
instructions and every word in ``[words]``. The English one gives the
settings their defaults; another language's is a settings layer just above
them, so a teacher's ``[words]`` still change single words. Dates and lists
follow the language through Babel's locale data (CLDR), not hand-written
month names, nor a list of right-to-left languages.
"""

from __future__ import annotations

import datetime
import functools
import tomllib
from collections.abc import Iterable
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from babel import Locale

# Babel is imported where dates and lists are written: the settings need only the
# catalogues, and `medialit check` should not wait for Babel's locale machinery.

CATALOGUES = "catalogues"
ENGLISH = "en"
# English without a region is British English, as medialit's own wording is.
_REGION_FOR = {"en": "en-GB"}


def available() -> list[str]:
    """The languages with a built-in catalogue, e.g. ``["en", "es", "fr"]``."""
    folder = resources.files("medialit") / CATALOGUES
    return sorted(
        f.name.removesuffix(".toml") for f in folder.iterdir() if f.name.endswith(".toml")
    )


def catalogue_name(language: str) -> str | None:
    """The catalogue for a language tag: ``es-MX`` uses ``es``; ``None`` when there is none."""
    names = available()
    parts = language.lower().split("-")
    for end in range(len(parts), 0, -1):
        candidate = "-".join(parts[:end])
        if candidate in names:
            return candidate
    return None


@functools.cache
def catalogue(name: str) -> dict[str, Any]:
    """The catalogue ``name`` (from :func:`catalogue_name`) as nested settings values."""
    path = resources.files("medialit") / CATALOGUES / f"{name}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def english() -> dict[str, Any]:
    """The English catalogue: the defaults of the settings that are text."""
    return catalogue(ENGLISH)


def base_language(language: str) -> str:
    """``pt`` for ``pt-BR``."""
    return language.split("-")[0].lower()


def direction(language: str) -> str:
    """``rtl`` for languages written right to left (Arabic, Hebrew…), else ``ltr``.

    CLDR decides, script included (``ku`` is Latin, ``ku-Arab`` and ``ckb`` are not); a
    tag it does not know is written left to right, as English is.
    """
    return "rtl" if _locale(language).text_direction == "rtl" else "ltr"


@functools.cache
def _locale(language: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    tag = _REGION_FOR.get(language.lower(), language)
    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(base_language(language))
        except (UnknownLocaleError, ValueError):
            return Locale.parse(_REGION_FOR[ENGLISH], sep="-")


def long_date(date: datetime.date, language: str) -> str:
    """``3 October 2017``, ``3 de octubre de 2017``, ``3 octobre 2017``."""
    from babel.dates import format_date

    return str(format_date(date, "long", locale=_locale(language)))


def month_and_year(date: datetime.date, language: str) -> str:
    """``May 2016``, ``mayo de 2016``, ``mai 2016``: a date known only to the month."""
    from babel.dates import format_skeleton

    return str(format_skeleton("yMMMM", date, locale=_locale(language)))


def join_list(items: Iterable[Any], language: str) -> str:
    """``a, b and c``, ``a, b y c``, ``a, b et c``."""
    from babel.lists import format_list

    return str(format_list([str(item) for item in items], locale=_locale(language)))


def catalogue_layer_values(language: str) -> tuple[str, dict[str, Any]]:
    """The catalogue's name and its values as a settings layer (empty for English).

    Raises :class:`LookupError` with a teacher's message when there is no catalogue.
    """
    name = catalogue_name(language)
    if name is None:
        raise LookupError(
            f'medialit has no words for the language "{language}" yet; the languages with '
            f"built-in words are {', '.join(available())}. To print the sheets' words in one "
            'of them, set it as a setting: language = "en" in medialit.toml, or language: en '
            "in the lesson's worksheet: table."
        )
    # The marking guide is lesson material, not a setting: see medialit.render.marking_guide.
    values = {key: value for key, value in catalogue(name).items() if key != "marking"}
    return name, ({} if name == ENGLISH else values)
