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
import dataclasses
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medialit.errors import MedialitError, Problem
from medialit.files import read_text
from medialit.marking.guide import MarkingGuide
from medialit.marking.results import ClassMarks, CopyMarks

SCORE_PREFIX = "score "
BAND_PREFIX = "band "
CANVAS_IDENTIFIERS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
"""Canvas's own export's first columns (the SIS ones only for who may see them)."""
CANVAS_POINTS_ROW = "    Points Possible"
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
        writer.writerow([_safe(copy_label(copy)), copy.version, *scores, *bands, total_cell(copy)])
    return stream.getvalue().encode("utf-8")


def total_cell(copy: CopyMarks) -> str:
    """The copy's total; empty for a copy with nothing to score (not a 0, which is a fail)."""
    return number(copy.total) if copy.scored else ""


def _safe(cell: str) -> str:
    """A name a spreadsheet would run as a formula (``=cmd|…``) is kept as text."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


@dataclass(frozen=True)
class Gradebook:
    """A gradebook file to write, and who in the export it leaves out (told to the teacher):
    students with no marked copy, and students whose identifier cell is empty."""

    filename: str
    data: bytes
    without_copy: list[str]
    without_identifier: list[str] = field(default_factory=list)
    not_in_gradebook: list[str] = field(default_factory=list)
    """Marked copies that no row of the export matched (a name spelt otherwise, a student
    not in the platform's course, an anonymous sheet): their totals are in no gradebook."""
    not_scored: list[str] = field(default_factory=list)
    """Students whose copy had nothing to score (the independent level): left out, so the
    platform keeps what the teacher gives them there (an empty cell would clear it in
    Moodle, whose import reads '' as no grade)."""


def gradebook_csv(
    marks: ClassMarks, export: Path, column: str, lesson: Path | None = None
) -> Gradebook:
    """The platform's export ``export`` with one grade column, ``column`` (the title of
    the lesson ``lesson``), filled in."""
    text = read_text(
        export,
        MedialitError,
        unreadable="this gradebook export cannot be read ({reason}).",
        not_utf8="this gradebook export is not UTF-8 (byte {byte}); save it again as UTF-8 CSV.",
        max_bytes=5_000_000,
        too_large="this gradebook export is over 5 MB: is it the class's grades?",
    )
    rows = _rows(text)
    header = rows[0] if rows else []
    by_name: dict[str, CopyMarks] = {}
    reached: set[int] = set()  # the copies some row of the export matched
    for copy in marks.copies:
        if copy.name:
            by_name.setdefault(_key(copy.name), copy)
    identifiers = canvas_identifier_columns(header)
    if identifiers:
        named = _canvas_column(header, column, lesson)
        made = _canvas(rows, identifiers, by_name, named, reached)
    elif all(name in header for name in MOODLE_NAMES) and moodle_identifier(header):
        made = _moodle(rows, by_name, column, reached)
    else:
        raise _not_an_export(export)
    left = [copy_label(copy) for copy in marks.copies if copy.copy not in reached]
    return dataclasses.replace(made, not_in_gradebook=left)


def _not_an_export(export: Path) -> MedialitError:
    return MedialitError(
        Problem(
            "this is not a gradebook export from Moodle (Grades → Export → Plain text file, "
            f"with the columns {', '.join(MOODLE_NAMES)} and one of "
            f"{', '.join(MOODLE_IDENTIFIERS)}) or from Canvas (Grades → Export, whose first "
            f"columns are {', '.join(CANVAS_IDENTIFIERS)}); "
            "export the gradebook again and give that file.",
            file=export,
            line=1,
        )
    )


def _rows(text: str) -> list[list[str]]:
    """The export's rows, split on the separator it was saved with: Moodle's export offers
    comma, tab, semicolon and colon, Canvas's comma or semicolon. The one that splits every
    line into the same number of cells, and the most, is it (Canvas's importer chooses so)."""
    lines = [line for line in text.splitlines() if line.strip()]
    best: list[list[str]] = [next(csv.reader([line])) for line in lines]
    widest = 1
    for separator in (",", ";", "\t", ":"):
        try:
            rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=separator))
        except csv.Error:
            continue
        widths = {len(row) for row in rows}
        if len(widths) == 1 and (width := widths.pop()) > widest:
            best, widest = rows, width
    return best


def canvas_identifier_columns(header: Sequence[str]) -> int:
    """How many student columns Canvas's import reads before the grades, or 0 when this is
    not a Canvas header: ``Student``, ``ID`` (or ``LastName``, ``FirstName``, ``ID``), then
    ``SIS Login ID`` or ``SIS User ID``, ``SIS Login ID`` (``Integration ID``) (``Root
    Account``) when the teacher may see them, then ``Section``."""
    row = list(header)
    if len(row) > 4 and row[0] == "LastName" and row[1] == "FirstName" and "ID" in row[2]:
        count = 4
    elif len(row) > 3 and "Student" in row[0] and "ID" in row[1]:
        count = 3
    else:
        return 0
    given = count
    if re.search(r"SIS\s+Login\s+ID", row[given - 1]):
        count += 1
    elif re.search(r"SIS\s+User\s+ID", row[given - 1]) and re.search(
        r"SIS\s+Login\s+ID", row[given] if len(row) > given else ""
    ):
        integration = len(row) > given + 1 and bool(re.search(r"Integration\s+ID", row[given + 1]))
        count += 2 + integration
        root = given + 1 + integration
        if len(row) > root and re.search(r"Root\s+Account", row[root]):
            count += 1
    return count if len(row) >= count and "Section" in row[count - 1] else 0


