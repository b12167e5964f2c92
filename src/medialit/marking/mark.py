"""``medialit mark``: scans and filled PDFs in, ``build/<lesson>/marks/`` out.

Every page is identified and checked first; any problem (a page of another lesson, an unknown
copy, a page twice, a page missing, a code that cannot be read, a page that cannot be aligned)
is reported by file and page, all at once, and nothing is written. Otherwise the marks are
written all or nothing (:func:`medialit.files.write_all`): ``marks.json``
(:class:`medialit.marking.results.ClassMarks`), ``marks.csv``, each page aligned
(``pages/``), each "how do you know?" answer cropped (``reasons/``) and, for anonymous
sheets, the Name: line (``names/``). Marks the teacher has already given (a band, an unsure
tick decided) are never replaced: marking again asks for them to be moved away first.
"""

from __future__ import annotations

import collections
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import cv2
import numpy as np

from medialit.errors import MedialitError, OutputError, Problem
from medialit.files import write_all
from medialit.marking.align import SCALE, AlignError, align, find_code
from medialit.marking.collate import (
    ReadCopy,
    ReadPage,
    check_page,
    field_ticks,
    group_copies,
    one_class_pack,
    statement_mark,
)
from medialit.marking.csvfiles import marks_csv
from medialit.marking.results import (
    FORMAT,
    KINDS,
    Box,
    ClassMarks,
    CopyMarks,
    PageScan,
    TickState,
)
from medialit.marking.scans import ScanPage, medialit_title, scan_pages
from medialit.marking.ticks import read_tick
from medialit.sheets.markable import MARKS_FOLDER, RECORD_FOLDER, Area, MarkableSet
from medialit.sheets.roster import another_class

PAGE_DPI = 100
"""Aligned pages are kept at this resolution (for the feedback sheets)."""
CROP_DPI = 150
"""Reasons and names are cropped at this resolution."""
BLANK_INK = 0.002
"""A page with less ink than this share of its pixels is a blank back, skipped."""


class MarkingError(MedialitError):
    """Scans that cannot be marked as they are."""


@dataclass
class MarkResult:
    """What marking did: the lesson, where it wrote, and what it noticed."""

    lesson: str
    folder: Path
    marks: ClassMarks
    pages: int
    notes: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    """The class pack's copies with no page in the scans (``copy 5 (Eve Adams)``)."""
    of_copies: int = 0
    """How many copies the class pack has (0 for anonymous sheets)."""


def mark_scans(files: list[Path], out: Path) -> MarkResult:
    """Read ``files`` (any order, mixed), check every page, score every copy, write the marks."""
    problems: list[str] = []
    notes: list[str] = []
    records = _Records(out)
    pages: list[ReadPage] = []
    given: dict[Path, int] = collections.Counter()  # pages in each file
    no_code: dict[Path, list[int]] = {}  # the pages of each file with no code read
    # Page by page: each is read as soon as it is aligned, and only what it said is kept.
    for scan in scan_pages(_once_each(files, problems)):
        given[scan.file] += 1
        page = _identify(scan, records, problems, notes, no_code)
        if page is not None:
            _read_page(page)
            pages.append(page)
    problems += _no_code_problems(no_code, given)
    lessons = collections.Counter(page.record.lesson for page in pages)
    if not lessons:
        if not problems:
            problems.append("no page of a markable medialit sheet was found in these files.")
        raise MarkingError([Problem(message) for message in problems])
    lesson = lessons.most_common(1)[0][0]
    for page in pages:
        if page.record.lesson != lesson:
            problems.append(
                f"{page.source}: a page of the lesson {page.record.lesson!r}, not of "
                f"{lesson!r} as the other pages are; mark each lesson on its own."
            )
    pages = [page for page in pages if page.record.lesson == lesson]
    pages = one_class_pack(pages, problems.append)
    copies = group_copies(pages, problems.append)
    if problems:
        raise MarkingError([Problem(message) for message in problems])
    folder = out / lesson / MARKS_FOLDER
    earlier = _refuse_teachers_marks(folder / "marks.json")
    marks = ClassMarks(lesson, pages[0].record.title)
    files_out: dict[str, bytes] = {}
    numbers = _copy_numbers(copies)
    for read, number in sorted(zip(copies, numbers, strict=True), key=lambda pair: pair[1]):
        marks.copies.append(_copy_marks(read, number, files_out))
    data = {"format": FORMAT, **asdict(marks)}
    files_out["marks.json"] = json.dumps(data, ensure_ascii=False, indent=1).encode()
    files_out["marks.csv"] = marks_csv(marks, _reading_order(copies))
    write_all(folder, files_out, within=out)
    _remove_stale(folder, files_out)
    written = [folder / name for name in files_out]
    before = {c.name for c in earlier.copies} if earlier else set()
    if before and another_class({c.name for c in marks.copies}, before):
        notes.append(
            f"{folder / 'marks.json'} held the marks of another class ({len(before)} copies): "
            "replaced; to keep each class's marks, mark each into a folder of its own (--out)."
        )
    result = MarkResult(lesson, folder, marks, len(pages), notes, written)
    packs = {read.record.set_id: read.record for read in copies if read.copy}
    for record in packs.values():  # one at most: one_class_pack refused any other
        scanned = {read.copy for read in copies if read.record is record}
        result.absent += [
            f"copy {entry.copy} ({entry.name})"
            for entry in record.copies
            if entry.copy not in scanned
        ]
        result.of_copies += len(record.copies)
    return result


