"""Issue 21 end to end, as a teacher goes through it: a markable class pack built with
WeasyPrint, filled in and scanned badly (tests/marking_support.py), read by ``medialit mark``,
marked on the page in Debian's Chromium with real key presses (every unsure tick decided,
some reasons banded), then ``medialit marks LESSON`` with a Moodle gradebook export. The
outputs are checked against what was drawn: nothing between the steps is made by hand.
"""

from __future__ import annotations

import csv
import io
import random
import re
import signal
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from playwright.sync_api import Page, expect

from medialit.build.run import BuildOptions, build_lesson
from medialit.marking.guide import read_guide
from medialit.marking.results import ClassMarks
from medialit.sheets.markable import MarkableSet

from .conftest import DATA
from .marking_support import distort, fill_copy, meant, render, to_pdf
from .process_support import default_signals

pytestmark = [pytest.mark.browser, pytest.mark.build]

LESSON = DATA / "sample.yaml"  # three statements, none with an id: named "#1", "#2", "#3"
STUDENTS = ("Ana López", "Ben Okafor", "Chloé Martin")
# Per copy, one answer per statement in reading order (each copy's version numbers them).
ANSWERS = [["tick", "light", "blank"], ["two", "cross", "crossed"], ["crossed", "tick", "tick"]]
SHOTS = Path("/tmp/markflow-shots")  # looked at by hand; not kept


def medialit(*args: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "medialit", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, MarkableSet, dict, bytes]:
    """The class pack built (two versions), filled in, scanned at 150-200 dpi, shuffled
    into a tray-fed PDF and one upside-down picture, and read by ``medialit mark``."""
    folder = tmp_path_factory.mktemp("markflow")
    roster = folder / "class.csv"
    roster.write_text("name\n" + "\n".join(STUDENTS) + "\n", encoding="utf-8")
    out = folder / "build"
    options = BuildOptions(out=out, markable=True, roster=roster, versions=2, split=True)
    build_lesson(LESSON, options)
    [record_file] = (out / "sample/markable").glob("*.json")
    record = MarkableSet.from_json(record_file.read_bytes())
    rng = random.Random(21)
    truths, pages = {}, []
    copies = sorted((out / "sample/copies").glob("*.pdf"))
    for entry, pdf, answers in zip(record.copies, copies, ANSWERS, strict=True):
        filled, truths[entry.copy] = fill_copy(render(pdf), record, entry.sheet, rng, answers)
        pages += filled
    rng.shuffle(pages)
    tray = [distort(page, rng, rng.choice((150, 200))) for page in pages[:-1]]
    (folder / "tray.pdf").write_bytes(to_pdf(tray, 200))
    cv2.imwrite(str(folder / "last.png"), distort(pages[-1], rng, 200, upside_down=True))
    done = medialit("mark", folder / "tray.pdf", folder / "last.png", "--out", out)
    assert done.returncode == 0, done.stderr
    assert re.match(r"sample: marked 3 copies \(\d+ pages\) into .*; [1-9]\d* unsure", done.stdout)
    return out, record, truths, (out / "sample/marks/marks.csv").read_bytes()


def _serve(out: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "medialit", "marks", LESSON, "--out", out, "--review", "--no-open"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_signals,
    )
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


