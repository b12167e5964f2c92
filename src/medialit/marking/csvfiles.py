"""The class's marks as spreadsheets: ``marks.csv``, and a gradebook for Moodle or Canvas.

``marks.csv`` has one row per student: ``name``, ``version``, the score of each statement
(``score <id>``, by the statement's id, in the lesson's reading order, whatever number the
student's version printed), the band of each reason (``band <id>``), and ``total``: the
columns ``medialit mark`` writes, now with the teacher's bands: both commands write it with
:func:`marks_csv`, so a spreadsheet opened after either has the same layout.

A learning platform matches rows to its students by its own identifiers, which a roster
does not hold. So the gradebook is made from the platform's own export (Moodle: Grades →
Export → Plain text file; Canvas: Grades → Export → Export Entire Gradebook): each student
there is matched to a copy by name, and the file written keeps the platform's identifier
columns and adds one grade column for the lesson. See docs/marking.md for the import steps.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from medialit.errors import MedialitError, Problem
from medialit.files import read_text
from medialit.marking.guide import MarkingGuide
from medialit.marking.results import ClassMarks, CopyMarks

SCORE_PREFIX = "score "
BAND_PREFIX = "band "
CANVAS_IDENTIFIERS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
"""Canvas's import needs these first five columns as its own export gives them."""
CANVAS_POINTS_ROW = "    Points Possible"
MOODLE_EMAIL = "Email address"
MOODLE_NAMES = ("First name", "Last name")


def copy_label(copy: CopyMarks) -> str:
    """The student's name, or ``copy 7`` for an anonymous sheet."""
    return copy.name or f"copy {copy.copy}"


def statement_ids(marks: ClassMarks, guide: MarkingGuide) -> list[str]:
    """Every statement of the class, in the lesson's reading order."""
    seen = {s.statement_id for copy in marks.copies for s in copy.statements}
    return sorted(seen, key=lambda statement_id: (guide.order(statement_id), statement_id))


def number(value: float) -> str:
    """``1``, ``0.5``, ``6.5``: as a spreadsheet reads them, without a trailing ``.0``."""
    return f"{value:g}"


def marks_csv(marks: ClassMarks, order: Sequence[str]) -> bytes:
    """``marks.csv``: one row per student, in copy order; ``order`` is the statements' ids
    in the lesson's reading order (any statement of the marks it lacks comes after them)."""
    present = {s.statement_id for copy in marks.copies for s in copy.statements}
    ids = [i for i in order if i in present]
    ids += sorted(present - set(ids))
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(
        [
            "name",
            "version",
            *(SCORE_PREFIX + i for i in ids),
            *(BAND_PREFIX + i for i in ids),
            "total",
        ]
    )
    for copy in sorted(marks.copies, key=lambda c: c.copy):
        by_id = {s.statement_id: s for s in copy.statements}
        scores = [number(by_id[i].score) if i in by_id else "" for i in ids]
        bands = [str(by_id[i].band) if i in by_id and by_id[i].band else "" for i in ids]
        writer.writerow(
            [_safe(copy_label(copy)), copy.version, *scores, *bands, number(copy.total)]
        )
    return stream.getvalue().encode("utf-8")


def _safe(cell: str) -> str:
    """A name a spreadsheet would run as a formula (``=cmd|…``) is kept as text."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


@dataclass(frozen=True)
class Gradebook:
    """A gradebook file to write, and who in the export had no copy (told to the teacher)."""

    filename: str
    data: bytes
    without_copy: list[str]


def gradebook_csv(marks: ClassMarks, export: Path, column: str) -> Gradebook:
    """The platform's export ``export`` with one grade column, ``column``, filled in."""
    text = read_text(
        export,
        MedialitError,
        unreadable="this gradebook export cannot be read ({reason}).",
        not_utf8="this gradebook export is not UTF-8 (byte {byte}); save it again as UTF-8 CSV.",
        max_bytes=5_000_000,
        too_large="this gradebook export is over 5 MB: is it the class's grades?",
    )
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0] if rows else []
    by_name: dict[str, CopyMarks] = {}
    for copy in marks.copies:
        if copy.name:
            by_name.setdefault(_key(copy.name), copy)
    if header[: len(CANVAS_IDENTIFIERS)] == list(CANVAS_IDENTIFIERS):
        return _canvas(rows, by_name, column)
    if MOODLE_EMAIL in header and all(name in header for name in MOODLE_NAMES):
        return _moodle(rows, by_name, column)
    raise MedialitError(
        Problem(
            "this is not a gradebook export from Moodle (Grades → Export → Plain text file, "
            f"with the columns {', '.join(MOODLE_NAMES)} and {MOODLE_EMAIL}) or from Canvas "
            f"(Grades → Export, whose first columns are {', '.join(CANVAS_IDENTIFIERS)}); "
            "export the gradebook again and give that file.",
            file=export,
            line=1,
        )
    )


def _key(name: str) -> str:
    """A name as compared: case, accents' forms and spaces do not count."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _canvas(rows: list[list[str]], by_name: dict[str, CopyMarks], column: str) -> Gradebook:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([*CANVAS_IDENTIFIERS, column])
    best = max((len(copy.statements) for copy in by_name.values()), default=0)
    without: list[str] = []
    for row in rows[1:]:
        if not row or not row[0].strip():
            continue
        identifiers = (row + [""] * len(CANVAS_IDENTIFIERS))[: len(CANVAS_IDENTIFIERS)]
        if row[0].strip() == CANVAS_POINTS_ROW.strip():
            writer.writerow([CANVAS_POINTS_ROW, *identifiers[1:], number(best)])
            continue
        student = row[0]
        last, comma, first = student.partition(",")  # Canvas writes "Last, First"
        name = f"{first.strip()} {last.strip()}" if comma else student
        copy = by_name.get(_key(name)) or by_name.get(_key(student))
        if copy is None:  # left out: the platform keeps what it has
            without.append(student)
            continue
        writer.writerow([*identifiers, number(copy.total)])
    return Gradebook("gradebook-canvas.csv", stream.getvalue().encode("utf-8"), without)


def _moodle(rows: list[list[str]], by_name: dict[str, CopyMarks], column: str) -> Gradebook:
    header = rows[0]
    first, last, email = (header.index(name) for name in (*MOODLE_NAMES, MOODLE_EMAIL))
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([*MOODLE_NAMES, MOODLE_EMAIL, column])
    without: list[str] = []
    for row in rows[1:]:
        if len(row) <= max(first, last, email) or not row[email].strip():
            continue
        name = f"{row[first].strip()} {row[last].strip()}"
        copy = by_name.get(_key(name))
        if copy is None:  # left out: the platform keeps what it has
            without.append(name)
            continue
        writer.writerow([row[first], row[last], row[email], number(copy.total)])
    return Gradebook("gradebook-moodle.csv", stream.getvalue().encode("utf-8"), without)
