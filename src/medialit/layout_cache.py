"""Keep laid-out documents, so that a rebuild whose HTML has not changed skips WeasyPrint.

A new roster or a second class changes the cover and the name tags, not the
worksheets and keys: their layouts (the slow part of a build) are reused.

An entry is found by a key made of everything a layout is computed from
before any file is read: the HTML, the folders it may load files from,
whether the PDF is dated, and the versions of WeasyPrint, pydyf, Python and
medialit, with the layout options (:data:`medialit.pdf.PDF_OPTIONS`) and the
system's font set-up. The entry then lists every address the layout asked
for (fonts, images, stylesheets) with a fingerprint of what it found there;
an entry is used only if every one of them is unchanged. So a changed
template, theme, font, image or setting misses, and a stale layout is never
served. What is stored are the PDF's objects before their date and trailer
(:func:`medialit.pdf.pdf_from_pages`), so a reused layout gives the same
bytes as a fresh one.

The cache lives in ``$XDG_CACHE_HOME/medialit/`` (``~/.cache/medialit/``),
is bounded in size (least recently used entries go first), is written
atomically, and records which working folders use each entry, for
``medialit clean``. A damaged entry is ignored and replaced; a cache that
cannot be read or written never stops a build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from . import __version__
from .errors import MedialitError
from .files import write_atomically

FORMAT = "layouts-1"
MAX_BYTES = 500 * 1024 * 1024
"""The default size bound; ``MEDIALIT_CACHE_MAX_MB`` changes it."""
MAX_BYTES_VARIABLE = "MEDIALIT_CACHE_MAX_MB"
PAGES = ".pages"
ABOUT = ".json"
# Font installations rewrite these; WeasyPrint may fall back to system fonts.
FONT_SET_UP = (Path("/etc/fonts"), Path("/var/cache/fontconfig"), Path("/usr/share/fonts"))


def cache_folder(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_CACHE_HOME/medialit``, or ``~/.cache/medialit`` when it is unset or relative."""
    environ = dict(os.environ) if environ is None else environ
    base = environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "medialit"


@dataclass(frozen=True)
class CachedLayout:
    """A layout found in the cache: its kept pages and what its fetcher refused."""

    pages: bytes
    refused: list[str]


