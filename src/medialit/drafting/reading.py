"""Read a source for ``medialit new``: a file or standard input, refused early when unusable.

A source is refused before anything is written: an empty file, a binary file, one too
large for a lesson, or one whose encoding cannot be read. A page's declared charset is
read as browsers read it (the WHATWG Encoding Standard's labels, with ``webencodings``):
a label that names no text encoding (``punycode``, ``base64``, ``utf-7``) is ignored.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

import webencodings

from medialit.errors import MedialitError, Problem

STDIN = "-"
MAX_PAGE_BYTES = 5_000_000
"""A saved page carries markup, styles and scripts around the article, so it may be larger."""
MAX_TEXT_CHARS = 200_000
"""The same limit as a lesson's article (``medialit.lesson.reading.MAX_ARTICLE_CHARS``)."""
WEB_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")

SourceKind = Literal["page", "text"]

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# www.example.com/news/story: an address typed without https://, not a file.
_ADDRESS_WITHOUT_SCHEME = re.compile(r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}/", re.I)
_LOOKS_LIKE_HTML = re.compile(rb"^\s*(<!doctype html|<html|<head|<body)", re.I)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
SAVE_ADVICE = (
    "open the page in your browser, save it there (File > Save Page As, as a web page, HTML "
    "only) and run medialit new on the saved file"
)
"""What to do when a page cannot be fetched or read (here, not in webfetch: a saved page's
messages give it too, and `new` on a file should not load the network modules)."""


def is_web_address(source: str) -> bool:
    """Whether SOURCE is written as an address (``https://…``, ``ftp://…``), not a file."""
    return bool(_SCHEME.match(source))


class SourceError(MedialitError):
    """A source given to ``medialit new`` cannot become a lesson."""


@dataclass(frozen=True)
class SourceFile:
    """The source as received (``data``, kept byte for byte) and as text."""

    name: str
    """The file as the teacher named it, or ``standard input``."""
    path: Path | None
    data: bytes
    text: str
    kind: SourceKind

    @property
    def suffix(self) -> str:
        """The seed file's extension."""
        if self.path is not None and self.path.suffix:
            return self.path.suffix.lower()
        return ".html" if self.kind == "page" else ".txt"


def read_source(source: str, stdin: BinaryIO) -> SourceFile:
    """Read SOURCE (a path, or ``-`` for ``stdin``) and decode it, or raise :class:`SourceError`."""
    if source == STDIN:
        data = stdin.read(MAX_PAGE_BYTES + 1)
        return _decoded("standard input", None, data, _sniff(data))
    path = Path(source)
    try:
        if not path.is_file():
            address = _ADDRESS_WITHOUT_SCHEME.match(source)
            hint = f", or write the address in full: https://{source}" if address else ""
            raise SourceError(
                Problem(f"there is no such file; name a saved web page or a text file{hint}.", path)
            )
        with path.open("rb") as stream:
            data = stream.read(MAX_PAGE_BYTES + 1)
    except OSError as exc:
        raise SourceError(
            Problem(f"the file cannot be read ({exc.strerror}); check its permissions.", path)
        ) from None
    suffix = path.suffix.lower()
    if suffix in WEB_SUFFIXES:
        kind: SourceKind = "page"
    elif suffix in TEXT_SUFFIXES:
        kind = "text"
    else:
        kind = _sniff(data)
    return _decoded(str(path), path, data, kind)


def read_fetched(url: str, data: bytes, kind: SourceKind, served: str | None) -> SourceFile:
    """A fetched page (:mod:`medialit.drafting.webfetch`), decoded as a browser would: the
    character set the site declared (``served``) wins over one the page declares."""
    return _decoded(url, None, data, kind, served)


def _sniff(data: bytes) -> SourceKind:
    return "page" if _LOOKS_LIKE_HTML.match(data[:1000].lstrip(b"\xef\xbb\xbf")) else "text"


def _refuse(name: str, message: str) -> SourceError:
    return SourceError(f"{name}: {message}")


def _decoded(
    name: str, path: Path | None, data: bytes, kind: SourceKind, served: str | None = None
) -> SourceFile:
    if not data.strip():
        raise _refuse(name, "the file is empty; save the article's page or text into it first.")
    if len(data) > MAX_PAGE_BYTES:
        raise _refuse(
            name,
            f"the file is larger than {MAX_PAGE_BYTES // 1_000_000} MB, too large for one "
            "article; save only the article's page, or paste an excerpt into a text file.",
        )
    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _refuse(
            name,
            "this is not a web page or a text file (it holds binary data); save the article "
            "as a web page (.html) or copy its text into a .txt file.",
        )
    encoding = _encoding(name, data, kind, served)
    try:
        text = data.decode(encoding.codec)
    except UnicodeDecodeError:
        why = f"the text cannot be read as {encoding.name}"
        if encoding.ignored:
            why = (
                f"the page declares the character set {encoding.ignored!r}, which web pages "
                f"cannot use, and its text cannot be read as {encoding.name}"
            )
        raise _refuse(name, f"{why}; open it in a text editor and save it as UTF-8.") from None
    if kind == "text" and len(text) > MAX_TEXT_CHARS:
        raise _refuse(
            name,
            f"the text has {len(text):,} characters, more than the {MAX_TEXT_CHARS:,} a lesson "
            "can hold; keep only the article, or an excerpt of it.",
        )
    return SourceFile(name, path, data, text.replace("\r\n", "\n").replace("\r", "\n"), kind)


@dataclass(frozen=True)
class _Encoding:
    codec: str
    """Python's name for it."""
    name: str
    """The name a teacher sees."""
    ignored: str | None = None
    """A declared label that names no encoding a browser knows, ignored as browsers do."""


_UTF8 = _Encoding("utf-8-sig", "UTF-8")
# The HTML standard's changes to a charset declared in the page (encoding sniffing).
_DECLARED_INSTEAD = {"utf-16le": "utf-8", "utf-16be": "utf-8", "x-user-defined": "windows-1252"}


def _encoding(name: str, data: bytes, kind: SourceKind, served: str | None) -> _Encoding:
    """UTF-8 (with or without a byte order mark), UTF-16 with one, or the declared charset:
    the site's (``served``, in its Content-Type), else the page's own."""
    # Not files.decode_text: a teacher's own files (lessons, settings, rosters, cues) must be
    # UTF-8, but a saved web page or a text from elsewhere comes in whatever it declares.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _Encoding("utf-16", "UTF-16")
    if data.startswith(codecs.BOM_UTF8):
        return _UTF8
    if served and webencodings.lookup(served) is not None:
        return _declared(name, served)
    if kind != "page":
        return _UTF8
    declared = _CHARSET.search(data[:4096])
    if not declared:
        return _UTF8
    return _declared(name, declared.group(1).decode("ascii"))


def _declared(name: str, label: str) -> _Encoding:
    # Only the Encoding Standard's labels: Python's codecs also "decode" punycode, base64,
    # zip or rot13, some of them in quadratic time, and raise errors no teacher can act on.
    known = webencodings.lookup(label)
    if known is None:
        return _Encoding("utf-8-sig", "UTF-8", ignored=label)
    if known.name == "replacement":
        raise _refuse(
            name,
            f"the page declares the character set {label!r}, which browsers refuse to read "
            "(it has been used to hide scripts); open it in a text editor and save it as UTF-8.",
        )
    whatwg = _DECLARED_INSTEAD.get(known.name, known.name)
    codec = "utf-8-sig" if whatwg == "utf-8" else webencodings.lookup(whatwg).codec_info.name
    return _Encoding(codec, whatwg.upper())
