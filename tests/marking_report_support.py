"""A class's marks as `medialit mark` would leave them, made from a real lesson's real sheet.

The lesson is lessons/school-start-time.yaml, built by `medialit build` (WeasyPrint); its
student sheet is rendered to page images with pdftoppm, and each student's ticks and
handwriting-like answers are drawn into their own copy of the pages at the places the
laid-out PDF gives (pdftotext -bbox-layout). Each reason is cropped from its page, as the
reader crops it. So the marking page, the feedback and the report show what a teacher
would see. One student filled a --fillable PDF: typed answers, no crops.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from medialit.marking.guide import MarkingGuide, read_guide
from medialit.marking.results import Box, ClassMarks, CopyMarks, PageScan, StatementMark

from .conftest import run_cli

ROOT = Path(__file__).parents[1]
LESSON = ROOT / "lessons" / "school-start-time.yaml"
DPI = 100
SCALE = DPI / 72
KIND_WORDS = {"evidence": "Evidence", "inference": "Inference", "assertion": "Assertion"}

# Each student's ticks, one letter per statement in reading order (e, i, a; "-" none;
# "?" a light, unsure tick on the key's kind; "2" two boxes ticked), and their bands.
STUDENTS = [
    ("Ana López", "eeeiaeiia", [3, 2, 3, 2, 2, 3, 2, 2, 3]),
    ("Ben Okafor", "eeeeaeiie", [2, 1, 2, 1, 2, 2, 2, 1, 1]),
    ("Chloé Martin", "eiee?eiia", [2, 2, 3, 2, None, 2, 3, 2, 2]),
    ("Dev Patel", "eeeeaeia2", [1, 1, 2, 1, 1, 2, 1, 2, None]),
    ("", "eeei-eiie", [2, 2, 2, 3, None, 2, 2, 2, 1]),
    ("Ewa Nowak", "eaeiaeiia", [3, 3, 3, 3, 3, 3, 2, 3, 3]),
]
TYPED = "Ewa Nowak"
ANSWERS = [
    "It names the survey and says it is published, so I can look it up.",
    "She is quoted saying it; check what sleep research says about teenagers.",
    "A named body in a named year; find the AAP statement of 2014.",
    "It starts with Since: a conclusion drawn from the survey.",
    "Just his opinion, no reason given.",
    "The bus company said it in a statement; ask Coastline for it.",
    "It follows from the later end: after dark in winter.",
    "So shows it is drawn from the sentence before.",
    "Most families: who counted them? No source.",
]


@dataclass(frozen=True)
class Place:
    """Where one statement is on the printed sheet, in points from the top-left."""

    number: int
    page: int
    boxes: dict[str, tuple[float, float, float, float]]
    reason: Box


def build_sheet(folder: Path, paper: str = "a4") -> Path:
    """The lesson's student sheet, built as a teacher builds it (in this process)."""
    done = run_cli(["build", LESSON, "--out", folder, "--paper", paper])
    assert done.returncode == 0, done.stderr
    return folder / LESSON.stem / "student.pdf"


def places(pdf: Path) -> dict[int, Place]:
    """Each statement's tick boxes and writing area, read from the laid-out PDF."""
    bbox = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    found: dict[int, Place] = {}
    for page_number, page in enumerate(bbox.split("<page ")[1:], start=1):
        words = [
            (float(x0), float(y0), float(x1), float(y1), text)
            for x0, y0, x1, y1, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                page,
            )
        ]
        rows = [w for w in words if w[4] == "Evidence"]
        for row in rows:
            line = [w for w in words if abs(w[1] - row[1]) < 3]
            numbers = [int(w[4]) for w in sorted(line) if w[4].isdigit() and w[0] < 90]
            if not numbers or not any(w[4] == "Assertion" for w in line):
                continue  # the kinds' legend, not a statement
            number = numbers[0]
            boxes = {
                kind: (w[0] - 16, w[1] + 1, w[0] - 3, w[3] - 1)
                for kind, word in KIND_WORDS.items()
                for w in line
                if w[4] == word
            }
            top = row[3] + 6
            found[number] = Place(number, page_number, boxes, Box(page_number, 56, top, 490, 44))
    return found


def _font(size: int) -> ImageFont.FreeTypeFont:
    path = resources.files("medialit") / "fonts" / "andika" / "Andika-Regular.ttf"
    return ImageFont.truetype(str(path), size)


