"""The key's map of statement numbers: the number each statement of this sheet has on the
other sheets of the same build (the full sheet, the sheet without versions, the other
versions and the other levels of a class pack).

A selection numbers its statements 1…n, versions shuffle those numbers, and a mixed-level
class pack gives the guided level a selection of its own, so one statement can have a
different number on every copy in the room. The key of each sheet prints the numbers of
the others beside its own, so a teacher marking any copy, or going over answers with a
class holding several, finds the statement everywhere. Pure: no I/O, no rendering.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from medialit.lesson.reading import CheckedLesson
from medialit.settings.schema import Settings
from medialit.sheets.variants import Variant

PlanNumbers = Literal["selection", "full"]
"""Whose numbers a lesson plan uses: a selection's own plan numbers the selection in reading
order without versions; the lesson's plan numbers the full sheet."""


@dataclass(frozen=True)
class NumberedSheet:
    """Another sheet of the build: its variant and the number it prints for each statement,
    by the statement's place in the lesson file (which a selection keeps)."""

    variant: Variant
    numbers: dict[int, int]


@dataclass(frozen=True)
class SheetNumbers:
    """One row of the key's number map: a sheet and the number it gives each statement of
    this sheet, in this sheet's order (``None``: that sheet does not print the statement)."""

    sheet: str
    numbers: list[int | None]
    this: bool = False
    """The row of this sheet's own numbers (the first)."""
    plan: bool = False
    """The lesson plan printed on this key numbers the statements as this row does, and not
    as this sheet does."""
    also: list[str] = field(default_factory=list)
    """The other sheets that number every statement as this row does: a row is printed once,
    with every sheet it stands for (a pack's standard copies are the full sheet; the guided
    and standard copies of version A may number alike)."""


def numbered_sheet(checked: CheckedLesson, variant: Variant) -> NumberedSheet:
    """The numbers ``variant`` prints, ``checked`` being the lesson as its level prints it."""
    return NumberedSheet(variant, {s.index: variant.number(s.number) for s in checked.statements})


def sheet_name(variant: Variant, settings: Settings) -> str:
    """``Guided (K7) · Version B``, as the key of that sheet is headed: the level (always, as
    a mixed pack needs) with the code its students' copies print, and the version."""
    mark = settings.level_marks.get(variant.level, "")
    return variant.marked_label(mark, settings.words, for_teacher=True, named=True)


def number_map(
    checked: CheckedLesson,
    variant: Variant,
    settings: Settings,
    others: Sequence[NumberedSheet] = (),
    plan_numbers: PlanNumbers | None = None,
) -> list[SheetNumbers]:
    """The rows of the key's number map, or none when every sheet numbers as this one does.

    Sheets that number alike share a row, named after each of them (``also``).

    ``others`` are the build's other sheets; independent sheets print no numbers and get
    no row (nor does an independent key get a map). ``plan_numbers`` says whose numbers
    the plan printed on this key uses: ``"selection"`` (the selection's own plan, numbered
    in reading order without versions) or ``"full"`` (the lesson's plan).
    """
    if variant.level == "independent":
        return []
    words = settings.words
    statements = sorted(checked.statements, key=lambda s: variant.number(s.number))
    this: list[int | None] = [variant.number(s.number) for s in statements]
    unshuffled: list[int | None] = [s.number for s in statements]
    full: list[int | None] = [s.full_number or s.number for s in statements]
    rows = [SheetNumbers(words.number_map_this, this, this=True)]

    def add(sheet: str, numbers: list[int | None]) -> None:
        for index, row in enumerate(rows):
            if row.numbers == numbers:
                rows[index] = dataclasses.replace(row, also=[*row.also, sheet])
                return
        rows.append(SheetNumbers(sheet, numbers))

    if variant.version and checked.selection:
        add(words.number_map_unshuffled, unshuffled)
    if full != this:
        add(words.number_map_full, full)
    for other in others:
        if other.variant == variant or other.variant.level == "independent":
            continue
        numbers = [other.numbers.get(s.index) for s in statements]
        if any(n is not None for n in numbers):
            add(sheet_name(other.variant, settings), numbers)
    if len(rows) == 1:
        return []
    # Marked only where the plan does not number as this sheet does.
    wanted = {"selection": unshuffled, "full": full}[plan_numbers] if plan_numbers else None
    if wanted == this:
        wanted = None
    for index, row in enumerate(rows):
        if wanted is not None and row.numbers == wanted:
            rows[index] = dataclasses.replace(row, plan=True)
            break
    return rows
