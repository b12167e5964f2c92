"""The pages of the files a teacher gives ``medialit mark``: scanned PDFs (each page rendered
with pdfium), pictures (PNG, JPEG, TIFF...) and filled ``--fillable`` PDFs, whose form fields
are read as they are (the page is still rendered, for its code).

Each page is named as messages name it: ``scans/tray-1.pdf, page 3``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from medialit.errors import MedialitError, Problem

RENDER_DPI = 200
"""A PDF page is rendered at this resolution (a scanner's usual 150-300 dpi)."""
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"})
MAX_PIXELS = 60_000_000


class ScanError(MedialitError):
    """A scan that cannot be read at all."""


@dataclass
class ScanPage:
    """One page of one file, as a greyscale image; with the fields of a filled PDF."""

    file: Path
    page: int
    """1-based, within its file."""
    image: np.ndarray
    fields: dict[str, str] | None = None
    """A filled fillable sheet's form fields by name (``s3-kind``, ``s3-why``, ``name``)."""
    notes: list[str] = field(default_factory=list)

    @property
    def source(self) -> str:
        return f"{self.file}, page {self.page}"


def scan_pages(files: list[Path]) -> Iterator[ScanPage]:
    """Every page of every file, in the order given."""
    for file in files:
        if file.is_dir():
            raise ScanError(
                Problem(
                    f"this is a folder; name the scans in it (medialit mark {file}/* when it "
                    "holds scans only).",
                    file,
                )
            )
        if not file.is_file():
            raise ScanError(Problem("there is no such file; check its name.", file))
        suffix = file.suffix.lower()
        if suffix == ".pdf":
            yield from _pdf_pages(file)
        elif suffix in IMAGE_SUFFIXES:
            for number, image in enumerate(_images(file), start=1):
                yield ScanPage(file, number, image)
        else:
            raise ScanError(
                Problem(
                    "medialit mark reads scanned or filled PDFs and pictures (PNG, JPEG, "
                    "TIFF); convert this file to one of them.",
                    file,
                )
            )


def _images(file: Path) -> Iterator[np.ndarray]:
    """Every page of a picture, one at a time: a scanner's TIFF may hold a whole tray."""
    from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(file) as picture:
            # A phone's photo says which way up it was taken: turn it as it is shown.
            for frame in ImageSequence.Iterator(picture):
                yield np.asarray(ImageOps.exif_transpose(frame).convert("L"))
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ScanError(
            Problem(f"this picture cannot be read ({exc}); scan or save it again.", file)
        ) from None


def _pdf_pages(file: Path) -> Iterator[ScanPage]:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(file))
    except pypdfium2.PdfiumError as exc:
        raise ScanError(
            Problem(f"this PDF cannot be read ({exc}); scan or save it again.", file)
        ) from None
    fields = _form_fields(file)
    try:
        if fields is not None:
            # The form layer draws the student's ticks and typed answers onto the page; pdfium
            # needs it before any page is loaded.
            document.init_forms()
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True, may_draw_forms=True)
            pixels = bitmap.to_numpy()
            image = np.ascontiguousarray(pixels[:, :, 0] if pixels.ndim == 3 else pixels)
            yield ScanPage(file, index + 1, image, fields if index == 0 else None)
    finally:
        document.close()


def _form_fields(file: Path) -> dict[str, str] | None:
    """The filled fields of a fillable sheet (None for a scan); a chosen kind as its index in
    the sheet's order (``0`` evidence, ``1`` inference, ``2`` assertion), as ``--fillable``
    writes it (``/0``), or as a reader that writes the label does."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        fields = PdfReader(file).get_fields() or {}
    except (PdfReadError, OSError, ValueError):
        return None
    if not any(name.endswith("-kind") for name in fields):
        return None
    values: dict[str, str] = {}
    for name, data in fields.items():
        value = data.get("/V")
        if value is None:
            continue
        text = str(value)
        if name.endswith("-kind"):
            options = [str(option) for option in data.get("/Opt", [])]
            index = text.lstrip("/")
            if index in options:
                index = str(options.index(index))
            if not index.isdigit():
                continue  # /Off: none chosen
            text = index
        values[name] = text
    return values


def medialit_title(file: Path) -> str | None:
    """The title of a PDF medialit made (``The school lunch debate: answer key``); None for
    any other file."""
    if file.suffix.lower() != ".pdf":
        return None
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        info = PdfReader(file).metadata
    except (PdfReadError, OSError, ValueError):
        return None
    if info is None or str(info.get("/Creator", "")) != "medialit":
        return None
    return str(info.get("/Title", "")) or file.name
