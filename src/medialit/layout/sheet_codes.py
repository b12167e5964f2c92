"""Draw a markable sheet's page codes and corner marks onto laid-out pages (``build --markable``).

The marks go in the margins (:mod:`medialit.sheets.markable` says where), drawn after the
layout, so that they move nothing on the page: a markable sheet has the plain sheet's pages.
Each page's QR code (made by segno) and the four corner marks are one content stream appended
to the page and marked as an artifact, which screen readers skip. The PDF is written as an
incremental update, so a tagged sheet keeps its structure tree and a fillable one its fields.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import segno
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject

from medialit.sheets.markable import CODE_MODULES, PageCode, code_square, corner_marks


def page_marks(code: PageCode, width: float, height: float) -> bytes:
    """The content stream that draws ``code`` and the corner marks on a page of that size."""
    qr = segno.make_qr(code.text(), error="q", version=2, boost_error=False)
    left, top, side = code_square(height)
    module = side / CODE_MODULES
    rectangles = [
        (x, y, side_x, side_y) for x, y, side_x, side_y in _runs(qr.matrix, left, top, module)
    ]
    rectangles += [(x, y, size, size) for x, y, size in corner_marks(width, height)]
    # After the page's own content, wrapped in q ... Q by add_codes: its graphics state undone.
    parts = [b"\nQ\n/Artifact BMC q 0 g"]
    for x, y, w, h in rectangles:
        parts.append(f"{x:.2f} {height - y - h:.2f} {w:.2f} {h:.2f} re".encode())
    parts.append(b"f Q EMC\n")
    return b"\n".join(parts)


def _runs(
    matrix: Sequence[Sequence[int]], left: float, top: float, module: float
) -> list[tuple[float, float, float, float]]:
    """The QR code's dark modules, each row's neighbours joined into one rectangle."""
    rectangles = []
    for row, cells in enumerate(matrix):
        start = None
        for column, cell in enumerate([*cells, 0]):
            if cell and start is None:
                start = column
            elif not cell and start is not None:
                rectangles.append(
                    (left + start * module, top + row * module, (column - start) * module, module)
                )
                start = None
    return rectangles


def add_codes(pdf: bytes, codes: Sequence[PageCode | None]) -> bytes:
    """``pdf`` with ``codes[i]`` and the corner marks drawn on page ``i`` (none where None)."""
    reader = PdfReader(io.BytesIO(pdf))
    if len(reader.pages) != len(codes):
        raise ValueError(f"{len(codes)} codes for {len(reader.pages)} pages")
    writer = PdfWriter(reader, incremental=True)
    begin = DecodedStreamObject()
    begin.set_data(b"q\n")
    save = writer._add_object(begin)  # pypdf has no public name for this
    for page, code in zip(writer.pages, codes, strict=True):
        if code is None:
            continue
        box = page.mediabox
        stream = DecodedStreamObject()
        stream.set_data(page_marks(code, float(box.width), float(box.height)))
        added = writer._add_object(stream)  # pypdf has no public name for this
        contents = page.raw_get("/Contents")
        existing = list(contents) if isinstance(contents, ArrayObject) else [contents]
        page[NameObject("/Contents")] = ArrayObject([save, *existing, added])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
