"""Remove what builds wrote in a working folder's ``build/``, and only that.

A lesson folder in ``build/`` is medialit's when it holds the marker a build writes
(:mod:`medialit.build.output_marker`), or, for a folder built before there was a marker,
when it is named after a lesson in ``lessons/`` and holds a sheet as medialit names
them (``student.pdf``, ``key-core.pdf``, ``class-pack.pdf``). Anything else there
(another tool's ``build/html``, a link, a loose file) is left alone and named; a
lesson folder of medialit's that also holds the teacher's own files stops the
clean before anything is removed. No link is followed.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from medialit.build.output_marker import KNOWN_OUTPUT, MARKER, has_marker
from medialit.errors import OutputError, Problem
from medialit.files import link_target
from medialit.lesson.reading import LESSON_SUFFIXES
from medialit.sheets.markable import MARKS_FOLDER, RECORD_FOLDER

OUTPUT_FOLDER = "build"
# What builds and exports write in a lesson folder (sheets, Moodle XML, QTI packages).
OUTPUT_SUFFIXES = frozenset({".pdf", ".html", ".xml", ".zip"})


@dataclass
class RemovedOutputs:
    """What :func:`remove_outputs` removed from ``build/``, and what it left."""

    whole: Path | None = None
    """``build/`` itself, when all it held was medialit's and it is gone."""
    lesson_folders: list[Path] = field(default_factory=list)
    files: int = 0
    left: list[tuple[Path, str]] = field(default_factory=list)
    """What stays in ``build/``, each with why."""


def remove_outputs(folder: Path) -> RemovedOutputs:
    """Remove the lesson folders medialit made in ``folder/build``, then ``build/`` if empty."""
    outputs = folder / OUTPUT_FOLDER
    removed = RemovedOutputs()
    if not outputs.is_symlink() and not outputs.exists():
        return removed
    if outputs.is_symlink():
        raise OutputError(
            Problem(
                f"this is a link{link_target(outputs)}, and clean follows no link, so it "
                "and what it leads to were left alone; delete the sheets there yourself if you "
                "no longer need them.",
                file=outputs,
            )
        )
    if not outputs.is_dir():
        raise OutputError(
            Problem(
                "this is not a folder of medialit's outputs, so it was left alone; remove it "
                "yourself if you no longer need it.",
                file=outputs,
            )
        )
    lessons = _lesson_names(folder)
    ours: list[Path] = []
    for entry in sorted(_listing(outputs)):
        reason = _not_ours(entry, lessons)
        if reason:
            removed.left.append((entry, reason))
        else:
            ours.append(entry)
    removed.files = sum(_check_lesson_folder(outputs, entry) for entry in ours)
    for entry in ours:
        _remove(entry, shutil.rmtree)
        removed.lesson_folders.append(entry)
    if not removed.left:
        _remove(outputs, Path.rmdir)
        removed.whole = outputs
    return removed


def removed_line(removed: RemovedOutputs) -> str | None:
    """The line that says what was removed from ``build/``, if anything was."""
    if removed.whole is not None:
        return f"removed {removed.whole} ({count(removed.files, 'file')})"
    if removed.lesson_folders:
        names = ", ".join(str(path) for path in removed.lesson_folders)
        return f"removed {names} ({count(removed.files, 'file')})"
    return None


def left_lines(removed: RemovedOutputs) -> list[str]:
    """One line for each thing left in ``build/``, saying why."""
    return [f"left {path}: {reason}" for path, reason in removed.left]


def _not_ours(entry: Path, lessons: set[str]) -> str | None:
    """Why ``entry`` (something in ``build/``) is not a lesson folder medialit made, if not."""
    if entry.is_symlink():
        return "it is a link, and clean follows no link; remove it yourself if you wish."
    if not entry.is_dir():
        return "medialit does not write files here; remove it yourself if you no longer need it."
    if has_marker(entry):
        return None
    if entry.name.casefold() in lessons and any(
        KNOWN_OUTPUT.fullmatch(p.name) and p.is_file() and not p.is_symlink()
        for p in _listing(entry)
    ):
        return None  # built before builds left a marker
    return (
        f"medialit did not make this folder (it holds no {MARKER} file, and no lesson in "
        "lessons/ has its name), so it was not touched; remove it yourself if you no "
        "longer need it."
    )


def _check_lesson_folder(outputs: Path, lesson_folder: Path) -> int:
    """How many files ``lesson_folder`` holds; refuse if any is not what medialit writes."""
    count = 0
    for file in sorted(lesson_folder.rglob("*")):
        if file.is_dir() and not file.is_symlink():
            continue
        ours = file.name == MARKER or file.suffix.lower() in OUTPUT_SUFFIXES
        # A markable build's records (build/<lesson>/markable/<set>.json).
        ours = ours or (file.parent.name == RECORD_FOLDER and file.suffix == ".json")
        marks = lesson_folder / MARKS_FOLDER
        if file.is_relative_to(marks):  # the teacher's marking is never removed with the sheets
            raise OutputError(
                Problem(
                    "this holds the class's marks (medialit mark), which clean does not remove, "
                    "so nothing was removed; move it out of the output folder first (or delete "
                    "it if you no longer need the marks).",
                    file=marks,
                )
            )
        if file.is_symlink() or not ours:
            raise OutputError(
                Problem(
                    f"{outputs} holds files medialit does not write, such as this one, so "
                    "nothing was removed; move your own files out of it first.",
                    file=file,
                )
            )
        count += file.name != MARKER
    return count


def _lesson_names(folder: Path) -> set[str]:
    """The names (without suffix) of the lessons in ``folder/lessons``, case folded."""
    lessons = folder / "lessons"
    if lessons.is_symlink() or not lessons.is_dir():
        return set()
    return {p.stem.casefold() for p in _listing(lessons) if p.suffix in LESSON_SUFFIXES}


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError as exc:
        raise OutputError(
            Problem(f"this folder cannot be read ({exc.strerror}); check its permissions.", folder)
        ) from None


def _remove(path: Path, remove: Callable[[Path], None]) -> None:
    try:
        remove(path)
    except OSError as exc:
        raise OutputError(
            Problem(
                f"cannot remove this folder ({exc.strerror}); check its permissions.", file=path
            )
        ) from None


def count(number: int, thing: str) -> str:
    """``1 file``, ``3 files``: ``thing`` counted, for the lines ``medialit clean`` prints."""
    return f"{number} {thing}{'' if number == 1 else 's'}"
