"""Plan a class pack: one copy per student on the roster, each with its variant.

Pure planning: which variant each student's copy is, which variants the
pack lays out, and what the pack's files are called. Rendering and
stamping happen elsewhere.

Output file names (a public interface, documented in the README), beside the
keys named in :mod:`medialit.sheets.variants`:

- with a roster: ``class-pack.pdf`` (every copy, each starting on a front page),
  ``cover.pdf`` (who got which version and level), one key per variant used, and
  with ``--split`` ``copies/<row>-<name>.pdf``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from medialit.sheets.filenames import safe_stem
from medialit.sheets.roster import RosterEntry
from medialit.sheets.variants import (
    LEVELS,
    VERSION_LETTERS,
    CopyOptions,
    Level,
    StatementCounts,
    Variant,
    count_for,
    make_variant,
    version_letters,
    version_numberings,
)

NAMED = CopyOptions(named=True)
"""A class-pack copy's options when the roster gives no size or theme of the student's own."""


@dataclass(frozen=True)
class Copy:
    """One student's copy in the class pack."""

    name: str
    roster_line: int
    variant: Variant
    """Which worksheet the student gets: level and version."""
    options: CopyOptions = NAMED
    """Named (the name is stamped on afterwards), with the student's own size and theme."""

    @property
    def layout(self) -> PackLayout:
        return (self.variant, self.options)


PackLayout = tuple[Variant, CopyOptions]
"""A worksheet as laid out for the class pack: its variant and its copies' options."""


PACK_FILE = "class-pack.pdf"
"""The class pack's file (``class-pack-core.pdf`` for the selection ``core``)."""


@dataclass(frozen=True)
class PackPlan:
    """Every copy in roster order, and the distinct layouts they use (laid out once each)."""

    copies: list[Copy]
    layouts: list[PackLayout]
    selection: str | None = None
    """The selection asked for with ``--select``: the pack's files are named after it."""

    @property
    def file(self) -> str:
        """``class-pack.pdf``, or ``class-pack-core.pdf`` for the selection ``core``."""
        return f"class-pack-{self.selection}.pdf" if self.selection else PACK_FILE

    @property
    def variants(self) -> list[Variant]:
        """The distinct variants of the copies (each has a key), in the order of ``layouts``."""
        return list(dict.fromkeys(variant for variant, _ in self.layouts))

    def layout_index(self, copy: Copy) -> int:
        return self.layouts.index(copy.layout)


def plan_pack(
    roster: Sequence[RosterEntry],
    level: Level,
    versions: int,
    seed: int,
    statements: StatementCounts,
    selection: str | None = None,
) -> PackPlan:
    """Give each student a variant: level and version as the roster says, else by default.

    A student without a level gets ``level``; a student without a version gets
    the versions in turn (A, B, A, B… down the roster), so neighbours differ.
    A version letter in the roster beyond ``versions`` adds versions up to it.
    """
    said = [VERSION_LETTERS.index(e.version) + 1 for e in roster if e.version]
    count = max([versions, *said])
    letters = version_letters(count)
    copies = []
    for index, entry in enumerate(roster):
        letter = (entry.version or letters[index % count]) if count > 1 else None
        copy_level = entry.level or level
        numberings = version_numberings(count_for(statements, copy_level), count, seed)
        variant = make_variant(copy_level, letter, numberings, selection)
        options = CopyOptions(named=True, font_size=entry.font_size, theme=entry.theme)
        copies.append(Copy(entry.name, entry.line, variant, options))
    order = {lv: n for n, lv in enumerate(LEVELS)}
    layouts = sorted(
        {copy.layout for copy in copies},
        key=lambda x: (
            order[x[0].level],
            x[0].version or "",
            x[1].font_size or "",
            x[1].theme or "",
        ),
    )
    return PackPlan(copies=copies, layouts=layouts, selection=selection)


def copy_file(number: int, copy: Copy) -> str:
    """``03-ana-lópez.pdf``, ``04-王小明.pdf``: the position in the pack keeps duplicates apart."""
    return f"{number:02d}-{safe_stem(copy.name, 'student')}.pdf"