def _tick(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], fill: str) -> None:
    x0, y0, x1, y1 = (v * SCALE for v in box)
    draw.line([(x0 + 2, (y0 + y1) / 2), ((x0 + x1) / 2, y1 - 1), (x1 + 3, y0 - 3)], fill, 3)


_MADE: dict[Path, Path] = {}


def shared_class(base: Path) -> Path:
    """One A4 class (:func:`make_class`) for every test module of a run under ``base`` (the
    run's temporary folder): its sheet takes seconds to build. Tests copy it, never change it."""
    if base not in _MADE:
        folder = base / "shared-class"
        folder.mkdir()
        make_class(folder)
        _MADE[base] = folder
    return _MADE[base]


def make_class(
    folder: Path,
    paper: str = "a4",
    students: Sequence[tuple[str, str, list[int | None]]] = STUDENTS,
) -> tuple[ClassMarks, MarkingGuide]:
    """``folder/school-start-time/marks/marks.json`` with its page images and crops: the copies
    of ``students`` (the first ones of :data:`STUDENTS`, for a test that needs only those)."""
    pdf = build_sheet(folder / "sheets", paper)
    marks_dir = folder / LESSON.stem / "marks"
    (marks_dir / "pages").mkdir(parents=True)
    (marks_dir / "reasons").mkdir()
    prefix = marks_dir / "blank"
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(pdf), str(prefix)], check=True)
    blanks = sorted(marks_dir.glob("blank-*.png"))
    guide = read_guide(LESSON)
    where = places(pdf)
    copies = []
    for index, (name, ticks, bands) in enumerate(students, start=1):
        pages = [Image.open(blank).convert("RGB") for blank in blanks]
        statements = []
        for statement, tick, band, answer in zip(
            guide.statements, ticks, bands, ANSWERS, strict=True
        ):
            place = where[statement.number]
            draw = ImageDraw.Draw(pages[place.page - 1])
            mark = _draw_ticks(draw, place, statement.kind, tick)
            mark.statement_id = statement.statement_id
            mark.also_accept = list(statement.also_accept)  # type: ignore[arg-type]
            mark.band = band  # type: ignore[assignment]
            mark.reason_box = place.reason
            if name == TYPED:
                mark.reason_text = answer
            else:
                box = place.reason
                draw.text(
                    ((box.x + 6) * SCALE, (box.y + 14) * SCALE),
                    answer,
                    fill="#1c2f6b",
                    font=_font(17 + index % 3),
                )
                crop = pages[place.page - 1].crop(
                    tuple(
                        int(v * SCALE)
                        for v in (box.x, box.y, box.x + box.width, box.y + box.height)
                    )
                )
                mark.reason_image = f"reasons/{index:03d}-{statement.number}.png"
                crop.save(marks_dir / mark.reason_image)
            statements.append(mark)
        scans = []
        for number, image in enumerate(pages, start=1):
            relative = f"pages/{index:03d}-{number}.png"
            image.save(marks_dir / relative)
            scans.append(
                PageScan(number, f"scans/tray-1.pdf, page {3 * (index - 1) + number}", relative)
            )
        copies.append(
            CopyMarks(copy=index, version="A", name=name, pages=scans, statements=statements)
        )
    for blank in blanks:
        blank.unlink()
    marks = ClassMarks(lesson=LESSON.stem, title=guide.title, copies=copies)
    marks.save(marks_dir / "marks.json")
    return marks, guide


def _draw_ticks(draw: ImageDraw.ImageDraw, place: Place, key: str, tick: str) -> StatementMark:
    chosen = {"e": "evidence", "i": "inference", "a": "assertion"}.get(tick)
    ticks = dict.fromkeys(KIND_WORDS, "empty")
    mark = StatementMark(number=place.number, statement_id="", key_kind=key)  # type: ignore[arg-type]
    if chosen:
        _tick(draw, place.boxes[chosen], "#1c2f6b")
        ticks[chosen] = "ticked"
        mark.answer = chosen  # type: ignore[assignment]
    elif tick == "?":  # a light mark: the reader will not guess
        _tick(draw, place.boxes[key], "#c9cde0")
        ticks[key] = "unsure"
        mark.unsure = True
    elif tick == "2":  # two boxes ticked
        for kind in ("evidence", "assertion"):
            _tick(draw, place.boxes[kind], "#1c2f6b")
            ticks[kind] = "ticked"
        mark.unsure = True
    mark.ticks = ticks  # type: ignore[assignment]
    return mark
