"""What a build or an export of several lessons did: each lesson's result, every failure.

Both commands check every lesson's output folder before any work
(:func:`output_folder_problems`) and go on past a lesson that fails
(:func:`each_lesson`), so that one wrong lesson never stops the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from medialit.build.output_marker import refuse_earlier_lesson
from medialit.errors import MedialitError, OutputError, Problem
from medialit.files import refuse_links

COPIES_FOLDER = "copies"
T = TypeVar("T")


@dataclass
class BuildResult:
    """What one lesson's build wrote, and any resources it refused to load."""

    lesson: Path
    outputs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildReport:
    """The outcome of building several lessons: every success and every failure."""

    results: list[BuildResult] = field(default_factory=list)
    failures: list[tuple[Path, MedialitError]] = field(default_factory=list)


def each_lesson(
    lesson_files: Sequence[Path], out: Path, report: BuildReport, work: Callable[[Path], T]
) -> Iterator[tuple[Path, T]]:
    """``work`` done on each lesson whose output folder can be its own, in order.

    A refused folder or a :class:`MedialitError` from ``work`` is recorded in
    ``report`` and the next lesson is tried.
    """
    refused = output_folder_problems(lesson_files, out)
    for lesson_file in lesson_files:
        if lesson_file in refused:
            report.failures.append((lesson_file, refused[lesson_file]))
            continue
        try:
            done = work(lesson_file)
        except MedialitError as exc:
            report.failures.append((lesson_file, exc))
            continue
        yield lesson_file, done


def output_folder_problems(lesson_files: Sequence[Path], out: Path) -> dict[Path, OutputError]:
    """Lessons whose output folder (``out/<file name without .yaml>``) cannot be theirs.

    A name such as ``..`` would write outside ``out``; two lessons with one name
    (``lunch.yaml`` and ``lunch.yml``) would overwrite each other's sheets, in one build
    or in two (the folder's marker names the lesson that made it); a link below ``out``
    would take the sheets out of it. Checked before the slow layout; finishing checks again.
    """
    problems: dict[Path, OutputError] = {}
    by_folder: dict[str, list[Path]] = {}
    for file in lesson_files:
        name = file.stem
        if name in ("", ".", "..") or Path(name).name != name:
            problems[file] = OutputError(
                Problem(
                    f'"{name}" cannot be the name of an output folder (the sheets would land '
                    "outside the output folder); rename the lesson file, e.g. to lesson.yaml.",
                    file=file,
                )
            )
            continue
        by_folder.setdefault(name.casefold(), []).append(file)
    for files in by_folder.values():
        for file in files if len(files) > 1 else ():
            others = ", ".join(str(other) for other in files if other != file)
            problems[file] = OutputError(
                Problem(
                    f"this lesson and {others} would both be written to {out / file.stem}; "
                    "rename one of them so that each has its own output folder.",
                    file=file,
                )
            )
    for file in lesson_files:
        if file not in problems:
            try:
                refuse_links(out, out / file.stem / COPIES_FOLDER)
                refuse_earlier_lesson(out / file.stem, file)
            except OutputError as exc:
                problems[file] = exc
    return problems
