"""Export lessons for learning platforms: read, check, build each version's quiz, write.

``medialit export LESSON --format moodle`` writes ``<out>/<lesson>/moodle.xml``,
``--format qti`` writes ``<out>/<lesson>/qti.zip`` and ``--format canvas``
``<out>/<lesson>/canvas.zip``; with ``--versions``,
one file per version (``moodle-A.xml``, ``qti-B.zip``), numbered as that
version's worksheet and key are. Files are written together through the
build's atomic writer: a lesson that fails leaves its earlier exports as they were.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from medialit.build.output_marker import MARKER, marker_text
from medialit.build.reports import BuildReport, BuildResult, each_lesson
from medialit.build.settling import short_version
from medialit.errors import MedialitError
from medialit.exports.formats import FORMATS, Format
from medialit.exports.quiz import Quiz, quiz_from_key, quiz_identifier
from medialit.files import write_all
from medialit.lesson.reading import CheckedLesson
from medialit.render.key_context import key_context
from medialit.settings.checks import read_lesson_with_settings
from medialit.settings.layers import Configuration
from medialit.sheets.variants import Variant, plain_variants, variant_suffix


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
    (found only for formats that need a date: a wrong ``SOURCE_DATE_EPOCH`` stops no other)."""


def export_file(fmt: Format, variant: Variant) -> str:
    """``moodle.xml``, or ``qti-B.zip`` for version B: the worksheet's naming."""
    suffix = variant_suffix(variant)
    return f"{fmt.stem}-{suffix}{fmt.suffix}" if suffix else f"{fmt.stem}{fmt.suffix}"


def lesson_quizzes(checked: CheckedLesson, options: ExportOptions) -> dict[Variant, Quiz]:
    """Each version's quiz, with the numbers and kind labels of its printed key."""
    settings = options.configuration.resolve(
        checked.worksheet, checked.own_language, checked.file
    ).settings
    # The statements the standard worksheet of the same options has, numbered 1…n.
    checked = short_version(checked, settings, "standard", options.select)
    variants = plain_variants(
        ["standard"], options.versions, options.seed, len(checked.statements), options.select
    )
    return {
        v: quiz_from_key(
            key_context(checked, settings, v),
            quiz_identifier(checked.name, checked.selection, v.version),
        )
        for v in variants
    }


def export_lesson(lesson_file: Path, options: ExportOptions) -> BuildResult:
    """Check one lesson and write its export files; raise if the lesson is wrong."""
    fmt = FORMATS.get(options.format)
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise MedialitError(f'"{options.format}" is not an export format; use one of: {known}.')
    checked = read_lesson_with_settings(lesson_file)
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
    exported = each_lesson(
        lesson_files, options.out, report, lambda file: export_lesson(file, options)
    )
    report.results.extend(result for _, result in exported)
    return report
