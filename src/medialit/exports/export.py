"""Export lessons for learning platforms: read, check, build each version's quiz, write.

``medialit export LESSON --format moodle`` writes ``<out>/<lesson>/moodle.xml``
and ``--format qti`` writes ``<out>/<lesson>/qti.zip``; with ``--versions``,
one file per version (``moodle-A.xml``, ``qti-B.zip``), numbered as that
version's worksheet and key are. Files are written together through the
build's atomic writer: a lesson that fails leaves its earlier exports as they were.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..build import BuildReport, BuildResult, output_folder_problems
from ..errors import MedialitError
from ..files import write_all
from ..key_context import key_context
from ..layers import Configuration
from ..lesson import CheckedLesson, read_lesson
from ..output_marker import MARKER, marker_text
from ..selections import select_statements
from ..settings import Settings
from ..variants import Variant, plain_variants, variant_suffix
from .formats import FORMATS, Format
from .quiz import Quiz, quiz_from_key


@dataclass(frozen=True)
class ExportOptions:
    """What to export and where: the format, the output folder, settings, versions."""

    format: str = "moodle"
    out: Path = Path("build")
    configuration: Configuration = field(default_factory=Configuration)
    versions: int = 1
    seed: int = 0
    select: str | None = None
    """A selection of the lesson's statements (``--select``); by default the standard level's
    (``level_selections``), else all, as the standard worksheet has them."""
    created: datetime.datetime | None = None
    """The date written into zip entries; by default ``SOURCE_DATE_EPOCH`` when set, else now
    (found only for formats that need a date: loading WeasyPrint to find it takes seconds)."""


def export_file(fmt: Format, variant: Variant) -> str:
    """``moodle.xml``, or ``qti-B.zip`` for version B: the worksheet's naming."""
    suffix = variant_suffix(variant)
    return f"{fmt.stem}-{suffix}{fmt.suffix}" if suffix else f"{fmt.stem}{fmt.suffix}"


def lesson_quizzes(checked: CheckedLesson, options: ExportOptions) -> dict[Variant, Quiz]:
    """Each version's quiz, with the numbers and kind labels of its printed key."""
    settings = options.configuration.resolve(checked.worksheet).settings
    checked = _selected(checked, settings, options.select)
    variants = plain_variants(["standard"], options.versions, options.seed, len(checked.statements))
    return {v: quiz_from_key(key_context(checked, settings, v)) for v in variants}


def _selected(checked: CheckedLesson, settings: Settings, select: str | None) -> CheckedLesson:
    """The statements the standard worksheet of the same options would have, numbered 1…n."""
    name = select or settings.level_selections.get("standard")
    setting = None if select else "level_selections.standard"
    return select_statements(checked, name, setting) if name else checked


def export_lesson(lesson_file: Path, options: ExportOptions) -> BuildResult:
    """Check one lesson and write its export files; raise if the lesson is wrong."""
    fmt = FORMATS.get(options.format)
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise MedialitError(f'"{options.format}" is not an export format; use one of: {known}.')
    checked = read_lesson(lesson_file)
    files = {
        export_file(fmt, variant): fmt.write(quiz, checked, options.created)
        for variant, quiz in lesson_quizzes(checked, options).items()
    }
    target = options.out / checked.name
    write_all(target, {**files, MARKER: marker_text(lesson_file, target)}, within=options.out)
    return BuildResult(lesson=lesson_file, outputs=[target / name for name in files])


def export_lessons(lesson_files: Sequence[Path], options: ExportOptions) -> BuildReport:
    """Export every lesson; a lesson that fails is reported and the others still export."""
    report = BuildReport()
    # The same output names as a build's: none outside --out, no two lessons in one folder.
    refused = output_folder_problems(lesson_files, options.out)
    for lesson_file in lesson_files:
        if lesson_file in refused:
            report.failures.append((lesson_file, refused[lesson_file]))
            continue
        try:
            report.results.append(export_lesson(lesson_file, options))
        except MedialitError as exc:
            report.failures.append((lesson_file, exc))
    return report
