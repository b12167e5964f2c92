"""Page codes drawn as one image mask each (issue 27, the pack's figures): a bit a module, scaled
without smoothing, instead of a rectangle a run of modules. Real PDFs rendered by poppler and
PDFium at the resolutions ``bench_marking.py`` scans at, read back with zxing-cpp as
``medialit mark`` reads them."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import numpy as np
import pypdfium2
import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from medialit.layout.sheet_codes import add_codes, code_mask, code_stream, qr_modules
from medialit.sheets.markable import CODE_MODULES, PageCode

CODES = [
    PageCode("ABCDEFGH", 0, 0, 1),
    PageCode("QRSTUVWX", 999, 9999, 999),  # the longest text a code holds
    PageCode("Z2345677", 12, 345, 6),
]
A4 = (595.28, 841.89)


def test_the_mask_has_a_bit_for_each_module_of_the_code() -> None:
    for code in CODES:
        mask = bytes.fromhex(code_mask(code.text()))
        row_bytes = (CODE_MODULES + 7) // 8
        assert len(mask) == row_bytes * CODE_MODULES
        rows = [mask[n : n + row_bytes] for n in range(0, len(mask), row_bytes)]
        drawn = [
            bytes(1 - int(bit) for bit in f"{int.from_bytes(row, 'big'):0{row_bytes * 8}b}")
            for row in rows
        ]
        # 0 bits are painted (an image mask's default): the dark modules, and no others.
        assert [row[:CODE_MODULES] for row in drawn] == qr_modules(code.text())


def test_the_code_is_one_inline_image_and_the_corner_marks_four_squares() -> None:
    stream = code_stream(CODES[0], *A4)
    assert stream.count(b"BI ") == 1 and stream.count(b"\nEI ") == 1
    assert b"/IM true" in stream and b"/I true" not in stream  # a mask, not smoothed
    assert len(re.findall(rb" re\b", stream)) == 4
    assert b" Do" not in stream  # nothing the page's resources must name
    assert stream.startswith(b"/Artifact BMC q 0 g\n") and stream.endswith(b"f Q EMC\n")


def _coded_pages(codes: list[PageCode], size: tuple[float, float]) -> bytes:
    writer = PdfWriter()
    for _ in codes:
        page = writer.add_blank_page(*size)
        empty = DecodedStreamObject()
        empty.set_data(b"")
        page[NameObject("/Contents")] = writer._add_object(empty)
    buffer = io.BytesIO()
    writer.write(buffer)
    return add_codes(buffer.getvalue(), codes)


def _read(image: np.ndarray) -> str:
    found = zxingcpp.read_barcodes(image)
    return found[0].text if found else ""


@pytest.mark.parametrize("dpi", [150, 200, 300])
@pytest.mark.parametrize("size", [A4, (612.0, 792.0)], ids=["a4", "letter"])
def test_codes_read_back_from_pages_rendered_by_poppler_and_pdfium(
    tmp_path: Path, dpi: int, size: tuple[float, float]
) -> None:
    pdf = tmp_path / "coded.pdf"
    pdf.write_bytes(_coded_pages(CODES, size))
    wanted = [code.text() for code in CODES]
    document = pypdfium2.PdfDocument(str(pdf))
    pdfium = [
        _read(np.asarray(document[n].render(scale=dpi / 72).to_pil().convert("L")))
        for n in range(len(CODES))
    ]
    assert pdfium == wanted
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(pdf), str(tmp_path / "p")], check=True)
    poppler = [_read(np.asarray(Image.open(page))) for page in sorted(tmp_path.glob("p-*.pgm"))]
    assert poppler == wanted
