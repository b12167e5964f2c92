"""A markable build's record and codes (``build --markable``): where each sheet's tick boxes and
writing areas are, from the layout's measured boxes, and every page's code drawn on.

Plain sheets are anonymous (copy 0, printed as often as needed); a class pack's copies are
numbered from 1 in roster order, each copy's pages coded apart. The record
(:class:`medialit.sheets.markable.MarkableSet`) goes beside the sheets, in ``markable/``.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from medialit.build.laying_out import LaidOut
from medialit.build.planning import LessonPlan
from medialit.sheets.markable import (
    Area,
    CopyEntry,
    MarkableSet,
    PageCode,
    SheetKey,
    SheetLayout,
    SheetStatement,
)

if TYPE_CHECKING:
    from pypdf import PdfReader

    from medialit.layout.stamp import PageMarks

MarkedBox = tuple[str, int, float, float, float, float]


def sheet_layout(
    sheet: int,
    file: str,
    key: SheetKey,
    boxes: Sequence[MarkedBox],
    pages: int,
    page_size: tuple[float, float],
) -> SheetLayout:
    """One sheet of the record: ``key`` with the places its layout measured."""
    areas: dict[str, Area] = {}
    for name, page, x, y, width, height in boxes:
        areas.setdefault(name, Area(page + 1, x, y, width, height))  # a split area: its start
    statements = []
    for keyed in key.statements:
        ticks = {
            kind: areas[f"s{keyed.number}-{kind}"]
            for kind in ("evidence", "inference", "assertion")
            if f"s{keyed.number}-{kind}" in areas
        }
        statements.append(
            SheetStatement(
                keyed.number,
                keyed.statement_id,
                keyed.key_kind,
                list(keyed.also_accept),
                ticks,
                areas.get(f"s{keyed.number}-why"),
                keyed.reading,
            )
        )
    return SheetLayout(
        sheet=sheet,
        file=file,
        level=key.level,
        version=key.version,
        pages=pages,
        page_width=page_size[0],
        page_height=page_size[1],
        statements=statements,
        name=areas.get("name"),
        label=key.label,
    )


def anonymous_codes(record: MarkableSet, sheet: int, pages: int) -> list[PageCode | None]:
    """An anonymous sheet's page codes (copy 0)."""
    return [PageCode(record.set_id, sheet, 0, page) for page in range(1, pages + 1)]


def pack_marks(record: MarkableSet) -> PageMarks:
    """What :func:`medialit.layout.stamp.stamp_copies` draws on copy ``i``'s page ``p``
    (0-based): its code (copy ``i + 1``, page ``p + 1``) and the corner marks."""
    from medialit.layout.sheet_codes import code_stream  # zxing-cpp: markable builds only

    set_id, copies = record.set_id, record.copies

    def marks(copy: int, page: int, width: float, height: float) -> bytes:
        entry = copies[copy]
        return code_stream(PageCode(set_id, entry.sheet, entry.copy, page + 1), width, height)

    return marks


def copy_entries(names: Sequence[str], sheets: Sequence[int]) -> list[CopyEntry]:
    """The class pack's copies, numbered from 1 in roster order."""
    return [
        CopyEntry(number, name, sheet)
        for number, (name, sheet) in enumerate(zip(names, sheets, strict=True), start=1)
    ]


def _pages(pdf: bytes | PdfReader) -> tuple[int, tuple[float, float]]:
    """How many pages ``pdf`` has, and the first one's size in points."""
    from pypdf import PdfReader

    reader = pdf if isinstance(pdf, PdfReader) else PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    return len(reader.pages), (float(box.width), float(box.height))


def code_plain_sheets(
    plan: LessonPlan, laid_out: Mapping[str, LaidOut], files: dict[str, bytes]
) -> None:
    """Code every page of the markable student sheets in ``files`` (anonymous, copy 0) and add
    their record; nothing when the build is not markable."""
    from medialit.layout.sheet_codes import add_codes  # zxing-cpp, pypdf: markable builds only

    marked = [output for output in plan.outputs if output.key is not None and output.file]
    if not marked:
        return
    sheets = []
    for number, output in enumerate(marked):
        assert output.file is not None and output.key is not None
        pages, size = _pages(files[output.file])
        boxes = laid_out[output.name].boxes
        sheets.append(sheet_layout(number, output.file, output.key, boxes, pages, size))
    checked = plan.checked
    record = MarkableSet(checked.name, checked.lesson.title, sheets)
    for sheet in sheets:
        codes = anonymous_codes(record, sheet.sheet, sheet.pages)
        files[sheet.file] = add_codes(files[sheet.file], codes)
    files[record.file] = record.to_json()


def pack_record(
    plan: LessonPlan, layouts: Sequence[bytes | PdfReader], laid_out: Mapping[str, LaidOut]
) -> MarkableSet | None:
    """The class pack's record, if its sheets are markable (``layouts`` parsed or not)."""
    class_pack = plan.class_pack
    if class_pack is None or any(layout.key is None for layout in class_pack.layouts):
        return None
    sheets = []
    for number, (document, pdf) in enumerate(zip(class_pack.layouts, layouts, strict=True)):
        assert document.key is not None
        pages, size = _pages(pdf)
        boxes = laid_out[document.name].boxes
        sheets.append(sheet_layout(number, document.name, document.key, boxes, pages, size))
    pack = class_pack.plan
    copies = copy_entries(
        [copy.name for copy in pack.copies], [pack.layout_index(copy) for copy in pack.copies]
    )
    checked = plan.checked
    return MarkableSet(checked.name, checked.lesson.title, sheets, copies)
