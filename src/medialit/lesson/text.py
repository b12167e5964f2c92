"""Read a lesson file's text, refusing what cannot be a lesson before parsing it.

The one place that says how large a lesson may be and what a lesson file that is
not UTF-8 text gets told; the loader, the glyph check and the preview read through it.
"""

from __future__ import annotations

from pathlib import Path

from medialit.errors import LessonError, Problem
from medialit.files import SAVE_AS_UTF8, decode_text, read_text

# The article is capped at 200,000 characters; with 500 annotations a lesson
# stays well under this. Checked before parsing, which is slow for huge files.
MAX_FILE_BYTES = 1_000_000
_UNREADABLE = "the file cannot be read ({reason}); check its permissions."
_NOT_UTF8 = (
    f"the file is not UTF-8 text (byte {{byte}} cannot be read); if it is a lesson, {SAVE_AS_UTF8}."
)


def read_lesson_text(file: Path) -> str:
    """The file's text, refusing what cannot be a lesson before reading it whole."""
    try:
        if file.is_dir():
            raise LessonError(Problem("this is a folder, not a lesson file.", file=file))
        if not file.exists():
            raise LessonError(Problem("no such file; check the path.", file=file))
        if not file.is_file():
            raise LessonError(Problem("this is not a regular file; name a lesson file.", file=file))
    except OSError as exc:
        raise LessonError(Problem(_UNREADABLE.format(reason=exc.strerror), file=file)) from None
    return read_text(
        file,
        LessonError,
        unreadable=_UNREADABLE,
        not_utf8=_NOT_UTF8,
        max_bytes=MAX_FILE_BYTES,
        too_large=too_large(file).message,
    )


def decode_lesson(data: bytes, file: Path) -> str:
    """A lesson's bytes already read as text, refused as :func:`read_lesson_text` refuses them."""
    return decode_text(data, file, LessonError, _NOT_UTF8)


def too_large(file: Path) -> Problem:
    """The file is larger than a lesson may be."""
    return Problem(
        f"the file is larger than the {MAX_FILE_BYTES:,} bytes a lesson may have; "
        "check it is a medialit lesson, and use an excerpt of a long article.",
        file=file,
    )


def utf8_bytes(text: str) -> int:
    """The size of ``text`` in UTF-8, the unit of :data:`MAX_FILE_BYTES`; ASCII is not encoded."""
    # surrogatepass: a YAML escape such as "\ud800" gives a lone surrogate (3 bytes).
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
