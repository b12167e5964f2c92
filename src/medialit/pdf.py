"""Lay out HTML as a PDF with WeasyPrint: the only module that imports it.

WeasyPrint may fetch only what a worksheet legitimately uses: medialit's
own fonts and stylesheets (``medialit:`` URLs), files inside the allowed
folders (templates, theme, the lesson's own folder), and ``data:`` images.
Anything else (the network, ``/etc/passwd``) is refused and reported.

The only date in a PDF is its creation date, taken from ``SOURCE_DATE_EPOCH``
when that is set (the reproducible-builds convention), so that two builds of
the same lesson are byte-identical.
"""

from __future__ import annotations

import datetime
import io
import logging
import mimetypes
import os
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from .errors import RenderError, SettingsError

try:
    import weasyprint
    from weasyprint.formatting_structure.boxes import LineBox
    from weasyprint.urls import URLFetcher, URLFetcherResponse
except OSError as exc:  # WeasyPrint loads Pango with ctypes at import time
    raise RenderError(
        "WeasyPrint could not load the Pango text library it needs "
        f"({exc}). On Debian or Ubuntu run: sudo apt-get install libpango-1.0-0 "
        "libpangoft2-1.0-0 libharfbuzz-subset0"
    ) from None

# WeasyPrint logs every CSS rule it skips; a teacher needs only our own report.
logging.getLogger("weasyprint").setLevel(logging.ERROR)

