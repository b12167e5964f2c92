"""Read a class roster: a CSV with a ``name`` column and optional ``level`` and ``version``.

A roster may also give a student's own ``font_size`` (``14pt``) and ``theme``
(``high-readability`` or a folder, relative to the roster): that student's copy
is laid out with them. Other columns are reported as a warning and ignored.

Teachers export rosters from spreadsheets, so the file may be UTF-8 with or
without a byte-order mark, and separated by commas or semicolons. Every
problem is reported at once, each with its row's line in the file.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from medialit.errors import Problem, RosterError
from medialit.files import read_text
from medialit.settings.themes import builtin_themes
from medialit.sheets.variants import LEVELS, VERSION_LETTERS, Level

COLUMNS = ("name", "level", "version", "font_size", "theme")
_FONT_SIZE = re.compile(r"^\d+(\.\d+)?(pt|px|mm)$")

MAX_STUDENTS = 2000
MAX_NAME_CHARS = 80
# A class roster is a few KB. This leaves 500 bytes a row for 2,000 students: an
# 80-character name in 4-byte characters (320 bytes), the other columns and some
# of the teacher's own. Checked before parsing, which takes seconds and
# gigabytes for a file of many megabytes.
MAX_BYTES = 1_000_000
# Five columns are read; a spreadsheet export may carry others, which are ignored.
MAX_COLUMNS = 1000
_SNIFF_CHARS = 8192


@dataclass(frozen=True)
class RosterEntry:
    """One student as the roster gives them; empty level or version means "not said"."""

    name: str
    line: int
    """The line in the CSV file where the student's row is, for messages and the cover."""
    level: Level | None = None
    version: str | None = None
    font_size: str | None = None
    """The student's own base font size (``14pt``), or ``None`` for the setting's."""
    theme: str | None = None
    """The student's own theme: a built-in name or an absolute folder."""


def read_roster(file: Path, warn: Callable[[str], None] | None = None) -> list[RosterEntry]:
    """The students of ``file`` in order; a :class:`RosterError` lists every bad row.

    ``warn`` is told of columns medialit does not know (they are ignored).
    """
    text = read_text(
        file,
        RosterError,
        unreadable="cannot read the roster ({reason}); check the path.",
        not_utf8="the roster is not UTF-8 text; in your spreadsheet, save it as 'CSV UTF-8'.",
        max_bytes=MAX_BYTES,
        too_large=(
            f"the roster is larger than the {MAX_BYTES:,} bytes a roster may have (room for "
            f"{MAX_STUDENTS:,} students); check it is a class roster, and split a larger class "
            "into several rosters."
        ),
    )
    rows = _rows(file, text)
    first = next(rows, None)
    if first is None:
        raise RosterError(
            Problem(
                "the roster is empty; the first row must name the columns (name, and optionally "
                "level and version), with one row per student under it.",
                file=file,
            )
        )
    header_line, header = first
    if len(header) > MAX_COLUMNS:  # before the other rows are read
        raise RosterError(_too_many_columns(file, header_line, len(header)))
    columns = [cell.strip().lstrip("\ufeff").lower() for cell in header]
    if "name" not in columns:
        raise RosterError(
            Problem(
                "the first row must name the columns and one of them must be 'name' "
                f"(found: {', '.join(repr(c) for c in columns if c) or 'nothing'}).",
                file=file,
                line=header_line,
            )
        )
    twice = sorted(c for c, count in Counter(columns).items() if c and count > 1)
    if twice:
        raise RosterError(
            [
                Problem(
                    f"the column '{column}' is named twice in the first row; medialit cannot "
                    "tell which one to use, so rename or delete one of them.",
                    file=file,
                    line=header_line,
                )
                for column in twice
            ]
        )
    unknown = [c for c in columns if c and c not in COLUMNS]
    if unknown and warn is not None:
        warn(
            str(
                Problem(
                    f"medialit does not know the column{'s' if len(unknown) > 1 else ''} "
                    f"{', '.join(repr(c) for c in unknown)} and ignores "
                    f"{'them' if len(unknown) > 1 else 'it'}; the columns it reads are "
                    f"{', '.join(COLUMNS)}.",
                    file=file,
                    line=header_line,
                )
            )
        )
    students: list[RosterEntry] = []
    problems: list[Problem] = []
    counted = 0  # rows with a student, good or bad: the rest of a huge file is never read
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue  # spreadsheets often end with empty rows
        if counted == MAX_STUDENTS:
            problems.append(
                Problem(
                    f"the roster has more than {MAX_STUDENTS:,} students; split it into "
                    "several rosters.",
                    file=file,
                    line=line,
                )
            )
            break
        counted += 1
        entry, row_problems = _entry(file, line, columns, cells)
        problems.extend(row_problems)
        if entry is not None:
            students.append(entry)
    if problems:
        raise RosterError(problems)
    if not students:
        raise RosterError(
            Problem(
                "the roster has no students; add one row per student under the header row.",
                file=file,
                line=header_line,
            )
        )
    return students