CANVAS_NOT_GRADES = (
    "Current Score",
    "Current Points",
    "Current Grade",
    "Final Score",
    "Final Points",
    "Final Grade",
    "Override Score",
    "Override Grade",
    "Override Status",
)
"""Canvas's import drops any column whose name holds one of these: they are totals."""


def _canvas_column(header: Sequence[str], column: str, lesson: Path | None) -> str:
    """The lesson's column as Canvas reads it: the export's own column for an assignment of
    that title (``Title (id)``: its grades are updated), else a new assignment's title,
    which must not end in ``(digits)`` (read as another assignment's id) nor hold a total's
    name (dropped)."""
    if any(total in column for total in CANVAS_NOT_GRADES):
        raise MedialitError(
            Problem(
                f"Canvas would not import the lesson's column, {column!r}: it drops every "
                f"column whose name holds {', '.join(CANVAS_NOT_GRADES)} (its totals). "
                "Change the lesson's title so that it does not, and run medialit marks again.",
                file=lesson,
            )
        )
    for name in header:
        matched = re.fullmatch(r"(.*)\s\((\d+)\)", name)
        if matched and matched.group(1) == column:
            return name
    # "Elections (2020)" would be read as assignment 2020: brackets keep it a title.
    return re.sub(r"\s\((\d+)\)$", r" [\1]", column)


# A platform, a roster or a word processor may type O'Connor with a curly apostrophe.
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'", "“": '"', "”": '"'})


def _key(name: str) -> str:
    """A name as compared: case, accents' forms, apostrophes' and quotes' shapes and spaces
    do not count."""
    folded = unicodedata.normalize("NFC", name).translate(_TYPOGRAPHIC)
    return " ".join(folded.casefold().split())


def _writer() -> tuple[io.StringIO, Any]:
    stream = io.StringIO()
    return stream, csv.writer(stream, lineterminator="\r\n")


def _canvas(
    rows: list[list[str]],
    identifiers: int,
    by_name: dict[str, CopyMarks],
    column: str,
    reached: set[int],
) -> Gradebook:
    header = rows[0]
    stream, writer = _writer()
    writer.writerow([*header[:identifiers], column])
    best = max((len(copy.statements) for copy in by_name.values()), default=0)
    points = next((row for row in rows[1:] if row and "Points Possible" in row[0]), None)
    # Canvas takes a new assignment's points from this row: written, had the export one or not.
    points_cells = ((points or [CANVAS_POINTS_ROW]) + [""] * identifiers)[:identifiers]
    writer.writerow([*points_cells, number(best)])
    first_last = header[0] == "LastName"
    without: list[str] = []
    not_scored: list[str] = []
    for row in rows[1:]:
        if not row or not row[0].strip() or "Points Possible" in row[0] or _no_student(row):
            continue  # the export's own rows with no student (the points, "Manual Posting")
        cells = (row + [""] * identifiers)[:identifiers]
        if first_last:
            student = name = f"{cells[1].strip()} {cells[0].strip()}"
        else:
            student = row[0]
            last, comma, first = student.partition(",")  # Canvas writes "Last, First"
            name = f"{first.strip()} {last.strip()}" if comma else student
        copy = by_name.get(_key(name)) or by_name.get(_key(student))
        if copy is not None:
            reached.add(copy.copy)
        if copy is None:  # left out: the platform keeps what it has
            without.append(student)
            continue
        if not copy.scored:
            not_scored.append(copy.not_scored)
            continue
        writer.writerow([*cells, number(copy.total)])
    data = stream.getvalue().encode("utf-8")
    return Gradebook("gradebook-canvas.csv", data, without, not_scored=not_scored)


def _no_student(row: list[str]) -> bool:
    """A row Canvas's import skips: every cell blank, "Muted" or "Manual Posting…"."""
    return all(re.fullmatch(r"\s*(Muted|Manual Posting.*)?\s*", cell, re.I) for cell in row)


MOODLE_IDENTIFIERS = ("Email address", "ID number", "Username")
"""Columns of Moodle's export that its import can match a user by (email, idnumber,
username), in the order medialit prefers them."""


def moodle_identifier(header: Sequence[str]) -> str | None:
    """The identifier column the gradebook keeps: the first of :data:`MOODLE_IDENTIFIERS`
    that the export has."""
    return next((name for name in MOODLE_IDENTIFIERS if name in header), None)


def _moodle(
    rows: list[list[str]], by_name: dict[str, CopyMarks], column: str, reached: set[int]
) -> Gradebook:
    header = rows[0]
    identifier = moodle_identifier(header)
    assert identifier is not None
    first, last, key = (header.index(name) for name in (*MOODLE_NAMES, identifier))
    stream, writer = _writer()
    writer.writerow([*MOODLE_NAMES, identifier, column])
    without: list[str] = []
    unidentified: list[str] = []
    not_scored: list[str] = []
    for row in rows[1:]:
        if len(row) <= max(first, last, key):
            continue
        name = f"{row[first].strip()} {row[last].strip()}"
        copy = by_name.get(_key(name))
        if copy is not None:
            reached.add(copy.copy)
        if copy is None:  # left out: the platform keeps what it has
            without.append(name)
        elif not copy.scored:
            not_scored.append(copy.not_scored)
        elif not row[key].strip():
            # Moodle would give this row's grade to the row before's student.
            unidentified.append(name)
        else:
            writer.writerow([row[first], row[last], row[key], number(copy.total)])
    data = stream.getvalue().encode("utf-8")
    return Gradebook("gradebook-moodle.csv", data, without, unidentified, not_scored)
