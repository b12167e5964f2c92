"""`medialit marks LESSON`: marks.csv, the gradebooks, the feedback sheets and the class report.

Made from a class's marks over the real lesson's real sheet (tests/marking_support.py); the
PDFs are WeasyPrint's and are read back with pdftotext. Bad input is refused by file, with
nothing written and earlier outputs kept.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from medialit.marking.csvfiles import gradebook_csv
from medialit.marking.feedback import feedback_html
from medialit.marking.pages import pdf_of
from medialit.marking.results import ClassMarks

from .conftest import run_cli
from .marking_report_support import LESSON, STUDENTS, TYPED, make_class, shared_class

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_class(tmp_path_factory.getbasetemp())


@pytest.fixture
def out(pristine: Path, tmp_path: Path) -> Path:
    shutil.copytree(pristine / LESSON.stem, tmp_path / "build" / LESSON.stem)
    return tmp_path / "build"


@pytest.fixture(scope="module")
def written(pristine: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every output, written once for the tests that only read them (the unsure decided)."""
    out = tmp_path_factory.mktemp("written") / "build"
    shutil.copytree(pristine / LESSON.stem, out / LESSON.stem)
    decide_all(out)
    done = medialit("--out", out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture
def rewritten(written: Path, tmp_path: Path) -> Path:
    """A copy of ``written``, to break."""
    shutil.copytree(written / LESSON.stem, tmp_path / "build" / LESSON.stem)
    return tmp_path / "build"


def marks_file(out: Path) -> Path:
    return out / LESSON.stem / "marks" / "marks.json"


def decide_all(out: Path) -> ClassMarks:
    """The teacher decides both unsure ticks: Chloé's light tick, Dev's two ticks."""
    marks = ClassMarks.load(marks_file(out))
    for copy in marks.copies:
        for statement in copy.statements:
            if statement.unsure:
                statement.resolved = True
                statement.answer = statement.key_kind if copy.copy == 3 else None
    marks.save(marks_file(out))
    return marks


def medialit(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``medialit marks LESSON ARGS`` in this process: what the command writes and says."""
    return run_cli(["marks", LESSON, *args])


def medialit_process(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``medialit marks LESSON ARGS`` in a real process, as a teacher runs it."""
    return subprocess.run(
        [sys.executable, "-m", "medialit", "marks", str(LESSON), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def text_of(pdf: Path) -> str:
    """The PDF's text, its lines joined with single spaces (a table cell wraps)."""
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(text.split())


def test_nothing_is_final_while_an_unsure_tick_waits(out: Path) -> None:
    done = medialit_process("--out", out)
    assert done.returncode == 1
    assert done.stderr.startswith(f"Error: {marks_file(out)}: 2 unsure ticks still wait for you")
    assert "--review" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in marks_file(out).parent.iterdir()) == [
        "marks.json",
        "pages",
        "reasons",
    ]
    provisional = medialit("--out", out, "--provisional")
    assert provisional.returncode == 0, provisional.stderr
    assert "provisional" in provisional.stderr
    folder = marks_file(out).parent
    assert not (folder / "marks.csv").exists() and not (folder / "feedback").exists()
    report = text_of(folder / "class-report.pdf")
    assert "Provisional: 2 unsure ticks still to decide" in report


def test_marks_csv_has_a_row_per_student(written: Path) -> None:
    out = written
    marks = ClassMarks.load(marks_file(out))
    rows = list(csv.DictReader(io.StringIO((marks_file(out).parent / "marks.csv").read_text())))
    ids = [s.statement_id for s in marks.copies[0].statements]
    assert list(rows[0]) == [
        "name",
        "version",
        *(f"score {i}" for i in ids),
        *(f"band {i}" for i in ids),
        "total",
    ]
    assert [row["name"] for row in rows] == [name or "copy 5" for name, _, _ in STUDENTS]
    chloe, dev = rows[2], rows[3]
    assert chloe["score whole-thing-gimmick"] == "1"  # her light tick, decided as the key's kind
    assert chloe["band whole-thing-gimmick"] == ""  # not banded
    assert dev["score most-families-harbury"] == "0"  # two ticks: decided as none
    assert chloe["band according-survey-results"] == "2"
    for row, copy in zip(rows, marks.copies, strict=True):
        assert float(row["total"]) == copy.total == sum(float(row[f"score {i}"]) for i in ids)
    assert [row["total"] for row in rows] == ["8", "6", "7", "5", "6", "9"]


def test_each_feedback_sheet_holds_one_student_only(written: Path) -> None:
    out = written
    folder = marks_file(out).parent / "feedback"
    sheets = sorted(folder.iterdir())
    assert [p.name for p in sheets] == [
        "01-ana-lópez.pdf",
        "02-ben-okafor.pdf",
        "03-chloé-martin.pdf",
        "04-dev-patel.pdf",
        "05-copy.pdf",
        "06-ewa-nowak.pdf",
    ]
    names = [name for name, _, _ in STUDENTS if name]
    for sheet, (name, _, _) in zip(sheets, STUDENTS, strict=True):
        text = text_of(sheet)
        others = [other for other in names if other != name]
        assert not [other for other in others if other in text], sheet
        if name:
            assert name in text
    chloe = text_of(folder / "03-chloé-martin.pdf")
    assert "Score: 7 of 9" in chloe
    assert "Only Ms Nair’s words are underlined" in chloe  # the key's why
    assert "✗ not this" in chloe and "✓ right" in chloe
    assert "Reason: Secure (3 of 3)" in chloe
    # Her own pages follow, with each statement's result written beside it.
    info = subprocess.run(
        ["pdfinfo", folder / "03-chloé-martin.pdf"], capture_output=True, text=True
    )
    pages = int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages")).split()[-1]
    )
    assert pages >= 4
    assert "2 ✗ key: assertion" in chloe
    # The typed answers of the student who filled a PDF are on nobody else's sheet.
    typed = "It names the survey and says it is published"
    assert all(typed not in text_of(s) for s in sheets if TYPED not in text_of(s))


def test_class_report_says_what_to_go_over(written: Path) -> None:
    out = written
    report = text_of(marks_file(out).parent / "class-report.pdf")
    assert "Provisional" not in report
    assert "6 students · average 6.8 of 9" in report
    go_over = report.split("Go over again")[1].split("Right, per statement")[0]
    assert go_over.startswith(
        " • 2. Teenagers’ body clocks really do…: 1 of 6 chose assertion; 4 chose evidence."
    )
    assert "4. Since the survey shows" in go_over
    assert "Which kind, against the key" in report and "18 (100%)" in report
    assert "The reasons’ bands" in report or "The reasons' bands" in report


def test_gradebooks_for_moodle_and_canvas(rewritten: Path, tmp_path: Path) -> None:
    out = rewritten
    moodle = tmp_path / "moodle-export.csv"
    moodle.write_text(
        "First name,Last name,ID number,Institution,Department,Email address,"
        "Assignment: Essay (Real),Last downloaded from this course\n"
        "Ana,López,,,,ana@school.example,7.00,1764800000\n"
        "Ben,Okafor,,,,ben@school.example,-,1764800000\n"
        "Zoe,Absent,,,,zoe@school.example,-,1764800000\n",
        encoding="utf-8",
    )
    done = medialit("--out", out, "--gradebook", moodle)
    assert done.returncode == 0, done.stderr
    assert "no marked copy for Zoe Absent" in done.stderr
    written = (marks_file(out).parent / "gradebook-moodle.csv").read_text(encoding="utf-8")
    assert written.splitlines() == [
        "First name,Last name,Email address,A later start at Harbury High",
        "Ana,López,ana@school.example,8",
        "Ben,Okafor,ben@school.example,6",
    ]
    canvas = tmp_path / "canvas-export.csv"
    canvas.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,Essay (1201)\n"
        "    Points Possible,,,,,10\n"
        '"Martin, Chloé",3301,s-3301,chloe.m,Class 10B,8\n'
        '"Nowak, Ewa",3302,s-3302,ewa.n,Class 10B,9\n',
        encoding="utf-8",
    )
    # In process: the CLI's path is the one Moodle's export took above.
    made = gradebook_csv(ClassMarks.load(marks_file(out)), canvas, "A later start at Harbury High")
    assert made.filename == "gradebook-canvas.csv" and made.without_copy == []
    rows = list(csv.reader(io.StringIO(made.data.decode("utf-8"))))
    assert rows == [
        [
            "Student",
            "ID",
            "SIS User ID",
            "SIS Login ID",
            "Section",
            "A later start at Harbury High",
        ],
        ["    Points Possible", "", "", "", "", "9"],
        ["Martin, Chloé", "3301", "s-3301", "chloe.m", "Class 10B", "7"],
        ["Nowak, Ewa", "3302", "s-3302", "ewa.n", "Class 10B", "9"],
    ]
    other = tmp_path / "roster.csv"
    other.write_text("name\nAna López\n", encoding="utf-8")
    refused = medialit("--out", out, "--gradebook", other)
    assert refused.returncode == 1
    assert refused.stderr.startswith(
        f"Error: {other}:1: this is not a gradebook export from Moodle"
    )


def _earlier_outputs(out: Path) -> dict[str, bytes]:
    folder = marks_file(out).parent
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _unchanged(out: Path, earlier: dict[str, bytes], but: str = "marks.json") -> None:
    folder = marks_file(out).parent
    now = {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert set(now) == set(earlier)
    assert {k: v for k, v in now.items() if k != but} == {
        k: v for k, v in earlier.items() if k != but
    }


def test_a_missing_marks_file(tmp_path: Path) -> None:
    done = medialit("--out", tmp_path / "build")
    assert done.returncode == 1
    expected = (
        f"Error: {tmp_path / 'build' / LESSON.stem / 'marks' / 'marks.json'}: there are no marks"
    )
    assert done.stderr.startswith(expected), done.stderr
    assert "medialit mark SCANS" in done.stderr
    assert not (tmp_path / "build" / LESSON.stem / "marks").exists()


def test_a_damaged_marks_file_keeps_the_earlier_outputs(rewritten: Path) -> None:
    out = rewritten
    earlier = _earlier_outputs(out)
    text = marks_file(out).read_text(encoding="utf-8")
    marks_file(out).write_text(text[: len(text) // 2], encoding="utf-8")
    done = medialit("--out", out)
    assert done.returncode == 1
    assert done.stderr.startswith(f"Error: {marks_file(out)}:")
    assert "this marks file is damaged" in done.stderr and "Traceback" not in done.stderr
    _unchanged(out, earlier)


def test_a_band_outside_one_to_three(rewritten: Path) -> None:
    out = rewritten
    earlier = _earlier_outputs(out)
    data = json.loads(marks_file(out).read_text(encoding="utf-8"))
    data["copies"][1]["statements"][2]["band"] = 5
    marks_file(out).write_text(json.dumps(data), encoding="utf-8")
    done = medialit("--out", out)
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: {marks_file(out)}: copy 2, statement 2014-american-academy: the band is 5, "
        "and a band is 1, 2 or 3; give it again on the marking page (medialit marks LESSON "
        "--review).\n"
    )
    _unchanged(out, earlier)


def test_a_missing_page_image(rewritten: Path) -> None:
    out = rewritten
    earlier = _earlier_outputs(out)
    (marks_file(out).parent / "pages" / "004-2.png").unlink()
    done = medialit("--out", out)
    assert done.returncode == 1
    assert "these page images are missing" in done.stderr and "pages/004-2.png" in done.stderr
    earlier.pop("pages/004-2.png")
    _unchanged(out, earlier)


def test_marks_of_another_lesson(out: Path) -> None:
    data = json.loads(marks_file(out).read_text(encoding="utf-8"))
    data["copies"][0]["statements"][0]["statement_id"] = "council-report"
    marks_file(out).write_text(json.dumps(data), encoding="utf-8")
    done = medialit("--out", out, "--provisional")
    assert done.returncode == 1
    assert (
        "these statements are not in the lesson 'A later start at Harbury High': council-report"
        in done.stderr
    )


def test_letter_pages_keep_their_shape_and_marks(tmp_path: Path) -> None:
    """Sheets printed on Letter: each scanned page is a Letter page of the feedback, unstretched."""
    marks, guide = make_class(tmp_path, paper="letter", students=STUDENTS[:2])  # Ben's is enough
    folder = tmp_path / LESSON.stem / "marks"
    html = feedback_html(marks.copies[1], guide, folder)
    pdf = tmp_path / "ben.pdf"
    pdf.write_bytes(pdf_of(html, folder, datetime.datetime(2026, 12, 4, tzinfo=datetime.UTC)))
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = re.findall(r"Page +\d+ size: +([\d.]+ x [\d.]+) pts", info)
    assert sizes[:2] == ["595.276 x 841.89"] * 2  # the table, on A4
    assert sizes[-3:] == ["612 x 792"] * 3  # the three scanned pages, on Letter
    text = text_of(pdf)
    assert "Ben Okafor" in text and "4 ✗ key: inference" in text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ana López", "feedback/07-ana-lópez.pdf"),
        ("王小明", "feedback/07-王小明.pdf"),
        ("Łukasz Øster-Iğdır", "feedback/07-łukasz-øster-iğdır.pdf"),
        ("J\u030cohn T\u0308ahti", "feedback/07-\u01f0ohn-\u1e97ahti.pdf"),  # composed once lowered
        ("", "feedback/07-copy.pdf"),
    ],
)
def test_a_feedback_sheet_keeps_the_name_as_the_pack_s_copy_does(name: str, expected: str) -> None:
    """A name in any script names its feedback sheet (it was ``07-copy.pdf`` for 王小明, and
    ``07-ana-lopez.pdf`` beside the pack's ``07-ana-lópez.pdf``)."""
    from medialit.marking.feedback import feedback_filename, is_feedback_filename
    from medialit.marking.results import CopyMarks
    from medialit.sheets.pack import Copy, copy_file
    from medialit.sheets.variants import Variant

    made = feedback_filename(CopyMarks(copy=7, version="A", name=name))
    assert made == expected
    assert is_feedback_filename(made.removeprefix("feedback/"))
    if name:
        assert made.removeprefix("feedback/") == copy_file(
            7, Copy(name, 1, Variant("standard", None))
        )


@pytest.mark.parametrize(
    ("name", "ours"),
    [
        ("07-ana-lopez.pdf", True),  # an earlier version's accent-free name
        ("07-ana-lópez.pdf", True),
        ("00-rubric.pdf", True),
        ("7-ana.pdf", False),
        ("07-Ana.pdf", False),
        ("07-../../lesson.pdf", False),
        ("07-ana lópez.pdf", False),
        ("07-ana.txt", False),
    ],
)
def test_only_names_feedback_could_have_made_are_read_from_the_record(
    name: str, ours: bool
) -> None:
    from medialit.marking.feedback import is_feedback_filename

    assert is_feedback_filename(name) is ours
