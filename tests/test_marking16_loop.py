"""The marking loop's rough edges found by a cold tester (session 16): two class packs mixed
in one ``medialit mark``, a student whose pages were never scanned, misleading messages for a
folder, an answer key or a file given twice, and every page of a multi-page TIFF.

Real class packs of tests/data/sample.yaml (WeasyPrint), rendered with pdfium, scanned with
OpenCV and read back by zxing-cpp: nothing is mocked.
"""

from __future__ import annotations

import csv
import io
import random
import re
import shutil
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import NameObject, TextStringObject

from medialit.build.run import BuildOptions, build_lesson
from medialit.marking.results import ClassMarks
from medialit.sheets.markable import Area, MarkableSet

from .conftest import DATA, pdf_pages, run_cli
from .marking_support import distort, render, to_pdf

pytestmark = pytest.mark.build

SAMPLE = DATA / "sample.yaml"
CLASS_1 = ("Ana López", "Ben Okafor", "Chloé Martin")
CLASS_2 = ("Zara Khan", "Yusuf Ali")


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[MarkableSet]]:
    """Two classes' packs of the same lesson, built one after the other into one folder."""
    folder = tmp_path_factory.mktemp("packs")
    out = folder / "build"
    records = []
    for number, names in enumerate((CLASS_1, CLASS_2), start=1):
        roster = folder / f"class-{number}.csv"
        roster.write_text("name\n" + "\n".join(names) + "\n", encoding="utf-8")
        build_lesson(SAMPLE, BuildOptions(out=out, markable=True, roster=roster, split=True))
        found = {p.stem for p in (out / "sample/markable").glob("*.json")}
        [new] = found - {r.set_id for r in records}
        records.append(MarkableSet.from_json((out / f"sample/markable/{new}.json").read_bytes()))
        (out / "sample/copies").rename(folder / f"copies-{number}")
    return out, records


def scanned(pdf: Path) -> list[np.ndarray]:
    rng = random.Random(5)
    return [distort(page, rng, 150) for page in render(pdf)]


def write_pdf(path: Path, pages: list[np.ndarray]) -> Path:
    path.write_bytes(to_pdf(pages, 150))
    return path


