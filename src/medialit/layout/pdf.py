"""Lay out HTML as a PDF with WeasyPrint; only this module and ``fetching.py`` import it.

WeasyPrint may fetch only what a worksheet legitimately uses (``fetching.py``
says what); anything else is refused and reported.

The only date in a PDF is its creation date, given by the build
(:mod:`medialit.layout.creation_date`), so that two builds of the same lesson are
byte-identical.

A layout can be kept (:func:`lay_out_html` with ``keep_pages``) as the PDF's
objects just before their date and trailer are written (``kept_pages.py``: plain
data, never a pickle), and written again later with another date
(:func:`pdf_from_pages`): the layout cache (``layout_cache.py``) stores them,
and the PDF is byte for byte the one a fresh layout would give.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import logging
import multiprocessing.util
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydyf

from medialit.errors import RenderError
from medialit.layout import internals as layout_internals
from medialit.layout import kept_pages, tagging
from medialit.layout.loading import libraries_opened_by_name
from medialit.layout.reuse import pdf_date
from medialit.layout.reuse import pdf_from_pages as pdf_from_pages  # where it was

try:
    with libraries_opened_by_name():
        import weasyprint
except OSError as exc:  # WeasyPrint loads Pango with ctypes at import time
    raise RenderError(
        "WeasyPrint could not load the Pango text library it needs "
        f"({exc}). On Debian or Ubuntu run: sudo apt-get install libpango-1.0-0 "
        "libpangoft2-1.0-0 libharfbuzz-subset0"
    ) from None

# Imported after WeasyPrint loaded, so that a missing Pango gets the message above.
from medialit.layout.fetching import GuardedFetcher, RefusedResource

# WeasyPrint logs every CSS rule it skips; a teacher needs only our own report.
logging.getLogger("weasyprint").setLevel(logging.ERROR)

from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from medialit.layout.reuse import PDF_OPTIONS as PDF_OPTIONS  # noqa: E402
from medialit.layout.reuse import PDFUA  # noqa: E402

_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_FONT_URL = re.compile(r"""url\(\s*(["']?)([^"')\s]*)\1\s*\)""")
_MORE_STYLE = re.compile(r"<link\b|@import\b", re.IGNORECASE)


@dataclass
class _SharedFonts:
    """A font configuration with medialit's own fonts registered, and what reading them left
    in the first layout's fetcher (each later layout that uses it depends on them too)."""

    config: FontConfiguration
    urls: frozenset[str]
    fetched: dict[str, str] = field(default_factory=dict)


_SHARED_FONTS: OrderedDict[str, _SharedFonts] = OrderedDict()
_MOST_SHARED_FONTS = 8  # a theme or a student's accommodations each give other fonts
_SHARING = threading.Lock()  # one layout at a time uses them (others make their own)
_SHARED_IN = 0  # the process whose configurations _SHARED_FONTS holds
_INHERITED: list[_SharedFonts] = []


def _this_process_fonts() -> OrderedDict[str, _SharedFonts]:
    """The shared configurations of this process, removed with it.

    A configuration deletes its copies of the fonts (WeasyPrint's temporary folder) when it
    is freed. A worker forked from a process that had some keeps them alive, unused: freed,
    they would delete its parent's fonts. A pool's worker leaves without running ``atexit``,
    but with multiprocessing's finalizers, which then free this process's own.
    """
    global _SHARED_IN
    if os.getpid() != _SHARED_IN:
        _INHERITED.extend(_SHARED_FONTS.values())
        _SHARED_FONTS.clear()
        _SHARED_IN = os.getpid()
        multiprocessing.util.Finalize(None, _forget_shared_fonts, exitpriority=0)
    return _SHARED_FONTS


def _forget_shared_fonts() -> None:
    """Free this process's configurations, so that each deletes its copies of the fonts: the
    last layout's document still holds one, in reference cycles only a collection frees."""
    _SHARED_FONTS.clear()
    gc.collect()


@contextlib.contextmanager
def _shared_fonts(html: str) -> Iterator[_SharedFonts | None]:
    """One font configuration for every layout in this process that declares these same
    fonts, all from medialit's package; ``None`` (a configuration of its own) otherwise.

    WeasyPrint makes a configuration for each document and registers its fonts in it again:
    about a tenth of a sheet's layout. A font face is only shared with the very same
    declarations of unchanging files: a theme's or a template's own fonts, which a teacher may
    change while the preview runs, and stylesheets the HTML does not hold, get their own.
    """
    faces = _FONT_FACE.findall(html)
    urls = [match.group(2) for face in faces for match in _FONT_URL.finditer(face)]
    own = not urls or _MORE_STYLE.search(html) or not all(u.startswith("medialit:") for u in urls)
    if own or not _SHARING.acquire(blocking=False):
        yield None
        return
    try:
        key = "\n".join(faces)
        kept = _this_process_fonts()
        shared = kept.get(key)
        if shared is None:
            shared = kept[key] = _SharedFonts(FontConfiguration(), frozenset(urls))
            while len(kept) > _MOST_SHARED_FONTS:
                kept.popitem(last=False)
        kept.move_to_end(key)
        yield shared
    finally:
        _SHARING.release()


@dataclass(frozen=True)
class PdfLayout:
    """A laid-out document: its PDF, what the fetcher refused and every address it asked for."""

    pdf: bytes
    refused: list[str] = field(default_factory=list)
    fetched: list[tuple[str, str]] = field(default_factory=list)
    """Every address the layout asked for, with its state then (``fingerprints.py``)."""
    pages: bytes = b""
    """With ``keep_pages``: the PDF's objects before their date and trailer are written."""
    boxes: list[layout_internals.MarkedBox] = field(default_factory=list)
    """With ``measure``: where each ``data-mark`` element is (a markable sheet's tick boxes
    and writing areas), in points from each page's top-left."""


def _radio_buttons_unnamed(document: Any, pdf: Any) -> None:
    """Make each radio group one field whose value is the chosen button (a WeasyPrint finisher).

    WeasyPrint 70 names every button of a group like the group and lists it as a
    field of its own, so readers see ``s3-kind.s3-kind`` beside ``s3-kind``. A
    button should be a bare widget under its group: no name, not in the field list.
    """
    buttons: list[Any] = [
        obj
        for obj in pdf.objects
        if isinstance(obj, dict) and "Parent" in obj and obj.get("Subtype") == "/Widget"
    ]
    for button in buttons:
        button.pop("T", None)
        button.pop("TU", None)
    if "AcroForm" in pdf.catalog:
        acroform = pdf.catalog["AcroForm"]
        references = {button.reference for button in buttons}
        kept = [field for field in acroform["Fields"] if field not in references]
        acroform["Fields"] = type(acroform["Fields"])(kept)


def html_to_pdf(
    html: str,
    *,
    base_folder: Path,
    allowed_folders: Sequence[Path],
    created: datetime.datetime | None = None,
    forms: bool = False,
) -> tuple[bytes, list[str]]:
    """Lay out ``html`` as PDF bytes; also return what the fetcher refused to load.

    Title and language come from the HTML's ``<title>`` and ``lang``; the PDF is
    tagged for screen readers. ``created`` is the only date written into the PDF,
    so the same HTML and date always give the same bytes. With ``forms``, the
    HTML's inputs become PDF form fields (WeasyPrint's ``pdf_forms``).
    """
    laid_out = lay_out_html(
        html, base_folder=base_folder, allowed_folders=allowed_folders, created=created, forms=forms
    )
    return laid_out.pdf, laid_out.refused


def lay_out_html(
    html: str,
    *,
    base_folder: Path,
    allowed_folders: Sequence[Path],
    created: datetime.datetime | None = None,
    keep_pages: bool = False,
    forms: bool = False,
    measure: bool = False,
) -> PdfLayout:
    """Lay out ``html`` as :func:`html_to_pdf` does; with ``keep_pages``, keep them to reuse;
    with ``measure``, also give where each ``data-mark`` element is (:data:`MARK_ATTRIBUTE`).
    """
    fetcher = GuardedFetcher(allowed_folders=[*allowed_folders, base_folder])
    unusable = _UnusableResources()
    logging.getLogger("weasyprint").addHandler(unusable)
    kept: list[bytes] = []

    def finish(document: object, pdf: object) -> None:
        tagging.mend_tags(document, pdf, pdfua=PDFUA)
        if forms:
            _radio_buttons_unnamed(document, pdf)
        # Kept only if dated as pdf_from_pages would date them: else it could not re-date them.
        if keep_pages and _dated(pdf, created):
            with contextlib.suppress(ValueError):  # not kept (nothing changed): laid out again
                kept.append(kept_pages.keep(pdf))

    try:
        with _shared_fonts(html) as fonts:
            document = weasyprint.HTML(
                string=html, base_url=base_folder.resolve().as_uri() + "/", url_fetcher=fetcher
            ).render(**PDF_OPTIONS, pdf_forms=forms, font_config=fonts and fonts.config)
        if created is not None:
            document.metadata.created = document.metadata.modified = _w3c_date(created)
        pdf = document.write_pdf(finisher=finish, **PDF_OPTIONS)
    except Exception as exc:
        raise RenderError(
            f"WeasyPrint could not write the PDF: {type(exc).__name__}: {exc}"
        ) from None
    finally:
        logging.getLogger("weasyprint").removeHandler(unusable)
    assert isinstance(pdf, bytes)
    boxes = _measured(document) if measure else []
    return PdfLayout(
        pdf,
        [*fetcher.refused, *unusable.messages],
        list(_with_shared_fonts(fetcher.fetched, fonts).items()),
        kept[0] if kept else b"",
        boxes,
    )


def _with_shared_fonts(fetched: dict[str, str], fonts: _SharedFonts | None) -> dict[str, str]:
    """What a layout read: the shared fonts' addresses (read by the layouts that registered
    them), first, as a layout of its own would have read them, then its own fetcher's."""
    if fonts is None:
        return fetched
    fonts.fetched.update((url, state) for url, state in fetched.items() if url in fonts.urls)
    return {**fonts.fetched, **fetched}


MARK_ATTRIBUTE = "data-mark"
_PT_PER_PX = 0.75  # CSS pixels are 1/96 in, points 1/72 in


def _measured(document: Any) -> list[layout_internals.MarkedBox]:
    """Each ``data-mark`` element's page and border box, in points; outside the tested
    WeasyPrint versions none can be measured, which the build reports."""
    boxes = layout_internals.marked_boxes(document, MARK_ATTRIBUTE)
    if boxes is None:
        raise RenderError(
            "a markable sheet records where its tick boxes are from WeasyPrint's layout, "
            f"which this installation cannot read: {layout_internals.untested_versions()}"
        )

    def points(value: float) -> float:
        return round(value * _PT_PER_PX, 2)

    return [
        (name, page, points(x), points(y), points(width), points(height))
        for name, page, x, y, width, height in boxes
    ]


class _UnusableResources(logging.Handler):
    """Collects WeasyPrint's reports of images and stylesheets it could not use."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if RefusedResource.__name__ in message:
            return  # the fetcher's own message says why
        if message.startswith("Failed to load"):
            shown = message if len(message) <= 300 else message[:297] + "..."
            if shown not in self.messages:
                self.messages.append(f"{shown}; the sheet was made without it.")


def _w3c_date(created: datetime.datetime) -> str:
    return created.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dated(pdf: Any, created: datetime.datetime | None) -> bool:
    """Whether WeasyPrint wrote ``created`` into ``pdf`` (a ``pydyf.PDF``) as ``pdf_date``
    writes it, so that :func:`pdf_from_pages` can date it anew. Undated pages are written
    again as they are (any date in them comes from the HTML, which the cache keys on).
    """
    if created is None:
        return True
    date = pydyf.String(pdf_date(created)).data
    return all(
        isinstance(pdf.info.get(name), pydyf.String) and pdf.info[name].data == date
        for name in ("CreationDate", "ModDate")
    )


STATEMENT_ATTRIBUTE = "data-statement"


def statement_lines(
    html: str, *, base_folder: Path, allowed_folders: Sequence[Path]
) -> dict[int, int]:
    """Lay out ``html`` and give, for each ``data-statement="N"`` span, the line of its
    paragraph where it starts (1 is the paragraph's first line).

    Used on a copy of the independent student sheet whose statements are wrapped in
    such spans: the spans change no layout, so the lines are the printed sheet's. Empty
    when WeasyPrint is not a version medialit is tested with (``layout/internals.py``).
    """
    if layout_internals.untested_versions() is not None:
        return {}  # not laid out for nothing
    fetcher = GuardedFetcher(allowed_folders=[*allowed_folders, base_folder])
    try:
        with _shared_fonts(html) as fonts:
            document = weasyprint.HTML(
                string=html, base_url=base_folder.resolve().as_uri() + "/", url_fetcher=fetcher
            ).render(font_config=fonts and fonts.config)
    except Exception as exc:
        raise RenderError(
            f"WeasyPrint could not lay out the sheet: {type(exc).__name__}: {exc}"
        ) from None
    return layout_internals.statement_lines(document, STATEMENT_ATTRIBUTE) or {}
