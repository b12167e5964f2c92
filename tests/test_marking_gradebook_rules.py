"""The gradebooks `medialit marks --gradebook` writes, checked rule by rule against the code of
the importers that read them: Canvas's ``app/models/gradebook_importer.rb`` and Moodle's
``grade/import/csv/classes/load_data.php`` with ``lib/csvlib.class.php`` (read from the
projects' repositories on 2026-12-04; line numbers are of those versions, and each comment
quotes the line so that it can be found again in a later one).

Every check reads a real output: `medialit marks` run on a class's marks (as
tests/marking_report_support.py makes them) with an export as each platform writes it,
including the forms a teacher may get (Canvas without the SIS columns, separated by
semicolons, with a byte-order mark; Moodle separated by tabs, with an empty email).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from medialit.errors import MedialitError
from medialit.marking.csvfiles import gradebook_csv
from medialit.marking.results import ClassMarks

from .marking_report_support import LESSON, shared_class
from .test_marking_outputs import decide_all, marks_file, medialit

pytestmark = pytest.mark.build

TITLE = "A later start at Harbury High"
CANVAS_EXPORT = (
    "\ufeffStudent;ID;SIS Login ID;Section;Essay (1201);"
    f"{TITLE} (5501);Current Score;Final Grade\r\n"
    "    Manual Posting;;;;;;;\r\n"
    "    Points Possible;;;;10;12;(read only);(read only)\r\n"
    '"López, Ana";3300;ana.l;Class 10B;7,5;;75;C\r\n'
    '"Okafor, Ben";3304;ben.o;Class 10B;8;;80;B\r\n'
    '"Martin, Chloé";3301;chloe.m;Class 10B;8;;80;B\r\n'
    '"Patel, Dev";3305;dev.p;Class 10B;6;;60;D\r\n'
    '"Nowak, Ewa";3302;ewa.n;Class 10B;9;;90;A\r\n'
    '"Student, Test";3399;;Class 10B;;;;\r\n'
)
MOODLE_EXPORT = (
    "First name\tLast name\tID number\tInstitution\tDepartment\tEmail address\t"
    "Assignment: Essay (Real)\tLast downloaded from this course\n"
    "Ana\tLópez\t1001\t\t\tana@school.example\t7.00\t1764800000\n"
    "Ben\tOkafor\t1002\t\t\tben@school.example\t-\t1764800000\n"
    "Chloé\tMartin\t1003\t\t\tchloe@school.example\t8.00\t1764800000\n"
    "Dev\tPatel\t1004\t\t\t\t6.00\t1764800000\n"
    "Ewa\tNowak\t1005\t\t\tewa@school.example\t9.00\t1764800000\n"
)


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The class's marks with the unsure ticks decided, as `medialit marks` takes them."""
    pristine = shared_class(tmp_path_factory.getbasetemp())
    out = tmp_path_factory.mktemp("gradebook-rules") / "build"
    shutil.copytree(pristine / LESSON.stem, out / LESSON.stem)
    decide_all(out)
    return out


def _run(marked: Path, folder: Path, name: str, export: str) -> tuple[bytes, str, dict]:
    """`medialit marks --gradebook` on ``export``: the gradebook's bytes, the warnings, and
    each student's total in the marks.csv written beside it."""
    out = folder / "build"
    shutil.copytree(marked / LESSON.stem, out / LESSON.stem)
    given = folder / "export.csv"
    given.write_bytes(export.encode("utf-8"))
    done = medialit("--out", out, "--gradebook", given)
    assert done.returncode == 0, done.stderr
    written = marks_file(out).parent
    rows = csv.DictReader(io.StringIO((written / "marks.csv").read_text(encoding="utf-8")))
    totals = {row["name"]: row["total"] for row in rows}
    return (written / name).read_bytes(), done.stderr, totals


@pytest.fixture(scope="module")
def canvas(marked: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, str, dict]:
    return _run(marked, tmp_path_factory.mktemp("canvas"), "gradebook-canvas.csv", CANVAS_EXPORT)


@pytest.fixture(scope="module")
def moodle(marked: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, str, dict]:
    return _run(marked, tmp_path_factory.mktemp("moodle"), "gradebook-moodle.csv", MOODLE_EXPORT)