def _rows(file: Path, text: str) -> Iterator[tuple[int, list[str]]]:
    """Each row that has cells, with the file line it ends on (a quoted cell may span lines).

    Rows are read one at a time, as they are asked for.
    """
    sample = text[:_SNIFF_CHARS]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;").delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for cells in reader:
            if cells:
                yield reader.line_num, cells
    except csv.Error as exc:
        raise RosterError(
            Problem(
                f"this row is not valid CSV ({exc}); check its quote marks: a cell that "
                'contains a quote mark must be written with it doubled, e.g. "Jo ""JJ"" Lee".',
                file=file,
                line=reader.line_num,
            )
        ) from None


def _too_many_columns(file: Path, line: int, count: int) -> Problem:
    return Problem(
        f"the first row has {count:,} columns, more than the {MAX_COLUMNS:,} a roster may have; "
        f"keep the columns medialit reads ({', '.join(COLUMNS)}), delete the others and save "
        "the roster again.",
        file=file,
        line=line,
    )


def _entry(
    file: Path, line: int, columns: list[str], cells: list[str]
) -> tuple[RosterEntry | None, list[Problem]]:
    problems: list[Problem] = []

    def problem(message: str) -> None:
        problems.append(Problem(message, file=file, line=line))

    if len(cells) > len(columns):
        problem(
            f"this row has {len(cells)} cells but the first row names only {len(columns)} "
            f"column{'s' if len(columns) > 1 else ''}; remove the extra separator or name the "
            "column."
        )
        return None, problems
    values = {column: cell.strip() for column, cell in zip(columns, cells, strict=False)}
    name = " ".join(values.get("name", "").split())
    if not name:
        problem("this row has no name; fill it in or delete the row.")
    elif len(name) > MAX_NAME_CHARS:
        problem(
            f"the name has {len(name)} characters, more than the {MAX_NAME_CHARS} that fit in "
            "the header; shorten it."
        )
    level = values.get("level", "").lower() or None
    if level is not None and level not in LEVELS:
        problem(
            f"unknown level '{values['level']}'; use one of {', '.join(LEVELS)} or leave it empty."
        )
        level = None
    version = values.get("version", "").upper() or None
    if version is not None and (len(version) != 1 or version not in VERSION_LETTERS):
        problem(f"unknown version '{values['version']}'; use a letter (A, B, …) or leave it empty.")
        version = None
    font_size = values.get("font_size", "").replace(" ", "").lower() or None
    if font_size is not None and font_size.replace(".", "", 1).isdigit():
        font_size += "pt"  # a spreadsheet cell of 14 means 14 points
    if font_size is not None and not _FONT_SIZE.match(font_size):
        problem(
            f"unknown font size '{values['font_size']}'; write a size such as 14pt, or leave "
            "it empty."
        )
    theme = values.get("theme") or None
    if theme is not None and theme not in builtin_themes():
        folder = (file.parent / theme).resolve()
        if not folder.is_dir():
            problem(
                f"there is no theme '{theme}'; use a built-in theme "
                f"({', '.join(builtin_themes())}) or a folder beside the roster, or leave it empty."
            )
        theme = str(folder)
    if problems:
        return None, problems
    return RosterEntry(name, line, level, version, font_size, theme), problems


def another_class(names: Collection[str], others: Collection[str]) -> bool:
    """Whether two rosters' names are two classes, not one roster edited (a student who left
    or joined): less than half of the smaller one's names in common."""
    common = len(set(names) & set(others))
    return common * 2 < min(len(names), len(others))