def _identify(
    scan: ScanPage,
    records: _Records,
    problems: list[str],
    notes: list[str],
    no_code: dict[Path, list[int]],
) -> ReadPage | None:
    image = scan.image
    found = find_code(image)
    if found is None:
        if float((image < 128).mean()) < BLANK_INK:
            notes.append(f"{scan.source}: a blank page, skipped.")
        else:
            no_code.setdefault(scan.file, []).append(scan.page)
        return None
    if found.code is None:
        problems.append(
            f"{scan.source}: its QR code is not a medialit sheet's ({found.text[:60]!r}); "
            "leave this page out."
        )
        return None
    record = records.get(found.code.set_id)
    if record is None:
        problems.append(
            f"{scan.source}: a medialit sheet whose build is not in {records.out}/ (its code "
            f"is {found.code.text()}); mark it with the --out folder it was built into."
        )
        return None
    page = ReadPage(
        scan.source, scan.file, found.code, record, fields=scan.fields, file_page=scan.page
    )
    wrong = check_page(page)
    if wrong is not None:
        problems.append(f"{scan.source}: {wrong}.")
        return None
    # A filled PDF's first page too: its fields are read as they are, but its picture goes
    # on the feedback sheet with the others.
    sheet = record.sheets[found.code.sheet]
    try:
        page.image, _ = align(image, found, sheet.page_width, sheet.page_height)
    except AlignError as exc:
        problems.append(f"{scan.source}: {exc}.")
        return None
    if found.upside_down:
        notes.append(f"{scan.source}: upside down; read turned the right way up.")
    return page


def _once_each(files: list[Path], problems: list[str]) -> list[Path]:
    """The files, each once: a file given twice is told once, not as every page again."""
    seen: dict[Path, Path] = {}
    for file in files:
        same = seen.setdefault(file.resolve(), file)
        if same is not file:  # the names may read the same ("./a.pdf" is "a.pdf"): say which
            problems.append(f"{file}: given twice (both are {file.resolve()}); give it once.")
    return list(seen.values())


def _no_code_problems(no_code: dict[Path, list[int]], given: dict[Path, int]) -> list[str]:
    """A page with no code, by file and page; a file none of whose pages has one, in one line:
    a medialit document of another kind (an answer key) is named as what it is."""
    problems = []
    for file, numbers in no_code.items():
        whole = len(numbers) == given[file]
        title = medialit_title(file) if whole else None  # a one-page cover or key too
        if title is None and (not whole or given[file] == 1):
            problems += [
                f"{file}, page {number}: no medialit code could be read on this page (bottom "
                "left, beside the footer); scan it again at 150 dpi or more, flat and in "
                "focus, or leave it out if it is not a page of a markable sheet."
                for number in numbers
            ]
            continue
        if title is not None:
            problems.append(
                f"{file}: this is {title!r}, a medialit document with no page codes, not "
                "students' markable sheets; leave it out, and give the scans of the sheets "
                "built with --markable."
            )
        else:
            problems.append(
                f"{file}: no medialit code could be read on any of its {given[file]} pages "
                "(bottom left, beside the footer); scan it again at 150 dpi or more, flat and "
                "in focus, or leave it out if it holds no markable sheets."
            )
    return problems


class _Records:
    """The markable builds' records in the output folder, loaded as pages name them."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.loaded: dict[str, MarkableSet | None] = {}

    def get(self, set_id: str) -> MarkableSet | None:
        if set_id not in self.loaded:
            found = sorted(self.out.glob(f"*/{RECORD_FOLDER}/{set_id}.json"))
            record = None
            if found:
                try:
                    record = MarkableSet.from_json(found[0].read_bytes())
                except (OSError, ValueError, KeyError, TypeError) as exc:
                    raise MarkingError(
                        Problem(
                            f"this record of a markable build cannot be read ({exc}).", found[0]
                        )
                    ) from None
            self.loaded[set_id] = record
        return self.loaded[set_id]


def _refuse_teachers_marks(path: Path) -> ClassMarks | None:
    """Stop before replacing marks the teacher has given; the marks replaced, if any."""
    if not path.is_file():
        return None
    try:
        earlier = ClassMarks.load(path)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # not a marks file medialit can read: nothing of the teacher's to lose in it
    given = [s for copy in earlier.copies for s in copy.statements if s.band or s.resolved]
    if given:
        raise OutputError(
            Problem(
                f"this holds {len(given)} marks you gave (bands, unsure ticks decided), which "
                "marking again would replace; move the marks folder away (or delete it) first.",
                path,
            )
        )
    return earlier


def _reading_order(copies: list[ReadCopy]) -> list[str]:
    """Every statement's id in the article's reading order, from the sheets read."""
    places = {
        statement.statement_id: statement.reading
        for read in copies
        for statement in read.sheet.statements
    }
    return sorted(places, key=lambda statement_id: places[statement_id])


def _copy_numbers(copies: list[ReadCopy]) -> list[int]:
    """A class pack's copy keeps its number; anonymous copies are numbered after them."""
    taken = {read.copy for read in copies if read.copy}
    numbers, next_number = [], max(taken, default=0) + 1
    for read in copies:
        if read.copy:
            numbers.append(read.copy)
        else:
            numbers.append(next_number)
            next_number += 1
    return numbers


