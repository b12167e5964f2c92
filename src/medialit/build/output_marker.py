"""The mark a build leaves in each lesson's output folder: which lesson file made it.

``build/<lesson>/.made-by-medialit`` is written with the sheets (all or nothing).
It lets ``medialit clean`` remove only folders medialit made, and lets a build
refuse to replace the sheets of another lesson file with the same name
(``lunch.yaml`` built yesterday, ``lunch.yml`` today) instead of silently
overwriting them.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from medialit.errors import OutputError, Problem

MARKER = ".made-by-medialit"
_MAX_BYTES = 64 * 1024  # a marker is a few hundred bytes; a larger file is not ours

# The names of sheets and exports (student.pdf, key-guided-A.html, cover.pdf, qti-B.zip):
# how a lesson folder of a build older than the marker is recognised. And the copies'
# (03-ana.pdf): the only files a class pack's tidying removes from copies/.
KNOWN_OUTPUT = re.compile(
    r"(student|key)(-[^/]+)?\.(pdf|html)|(class-pack|cover)(-[^/]+)?\.pdf"
    r"|moodle(-[^/]+)?\.xml|qti(-[^/]+)?\.zip"
)
COPY_NAME = re.compile(r"\d{2,}-.+\.pdf")


def marker_text(lesson_file: Path, folder: Path, builds: Any = None) -> bytes:
    """The marker for ``folder``: the lesson file, absolute and as seen from the folder.

    Both are kept so that the lesson is still found when the whole working folder
    moves (the relative path holds) or only the output folder does (the absolute one).
    ``builds`` is what each kind of build wrote (:mod:`medialit.build.earlier_sheets`);
    without it (an export), the folder's marker keeps what it said.
    """
    if builds is None:
        builds = marker_record(folder)
    lesson = os.path.abspath(lesson_file)
    record: dict[str, Any] = {
        "made_by": "medialit",
        "lesson": lesson,
        "lesson_from_here": os.path.relpath(lesson, os.path.abspath(folder)),
    }
    if builds is not None:
        record["record"] = builds
    return (json.dumps(record, indent=2) + "\n").encode()


def marker_record(folder: Path) -> Any:
    """What the marker in ``folder`` says the builds wrote (``None`` if it says nothing)."""
    raw = _read_raw(folder)
    return raw.get("record") if raw is not None else None


def has_marker(folder: Path) -> bool:
    """Whether ``folder`` holds a marker that a build wrote (a real file, not a link)."""
    return _read(folder) is not None


def earlier_lesson(folder: Path, lesson_file: Path) -> Path | None:
    """The other lesson file whose sheets ``folder`` holds, if it still exists.

    A lesson file that moved or was renamed since (the recorded path no longer
    exists) is no clash: the teacher's lesson is the one being built.
    """
    record = _read(folder)
    if record is None:
        return None
    candidates = [Path(record.get("lesson", "")), folder / record.get("lesson_from_here", "")]
    existing = [c for c in candidates if c.name and c.is_file()]
    if not existing or any(_same(c, lesson_file) for c in existing):
        return None
    found = os.path.abspath(existing[0])
    here = os.path.relpath(found)
    return Path(found if here.startswith("..") else here)  # as the teacher would type it


def refuse_earlier_lesson(folder: Path, lesson_file: Path) -> None:
    """Raise :class:`OutputError` if ``folder`` holds another lesson file's sheets."""
    earlier = earlier_lesson(folder, lesson_file)
    if earlier is not None:
        raise OutputError(
            Problem(
                f"this lesson and {earlier} (built earlier) would both be written to {folder}; "
                "rename one of them so that each has its own output folder, or delete "
                f"{folder} if the sheets of {earlier} are no longer needed.",
                file=lesson_file,
            )
        )


def _same(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _read(folder: Path) -> dict[str, str] | None:
    record = _read_raw(folder)
    if record is None:
        return None
    return {key: value for key, value in record.items() if isinstance(value, str)}


def _read_raw(folder: Path) -> dict[str, Any] | None:
    marker = folder / MARKER
    try:
        if not stat.S_ISREG(os.lstat(marker).st_mode):
            return None
        with marker.open("rb") as stream:
            record = json.loads(stream.read(_MAX_BYTES + 1))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("made_by") != "medialit":
        return None
    return record