def _rows(data: bytes, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8")), delimiter=delimiter))


# ---- Canvas: app/models/gradebook_importer.rb -------------------------------------------


def test_canvas_finds_its_student_columns_up_to_section(canvas: tuple[bytes, str, dict]) -> None:
    header = _rows(canvas[0])[0]
    # L427-430 row_has_student_headers?: `row.length > 3 && row[0].include?("Student") &&
    # row[1].include?("ID")`.
    assert len(header) > 3 and "Student" in header[0] and "ID" in header[1]
    # L441-443 update_column_count: `/SIS\s+Login\s+ID/.match?(row[2])` makes four student
    # columns (an export without "SIS User ID", as a teacher who may not see it gets), and
    # L417 header?: `last_student_info_column(row).include?("Section")`, the fourth.
    assert header[:4] == ["Student", "ID", "SIS Login ID", "Section"]
    # L489-490 strip_non_assignment_columns: `Regexp.new(NON_ASSIGNMENT_COLUMN_HEADERS
    # .join("|"))` drops "Current Score", "Final Grade"...: they are not written at all.
    assert header[4:] == [f"{TITLE} (5501)"]


def test_canvas_updates_the_lessons_own_assignment(canvas: tuple[bytes, str, dict]) -> None:
    column = _rows(canvas[0])[0][-1]
    # L500-501 parse_assignments: `title, id = Assignment.title_and_id(name_and_id)`;
    # `@all_assignments[id.to_i]`; app/models/assignment.rb title_and_id:
    # `str =~ /\A(.*)\s\((\d+)\)\z/`. The export's own column keeps the id: the grades go
    # to that assignment, not to a new one of the same title.
    matched = re.fullmatch(r"(.*)\s\((\d+)\)", column)
    assert matched is not None and matched.groups() == (TITLE, "5501")


def test_canvas_reads_the_file_as_comma_separated(canvas: tuple[bytes, str, dict]) -> None:
    # L714-725 semicolon_delimited?: `first_lines.size < 3` lines go to identify_delimiter,
    # L698-711: a separator counts when every line splits into as many cells, and
    # `field_counts[";"] > field_counts[","] ? :semicolon : :comma`. The export given was
    # separated by semicolons; what medialit writes is read with commas.
    lines = canvas[0].decode("utf-8").splitlines()[:3]
    by_comma = {len(next(csv.reader([line]))) for line in lines}
    by_semicolon = {len(next(csv.reader([line], delimiter=";"))) for line in lines}
    assert len(by_comma) == 1
    assert len(by_semicolon) != 1 or by_semicolon.pop() < by_comma.pop()


def test_canvas_points_possible_row(canvas: tuple[bytes, str, dict]) -> None:
    rows = _rows(canvas[0])
    # L734-737 check_for_non_student_row: `row[0]&.include?("Points Possible")` is no
    # student; L549-553 process_pp: `assignment.points_possible = row[...]`, the most a
    # student can score: one point a statement, 9 statements.
    assert "Points Possible" in rows[1][0]
    assert rows[1][-1] == "9"
    # L740: a row of only "Muted" or "Manual Posting" cells is skipped: not written.
    assert not any("Manual Posting" in cell for row in rows for cell in row)


def test_canvas_matches_students_by_their_id(canvas: tuple[bytes, str, dict]) -> None:
    data, warnings, totals = canvas
    rows = _rows(data)[2:]
    # L558-559 process_student: `student_id = ... row[1]`, `@all_students[student_id.to_i]`:
    # the export's ID is kept beside each student's name, as the export wrote both.
    assert [row[:4] for row in rows] == [
        ["López, Ana", "3300", "ana.l", "Class 10B"],
        ["Okafor, Ben", "3304", "ben.o", "Class 10B"],
        ["Martin, Chloé", "3301", "chloe.m", "Class 10B"],
        ["Patel, Dev", "3305", "dev.p", "Class 10B"],
        ["Nowak, Ewa", "3302", "ewa.n", "Class 10B"],
    ]
    # A student with no marked copy is left out (Canvas keeps what it has) and named.
    assert "no marked copy for Student, Test" in warnings
    assert [row[4] for row in rows] == [
        totals[name] for name in ("Ana López", "Ben Okafor", "Chloé Martin", "Dev Patel")
    ] + [totals["Ewa Nowak"]]


def test_canvas_grades_are_plain_numbers(canvas: tuple[bytes, str, dict]) -> None:
    rows = _rows(canvas[0])[2:]
    for row in rows:
        grade = row[-1]
        # L110-123 the decimal_comma_to_period converter (L753, on every cell):
        # `/^-?[0-9.,]+%?$/` cells are split at "," and "." and the last part made the
        # decimals. A plain "6.5" passes unchanged; a thousands separator would not.
        assert re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", grade), grade
        parts = re.split(r"[,.]", grade)
        assert ".".join([*(["".join(parts[:-1])] if parts[:-1] else []), parts[-1]]) == grade


def test_canvas_file_is_utf8_without_a_byte_order_mark(canvas: tuple[bytes, str, dict]) -> None:
    data = canvas[0]
    # L761 csv_stream: `CSV.foreach(csv_file.path, **csv_parse_options)` with no encoding:
    # Ruby's default, UTF-8. The export's byte-order mark is not carried over (it would sit
    # in the first header cell); the names' accents are kept.
    assert data.startswith(b"Student,")
    assert "Martin, Chloé".encode() in data


def test_canvas_new_assignments_title_is_not_read_as_an_id(marked: Path, tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(CANVAS_EXPORT.replace(f"{TITLE} (5501)", "Quiz"), encoding="utf-8")
    marks = ClassMarks.load(marks_file(marked))
    # assignment.rb title_and_id: a title ending in " (2017)" would be read as assignment
    # 2017's column; medialit writes it with brackets, a new assignment's title.
    made = gradebook_csv(marks, export, "Start times (2017)")
    assert _rows(made.data)[0][-1] == "Start times [2017]"
    # L489-490: a name holding "Final Grade" would be dropped as a total: refused, told.
    with pytest.raises(MedialitError, match=r"Canvas would not import the lesson's column"):
        gradebook_csv(marks, export, "Final Grade practice")


# ---- Moodle: grade/import/csv/classes/load_data.php, lib/csvlib.class.php ---------------


def test_moodle_rows_are_as_wide_as_the_header(moodle: tuple[bytes, str, dict]) -> None:
    # grade/import/grade_import_form.php L54: `setDefault('separator', 'comma')`;
    # csvlib.class.php L129: `fgetcsv($fp, 0, $csv_delimiter, $enclosure)` with `'"'`;
    # L164-167: a row with another count of cells than the header is `csvweirdcolumns`,
    # the whole file refused.
    rows = _rows(moodle[0])
    assert {len(row) for row in rows} == {len(rows[0])} and len(rows[0]) == 4


def test_moodle_identifies_every_row(moodle: tuple[bytes, str, dict]) -> None:
    data, warnings, totals = moodle
    rows = _rows(data)
    # The export was separated by tabs: read by its own separator, its students found.
    assert rows[0] == ["First name", "Last name", "Email address", TITLE]
    # load_data.php L383-385: `if (!empty($value)) { $this->studentid = ... }`, and
    # L430 sets `$this->studentid = null` once for the file, not for each row: a row with
    # an empty email would give its grade to the row before's student. Dev's is empty:
    # left out, and the teacher told.
    assert [row[2] for row in rows[1:]] == [
        "ana@school.example",
        "ben@school.example",
        "chloe@school.example",
        "ewa@school.example",
    ]
    assert "Dev Patel has no identifier in the gradebook export" in warnings
    # L226 check_user_exists: `get_record('user', [field => $value])`, an exact match:
    # the export's own cells are written back as they were.
    assert rows[1][:2] == ["Ana", "López"]
    assert [row[3] for row in rows[1:]] == [
        totals[name] for name in ("Ana López", "Ben Okafor", "Chloé Martin", "Ewa Nowak")
    ]


def test_moodle_grades_are_numbers_it_accepts(moodle: tuple[bytes, str, dict]) -> None:
    for row in _rows(moodle[0])[1:]:
        grade = row[-1]
        # load_data.php L316: `unformat_float($value, true)`, else `badgrade` and the whole
        # import stops; L162-169 insert_grade_record: a grade over `$gradepointmaximum`
        # (100 unless the site raised it) is `gradevaluetoobig`.
        assert re.fullmatch(r"[0-9]+(\.[0-9]+)?", grade), grade
        assert 0 <= float(grade) <= 100


def test_moodle_file_is_utf8(moodle: tuple[bytes, str, dict]) -> None:
    data = moodle[0]
    # csvlib.class.php L98: `core_text::convert($content, $encoding, 'utf-8')` from the
    # encoding the teacher picks (UTF-8 is the form's first choice for a UTF-8 site);
    # L100 drops a byte-order mark if there is one. medialit writes UTF-8, no mark.
    assert not data.startswith(b"\xef\xbb\xbf")
    data.decode("utf-8")