def test_a_class_from_paper_to_feedback(
    page: Page, scanned: tuple[Path, MarkableSet, dict, bytes], tmp_path: Path
) -> None:
    out, record, truths, first_csv = scanned
    folder = out / "sample/marks"
    marks = ClassMarks.load(folder / "marks.json")
    guide = read_guide(LESSON)
    # The markable record names a statement without an id "#N", N its place in the lesson.
    ids = sorted({s.statement_id for c in marks.copies for s in c.statements}, key=guide.order)
    assert ids == ["#1", "#2", "#3"]
    assert [guide.find(i) for i in ids] == list(guide.statements)
    waiting = marks.waiting
    assert waiting >= 3  # a light tick, two ticks, a crossed-out tick at least

    # The marking page, with real keys: every unsure tick decided, some reasons banded.
    process, url = _serve(out)
    assert url.startswith("http://127.0.0.1:"), url + process.communicate(timeout=10)[1]
    bands: dict[tuple[int, str], int] = {}
    try:
        page.goto(url)
        expect(page.locator("#title")).to_have_text("The school lunch debate")
        for index, statement_id in enumerate(ids):
            expect(page.locator("#where")).to_have_text(f"Statement {index + 1} of 3")
            cards = page.locator("#answers > li")
            expect(cards).to_have_count(3)
            # Every answer's crop, by the path marks.json gives it, is served and loaded.
            crops = page.locator("#answers .reason img")
            expect(crops).to_have_count(3)
            for crop in crops.all():
                crop.scroll_into_view_if_needed()
                assert crop.evaluate("img => img.decode().then(() => img.naturalWidth)") > 100
            for n in range(3):
                card = page.locator("#answers > li:focus")
                expect(card).to_have_attribute("data-index", str(n))
                copy = next(c for c in marks.copies if c.name and c.name in card.inner_text())
                number = next(s.number for s in copy.statements if s.statement_id == statement_id)
                if "waiting" in (card.get_attribute("class") or ""):
                    key = {None: "0"}.get(meant(truths[copy.copy], number))
                    page.keyboard.press(key or meant(truths[copy.copy], number)[0])  # type: ignore[index]
                    expect(cards.nth(n)).not_to_have_class(re.compile("waiting"))
                    expect(cards.nth(n).locator(".decide legend")).to_have_text(
                        "Unsure tick, decided:"
                    )
                if index < 2:  # the first two statements' reasons get a band
                    band = 1 + (n + index) % 3
                    page.keyboard.press(str(band))
                    bands[(copy.copy, statement_id)] = band
                    expect(
                        cards.nth(n).get_by_role("button", name=re.compile(f"^{band} "))
                    ).to_have_attribute("aria-pressed", "true")
                    if n < 2:
                        continue
                page.keyboard.press("j")
            if index == 0:
                SHOTS.mkdir(exist_ok=True)
                page.screenshot(path=SHOTS / "markflow-page.png", full_page=True)
            page.keyboard.press("n")
        expect(page.locator("#waiting")).to_have_text("Every unsure tick is decided.")
    finally:
        process.send_signal(signal.SIGINT)
        errors = process.communicate(timeout=20)[1]
    assert "Traceback" not in errors, errors
    marks = ClassMarks.load(folder / "marks.json")
    assert marks.waiting == 0
    for copy in marks.copies:
        for statement in copy.statements:
            assert statement.band == bands.get((copy.copy, statement.statement_id))

    # The outputs, with a Moodle export to match the students by name.
    moodle = tmp_path / "grades.csv"
    moodle.write_text(
        "First name,Last name,ID number,Institution,Department,Email address\n"
        "Ana,López,,,,ana@school.example\nBen,Okafor,,,,ben@school.example\n"
        "Chloé,Martin,,,,chloe@school.example\nZoe,Absent,,,,zoe@school.example\n",
        encoding="utf-8",
    )
    done = medialit("marks", LESSON, "--out", out, "--gradebook", moodle)
    assert done.returncode == 0, done.stderr
    assert "no marked copy for Zoe Absent" in done.stderr

    # marks.csv: each score from what was drawn against the student's own version's key.
    rows = list(csv.DictReader(io.StringIO((folder / "marks.csv").read_text(encoding="utf-8"))))
    assert list(rows[0]) == [
        "name",
        "version",
        *(f"score {i}" for i in ids),
        *(f"band {i}" for i in ids),
        "total",
    ]
    assert [row["name"] for row in rows] == list(STUDENTS)
    # The marks.csv `medialit mark` wrote has the same layout: one writer makes both.
    final_csv = (folder / "marks.csv").read_bytes()
    assert first_csv.splitlines(keepends=True)[0] == final_csv.splitlines(keepends=True)[0]
    first_rows = list(csv.DictReader(io.StringIO(first_csv.decode("utf-8"))))
    assert [(r["name"], r["version"]) for r in first_rows] == [
        (r["name"], r["version"]) for r in rows
    ]
    totals = {}
    for row, entry in zip(rows, record.copies, strict=True):
        copy = next(c for c in marks.copies if c.copy == entry.copy)
        assert row["version"] == copy.version
        total = 0.0
        for statement in copy.statements:
            key = guide.find(statement.statement_id)
            assert key is not None
            chosen = meant(truths[copy.copy], statement.number)
            score = 1.0 if chosen == key.kind else 0.5 if chosen in key.also_accept else 0.0
            assert float(row[f"score {statement.statement_id}"]) == score, (row, statement)
            band = bands.get((copy.copy, statement.statement_id))
            assert row[f"band {statement.statement_id}"] == (str(band) if band else "")
            total += score
        assert float(row["total"]) == total
        totals[copy.name] = row["total"]
    gradebook = (folder / "gradebook-moodle.csv").read_text(encoding="utf-8").splitlines()
    assert gradebook == [
        "First name,Last name,Email address,The school lunch debate",
        f"Ana,López,ana@school.example,{totals['Ana López']}",
        f"Ben,Okafor,ben@school.example,{totals['Ben Okafor']}",
        f"Chloé,Martin,chloe@school.example,{totals['Chloé Martin']}",
    ]

    # Each feedback sheet: that student's own scanned pages, and the key's kinds.
    sheets = sorted((folder / "feedback").glob("*.pdf"))
    assert [p.name for p in sheets] == [
        "01-ana-lópez.pdf",
        "02-ben-okafor.pdf",
        "03-chloé-martin.pdf",
    ]
    scans = {
        p.name: cv2.imread(str(p), cv2.IMREAD_GRAYSCALE) for p in (folder / "pages").glob("*.png")
    }
    for sheet, copy in zip(sheets, sorted(marks.copies, key=lambda c: c.copy), strict=True):
        text = _text(sheet)
        assert copy.name in text and not [n for n in STUDENTS if n != copy.name and n in text]
        for statement in guide.statements:
            assert statement.why in text
        assert f"Score: {totals[copy.name]} of 3" in text
        own = {Path(p.image).name for p in copy.pages}
        embedded = _images(sheet, tmp_path / sheet.stem)
        assert len(embedded) >= len(own)
        found = {_closest(image, scans) for image in embedded if image.shape[0] > 500}
        assert found == own, (sheet, found, own)
    for kind in ("evidence", "inference", "assertion"):
        assert f"key: {kind}" in _text(sheets[0]) + _text(sheets[1]) + _text(sheets[2])

    report = _text(folder / "class-report.pdf")
    assert "The school lunch debate" in report and "Provisional" not in report
    assert "3 students" in report


