"""Keep laid-out documents, so that a rebuild whose HTML has not changed skips WeasyPrint.

A new roster or a second class changes the cover and the name tags, not the
worksheets and keys: their layouts (the slow part of a build) are reused.

An entry is found by a key made of everything a layout is computed from
before any file is read: the HTML, the folders it may load files from,
whether the PDF is dated, and the versions of WeasyPrint, pydyf, Python and
medialit, with the layout options (:data:`medialit.layout.reuse.PDF_OPTIONS`) and the
system's font set-up. The entry then lists every address the layout asked
for (fonts, images, stylesheets) with a fingerprint of what the layout read
there, taken as it read it (``fingerprints.py``); an entry is used only if every one of
them is unchanged. So a changed template, theme, font, image or setting misses, and a stale
layout is never served. What is stored are the PDF's objects before their date and trailer
(:func:`medialit.layout.pdf.pdf_from_pages`), so a reused layout gives the same
bytes as a fresh one.

The cache lives in ``$XDG_CACHE_HOME/medialit/`` (``~/.cache/medialit/``),
is bounded in size (least recently used entries go first), is written
atomically, and records which working folders use each entry, for
``medialit clean``. Its format is versioned (:data:`FORMAT`, and the kept
pages' own :data:`medialit.layout.kept_pages.MAGIC`): an entry that is damaged,
cut short, of another format or written by another medialit is a miss,
ignored and replaced; a cache that cannot be read or written never stops a
build. It is used only with the WeasyPrint and pydyf versions medialit is
tested with (``layout/internals.py``); with others, the build says so and
lays every document out afresh.

Nobody but the teacher may change it (``cache_safety.py`` checks the folders,
and never follows a link in it), and each entry is signed with a secret kept
in it (HMAC-SHA256), so an entry that this account's medialit did not write is
never used. A cache that fails those checks is not used, and the build says why.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from medialit import __version__
from medialit.layout import cache_safety as safety
from medialit.layout import page_fill
from medialit.layout.any_folder import ANY_FOLDER
from medialit.layout.cache_place import MAX_BYTES as MAX_BYTES
from medialit.layout.cache_place import MAX_BYTES_VARIABLE as MAX_BYTES_VARIABLE
from medialit.layout.cache_place import cache_folder as cache_folder
from medialit.layout.cache_place import max_bytes as bound
from medialit.layout.fingerprints import fingerprint
from medialit.layout.internals import untested_versions

FORMAT = "layouts-3"
"""The folder this format's entries are kept in, and said in each entry's description."""
OLD_FORMATS = ("layouts-1", "layouts-2")
"""Where older medialit versions kept layouts (1: pickles; 2: states taken after the
layout, not as it read each file): removed on first use."""
KEY = "key"
"""The file, in the format's folder, holding the secret that entries are signed with."""
_FILL = f"fill at {page_fill.MEASURE_SCALE}"  # a fill measured at another scale: measured again
PAGES = ".pages"
ABOUT = ".json"
# Font installations rewrite these; WeasyPrint may fall back to system fonts.
FONT_SET_UP = (Path("/etc/fonts"), Path("/var/cache/fontconfig"), Path("/usr/share/fonts"))


@dataclass(frozen=True)
class CachedLayout:
    """A layout found in the cache: its kept pages and what its fetcher refused."""

    pages: bytes
    refused: list[str]
    boxes: list[list[object]] | None = None
    """A measured layout's marked boxes (``build --markable``); None when none were kept."""
    fill: tuple[int, float] | None = None
    """Its pages and how full its last page is (``page_fill.py``), if kept with it."""