def _read_page(page: ReadPage) -> None:
    """Read the page's tick boxes, crop its writing areas and Name: line, keep it as PNG, and
    let its image go."""
    image = page.image
    if image is None:
        return
    sheet = page.record.sheets[page.code.sheet]
    number = page.code.page
    for statement in sheet.statements:
        for kind, area in statement.ticks.items():
            if area.page == number:
                page.ticks[(statement.number, kind)] = read_tick(image, area).state
        if statement.reason is not None and statement.reason.page == number:
            page.crops[f"s{statement.number}-why"] = _crop(image, statement.reason)
    if sheet.name is not None and sheet.name.page == number:
        page.crops["name"] = _crop(image, sheet.name)
    page.png = _png(_resized(image, PAGE_DPI))
    page.image = None


def _copy_marks(read: ReadCopy, number: int, files: dict[str, bytes]) -> CopyMarks:
    sheet = read.sheet
    version = "-".join(
        part for part in (sheet.level if sheet.level != "standard" else "", sheet.version) if part
    )
    copy = CopyMarks(number, version, read.name, label=sheet.label)
    fields = next((p.fields for p in read.pages.values() if p.fields is not None), None)
    if fields is not None and not read.name:
        copy.name = fields.get("name", "")
    ticks: dict[tuple[int, str], str] = {}
    crops: dict[str, bytes] = {}
    for page_number, page in sorted(read.pages.items()):
        ticks.update(page.ticks)
        crops.update(page.crops)
        if page.png is not None:
            image = f"pages/c{number:02d}-p{page_number}.png"
            files[image] = page.png
            copy.pages.append(PageScan(page_number, page.source, image))
    if "name" in crops and fields is None:
        copy.name_image = f"names/c{number:02d}.png"
        files[copy.name_image] = crops["name"]
    for statement in sheet.statements:
        if fields is not None:
            states = field_ticks(fields, statement.number)
        else:
            states = {
                kind: _state(ticks.get((statement.number, kind)))
                for kind in KINDS
                if kind in statement.ticks
            }
        mark = statement_mark(statement, states)
        if fields is not None:
            mark.reason_text = fields.get(f"s{statement.number}-why", "")
        elif statement.reason is not None:
            mark.reason_box = _box(statement.reason)
            crop = crops.get(f"s{statement.number}-why")
            if crop is not None:
                mark.reason_image = f"reasons/c{number:02d}-s{statement.number}.png"
                files[mark.reason_image] = crop
        copy.statements.append(mark)
    return copy


def _state(read: str | None) -> TickState:
    """A box's reading; a box on no page that was read is unsure."""
    return "ticked" if read == "ticked" else "empty" if read == "empty" else "unsure"


def _box(area: Area) -> Box:
    return Box(area.page, area.x, area.y, area.width, area.height)


def _crop(image: np.ndarray, area: Area) -> bytes:
    pad = 2.0
    x0, y0 = round((area.x - pad) * SCALE), round((area.y - pad) * SCALE)
    x1 = round((area.x + area.width + pad) * SCALE)
    y1 = round((area.y + area.height + pad) * SCALE)
    return _png(_resized(image[max(y0, 0) : y1, max(x0, 0) : x1], CROP_DPI))


def _resized(image: np.ndarray, dpi: int) -> np.ndarray:
    factor = dpi / 72 / SCALE
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)


def _png(image: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".png", image)
    assert ok
    return bytes(data.tobytes())


def _remove_stale(folder: Path, written: dict[str, bytes]) -> None:
    """Images of an earlier marking that this one did not write again (a copy now absent)."""
    for sub in ("pages", "reasons", "names"):
        place = folder / sub
        if place.is_dir() and not place.is_symlink():
            for path in place.glob("*.png"):
                if f"{sub}/{path.name}" not in written and not path.is_symlink():
                    path.unlink(missing_ok=True)
