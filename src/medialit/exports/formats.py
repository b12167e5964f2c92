"""The registry of export formats: one row per format (its name, its file, a line of help and
its writer), read by ``medialit export`` and by :mod:`.export`, so a new format is one row here.

The CLI lists the formats for ``--help`` from this module alone: each writer loads its
module (and the quiz, key and build it needs) only when a lesson is exported.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from medialit.layout.creation_date import creation_time

if TYPE_CHECKING:  # types only: the CLI loads this module to list the formats, nothing more
    from medialit.exports.quiz import Quiz
    from medialit.lesson.reading import CheckedLesson

Writer = Callable[["Quiz", "CheckedLesson", "datetime.datetime | None"], bytes]
"""Writes one version's quiz of a lesson; the date, if given, goes into the file."""


@dataclass(frozen=True)
class Format:
    """A platform's format: the file it writes (``moodle`` + ``.xml``) and its writer."""

    name: str
    """As ``--format`` takes it, and the start of its files' names (``moodle-B.xml``)."""
    suffix: str
    help: str
    """What it is, for ``medialit export --help``."""
    write: Writer

    @property
    def stem(self) -> str:
        """The file's name without its suffix, for one version: ``moodle``."""
        return self.name


def _moodle(quiz: Quiz, _lesson: CheckedLesson, _created: datetime.datetime | None) -> bytes:
    from medialit.exports.moodle import moodle_xml

    return moodle_xml(quiz)


def _qti(quiz: Quiz, lesson: CheckedLesson, created: datetime.datetime | None) -> bytes:
    from medialit.exports.qti import qti_package

    return qti_package(quiz, created or creation_time())


def _canvas(quiz: Quiz, _lesson: CheckedLesson, created: datetime.datetime | None) -> bytes:
    from medialit.exports.canvas import canvas_package

    return canvas_package(quiz, created or creation_time())


FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("moodle", ".xml", "a Moodle XML quiz", _moodle),
        Format("qti", ".zip", "a QTI 2.1 package for Canvas and others", _qti),
        Format("canvas", ".zip", "a QTI 1.2 package as Canvas classic quizzes import it", _canvas),
    )
}
"""Every format ``medialit export --format`` knows, by name."""


def formats_help() -> str:
    """``moodle: a Moodle XML quiz; qti: …``, for ``--help``."""
    return "; ".join(f"{fmt.name}: {fmt.help}" for fmt in FORMATS.values()) + "."