PACKAGE_SCHEME = "medialit"
# What a worksheet legitimately loads from a folder. Anything else (a lesson
# file with its answers, a text file) could be embedded as a PDF attachment.
ALLOWED_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ttf", ".otf", ".woff", ".woff2", ".css"}
)
NETWORK_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "ws", "wss"})
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def creation_time(environ: dict[str, str] | None = None) -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) when set, otherwise now."""
    environ = dict(os.environ) if environ is None else environ
    epoch = environ.get(SOURCE_DATE_EPOCH, "").strip()
    if not epoch:
        return datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    try:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    except (ValueError, OverflowError, OSError):
        raise SettingsError(
            f"{SOURCE_DATE_EPOCH}={epoch} is not a date; set it to a whole number of seconds "
            "since 1970 (for example the date of the last commit: git log -1 --format=%ct), "
            "or unset it."
        ) from None


class GuardedFetcher(URLFetcher):  # type: ignore[misc]
    """A URL fetcher that serves package files, allowed folders and data: images only."""

    def __init__(self, allowed_folders: Sequence[Path]) -> None:
        super().__init__(timeout=1, allowed_protocols={PACKAGE_SCHEME, "file", "data"})
        self.roots = [folder.resolve() for folder in allowed_folders]
        self.refused: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == PACKAGE_SCHEME:
            return self._package_file(url)
        if scheme == "file":
            return self._local_file(url)
        if scheme == "data":
            if url[5:].lower().startswith("image/"):
                return super().fetch(url, headers)
            return self._refuse(url, "only images may be written as data: addresses")
        if scheme in NETWORK_SCHEMES:
            return self._refuse(
                url,
                "medialit never uses the network; save the file in the lesson's folder and "
                "refer to it by its name",
            )
        return self._refuse(url, "only files in the templates, theme or lesson folders may be used")

    def _refuse(self, url: str, why: str) -> URLFetcherResponse:
        # Long data: addresses are cut in the middle; a path's end names the file.
        shown = url if len(url) <= 160 else url[:80] + "..." + url[-77:]
        message = f"refused to load {shown}: {why}."
        if message not in self.refused:
            self.refused.append(message)
        raise ValueError(why)

    def _package_file(self, url: str) -> URLFetcherResponse:
        relative = unquote(urlsplit(url).path).lstrip("/")
        resource = resources.files("medialit")
        for part in relative.split("/"):
            if part in ("", ".", ".."):
                return self._refuse(url, "not a medialit package file")
            resource = resource / part
        if not resource.is_file():
            return self._refuse(url, "no such medialit package file")
        mime, _ = mimetypes.guess_type(relative)
        return URLFetcherResponse(
            url,
            io.BytesIO(resource.read_bytes()),
            {"Content-Type": mime or "application/octet-stream"},
        )

    def _local_file(self, url: str) -> URLFetcherResponse:
        path = Path(url2pathname(urlsplit(url).path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            return self._refuse(
                url,
                "it is outside the templates, theme and lesson folders; copy the file into "
                "the lesson's folder",
            )
        if path.suffix.lower() not in ALLOWED_SUFFIXES:
            return self._refuse(url, "only images, fonts and stylesheets may be used")
        if not path.is_file():
            return self._refuse(url, "there is no such file; check the name")
        mime, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            path.as_uri(),
            io.BytesIO(path.read_bytes()),
            {"Content-Type": mime or "application/octet-stream"},
        )


def html_to_pdf(
    html: str,
    *,
    base_folder: Path,
    allowed_folders: Sequence[Path],
    created: datetime.datetime | None = None,
) -> tuple[bytes, list[str]]:
    """Lay out ``html`` as PDF bytes; also return what the fetcher refused to load.

    Title and language come from the HTML's ``<title>`` and ``lang``; the PDF is
    tagged for screen readers. ``created`` is the only date written into the PDF,
    so the same HTML and date always give the same bytes.
    """
    fetcher = GuardedFetcher(allowed_folders=[*allowed_folders, base_folder])
    try:
        document = weasyprint.HTML(
            string=html, base_url=base_folder.resolve().as_uri() + "/", url_fetcher=fetcher
        ).render(pdf_tags=True)
        if created is not None:
            stamp = created.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            document.metadata.created = document.metadata.modified = stamp
        pdf = document.write_pdf(pdf_tags=True)
    except Exception as exc:
        raise RenderError(
            f"WeasyPrint could not write the PDF: {type(exc).__name__}: {exc}"
        ) from None
    assert isinstance(pdf, bytes)
    return pdf, fetcher.refused


STATEMENT_ATTRIBUTE = "data-statement"


def statement_lines(
    html: str, *, base_folder: Path, allowed_folders: Sequence[Path]
) -> dict[int, int]:
    """Lay out ``html`` and give, for each ``data-statement="N"`` span, the line of its
    paragraph where it starts (1 is the paragraph's first line).

    Used on a copy of the independent student sheet whose statements are wrapped in
    such spans: the spans change no layout, so the lines are the printed sheet's.
    """
    fetcher = GuardedFetcher(allowed_folders=[*allowed_folders, base_folder])
    try:
        document = weasyprint.HTML(
            string=html, base_url=base_folder.resolve().as_uri() + "/", url_fetcher=fetcher
        ).render()
    except Exception as exc:
        raise RenderError(
            f"WeasyPrint could not lay out the sheet: {type(exc).__name__}: {exc}"
        ) from None
    lines: dict[int, int] = {}
    for page in document.pages:
        _find_statement_lines(page._page_box, lines)
    return lines


def _find_statement_lines(box: Any, lines: dict[int, int]) -> None:
    children = getattr(box, "children", [])
    if getattr(box, "element_tag", None) in ("p", "li") and any(
        isinstance(child, LineBox) for child in children
    ):
        line_boxes = [child for child in children if isinstance(child, LineBox)]
        for number, line_box in enumerate(line_boxes, start=1):
            for statement in _statements_in(line_box):
                lines.setdefault(statement, number)
        return
    for child in children:
        _find_statement_lines(child, lines)


def _statements_in(box: Any) -> list[int]:
    found = []
    element = getattr(box, "element", None)
    value = element.get(STATEMENT_ATTRIBUTE) if element is not None else None
    if value is not None and value.isdigit():
        found.append(int(value))
    for child in getattr(box, "children", []):
        found.extend(_statements_in(child))
    return found
