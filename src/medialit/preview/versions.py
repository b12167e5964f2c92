"""A lesson file's bytes, the text they hold and their version (the fingerprint a page quotes).

Equal bytes, equal version: an edit must quote the version of the file it starts from.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from pathlib import Path

from medialit.errors import LessonError
from medialit.lesson.text import MAX_FILE_BYTES, decode_lesson


@dataclass(frozen=True)
class LessonText:
    """A lesson file's text and the version a page must quote to change it.

    ``text`` is ``None`` when the bytes cannot be a lesson (not UTF-8, too large):
    :func:`~medialit.lesson.reading.read_lesson` then reads the file itself and says why.
    """

    text: str | None
    version: str
    bom: bool = False
    data: bytes = b""


def version_of(data: bytes) -> str:
    """A short fingerprint of a file's bytes: equal bytes, equal version."""
    return hashlib.sha256(data).hexdigest()[:16]


def read_version(path: Path) -> LessonText:
    """The lesson file as it is on disk now, with its version."""
    with path.open("rb") as stream:
        return lesson_text(stream.read(MAX_FILE_BYTES + 1), path)


def lesson_text(data: bytes, path: Path) -> LessonText:
    """``data`` (the bytes of the lesson file ``path``) as :func:`read_version` reads them."""
    text: str | None = None
    if len(data) <= MAX_FILE_BYTES:
        with contextlib.suppress(LessonError):  # read_lesson gives the message, with the line
            text = decode_lesson(data, path)
    return LessonText(text, version_of(data), data.startswith(b"\xef\xbb\xbf"), data)
