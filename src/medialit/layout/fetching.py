"""What a layout may load: a URL fetcher for WeasyPrint that serves only what a worksheet
legitimately uses, and refuses and reports the rest.

It serves medialit's own fonts and stylesheets (``medialit:`` URLs), files inside the allowed
folders (templates, theme, the lesson's own folder), and ``data:`` images. Anything else (the
network, ``/etc/passwd``) is refused. ``pdf.py`` imports this module once it has loaded
WeasyPrint (and said what to install if Pango is missing).
"""

from __future__ import annotations

import io
import mimetypes
import warnings
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from PIL import Image
from weasyprint.urls import URLFetcher, URLFetcherResponse

from medialit.layout.fingerprints import CHANGED, file_state, fingerprint, package_state

PACKAGE_SCHEME = "medialit"
# What a worksheet legitimately loads from a folder. Anything else (a lesson
# file with its answers, a text file) could be embedded as a PDF attachment.
ALLOWED_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ttf", ".otf", ".woff", ".woff2", ".css"}
)
NETWORK_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "ws", "wss"})
# Images whose size is checked from their header before anything decodes them:
# a small PNG of 12,000 × 12,000 pixels would take over a gigabyte to decode.
RASTER_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
MAX_IMAGE_PIXELS = 25_000_000  # 5,000 × 5,000: far more than a printed page needs


class RefusedResource(ValueError):
    """Raised to WeasyPrint for a refused URL; already reported by the fetcher."""


class GuardedFetcher(URLFetcher):  # type: ignore[misc]
    """A URL fetcher that serves package files, allowed folders and data: images only."""

    def __init__(self, allowed_folders: Sequence[Path]) -> None:
        super().__init__(timeout=1, allowed_protocols={PACKAGE_SCHEME, "file", "data"})
        self.roots = [folder.resolve() for folder in allowed_folders]
        self.refused: list[str] = []
        self.fetched: dict[str, str] = {}
        """Every address asked for, served or refused (what the layout depended on), with
        its state when it was asked for (``fingerprints.py``): of the bytes served."""

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        try:
            return self._fetch(url, headers)
        finally:
            if url not in self.fetched:  # refused before any bytes were read: its state now
                self._read(url, fingerprint(url))

    def _read(self, url: str, state: str) -> None:
        """Record ``url``'s state; one that differs from an earlier read of it matches none."""
        self.fetched[url] = state if self.fetched.get(url, state) == state else CHANGED

    def _fetch(self, url: str, headers: object) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == PACKAGE_SCHEME:
            return self._package_file(url)
        if scheme == "file":
            return self._local_file(url)
        if scheme == "data":
            if not url[5:].lower().startswith("image/"):
                return self._refuse(url, "only images may be written as data: addresses")
            response = super().fetch(url, headers)
            data = response.read()
            if not url[5:].lower().startswith("image/svg"):
                self._check_image(url, data)
            return URLFetcherResponse(
                url, io.BytesIO(data), {"Content-Type": response.content_type}
            )
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
        raise RefusedResource(why)

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
        data = resource.read_bytes()
        self._read(url, package_state(data))
        return URLFetcherResponse(
            url,
            io.BytesIO(data),
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
        try:
            data = path.read_bytes()
        except OSError as exc:
            return self._refuse(url, f"it cannot be read ({exc.strerror}); check its permissions")
        self._read(url, file_state(path, data))
        if path.suffix.lower() in RASTER_SUFFIXES:
            self._check_image(url, data)
        mime, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            path.as_uri(), io.BytesIO(data), {"Content-Type": mime or "application/octet-stream"}
        )

    def _check_image(self, url: str, data: bytes) -> None:
        """Refuse an image that cannot be read, or is too large to decode, from its header."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(data)) as image:
                    width, height = image.size
                    image.verify()
        except Image.DecompressionBombError:
            width = height = 0
            self._refuse(url, "it has far too many pixels for a printed page; save a smaller copy")
        except Exception:  # Pillow raises many kinds for damaged files
            self._refuse(
                url,
                "it is not an image medialit can read (damaged, or not the kind its name says); "
                "save it again as PNG or JPEG",
            )
        if width * height > MAX_IMAGE_PIXELS:
            self._refuse(
                url,
                f"it is {width:,} × {height:,} pixels, more than the {MAX_IMAGE_PIXELS:,} a "
                "printed page can use; save a smaller copy (a logo needs about 600 pixels across)",
            )
