"""Draw a markable sheet's page codes and corner marks onto laid-out pages (``build --markable``).

The marks go in the margins (:mod:`medialit.sheets.markable` says where), drawn after the
layout, so that they move nothing on the page: a markable sheet has the plain sheet's pages.
Each page's QR code (made by zxing-cpp, which also reads them back in ``medialit mark``) and
the four corner marks are one content stream appended to the page and marked as an artifact,
which screen readers skip. A class pack's pages get theirs while its copies are stamped
(:func:`medialit.layout.stamp.stamp_copies`); other sheets are written again as an
incremental update (:func:`add_codes`), so a tagged sheet keeps its structure tree and a
fillable one its fields.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, cast

import zxingcpp
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject

from medialit.sheets.markable import CODE_MODULES, PageCode, code_square, corner_marks

_QR = zxingcpp.BarcodeFormat.QRCode


def qr_modules(text: str) -> list[bytes]:
    """The QR code of ``text`` at error correction level Q, a row of modules (1 dark) a line."""
    return [row.translate(_DARK) for row in _symbol(text)]


def _symbol(text: str) -> list[bytes]:
    """The QR code of ``text`` at level Q, a row of modules a line, each module's grey (0 dark).

    A page's code is 18 to 25 letters, digits and colons: always a version 2 code
    (:data:`CODE_MODULES` a side), which :func:`code_square` sizes. zxing-cpp encodes it in
    C++ (segno, in Python, took 2 ms a code: most of a 300-student pack's rebuild). zxing-cpp
    2.3 drew a level M code; a code of another size or level is refused here, not printed.
    """
    barcode = zxingcpp.create_barcode(text, _QR, ec_level="Q")
    image = memoryview(cast(Any, barcode.to_image(scale=1, add_quiet_zones=False)))
    width = cast(tuple[int, int], image.shape)[1]
    pixels = image.tobytes()
    # The finder patterns hold the symbol's corners, whatever quiet zone or scale this
    # version draws: the first dark pixel is its top-left one, the last dark pixel of that
    # row its top-right one, the last dark pixel of all is on its bottom row.
    first = pixels.find(0)
    top, left = divmod(first, width)
    right = pixels.rfind(0, top * width, (top + 1) * width) - top * width + 1
    bottom = pixels.rfind(0) // width + 1
    side = bottom - top
    if first < 0 or side != right - left or side % CODE_MODULES or barcode.ec_level != "Q":
        raise ValueError(f"{text!r} is not a {CODE_MODULES}-module QR code at level Q")
    scale = side // CODE_MODULES
    return [
        pixels[start : start + side : scale]
        for start in range(top * width + left, bottom * width, scale * width)
    ]


_DARK = bytes([1] + [0] * 255)  # a pixel's grey (0 black) to a module (1 dark)
# A module's grey to a bit of the image mask (0 is painted, 1 left alone), as text for int():
# each row of 25 padded to 32 bits with light ones, as the mask's rows fill whole bytes.
_BIT = bytes(b"0"[0] if grey < 128 else b"1"[0] for grey in range(256))
_ROW_PAD = b"\xff" * (-CODE_MODULES % 8)
_MASK_BYTES = (CODE_MODULES + len(_ROW_PAD)) // 8 * CODE_MODULES


def code_mask(text: str) -> str:
    """The image mask of ``text``'s code, one bit a module (0 dark), in hexadecimal."""
    bits = b"".join([row + _ROW_PAD for row in _symbol(text)]).translate(_BIT)
    return int(bits, 2).to_bytes(_MASK_BYTES, "big").hex()


_PLACES: dict[float, bytes] = {}
_CORNERS: dict[tuple[float, float], bytes] = {}


def code_stream(code: PageCode, width: float, height: float) -> bytes:
    """The content that draws ``code`` and the corner marks on a page of that size, marked
    as an artifact; drawn in the page's first graphics state (a ``Q`` before it restores it).

    The code is one image mask of a bit a module, scaled to its square without smoothing
    (an inline image: nothing added to the page's resources), so it prints its modules'
    edges sharp as the rectangles it replaced did, in a tenth of their bytes (compressed,
    a quarter).
    """
    place = _PLACES.get(height)
    if place is None:
        left, top, side = code_square(height)
        bottom = height - top - side
        matrix = f"q {side:.2f} 0 0 {side:.2f} {left:.2f} {bottom:.2f} cm"
        image = f"BI /W {CODE_MODULES} /H {CODE_MODULES} /IM true /F /AHx ID"
        place = _PLACES[height] = f"/Artifact BMC q 0 g\n{matrix}\n{image}\n".encode()
    corners = _CORNERS.get((width, height))
    if corners is None:  # a page size's marks, formatted once (a pack has 2,100 pages of one)
        corners = _CORNERS[width, height] = "\n".join(
            f"{x_mark:.2f} {height - y_mark - size:.2f} {size:.2f} {size:.2f} re"
            for x_mark, y_mark, size in corner_marks(width, height)
        ).encode()
    return b"".join((place, code_mask(code.text()).encode(), b">\nEI Q\n", corners, b"\nf Q EMC\n"))


def page_marks(code: PageCode, width: float, height: float) -> bytes:
    """:func:`code_stream` after the page's own content, wrapped in q ... Q by add_codes."""
    return b"\nQ\n" + code_stream(code, width, height)


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
