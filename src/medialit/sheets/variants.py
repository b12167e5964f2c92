"""Which worksheets a lesson has: levels, shuffled versions, and their output file names.

A variant is one level × version of a lesson's worksheet and key. Pure
planning: which variants exist, which number each statement gets in each
version (the same seed gives the same numbers on any machine), and what
each output file is called.

Output file names (a public interface, documented in the README):

- ``student.pdf`` / ``key.pdf``: a plain build (standard level, one version);
- ``student-<level>.pdf``, ``student-<version>.pdf``, ``student-<level>-<version>.pdf``
  and the matching ``key-….pdf`` otherwise (the level is left out when it is standard);
- with ``--select``, the selection after the level: ``student-guided-core.pdf``,
  ``key-core-B.pdf``, so that a short version never replaces the full sheets of its level.
"""

from __future__ import annotations

import math
import random
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from medialit.lesson.model import (
    LEVELS as LEVELS,  # levels are the lesson model's: settings name them too
)
from medialit.lesson.model import Level as Level
from medialit.settings.schema import Words

VERSION_LETTERS = string.ascii_uppercase
MAX_VERSIONS = len(VERSION_LETTERS)
_SHUFFLE_ATTEMPTS = 100


@dataclass(frozen=True)
class Variant:
    """Which worksheet of a lesson: its level, its version and the numbers statements get.

    Versions shuffle which number each statement gets; the article's marks and
    the sorting table always use the same numbers, and so does the version's key.
    """

    level: Level = "standard"
    version: str | None = None
    """The version's letter (``A``, ``B``…), or ``None`` when there is only one version."""
    numbers: tuple[int, ...] = ()
    """``numbers[i]`` is the printed number of the (i+1)-th statement in reading order;
    empty means reading order."""
    selection: str | None = None
    """The selection asked for with ``--select``, named in the file names; ``None`` for the
    lesson's own statements (or a level's default selection, whose names stay as they were)."""

    def number(self, reading_number: int) -> int:
        """The printed number of the statement that is ``reading_number``-th in reading order."""
        return self.numbers[reading_number - 1] if self.numbers else reading_number

    def label(self, *, named: bool = False) -> str:
        """Printed discreetly on every page (``Guided · Version B``); empty for a plain build
        (but for a ``named`` class-pack copy)."""
        if self.level == "standard" and self.version is None and not named:
            return ""
        parts = [self.level.capitalize()]
        if self.version:
            parts.append(f"Version {self.version}")
        return " · ".join(parts)

    def marked_label(
        self, mark: str, words: Words, *, for_teacher: bool, named: bool = False
    ) -> str:
        """The label with the level's neutral code, in the sheets' language: ``K7 · Version B``
        on students' copies, ``Guided (K7) · Version B`` on the key; empty for a plain build."""
        if not self.label(named=named):
            return ""
        level = f"{level_name(self.level, words)} ({mark})" if for_teacher else mark
        version = [words.version.replace("{letter}", self.version)] if self.version else []
        return " · ".join([level, *version])


PLAIN = Variant()


@dataclass(frozen=True)
class CopyOptions:
    """How one copy of a student worksheet is made, beside which sheet it is (its
    :class:`Variant`): a name stamped on, form fields, a student's own size and theme."""

    named: bool = False
    """A class-pack copy: the student's name is stamped into the top margin later."""
    fillable: bool = False
    """The student sheet gets PDF form fields over its tick boxes and writing lines."""
    font_size: str | None = None
    """A student's own base font size, from the roster (class packs only)."""
    theme: str | None = None
    """A student's own theme, from the roster: a built-in name or a folder."""
    markable: bool = False
    """The sheet can be read back (``build --markable``): its tick boxes, writing areas and
    name line are marked (``data-mark``) so that the layout records where they are."""

    @property
    def adjustments(self) -> str:
        """Font size and theme from the roster, as on the cover (``14pt, high-readability``)."""
        theme = Path(self.theme).name if self.theme else None
        return ", ".join(x for x in (self.font_size, theme) if x)


PLAIN_COPY = CopyOptions()
""":class:`CopyOptions` of a sheet that is none of these: a plain worksheet, every key."""


def level_name(level: Level, words: Words) -> str:
    """The level as printed: ``Guided``, ``Guiado``, ``Guidé``."""
    return str(getattr(words, level))


def version_letters(versions: int) -> list[str]:
    """``["A", "B"]`` for two versions."""
    return list(VERSION_LETTERS[:versions])


def version_numberings(statements: int, versions: int, seed: int) -> dict[str, tuple[int, ...]]:
    """For each version letter, the printed number of each statement in reading order.

    One version keeps reading order. With several, each is shuffled from the
    seed and the letter alone (the same seed gives the same numbers on any
    machine), and differs from the earlier versions whenever that is possible.
    """
    if versions <= 1:
        return {}
    distinct_orders = math.factorial(min(statements, 20))
    numberings: dict[str, tuple[int, ...]] = {}
    for letter in version_letters(versions):
        rng = random.Random(f"medialit-version:{seed}:{letter}")
        for _ in range(_SHUFFLE_ATTEMPTS):
            numbers = list(range(1, statements + 1))
            rng.shuffle(numbers)
            if tuple(numbers) not in numberings.values() or len(numberings) >= distinct_orders:
                break
        numberings[letter] = tuple(numbers)
    return numberings


def make_variant(
    level: Level,
    version: str | None,
    numberings: dict[str, tuple[int, ...]],
    selection: str | None = None,
) -> Variant:
    """The variant of ``level`` and ``version`` with that version's numbers.

    The independent sheet numbers no statements, so its key keeps reading order.
    """
    numbers = numberings.get(version, ()) if version and level != "independent" else ()
    return Variant(level=level, version=version, numbers=numbers, selection=selection)


StatementCounts = int | Mapping[Level, int]
"""How many statements a sheet has: one number, or one per level (a level may use a selection)."""


def count_for(statements: StatementCounts, level: Level) -> int:
    """The number of statements at ``level``."""
    return statements if isinstance(statements, int) else statements[level]


def plain_variants(
    levels: Sequence[Level],
    versions: int,
    seed: int,
    statements: StatementCounts,
    selection: str | None = None,
) -> list[Variant]:
    """The worksheets of a build without a roster: every level × version asked for."""
    letters: list[str | None] = list(version_letters(versions)) if versions > 1 else [None]
    return [
        make_variant(
            level,
            letter,
            version_numberings(count_for(statements, level), versions, seed),
            selection,
        )
        for level in levels
        for letter in letters
    ]


def variant_suffix(variant: Variant) -> str:
    """``guided-B``, ``B``, ``guided``, ``guided-core-B`` or empty (standard, one version)."""
    parts: list[str] = [] if variant.level == "standard" else [variant.level]
    if variant.selection:
        parts.append(variant.selection)
    if variant.version:
        parts.append(variant.version)
    return "-".join(parts)


def document_file(document: str, variant: Variant) -> str:
    """``student-guided-B.pdf``, ``key-core-B.pdf``, or ``student.pdf`` for a plain build."""
    suffix = variant_suffix(variant)
    return f"{document}-{suffix}.pdf" if suffix else f"{document}.pdf"
