"""medialit mark on a small class made here (tests/marking_support.py): a real markable class
pack rendered, filled in, scanned badly and shuffled, read back by zxing-cpp and OpenCV."""

from __future__ import annotations

import random
from pathlib import Path

import cv2
import pytest
from click.testing import CliRunner
from pypdf import PdfWriter
from pypdf.generic import NameObject, TextStringObject

from medialit.build.run import BuildOptions, build_lesson
from medialit.cli.main import main
from medialit.marking.collate import ReadPage, check_page
from medialit.marking.results import ClassMarks
from medialit.sheets.markable import MarkableSet, PageCode

from .conftest import DATA
from .marking_support import ANSWERS, distort, fill_copy, render, to_pdf

pytestmark = pytest.mark.build

SAMPLE = DATA / "sample.yaml"


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, MarkableSet]:
    """A markable class pack of four, two versions, each copy in its own PDF."""
    out = tmp_path_factory.mktemp("pack")
    roster = out / "class.csv"
    roster.write_text("name\nAna\nBen\nChloé\nDev\n", encoding="utf-8")
    # The session's layout cache (conftest.py): kept layouts give a fresh one's bytes
    # (tests/test_marksheets_build.py::test_a_second_class_reuses_the_measured_layouts).
    options = BuildOptions(out=out / "build", markable=True, roster=roster, versions=2, split=True)
    build_lesson(SAMPLE, options)
    [record_file] = (out / "build/sample/markable").glob("*.json")
    return out, MarkableSet.from_json(record_file.read_bytes())


def _scans(out: Path, record: MarkableSet, seed: int) -> tuple[list[Path], dict]:
    """Every copy filled in and scanned: shuffled into one PDF at 200 dpi, two pictures (one
    upside down, one a photo at 150 dpi) and a JPEG at 300 dpi; with what each box holds."""
    rng = random.Random(seed)
    copies = sorted((out / "build/sample/copies").glob("*.pdf"))
    truths, scanned = {}, []
    answers = [*ANSWERS, *ANSWERS]  # each kind of answer at least twice, then at random
    for entry, copy_pdf in zip(record.copies, copies, strict=True):
        pages, truth = fill_copy(render(copy_pdf), record, entry.sheet, rng, answers)
        truths[entry.copy] = truth
        scanned += pages
    rng.shuffle(scanned)
    folder = out / f"scans-{seed}"
    folder.mkdir()
    files = []
    tray = [distort(page, rng, 200) for page in scanned[:-3]]
    (folder / "tray.pdf").write_bytes(to_pdf(tray, 200))
    files.append(folder / "tray.pdf")
    for n, (page, kind) in enumerate(zip(scanned[-3:], ("upside", "photo", "plain"), strict=True)):
        dpi = {"upside": 200, "photo": 150, "plain": 300}[kind]
        image = distort(page, rng, dpi, upside_down=kind == "upside", photo=kind == "photo")
        path = folder / f"page-{n}.{'png' if kind != 'plain' else 'jpg'}"
        cv2.imwrite(str(path), image)
        files.append(path)
    return files, truths