def layout_key(
    html: str, base_folder: Path | None, allowed_folders: Sequence[Path], dated: bool
) -> str:
    """The key of a layout: everything it depends on before it reads a file; with no folders,
    the key of its layout from any folder (``any_folder.py``)."""
    # not .pdf nor .tagging: a rebuild that finds every layout kept loads no WeasyPrint
    from medialit.layout.reuse import PDF_OPTIONS, PDFUA
    from medialit.layout.reuse import TAGGING_REVISION as REVISION

    digest = hashlib.sha256()
    for part in (
        FORMAT,
        __version__,
        installed_version("weasyprint"),
        installed_version("pydyf"),
        sys.version,
        json.dumps(PDF_OPTIONS, sort_keys=True),
        f"{REVISION} {PDFUA}",
        _font_set_up(),
        str(base_folder.resolve()) if base_folder is not None else ANY_FOLDER,
        *sorted(str(folder.resolve()) for folder in allowed_folders),
        "dated" if dated else "undated",
        html,
    ):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class LayoutCache:
    """The layouts kept in one cache folder, used on behalf of one working folder.

    Before anything in the folder is read, written or removed, the folder is
    checked (``cache_safety.py``); if it, or anything found in it later, may not
    be used, :attr:`refused` says why, and the cache does nothing more.
    """

    format = FORMAT
    """The folder its entries are kept in, said and signed in each (another for kept HTML)."""
    old_formats: tuple[str, ...] = OLD_FORMATS
    suffix = PAGES

    def __init__(
        self, folder: Path | None = None, owner: Path | None = None, max_bytes: int | None = None
    ) -> None:
        self.root = folder or cache_folder()
        self.folder = self.root / self.format
        self.owner = str((owner or Path.cwd()).resolve())
        self.max_bytes = bound() if max_bytes is None else max_bytes
        self.refused: str | None = None
        """Why the cache is not used (a sentence saying what to do), once it is not."""
        self.skipped: list[str] = []
        """What was found in the cache folder and left alone (links), each with what to do."""
        self._checked = False
        self._key = b""

    def get(self, key: str) -> CachedLayout | None:
        """The layout kept under ``key``, if every file it read is unchanged; else None."""
        if not self._tested() or not self._open(create=True):
            return None
        about_file, pages_file = self._files(key)
        try:
            if not safety.subfolder(about_file.parent, self.root, create=False):
                return None
            about = safety.entry_about(safety.read_private(about_file, self.root), self.format)
            if about is None or not hmac.compare_digest(about["mac"], self._mac(key, about)):
                raise ValueError("damaged, of another format, or not kept by this medialit")
            if any(fingerprint(url) != state for url, state in about["fetched"]):
                return None  # a font, image or stylesheet changed: lay out again
            pages = safety.read_private(pages_file, self.root)
            if hashlib.sha256(pages).hexdigest() != about["pages"]:
                raise ValueError("damaged")
        except FileNotFoundError:
            return None
        except safety.CacheRefused as exc:
            self._refuse(exc)
            return None
        except (OSError, ValueError):
            self.forget(key)  # damaged: ignored, and replaced by the next layout
            return None
        refused: list[str] = about["refused"]
        boxes: list[list[object]] | None = about.get("boxes")
        owners = set(about["owners"])
        try:
            if self.owner not in owners:
                about["owners"] = sorted({*owners, self.owner})
                safety.write_private(about_file, json.dumps(about).encode(), self.root)
            else:
                os.utime(about_file, follow_symlinks=False)  # most recently used
        except safety.CacheRefused as exc:
            self._refuse(exc)
        except OSError:
            pass
        return CachedLayout(pages, refused, boxes, self._fill(key, about))

    def put(
        self,
        key: str,
        pages: bytes,
        refused: Sequence[str],
        fetched: Sequence[tuple[str, str]],
        boxes: Sequence[Sequence[object]] | None = None,
        fill: tuple[int, float] | None = None,
    ) -> None:
        """Keep a layout (the pages first, then what describes them), then keep to the bound.

        ``fetched`` is every address the layout asked for, with its state as the layout
        read it (``fingerprints.py``); ``boxes``, a measured layout's marked boxes; ``fill``,
        its pages and how full its last page is, so that a second class need not measure it.
        """
        if not pages or not self._tested() or not self._open(create=True):
            return
        about: dict[str, object] = {
            "format": self.format,
            "pages": hashlib.sha256(pages).hexdigest(),
            "refused": list(refused),
            "fetched": [[url, state] for url, state in fetched],
            "owners": [self.owner],
        }
        if boxes is not None:
            about["boxes"] = [list(box) for box in boxes]
        if fill is not None:
            # signed apart, so that a medialit that keeps no fill still takes the entry as its own
            measured = [fill[0], fill[1]]
            signature = self._sign([self.format, key, about["pages"], _FILL, measured])
            about["fill"] = [*measured, signature]
        about["mac"] = self._mac(key, about)
        about_file, pages_file = self._files(key)
        try:
            safety.subfolder(about_file.parent, self.root, create=True)
            safety.write_private(pages_file, pages, self.root)
            safety.write_private(about_file, json.dumps(about).encode(), self.root)
        except safety.CacheRefused as exc:
            self._refuse(exc)
            return
        except OSError:
            return
        self.evict()

    def forget(self, key: str) -> None:
        """Remove the entry kept under ``key`` (damaged, or of no more use)."""
        about_file, _ = self._files(key)
        try:
            if safety.subfolder(about_file.parent, self.root, create=False):
                self._remove(key)
        except safety.CacheRefused as exc:
            self._refuse(exc)
        except OSError:
            pass

    def evict(self) -> None:
        """Remove the least recently used entries until the cache is within its bound."""
        if not self._open(create=False):
            return
        entries = sorted(self._entries(), key=lambda entry: entry[1])
        if self.skipped:  # the teacher (or a tool) put a link there: say so, and stop using it
            self._refuse(safety.CacheRefused(self.skipped[0]))
            return
        total = sum(size for _, _, size in entries)
        for key, _, size in entries:
            if total <= self.max_bytes:
                break
            self._remove(key)
            total -= size

    def remove_owner(self, owner: Path) -> tuple[int, int]:
        """Remove every entry a working folder used; return how many, and how many bytes.

        Links, and files that are not the teacher's alone, are left alone (and listed in
        :attr:`skipped`).
        """
        if not self._open(create=False):
            return 0, 0
        name = str(owner.resolve())
        removed = freed = 0
        for key, _, size in list(self._entries()):
            about_file, _ = self._files(key)
            try:
                about = safety.entry_about(safety.read_private(about_file, self.root), self.format)
            except safety.CacheRefused as exc:
                if str(exc) not in self.skipped:
                    self.skipped.append(str(exc))
                continue
            except OSError:
                about = None
            # Damaged, of another format, or alone: of no use to anyone.
            owners = [name] if about is None else about["owners"]
            if name in owners:
                self._remove(key)
                removed += 1
                freed += size
        return removed, freed

    def _open(self, create: bool) -> bool:
        """Whether the cache may be used: its folders are checked once (made with ``create``)."""
        if self.refused is not None:
            return False
        if self._checked:
            return True
        try:
            root = safety.prepare(self.root, create)
            if root is None:
                return False
            # Used from now on where it was checked, whatever a link to it may come to name.
            self.root, self.folder = root, root / self.format
            if not safety.subfolder(self.folder, self.root, create):
                return False
            if create:
                self._key = safety.signing_key(self.folder / KEY, self.root)
                for old in self.old_formats:
                    safety.remove_old_layouts(self.root / old, (PAGES, ABOUT))
        except safety.CacheRefused as exc:
            self._refuse(exc)
            return False
        except OSError:
            return False  # no cache to be had (a read-only home): build without one, as ever
        self._checked = True
        return True

    def _tested(self) -> bool:
        """Whether WeasyPrint and pydyf are versions medialit is tested with; if not, the
        cache is refused, saying so once.
        """
        problem = untested_versions()
        if problem is not None:
            self._refuse(safety.CacheRefused(problem))
        return problem is None

    def _refuse(self, problem: safety.CacheRefused) -> None:
        if self.refused is None:
            self.refused = str(problem)

    def _mac(self, key: str, about: dict[str, object]) -> str:
        """What binds an entry to its key and to this account's cache (the key file)."""
        signed = [self.format, key, about["pages"], about["refused"], about["fetched"]]
        if "boxes" in about:  # kept since build --markable: entries without them sign as before
            signed.append(about["boxes"])
        return self._sign(signed)

    def _sign(self, signed: object) -> str:
        if not self._key:
            self._key = safety.signing_key(self.folder / KEY, self.root)
        return hmac.new(self._key, json.dumps(signed).encode(), "sha256").hexdigest()

    def _fill(self, key: str, about: dict[str, Any]) -> tuple[int, float] | None:
        """The kept fill, signed apart (:meth:`put`); None when there is none or it is wrong."""
        kept = about.get("fill")
        if not isinstance(kept, list) or [type(value) for value in kept] != [int, float, str]:
            return None
        signature = self._sign([self.format, key, about["pages"], _FILL, kept[:2]])
        return (kept[0], kept[1]) if hmac.compare_digest(kept[2], signature) else None

    def _entries(self) -> Iterator[tuple[str, float, int]]:
        """Every entry as (key, last use, size in bytes); lone pages count as unused.

        Links are neither followed nor listed as entries; they go to :attr:`skipped`.
        """
        for folder in safety.scan(self.folder, self.skipped, folders=True):
            files = {entry.name: entry for entry in safety.scan(Path(folder.path), self.skipped)}
            for name, pages_file in files.items():
                if (
                    not name.endswith(self.suffix)
                    or not name.startswith(folder.name)  # elsewhere, its folder would be another
                    or not pages_file.is_file(follow_symlinks=False)
                ):
                    continue
                key = name.removesuffix(self.suffix)
                about_file = files.get(key + ABOUT)
                try:
                    size = pages_file.stat(follow_symlinks=False).st_size
                    if about_file is None or not about_file.is_file(follow_symlinks=False):
                        yield key, 0.0, size
                        continue
                    about = about_file.stat(follow_symlinks=False)
                except OSError:
                    continue
                yield key, about.st_mtime, size + about.st_size

    def _files(self, key: str) -> tuple[Path, Path]:
        folder = self.folder / key[:2]
        return folder / f"{key}{ABOUT}", folder / f"{key}{self.suffix}"

    def _remove(self, key: str) -> None:
        # unlink removes a link itself, never its target; a folder that is a link is left.
        if os.path.islink(self.folder / key[:2]):
            return
        for file in self._files(key):
            with contextlib.suppress(OSError):
                file.unlink(missing_ok=True)


def open_cache() -> LayoutCache | None:
    """The user's layout cache, or None when there is no home or working folder to use."""
    try:
        return LayoutCache()
    except (OSError, RuntimeError):  # no home folder, or the working folder was removed
        return None


def installed_version(distribution: str) -> str:
    """``distribution``'s installed version, part of a kept entry's key ("unknown": none)."""
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
