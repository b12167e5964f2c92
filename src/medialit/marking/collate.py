"""Pages into copies: each page identified by its code and checked against the build's record
(another lesson, an unknown copy, a page seen twice, a page missing), then each copy's
statements read and scored against its version's key.

A class pack's copies are told apart by their code. Anonymous sheets (copy 0, built without a
roster) all carry the same codes, so their pages are taken in the order given: a copy starts at
its page 1 and goes on with its pages in order (a tray scan of the pile does that; a filled
PDF is one copy on its own).
"""

from __future__ import annotations

import collections
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from medialit.marking.results import KINDS, Kind, StatementMark, TickState
from medialit.sheets.markable import MarkableSet, PageCode, SheetLayout, SheetStatement


@dataclass
class ReadPage:
    """One identified page: where it came from, its code, and its aligned image or fields."""

    source: str
    file: Path
    code: PageCode
    record: MarkableSet
    image: np.ndarray | None = None
    """The page aligned to the printed layout (greyscale), for a scan, until it is read."""
    ticks: dict[tuple[int, str], str] = field(default_factory=dict)
    """What each tick box on the page read as, by (printed number, kind)."""
    crops: dict[str, bytes] = field(default_factory=dict)
    """The page's writing areas (``s3-why``) and Name: line (``name``), cropped as PNG."""
    png: bytes | None = None
    """The aligned page as PNG (for a scan)."""
    fields: dict[str, str] | None = None
    """A filled fillable sheet's fields (its first page carries them for the whole copy)."""
    file_page: int = 1
    """The page's number in its file (1-based)."""


@dataclass
class ReadCopy:
    """One copy's pages, by page number, and which sheet of which record it is."""

    record: MarkableSet
    sheet: SheetLayout
    copy: int
    """The class pack's copy number, or 0 for an anonymous sheet."""
    pages: dict[int, ReadPage] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.record.copy_name(self.copy)

    def label(self) -> str:
        if self.copy == 0:
            first = self.pages[min(self.pages)]
            return f"the anonymous copy starting at {first.source}"
        return f"copy {self.copy} ({self.name})"


def check_page(page: ReadPage) -> str | None:
    """What is wrong with a page's code for its record, if anything."""
    code, record = page.code, page.record
    if code.sheet >= len(record.sheets):
        return f"its code names sheet {code.sheet + 1}, which this build did not make"
    if record.copies and not 1 <= code.copy <= len(record.copies):
        return (
            f"its code names copy {code.copy}, but the class pack has {len(record.copies)} "
            "copies; is it from another class's pack?"
        )
    if record.copies and record.copies[code.copy - 1].sheet != code.sheet:
        return f"its code names copy {code.copy} with a sheet that copy did not get"
    if not record.copies and code.copy != 0:
        return f"its code names copy {code.copy} of a build with no roster"
    if not 1 <= code.page <= record.sheets[code.sheet].pages:
        return f"its code names page {code.page}, which this sheet does not have"
    return None


def one_class_pack(pages: list[ReadPage], problem: Callable[[str], None]) -> list[ReadPage]:
    """The pages, less those of a second class pack: two packs number their copies alike, so
    mixed they would be marked as each other's. ``problem`` is told of each file's pages of
    another pack than the one most pages are of; when no pack has the most, of every pack."""
    packs = collections.Counter(page.code.set_id for page in pages if page.record.copies)
    if len(packs) <= 1:
        return pages
    (first, most), (_, next_most) = packs.most_common(2)
    kept = first if most > next_most else None
    stray: dict[tuple[str, Path], list[int]] = {}
    for page in pages:
        set_id = page.code.set_id
        if page.record.copies and set_id != kept:
            stray.setdefault((set_id, page.file), []).append(page.file_page)
    for (set_id, file), numbers in stray.items():
        where = f"page {numbers[0]}" if len(numbers) == 1 else f"pages {_listed(numbers)}"
        if kept is not None:
            problem(
                f"{file}, {where}: from another class pack (set {set_id}) than the rest (set "
                f"{kept}); mark each class on its own."
            )
        else:
            others = ", ".join(f"set {other} ({n} pages)" for other, n in packs.items())
            problem(
                f"{file}, {where}: of the class pack set {set_id}; these scans hold as many "
                f"pages of other class packs ({others}); mark each class on its own."
            )
    return [page for page in pages if not page.record.copies or page.code.set_id == kept]