def mark(out: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(["mark", *files, "--out", out])


def class_pages(out: Path, number: int) -> list[np.ndarray]:
    copies = sorted((out.parent / f"copies-{number}").glob("*.pdf"))
    return [page for pdf in copies for page in scanned(pdf)]


def test_a_page_of_another_class_pack_is_refused(
    packs: tuple[Path, list[MarkableSet]], tmp_path: Path
) -> None:
    out, (first, second) = packs
    tray_1 = write_pdf(tmp_path / "tray-1.pdf", class_pages(out, 1))
    tray_2 = write_pdf(tmp_path / "tray-2.pdf", class_pages(out, 2)[:1])
    marks = out / "sample/marks"
    before = sorted(marks.rglob("*")) if marks.exists() else []
    done = mark(out, tray_1, tray_2)
    assert done.returncode == 1, done.stdout
    assert (
        f"{tray_2}, page 1: from another class pack (set {second.set_id}) than the rest (set "
        f"{first.set_id}); mark each class on its own." in done.stderr
    )
    assert "missing" not in done.stderr  # the stray page is not taken for a copy of its own
    assert (sorted(marks.rglob("*")) if marks.exists() else []) == before
    # As many pages of each: neither class is taken for the rest, both are named.
    even = mark(out, write_pdf(tmp_path / "a.pdf", class_pages(out, 1)[:1]), tray_2)
    assert even.returncode == 1
    for record in (first, second):
        assert f"of the class pack set {record.set_id}; these scans hold as many" in even.stderr


LEVELS = {
    "Ana López": ("guided", "K7"),
    "Ben Okafor": ("standard", "M3"),
    "Dev Patel": ("independent", "T5"),
}


@pytest.fixture(scope="module")
def levels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pack of three levels (Dev's independent, with no tick boxes), marked as printed
    (every box empty), and its outputs written."""
    folder = tmp_path_factory.mktemp("levels")
    roster = folder / "class.csv"
    rows = [f"{name},{level if level != 'standard' else ''}" for name, (level, _) in LEVELS.items()]
    roster.write_text("name,level\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = folder / "build"
    assert run_cli(["build", SAMPLE, "--roster", roster, "--out", out]).returncode == 0
    done = run_cli(["mark", out / "sample/class-pack.pdf", "--out", out])
    assert done.returncode == 0, done.stderr
    assert run_cli(["marks", SAMPLE, "--out", out]).returncode == 0
    return out


def test_feedback_prints_the_copys_neutral_code_never_its_level(levels: Path) -> None:
    pack = pdf_pages(levels / "sample/class-pack.pdf")
    feedback = sorted((levels / "sample/marks/feedback").glob("*.pdf"))
    assert len(feedback) == len(LEVELS)
    for number, (sheet, (name, (_, code))) in enumerate(zip(feedback, LEVELS.items(), strict=True)):
        assert code in pack[2 * number]  # the copy's first page prints its code
        text = " ".join(pdf_pages(sheet))
        assert name in text and f"{name} · {code} ·" in text
        assert not re.search(r"guided|independent|standard", text, re.I), sheet


def test_an_independent_copy_is_not_scored_rather_than_given_0(
    levels: Path, tmp_path: Path
) -> None:
    """Dev's independent sheet has no tick boxes: no total (not 0) in marks.csv and the
    gradebook, left out of the class average, and his feedback says there is nothing to score."""
    folder = levels / "sample/marks"
    rows = list(csv.DictReader(io.StringIO((folder / "marks.csv").read_text(encoding="utf-8"))))
    assert [(row["name"], row["total"]) for row in rows] == [
        ("Ana López", "0"),
        ("Ben Okafor", "0"),
        ("Dev Patel", ""),
    ]
    report = " ".join(pdf_pages(folder / "class-report.pdf"))
    assert "2 students · average 0 of 3" in report
    assert "Dev Patel: independent level, not scored" in report
    dev = " ".join(pdf_pages(folder / "feedback/03-dev-patel.pdf"))
    assert "There is nothing to score on this sheet" in dev and "0 of 0" not in dev
    moodle = tmp_path / "moodle.csv"
    moodle.write_text(
        "First name,Last name,Email address\nAna,López,ana@school.example\n"
        "Dev,Patel,dev@school.example\n",
        encoding="utf-8",
    )
    out = tmp_path / "build"
    shutil.copytree(levels / "sample", out / "sample")
    done = run_cli(["marks", SAMPLE, "--out", out, "--gradebook", moodle])
    assert done.returncode == 0, done.stderr
    assert "Dev Patel: independent level, not scored" in done.stderr
    gradebook = (out / "sample/marks/gradebook-moodle.csv").read_text(encoding="utf-8")
    assert gradebook.splitlines() == [
        "First name,Last name,Email address,The school lunch debate",
        "Ana,López,ana@school.example,0",
    ]


def test_a_filled_pdfs_pages_show_what_the_student_typed(tmp_path: Path) -> None:
    """The page images of a filled --fillable sheet (the feedback's "own pages") are drawn
    with its form fields: the typed reasons are there, as ink in their writing areas."""
    build_lesson(SAMPLE, BuildOptions(out=tmp_path, markable=True, fillable=True))
    sheet = tmp_path / "sample/student.pdf"
    writer = PdfWriter(clone_from=sheet)
    for field in writer.root_object["/AcroForm"]["/Fields"]:
        field = field.get_object()
        if str(field.get("/T", "")).endswith("-why"):
            field[NameObject("/V")] = TextStringObject("Because the survey is named: WWWWWWWW")
    writer.set_need_appearances_writer(True)
    filled = tmp_path / "filled.pdf"
    writer.write(filled)
    done = run_cli(["mark", filled, sheet, "--out", tmp_path])
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "sample/marks"
    marks = ClassMarks.load(folder / "marks.json")
    [record_file] = (tmp_path / "sample/markable").glob("*.json")
    layout = MarkableSet.from_json(record_file.read_bytes()).sheets[0]
    reasons = [s.reason for s in layout.statements if s.reason is not None]
    assert reasons and all(len(copy.pages) == layout.pages for copy in marks.copies)

    def ink(copy: int, area: Area) -> float:
        image = cv2.imread(str(folder / f"pages/c{copy:02d}-p{area.page}.png"), 0)
        k = 100 / 72  # the pages' resolution (PAGE_DPI)
        box = image[
            round(area.y * k) : round((area.y + area.height) * k),
            round(area.x * k) : round((area.x + area.width) * k),
        ]
        return float((box < 128).mean())

    for area in reasons:
        assert ink(1, area) > ink(2, area) + 0.01, area


def test_gradebook_names_match_whatever_the_apostrophe(levels: Path, tmp_path: Path) -> None:
    """A Moodle export's O’Connor (a curly apostrophe) is the roster's O'Connor; a marked copy
    no row matched is named."""
    out = tmp_path / "build"
    shutil.copytree(levels / "sample", out / "sample")
    marks_file = out / "sample/marks/marks.json"
    marks = ClassMarks.load(marks_file)
    marks.copies[1].name = "Siobhán O'Connor"
    marks.save(marks_file)
    moodle = tmp_path / "moodle.csv"
    moodle.write_text(
        "First name,Last name,Email address\nAna,López,ana@school.example\n"
        '"Siobhán","O’Connor",siobhan@school.example\n',
        encoding="utf-8",
    )
    done = run_cli(["marks", SAMPLE, "--out", out, "--gradebook", moodle])
    assert done.returncode == 0, done.stderr
    assert "no marked copy" not in done.stderr
    assert "Warning: marked but not in the gradebook: Dev Patel " in done.stderr
    gradebook = (out / "sample/marks/gradebook-moodle.csv").read_text(encoding="utf-8")
    assert gradebook.splitlines()[1:] == [
        "Ana,López,ana@school.example,0",
        "Siobhán,O’Connor,siobhan@school.example,0",
    ]


def test_students_with_no_page_scanned_are_named(
    packs: tuple[Path, list[MarkableSet]], tmp_path: Path
) -> None:
    out, _ = packs
    copies = sorted((out.parent / "copies-1").glob("*.pdf"))
    tray = write_pdf(tmp_path / "tray-1.pdf", scanned(copies[1]))  # Ben's pages only
    done = mark(out, tray)
    assert done.returncode == 0, done.stderr
    assert (
        "Warning: no page of copy 1 (Ana López), copy 3 (Chloé Martin) was in the scans"
        in done.stderr
    )
    assert "sample: marked 1 of 3 copies (2 pages)" in done.stdout


def test_feedback_of_an_earlier_run_is_named_once_and_kept(levels: Path, tmp_path: Path) -> None:
    """Marks read again without Ben: his feedback sheet of the earlier run is named (handed out,
    it would give him stale marks), once, and kept: a review found the earlier removal took
    another class's feedback and the teacher's own PDFs named like ours. Only the sheets the
    last run recorded are named; a file of the teacher's own is not."""
    out = tmp_path / "build"
    shutil.copytree(levels / "sample", out / "sample")
    folder = out / "sample/marks"
    assert run_cli(["marks", SAMPLE, "--out", out]).returncode == 0  # records what it wrote
    marks = ClassMarks.load(folder / "marks.json")
    marks.copies = [copy for copy in marks.copies if copy.name != "Ben Okafor"]
    marks.save(folder / "marks.json")
    (folder / "feedback/notes.txt").write_text("mine", encoding="utf-8")
    (folder / "feedback/00-rubric.pdf").write_bytes(b"%PDF-1.7\n")
    done = run_cli(["marks", SAMPLE, "--out", out])
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (folder / "feedback").iterdir()) == [
        "00-rubric.pdf",
        "01-ana-lópez.pdf",
        "02-ben-okafor.pdf",
        "03-dev-patel.pdf",
        "notes.txt",
    ]
    stderr = " ".join(done.stderr.split())
    assert "1 feedback sheet of an earlier run that this one did not write again" in stderr
    assert "(feedback/02-ben-okafor.pdf): hand out only this run's" in stderr
    assert "rubric" not in stderr
    again = run_cli(["marks", SAMPLE, "--out", out])
    assert "earlier run" not in again.stderr  # named once


def test_a_folder_an_answer_key_and_a_file_given_twice_are_each_told_once(
    packs: tuple[Path, list[MarkableSet]], tmp_path: Path
) -> None:
    out, _ = packs
    folder = tmp_path / "scans"
    folder.mkdir()
    as_folder = mark(out, folder)
    assert as_folder.returncode == 1
    assert as_folder.stderr.startswith(f"Error: {folder}: this is a folder; name the scans in")
    copies = sorted((out.parent / "copies-1").glob("*.pdf"))
    tray = write_pdf(tmp_path / "tray-1.pdf", scanned(copies[0]))
    key = out / "sample/key.pdf"
    cover = out / "sample/cover.pdf"  # one page: no less a medialit document (a review)
    done = mark(out, tray, key, cover, tray)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert f"{tray}: given twice (both are {tray.resolve()}); give it once." in done.stderr
    assert not [line for line in lines if "again" in line]
    assert [line for line in lines if str(key) in line] == [
        f"{key}: this is 'The school lunch debate: answer key', a medialit document with no "
        "page codes, not students' markable sheets; leave it out, and give the scans of the "
        "sheets built with --markable."
    ]
    (told,) = [line for line in lines if str(cover) in line]
    assert "a medialit document with no page codes" in told and "scan it again" not in told


def test_every_page_of_a_multi_page_tiff_is_read(
    packs: tuple[Path, list[MarkableSet]], tmp_path: Path
) -> None:
    out, _ = packs
    copies = sorted((out.parent / "copies-1").glob("*.pdf"))
    pages = [Image.fromarray(page) for page in scanned(copies[2])]  # Chloé's two pages
    tiff = tmp_path / "tray-2.tif"
    pages[0].save(tiff, save_all=True, append_images=pages[1:], compression="tiff_deflate")
    done = mark(out, tiff)
    assert done.returncode == 0, done.stderr
    assert "marked 1 of 3 copies (2 pages)" in done.stdout
    marks = ClassMarks.load(out / "sample/marks/marks.json")
    assert [p.source for p in marks.copies[0].pages] == [f"{tiff}, page 1", f"{tiff}, page 2"]


def test_marking_another_class_into_the_same_folder_says_so(
    packs: tuple[Path, list[MarkableSet]], tmp_path: Path
) -> None:
    """The second class's marks replaced the first's marks.json without a word (a review);
    now it is said, with how to keep both. The same class marked again says nothing."""
    out = tmp_path / "build"
    shutil.copytree(packs[0], out)
    first = write_pdf(tmp_path / "class-1.pdf", class_pages(packs[0], 1))
    second = write_pdf(tmp_path / "class-2.pdf", class_pages(packs[0], 2))
    assert "another class" not in mark(out, first).stderr
    assert "another class" not in mark(out, first).stderr
    told = " ".join(mark(out, second).stderr.split())
    assert "marks.json held the marks of another class (3 copies): replaced" in told, told
    assert "mark each into a folder of its own (--out)" in told
