"""The lesson's marking guide, as the marking pages and reports show it beside the marks.

``marks.json`` holds what each student did; the lesson holds what the teacher marks it
against: each statement's quote, the key's kind, its "why" and "how to check", and the
three bands for the "how do you know?" answers. A statement in the marks is found in the
lesson by its ``statement_id``: the annotation's ``id``, else the id ``medialit new``
would give its quote, else ``s<N>`` or ``<N>`` with ``N`` its number in reading order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from medialit.errors import MedialitError, Problem
from medialit.lesson.reading import CheckedLesson, read_lesson
from medialit.lesson.statement_ids import new_id
from medialit.marking.results import ClassMarks
from medialit.render.marking_guide import builtin_marking


@dataclass(frozen=True)
class StatementGuide:
    """One statement as the key gives it, numbered in the lesson's reading order."""

    statement_id: str
    number: int
    quote: str
    kind: str
    why: str
    check: str | None
    also_accept: tuple[str, ...] = ()


@dataclass(frozen=True)
class BandGuide:
    """One band of the marking guide: 1 (lowest) to 3."""

    band: int
    name: str
    description: str
    sample: str


@dataclass(frozen=True)
class MarkingGuide:
    """The whole guide: every statement in reading order, and the three bands."""

    title: str
    statements: tuple[StatementGuide, ...]
    bands: tuple[BandGuide, ...]
    aliases: dict[str, str]
    """Every name a statement may go by in ``marks.json``, to its canonical id."""

    def find(self, statement_id: str) -> StatementGuide | None:
        canonical = self.aliases.get(statement_id)
        return next((s for s in self.statements if s.statement_id == canonical), None)

    def order(self, statement_id: str) -> int:
        """Where a statement stands in reading order (unknown ones after every known one)."""
        found = self.find(statement_id)
        return found.number if found else len(self.statements) + 1


def read_guide(lesson: Path) -> MarkingGuide:
    """The marking guide of ``lesson``; its problems are raised as the lesson's own."""
    return guide_of(read_lesson(lesson))


def guide_of(checked: CheckedLesson) -> MarkingGuide:
    annotations = checked.lesson.annotations
    taken: set[str] = {a.id for a in annotations if a.id}
    made: dict[int, str] = {}
    for index, annotation in enumerate(annotations):  # file order, as `medialit new` numbers
        if not annotation.id:
            made[index] = new_id(annotation.quote, taken)
            taken.add(made[index])
    statements: list[StatementGuide] = []
    aliases: dict[str, str] = {}
    for statement in checked.statements:
        annotation = statement.annotation
        canonical = annotation.id or made[statement.index]
        # "#N": what a markable build's record names a statement without an id (file order).
        for alias in (
            made.get(statement.index),
            f"#{statement.index + 1}",
            f"s{statement.number}",
            str(statement.number),
        ):
            if alias:
                aliases.setdefault(alias, canonical)
        aliases[canonical] = canonical
        statements.append(
            StatementGuide(
                statement_id=canonical,
                number=statement.number,
                quote=annotation.quote,
                kind=annotation.kind.value,
                why=annotation.why,
                check=annotation.check,
                also_accept=tuple(kind.value for kind in annotation.also_accept),
            )
        )
    bands = checked.lesson.marking or builtin_marking(checked.lesson.language)
    return MarkingGuide(
        title=checked.lesson.title,
        statements=tuple(statements),
        bands=tuple(
            BandGuide(n, band.band, band.description, band.sample)
            for n, band in enumerate(bands, start=1)
        ),
        aliases=aliases,
    )


def check_marks_match(marks: ClassMarks, guide: MarkingGuide, marks_file: Path) -> None:
    """Refuse marks whose statements the lesson does not have: they were read for another."""
    unknown = sorted(
        {
            s.statement_id
            for c in marks.copies
            for s in c.statements
            if guide.find(s.statement_id) is None
        }
    )
    if unknown:
        raise MedialitError(
            Problem(
                f"these statements are not in the lesson {guide.title!r}: {', '.join(unknown)}; "
                "the marks were read for another lesson or an older version of it. Read the "
                "scans again with medialit mark.",
                file=marks_file,
            )
        )
