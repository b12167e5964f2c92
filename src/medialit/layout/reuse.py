"""Write a layout kept by the layout cache as a PDF again, without loading WeasyPrint.

A rebuild that finds every document kept (a second class: the cover and name tags are
drawn, :mod:`medialit.layout.drawn_pack`) then lays nothing out, and importing WeasyPrint
(Pango, its CSS machinery: about half a second) would be most of its time.
"""

from __future__ import annotations

import datetime
import io

import pydyf

from medialit.layout import kept_pages

PDF_OPTIONS = {"pdf_tags": True}
"""The options of every layout (:mod:`medialit.layout.pdf`); the layout cache keys on them too."""
PDFUA = False
"""Whether the XMP metadata claims PDF/UA-1 (:mod:`medialit.layout.tagging`): only while the
sheets pass tests/test_pdfua_*.py and a full checker."""
TAGGING_REVISION = "pdfua-1"
"""Part of the layout cache's key: a layout kept by an earlier mending of its tags is not
reused (:mod:`medialit.layout.tagging`)."""

# WeasyPrint's defaults for what write_pdf is given (pdf_version, pdf_identifier,
# uncompressed_pdf), so that a kept layout gives the bytes a fresh layout gives.
_PDF_VERSION = None
_PDF_IDENTIFIER = None
_COMPRESS = True


def pdf_date(created: datetime.datetime) -> str:
    """``D:20261204174200Z``: a date as WeasyPrint writes a W3C date given in UTC."""
    return created.astimezone(datetime.UTC).strftime("D:%Y%m%d%H%M%SZ")


def pdf_from_pages(
    pages: bytes, created: datetime.datetime | None, object_streams: bool = True
) -> bytes:
    """Write kept pages (:attr:`medialit.layout.pdf.PdfLayout.pages`) as a PDF dated ``created``.

    The pages must have been laid out with a date if ``created`` is given, and
    without one if not (the layout cache keys on that): the dates are replaced
    in place, so the PDF's objects keep their order and the bytes are the ones
    :func:`medialit.layout.pdf.html_to_pdf` gives for the same HTML and date. Damaged
    pages raise ValueError.

    Without ``object_streams``, each object is written on its own (its streams compressed
    as kept) with a plain cross-reference table: for a layout that is only read back to be
    stamped (a class pack's), as pypdf then parses only the objects asked for, where it
    parses an object stream from its start for each object in it (a layout's structure
    tree shares them with its pages).
    """
    pdf = kept_pages.restore(pages)
    if created is not None:
        # kept_pages.restore gives the info's values as the bytes they are written as
        date = pydyf.String(pdf_date(created)).data
        pdf.info["CreationDate"] = pdf.info["ModDate"] = date
    output = io.BytesIO()
    pdf.write(output, _PDF_VERSION, _PDF_IDENTIFIER, _COMPRESS and object_streams)
    return output.getvalue()