def _listed(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers))


def group_copies(pages: list[ReadPage], problem: Callable[[str], None]) -> list[ReadCopy]:
    """Pages into copies, in the order their copies are first seen; ``problem`` is told of each
    page seen twice and each page missing."""
    copies: list[ReadCopy] = []
    named: dict[tuple[str, int], ReadCopy] = {}
    current: dict[tuple[str, int], ReadCopy] = {}  # the anonymous copy being read, per sheet
    for page in pages:
        code = page.code
        sheet = page.record.sheets[code.sheet]
        if code.copy:
            key = (code.set_id, code.copy)
            if key not in named:
                named[key] = ReadCopy(page.record, sheet, code.copy)
                copies.append(named[key])
            read = named[key]
        else:
            # Anonymous copies look alike: a page 1, a filled PDF or a page seen already
            # starts the next copy; other pages go on with the copy being read.
            key = (code.set_id, code.sheet)
            last = current.get(key)
            if last is None or code.page == 1 or page.fields is not None or code.page in last.pages:
                last = current[key] = ReadCopy(page.record, sheet, 0)
                copies.append(last)
            read = last
        if code.page in read.pages:
            problem(
                f"{page.source}: {read.label()}, page {code.page} again (it was read from "
                f"{read.pages[code.page].source}); give each page once."
            )
            continue
        read.pages[code.page] = page
    for read in copies:
        if any(page.fields is not None for page in read.pages.values()):
            continue  # a filled PDF holds the whole copy in its fields
        missing = [n for n in range(1, read.sheet.pages + 1) if n not in read.pages]
        if missing:
            pages_word = "page" if len(missing) == 1 else "pages"
            hint = (
                " (anonymous sheets all look alike: give each student's pages together, page 1 "
                "first)"
                if read.copy == 0
                else ""
            )
            problem(
                f"{read.label()}: {pages_word} {', '.join(map(str, missing))} of "
                f"{read.sheet.pages} missing; add the missing {pages_word} to the scans{hint}."
            )
    return copies


TickReader = Callable[[ReadPage, SheetStatement, Kind], TickState]


def statement_mark(statement: SheetStatement, ticks: dict[Kind, TickState]) -> StatementMark:
    """A statement's mark from what was read in its boxes: one box ticked and none unsure is
    the answer; two ticks, or any unsure box, is unsure; nothing ticked is no answer."""
    ticked = [kind for kind in KINDS if ticks.get(kind) == "ticked"]
    unsure = any(state == "unsure" for state in ticks.values()) or len(ticked) > 1
    return StatementMark(
        number=statement.number,
        statement_id=statement.statement_id,
        key_kind=_kind(statement.key_kind),
        also_accept=[_kind(kind) for kind in statement.also_accept],
        ticks=ticks,
        answer=ticked[0] if len(ticked) == 1 and not unsure else None,
        unsure=unsure,
    )


def field_ticks(fields: dict[str, str], number: int) -> dict[Kind, TickState]:
    """A filled PDF's choice for statement ``number``: one kind ticked, or none."""
    chosen = fields.get(f"s{number}-kind")
    index = int(chosen) if chosen is not None and chosen.isdigit() else -1
    return {kind: "ticked" if n == index else "empty" for n, kind in enumerate(KINDS)}


def _kind(text: str) -> Kind:
    for kind in KINDS:
        if kind == text:
            return kind
    raise ValueError(f"not a kind: {text}")