def _text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())  # a table cell's line breaks do not count


def _images(pdf: Path, folder: Path) -> list[np.ndarray]:
    folder.mkdir()
    subprocess.run(["pdfimages", "-png", pdf, folder / "i"], check=True)
    return [cv2.imread(str(p), cv2.IMREAD_GRAYSCALE) for p in sorted(folder.glob("*.png"))]


def _closest(image: np.ndarray, scans: dict[str, np.ndarray]) -> str:
    """The page image of the marks folder this embedded image is (it may be scaled)."""

    def distance(other: np.ndarray) -> float:
        resized = cv2.resize(other, (image.shape[1], image.shape[0]))
        return float(np.mean(cv2.absdiff(resized, image)))

    return min(scans, key=lambda name: distance(scans[name]))


def test_anonymous_sheets_from_paper_to_feedback(tmp_path: Path) -> None:
    """Plain markable sheets (no roster), no unsure tick: ``marks`` writes the very
    ``marks.csv`` that ``mark`` wrote, the copies named ``copy N`` in both, and each feedback
    sheet holds that copy's own pages."""
    out = tmp_path / "build"
    build_lesson(LESSON, BuildOptions(out=out, markable=True))
    record = MarkableSet.from_json(next((out / "sample/markable").glob("*.json")).read_bytes())
    rng = random.Random(7)
    blank = render(out / "sample/student.pdf")
    files, truths = [], []
    for answers in (["tick", "cross", "blank"], ["cross", "blank", "tick"]):
        filled, truth = fill_copy(list(blank), record, 0, rng, answers)
        truths.append(truth)
        for image in filled:
            files.append(tmp_path / f"scan-{len(files)}.png")
            cv2.imwrite(str(files[-1]), distort(image, rng, 150))
    assert medialit("mark", *files, "--out", out).returncode == 0
    folder = out / "sample/marks"
    first_csv = (folder / "marks.csv").read_bytes()
    marks = ClassMarks.load(folder / "marks.json")
    assert [(c.name, c.name_image) for c in marks.copies] == [
        ("", "names/c01.png"),
        ("", "names/c02.png"),
    ]
    crops = [s.reason_image for c in marks.copies for s in c.statements if s.reason_image]
    assert crops and all((folder / crop).is_file() for crop in crops)
    done = medialit("marks", LESSON, "--out", out)
    assert done.returncode == 0, done.stderr
    assert (folder / "marks.csv").read_bytes() == first_csv
    rows = list(csv.DictReader(io.StringIO(first_csv.decode("utf-8"))))
    assert [row["name"] for row in rows] == ["copy 1", "copy 2"]
    guide = read_guide(LESSON)
    for row, copy, truth in zip(rows, marks.copies, truths, strict=True):
        for statement in copy.statements:
            key = guide.find(statement.statement_id)
            assert key is not None
            chosen = meant(truth, statement.number)
            score = 1.0 if chosen == key.kind else 0.5 if chosen in key.also_accept else 0.0
            assert float(row[f"score {statement.statement_id}"]) == score
    scans = {
        p.name: cv2.imread(str(p), cv2.IMREAD_GRAYSCALE) for p in (folder / "pages").glob("*.png")
    }
    sheets = sorted((folder / "feedback").glob("*.pdf"))
    assert [p.name for p in sheets] == ["01-copy.pdf", "02-copy.pdf"]
    for sheet, copy in zip(sheets, marks.copies, strict=True):
        assert f"Copy {copy.copy}" in _text(sheet)
        embedded = _images(sheet, tmp_path / sheet.stem)
        found = {_closest(image, scans) for image in embedded if image.shape[0] > 500}
        assert found == {Path(p.image).name for p in copy.pages}