def test_a_shuffled_badly_scanned_class_is_read_box_by_box(
    pack: tuple[Path, MarkableSet],
) -> None:
    out, record = pack
    files, truths = _scans(out, record, seed=1)
    result = CliRunner().invoke(
        main, ["mark", *map(str, files), "--out", str(out / "build")], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output + result.stderr
    marks = ClassMarks.load(out / "build/sample/marks/marks.json")
    assert sorted(copy.name for copy in marks.copies) == ["Ana", "Ben", "Chloé", "Dev"]
    wrong = []
    for copy in marks.copies:
        for statement in copy.statements:
            for kind, state in statement.ticks.items():
                expected = truths[copy.copy].boxes[(statement.number, kind)]
                if state != expected:
                    wrong.append((copy.name, statement.number, kind, expected, state))
    assert wrong == []
    unsure = [s for copy in marks.copies for s in copy.statements if s.unsure]
    # Two ticks, a light tick and a crossed-out one, twice each at least: never guessed.
    assert len(unsure) >= 6 and all(s.answer is None and s.score == 0 for s in unsure)
    assert f"{marks.waiting} unsure ticks for you to decide" in result.output
    assert "upside down" in result.stderr
    csv = (out / "build/sample/marks/marks.csv").read_text(encoding="utf-8").splitlines()
    # One column per statement, in the article's order, whatever number each version prints.
    assert csv[0] == "name,version,score #1,score #2,score #3,band #1,band #2,band #3,total"
    assert len(csv) == 5


def _clean_scans(out: Path, copy_pdf: Path, dpi: int = 150) -> list:
    rng = random.Random(7)
    return [distort(page, rng, dpi) for page in render(copy_pdf)]


def _mark(out: Path, *files: Path) -> object:
    return CliRunner().invoke(main, ["mark", *map(str, files), "--out", str(out / "build")])


def test_bad_scans_are_named_by_file_and_page_and_nothing_is_written(
    pack: tuple[Path, MarkableSet], tmp_path: Path
) -> None:
    out, _ = pack
    copies = sorted((out / "build/sample/copies").glob("*.pdf"))
    ana = _clean_scans(out, copies[0])
    ben = _clean_scans(out, copies[1])
    # Another lesson: the same article under another lesson file's name, built markable.
    other = tmp_path / "other.yaml"
    other.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    build_lesson(other, BuildOptions(out=out / "build", markable=True))
    other_page = _clean_scans(out, out / "build/other/student.pdf")[0]
    unreadable = ben[1].copy()
    h, w = unreadable.shape
    unreadable[int(h * 0.8) :, : int(w * 0.2)] = 255  # the code (and a corner mark) torn off
    torn = ana[0][:, : int(ana[0].shape[1] * 0.6)]  # the right of the page torn off
    files = []
    for name, image in [
        ("ana-1", ana[0]),
        ("ana-1-again", ana[0]),
        ("ben-2", unreadable),
        ("other", other_page),
        ("torn", torn),
    ]:
        path = tmp_path / f"{name}.png"
        cv2.imwrite(str(path), image)
        files.append(path)
    marks = out / "build/sample/marks"
    before = sorted(marks.rglob("*")) if marks.exists() else []
    result = _mark(out, *files)
    assert result.exit_code == 1
    errors = result.stderr
    assert (
        f"{files[1]}, page 1: copy 1 (Ana), page 1 again (it was read from {files[0]}, page 1); give each page once."
        in errors
    )
    assert f"{files[2]}, page 1: no medialit code could be read on this page" in errors
    assert f"{files[3]}, page 1: a page of the lesson 'other', not of 'sample'" in errors
    assert f"{files[4]}, page 1: only 2 of the page's four corner marks were found" in errors
    assert "copy 1 (Ana): page 2 of 2 missing; add the missing page to the scans." in errors
    assert "Traceback" not in errors
    assert (sorted(marks.rglob("*")) if marks.exists() else []) == before


def test_unknown_copies_and_pages_are_refused(pack: tuple[Path, MarkableSet]) -> None:
    _, record = pack
    page = ReadPage("scan.pdf, page 4", Path("scan.pdf"), PageCode(record.set_id, 0, 9, 1), record)
    assert check_page(page) == (
        "its code names copy 9, but the class pack has 4 copies; is it from another class's pack?"
    )
    sheet = record.copies[0].sheet
    page.code = PageCode(record.set_id, sheet, 1, 7)
    assert check_page(page) == "its code names page 7, which this sheet does not have"


def test_marks_the_teacher_gave_are_never_replaced(
    pack: tuple[Path, MarkableSet], tmp_path: Path
) -> None:
    out, _ = pack
    copy_pdf = sorted((out / "build/sample/copies").glob("*.pdf"))[2]
    files = []
    for n, image in enumerate(_clean_scans(out, copy_pdf, dpi=200)):
        files.append(tmp_path / f"p{n}.jpg")
        cv2.imwrite(str(files[-1]), image)
    assert _mark(out, *files).exit_code == 0
    marks_file = out / "build/sample/marks/marks.json"
    marks = ClassMarks.load(marks_file)
    assert [copy.name for copy in marks.copies] == ["Chloé"]
    assert [page.source for page in marks.copies[0].pages] == [f"{f}, page 1" for f in files]
    marks.copies[0].statements[0].band = 3
    marks.save(marks_file)
    again = _mark(out, *files)
    assert again.exit_code == 1
    assert f"{marks_file}: this holds 1 marks you gave" in again.stderr
    assert ClassMarks.load(marks_file).copies[0].statements[0].band == 3


def test_filled_pdfs_are_read_from_their_fields(tmp_path: Path) -> None:
    """Two students' filled --fillable --markable sheets: each file is one anonymous copy."""
    build_lesson(SAMPLE, BuildOptions(out=tmp_path, markable=True, fillable=True))
    sheet = tmp_path / "sample/student.pdf"
    filled = []
    for name, choices in [("Ana", {1: 0, 2: 2, 3: 1}), ("Ben", {1: 1, 3: 2})]:
        writer = PdfWriter(clone_from=sheet)
        for field in writer.root_object["/AcroForm"]["/Fields"]:
            field = field.get_object()
            title = str(field.get("/T", ""))
            head = title.split("-")[0]
            number = int(head[1:]) if head[:1] == "s" and head[1:].isdigit() else 0
            if title.endswith("-kind") and number in choices:
                field[NameObject("/V")] = NameObject(f"/{choices[number]}")
            elif title.endswith("-why"):
                field[NameObject("/V")] = TextStringObject(f"{name} knows why {number}")
            elif title == "name":
                field[NameObject("/V")] = TextStringObject(name)
        filled.append(tmp_path / f"{name}.pdf")
        writer.write(filled[-1])
    result = CliRunner().invoke(main, ["mark", *map(str, filled), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output + result.stderr
    marks = ClassMarks.load(tmp_path / "sample/marks/marks.json")
    [ana, ben] = marks.copies
    assert (ana.name, ben.name) == ("Ana", "Ben")
    kinds = ("evidence", "inference", "assertion")
    assert [s.answer for s in ana.statements] == [kinds[0], kinds[2], kinds[1]]
    assert [s.answer for s in ben.statements] == [kinds[1], None, kinds[2]]
    assert ana.statements[1].reason_text == "Ana knows why 2"
    assert not any(s.unsure for s in ana.statements + ben.statements)
    assert ana.total == sum(s.score for s in ana.statements)


def test_anonymous_sheets_are_read_in_the_order_given(tmp_path: Path) -> None:
    """Plain markable sheets all carry the same codes: each student's pages come together, and
    each copy's Name: line is cropped for the teacher to read."""
    build_lesson(SAMPLE, BuildOptions(out=tmp_path, markable=True))
    pages = _clean_scans(tmp_path, tmp_path / "sample/student.pdf", dpi=200)
    files = []
    for student in ("a", "b"):
        for n, image in enumerate(pages, start=1):
            files.append(tmp_path / f"{student}-{n}.png")
            cv2.imwrite(str(files[-1]), image)
    result = CliRunner().invoke(main, ["mark", *map(str, files), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output + result.stderr
    marks = ClassMarks.load(tmp_path / "sample/marks/marks.json")
    assert [(copy.copy, copy.name, copy.name_image) for copy in marks.copies] == [
        (1, "", "names/c01.png"),
        (2, "", "names/c02.png"),
    ]
    assert (tmp_path / "sample/marks/names/c02.png").is_file()
    shuffled = CliRunner().invoke(
        main, ["mark", str(files[1]), str(files[0]), "--out", str(tmp_path)]
    )
    assert shuffled.exit_code == 1
    assert (
        f"the anonymous copy starting at {files[1]}, page 1: page 1 of 2 missing; add the missing "
        "page to the scans (anonymous sheets all look alike: give each student's pages together, "
        "page 1 first)." in shuffled.stderr
    )