def layout_key(html: str, base_folder: Path, allowed_folders: Sequence[Path], dated: bool) -> str:
    """The key of a layout: everything it depends on before it reads a file."""
    from .pdf import PDF_OPTIONS

    digest = hashlib.sha256()
    for part in (
        FORMAT,
        __version__,
        _version("weasyprint"),
        _version("pydyf"),
        sys.version,
        json.dumps(PDF_OPTIONS, sort_keys=True),
        _font_set_up(),
        str(base_folder.resolve()),
        *sorted(str(folder.resolve()) for folder in allowed_folders),
        "dated" if dated else "undated",
        html,
    ):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def fingerprint(url: str) -> str:
    """What is at ``url`` now, as far as a layout is concerned.

    A file's resolved place and the hash of its bytes (or that it is missing);
    a medialit package file's hash. Other addresses (``data:`` images, the
    network, which is always refused) carry no state outside the HTML.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "file":
        path = Path(url2pathname(parts.path)).resolve()
        return f"{path}:{_file_hash(path)}"
    if scheme == "medialit":
        resource = resources.files("medialit")
        for part in unquote(parts.path).lstrip("/").split("/"):
            resource = resource / part
        try:
            return hashlib.sha256(resource.read_bytes()).hexdigest()
        except (OSError, ValueError):
            return "missing"
    return ""


class LayoutCache:
    """The layouts kept in one cache folder, used on behalf of one working folder."""

    def __init__(
        self, folder: Path | None = None, owner: Path | None = None, max_bytes: int | None = None
    ) -> None:
        self.folder = (folder or cache_folder()) / FORMAT
        self.owner = str((owner or Path.cwd()).resolve())
        self.max_bytes = _max_bytes() if max_bytes is None else max_bytes

    def get(self, key: str) -> CachedLayout | None:
        """The layout kept under ``key``, if every file it read is unchanged; else None."""
        about_file, pages_file = self._files(key)
        try:
            about = json.loads(about_file.read_text(encoding="utf-8"))
            fetched: list[list[str]] = about["fetched"]
            if any(fingerprint(url) != state for url, state in fetched):
                return None  # a font, image or stylesheet changed: lay out again
            pages = pages_file.read_bytes()
            if hashlib.sha256(pages).hexdigest() != about["pages"]:
                raise ValueError("damaged")
            refused = [str(message) for message in about["refused"]]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            self._remove(key)  # damaged: ignored, and replaced by the next layout
            return None
        owners = set(about.get("owners", []))
        try:
            if self.owner not in owners:
                about["owners"] = sorted({*owners, self.owner})
                write_atomically(about_file, json.dumps(about).encode())
            else:
                os.utime(about_file)  # most recently used
        except (OSError, MedialitError):
            pass
        return CachedLayout(pages, refused)

    def put(self, key: str, pages: bytes, refused: Sequence[str], fetched: Sequence[str]) -> None:
        """Keep a layout (the pages first, then what describes them), then keep to the bound."""
        if not pages:
            return
        about = {
            "pages": hashlib.sha256(pages).hexdigest(),
            "refused": list(refused),
            "fetched": [[url, fingerprint(url)] for url in fetched],
            "owners": [self.owner],
        }
        about_file, pages_file = self._files(key)
        try:
            write_atomically(pages_file, pages)
            write_atomically(about_file, json.dumps(about).encode())
        except (OSError, MedialitError):
            return
        self.evict()

    def evict(self) -> None:
        """Remove the least recently used entries until the cache is within its bound."""
        entries = sorted(self._entries(), key=lambda entry: entry[1])
        total = sum(size for _, _, size in entries)
        for key, _, size in entries:
            if total <= self.max_bytes:
                break
            self._remove(key)
            total -= size

    def remove_owner(self, owner: Path) -> tuple[int, int]:
        """Remove every entry a working folder used; return how many, and how many bytes."""
        name = str(owner.resolve())
        removed = freed = 0
        for key, _, size in list(self._entries()):
            about_file, _ = self._files(key)
            try:
                owners = json.loads(about_file.read_text(encoding="utf-8")).get("owners", [])
            except (OSError, ValueError, AttributeError):
                owners = [name]  # damaged or alone: of no use to anyone
            if name in owners:
                self._remove(key)
                removed += 1
                freed += size
        return removed, freed

    def _entries(self) -> Iterator[tuple[str, float, int]]:
        """Every entry as (key, last use, size in bytes); lone pages count as unused."""
        if not self.folder.is_dir():
            return
        for pages_file in self.folder.glob(f"*/*{PAGES}"):
            key = pages_file.name.removesuffix(PAGES)
            about_file = pages_file.with_suffix(ABOUT)
            try:
                size = pages_file.stat().st_size
                about = about_file.stat()
            except FileNotFoundError:
                yield key, 0.0, _size(pages_file)
                continue
            except OSError:
                continue
            yield key, about.st_mtime, size + about.st_size

    def _files(self, key: str) -> tuple[Path, Path]:
        folder = self.folder / key[:2]
        return folder / f"{key}{ABOUT}", folder / f"{key}{PAGES}"

    def _remove(self, key: str) -> None:
        for file in self._files(key):
            with contextlib.suppress(OSError):
                file.unlink(missing_ok=True)


def open_cache() -> LayoutCache | None:
    """The user's layout cache, or None when there is no home or working folder to use."""
    try:
        return LayoutCache()
    except (OSError, RuntimeError):  # no home folder, or the working folder was removed
        return None


def _size(file: Path) -> int:
    try:
        return file.stat().st_size
    except OSError:
        return 0


def _file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return "missing"
    except OSError as exc:
        return f"unreadable {exc.errno}"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"


def _font_set_up() -> str:
    stamps = []
    for folder in FONT_SET_UP:
        try:
            stamps.append(f"{folder}:{folder.stat().st_mtime_ns}")
        except OSError:
            stamps.append(f"{folder}:none")
    return ";".join(stamps)


def _max_bytes() -> int:
    value = os.environ.get(MAX_BYTES_VARIABLE, "").strip()
    try:
        return int(float(value) * 1024 * 1024) if value else MAX_BYTES
    except ValueError:
        return MAX_BYTES
