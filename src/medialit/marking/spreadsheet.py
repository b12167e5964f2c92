"""``marks.csv``: one row per student, as a spreadsheet opens it.

Columns: ``name``, ``version``, then each statement's score (``score <id>``) and each reason's
band (``band <id>``, empty until the teacher marks it), in the article's reading order, then
``total``. A statement is named by its id, which every version
shares, so one column holds the same statement for every student.
"""

from __future__ import annotations

import csv
import io

from medialit.marking.results import ClassMarks


def statement_ids(marks: ClassMarks) -> list[str]:
    """Every statement's id, in the order the first copy that has it numbers them."""
    ids: list[str] = []
    for copy in marks.copies:
        for statement in sorted(copy.statements, key=lambda s: s.number):
            if statement.statement_id not in ids:
                ids.append(statement.statement_id)
    return ids


def _number(value: float) -> str:
    return f"{value:g}"


def marks_csv(marks: ClassMarks, order: list[str] | None = None) -> str:
    """The class's ``marks.csv``; ``order`` is the statements' ids in reading order (else as
    the first copy numbers them)."""
    ids = [i for i in order or [] if i in statement_ids(marks)]
    ids += [i for i in statement_ids(marks) if i not in ids]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["name", "version", *(f"score {i}" for i in ids), *(f"band {i}" for i in ids), "total"]
    )
    for copy in marks.copies:
        by_id = {statement.statement_id: statement for statement in copy.statements}
        scores = [_number(by_id[i].score) if i in by_id else "" for i in ids]
        bands = [str(by_id[i].band) if i in by_id and by_id[i].band else "" for i in ids]
        name = copy.name or f"(copy {copy.copy})"
        writer.writerow([name, copy.version, *scores, *bands, _number(copy.total)])
    return buffer.getvalue()
