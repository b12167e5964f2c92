"""Plan a lesson's worksheets for a class: levels, shuffled versions, one copy per student.

Pure planning: which variants (level × version) exist, which number each
statement gets in each version, which variant each student's copy is, and
what every output file is called. Rendering and stamping happen elsewhere.

Output file names (a public interface, documented in the README):

- ``student.pdf`` / ``key.pdf``: a plain build (standard level, one version);
- ``student-<level>.pdf``, ``student-<version>.pdf``, ``student-<level>-<version>.pdf``
  and the matching ``key-….pdf`` otherwise (the level is left out when it is standard);
- with a roster: ``class-pack.pdf`` (every copy, each starting on a front page),
  ``cover.pdf`` (who got which version and level), one key per variant used, and
  with ``--split`` ``copies/<row>-<name>.pdf``.
"""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from .context import Variant
from .filenames import safe_stem
from .roster import VERSION_LETTERS, RosterEntry
from .settings import LEVELS, Level

MAX_VERSIONS = len(VERSION_LETTERS)
_SHUFFLE_ATTEMPTS = 100


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
    level: Level, version: str | None, numberings: dict[str, tuple[int, ...]], *, named: bool
) -> Variant:
    """The variant of ``level`` and ``version`` with that version's numbers.

    The independent sheet numbers no statements, so its key keeps reading order.
    """
    numbers = numberings.get(version, ()) if version and level != "independent" else ()
    return Variant(level=level, version=version, numbers=numbers, named=named)


def plain_variants(
    levels: Sequence[Level], versions: int, seed: int, statements: int
) -> list[Variant]:
    """The worksheets of a build without a roster: every level × version asked for."""
    numberings = version_numberings(statements, versions, seed)
    letters: list[str | None] = list(version_letters(versions)) if versions > 1 else [None]
    return [
        make_variant(level, letter, numberings, named=False)
        for level in levels
        for letter in letters
    ]


@dataclass(frozen=True)
class Copy:
    """One student's copy in the class pack."""

    name: str
    roster_line: int
    variant: Variant
    """The student's variant, with ``named`` set: the name is stamped on afterwards."""


@dataclass(frozen=True)
class PackPlan:
    """Every copy in roster order, and the distinct variants they use (laid out once each)."""

    copies: list[Copy]
    variants: list[Variant]

    def layout_index(self, copy: Copy) -> int:
        return self.variants.index(copy.variant)


def plan_pack(
    roster: Sequence[RosterEntry], level: Level, versions: int, seed: int, statements: int
) -> PackPlan:
    """Give each student a variant: level and version as the roster says, else by default.

    A student without a level gets ``level``; a student without a version gets
    the versions in turn (A, B, A, B… down the roster), so neighbours differ.
    A version letter in the roster beyond ``versions`` adds versions up to it.
    """
    said = [VERSION_LETTERS.index(e.version) + 1 for e in roster if e.version]
    count = max([versions, *said])
    numberings = version_numberings(statements, count, seed)
    letters = version_letters(count)
    copies = []
    for index, entry in enumerate(roster):
        letter = (entry.version or letters[index % count]) if count > 1 else None
        variant = make_variant(entry.level or level, letter, numberings, named=True)
        variant = dataclasses.replace(variant, font_size=entry.font_size, theme=entry.theme)
        copies.append(Copy(entry.name, entry.line, variant))
    order = {lv: n for n, lv in enumerate(LEVELS)}
    variants = sorted(
        {copy.variant for copy in copies},
        key=lambda v: (order[v.level], v.version or "", v.font_size or "", v.theme or ""),
    )
    return PackPlan(copies=copies, variants=variants)


def variant_suffix(variant: Variant) -> str:
    """``guided-B``, ``B``, ``guided`` or empty (standard, one version)."""
    parts: list[str] = [] if variant.level == "standard" else [variant.level]
    if variant.version:
        parts.append(variant.version)
    return "-".join(parts)


def document_file(document: str, variant: Variant) -> str:
    """``student-guided-B.pdf``, ``key-B.pdf``, or ``student.pdf`` for a plain build."""
    suffix = variant_suffix(variant)
    return f"{document}-{suffix}.pdf" if suffix else f"{document}.pdf"


def copy_file(number: int, copy: Copy) -> str:
    """``03-ana-lópez.pdf``, ``04-王小明.pdf``: the position in the pack keeps duplicates apart."""
    return f"{number:02d}-{safe_stem(copy.name, 'student')}.pdf"
