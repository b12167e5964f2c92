"""Chain the stages: plan each lesson, lay out every document, finish each lesson.

The CLI and the tests both call :func:`build_lesson` and :func:`build_lessons`.
A build has three steps:

1. **plan** (:func:`medialit.planning.plan_lesson`): read the lesson, settle its settings
   and render the HTML of every document it needs (Jinja; cheap);
2. **lay out** (:func:`medialit.laying_out.lay_out_all`): turn each document's HTML into PDF
   pages (WeasyPrint; the expensive part, optionally in parallel processes);
3. **finish** (:func:`medialit.finishing.finish_lesson`): stamp names onto class-pack copies
   and write the files, all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import glyphs
from .build_options import BuildOptions as BuildOptions
from .errors import MedialitError, MissingGlyphError, OutputError, Problem
from .files import refuse_links
from .finishing import COPIES_FOLDER, finish_lesson
from .finishing import BuildResult as BuildResult
from .laying_out import Layout, Progress, lay_out_all
from .layout_cache import open_cache
from .lesson import LESSON_SUFFIXES as LESSON_SUFFIXES
from .lesson import find_lessons as find_lessons
from .output_marker import refuse_earlier_lesson
from .planning import LessonPlan, plan_lesson
from .roster import read_roster


@dataclass
class BuildReport:
    """The outcome of building several lessons: every success and every failure."""

    results: list[BuildResult] = field(default_factory=list)
    failures: list[tuple[Path, MedialitError]] = field(default_factory=list)


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


def build_lesson(lesson_file: Path, options: BuildOptions) -> BuildResult:
    """Build one lesson's sheets into ``out/<lesson name>/``; raise if it fails."""
    report = build_lessons([lesson_file], options)
    if report.failures:
        raise report.failures[0][1]
    return report.results[0]


def build_lessons(
    lesson_files: Sequence[Path],
    options: BuildOptions,
    progress: Progress | None = None,
    warn: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build every lesson; a failure is recorded and the others still build.

    A wrong roster stops the whole build before anything is written. ``warn``
    is told of text that would print as empty boxes, before any layout.
    """
    cache = open_cache() if options.cache else None  # first: a bad MEDIALIT_CACHE_MAX_MB stops
    roster = read_roster(options.roster, warn) if options.roster else None
    if roster is not None and options.roster is not None:
        names = glyphs.roster_problems(options.roster, roster, glyphs.coverage())
        if names and options.strict:
            raise MissingGlyphError(names)
        for problem in names:
            if warn:
                warn(str(problem))
    report = BuildReport()
    plans: list[tuple[Path, LessonPlan]] = []
    refused = output_folder_problems(lesson_files, options.out)
    for lesson_file in lesson_files:
        if lesson_file in refused:
            report.failures.append((lesson_file, refused[lesson_file]))
            continue
        try:
            plans.append((lesson_file, plan_lesson(lesson_file, options, roster)))
        except MedialitError as exc:
            report.failures.append((lesson_file, exc))
            continue
        for message in plans[-1][1].warnings:
            if warn:
                warn(message)
    layouts = [
        Layout(
            document.html,
            lesson_file.parent,
            document.folders,
            options.created,
            forms=document.forms,
        )
        for lesson_file, plan in plans
        for document in plan.documents()
    ]
    if progress:
        progress.start(len(layouts) + len(plans))
    laid_out = iter(lay_out_all(layouts, options.jobs, progress, cache))
    if cache is not None and cache.refused is not None and warn:
        warn(f"the layout cache was not used, so documents were laid out afresh: {cache.refused}")
    for lesson_file, plan in plans:
        mine = {document.name: next(laid_out) for document in plan.documents()}
        try:
            report.results.append(finish_lesson(lesson_file, plan, mine, options))
        except MedialitError as exc:
            report.failures.append((lesson_file, exc))
        if progress:
            progress.advance()
    return report
