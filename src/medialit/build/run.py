"""Chain the stages: plan each lesson, lay out every document, finish each lesson.

The CLI and the tests both call :func:`build_lesson` and :func:`build_lessons`.
A build has three steps:

1. **plan** (:func:`medialit.build.planning.plan_lesson`): read the lesson, settle its settings
   and render the HTML of every document it needs (Jinja; cheap);
2. **lay out** (:func:`medialit.build.laying_out.lay_out_all`): turn each document's HTML into PDF
   pages (WeasyPrint; the expensive part, optionally in parallel processes);
3. **finish** (:func:`medialit.build.finishing.finish_lesson`): stamp names onto class-pack copies
   and write the files, all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from medialit.build.finishing import finish_lesson
from medialit.build.kept_html import KeptHtml
from medialit.build.laying_out import Layout, Progress, lay_out_all
from medialit.build.options import BuildOptions as BuildOptions
from medialit.build.planning import LessonPlan, plan_lesson
from medialit.build.reports import BuildReport as BuildReport
from medialit.build.reports import BuildResult as BuildResult
from medialit.build.reports import each_lesson
from medialit.build.reports import output_folder_problems as output_folder_problems
from medialit.errors import MedialitError, MissingGlyphError
from medialit.layout import glyphs
from medialit.layout.cache import open_cache
from medialit.lesson.reading import LESSON_SUFFIXES as LESSON_SUFFIXES
from medialit.lesson.reading import find_lessons as find_lessons
from medialit.sheets.roster import read_roster


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
    kept = KeptHtml(cache) if cache is not None else None  # a second class renders nothing
    planned = each_lesson(
        lesson_files, options.out, report, lambda file: plan_lesson(file, options, roster, kept)
    )
    for lesson_file, plan in planned:
        plans.append((lesson_file, plan))
        for message in plan.warnings:
            if warn:
                warn(message)
    layouts = [
        Layout(
            document.html if document.drawn is None else "",  # drawn: nothing to render
            lesson_file.parent,
            document.folders,
            options.created,
            forms=document.forms,
            drawn=document.drawn,
            measure=document.key is not None,
            object_streams=document.object_streams,
            fill=document.file is not None and document.drawn is None,
        )
        for lesson_file, plan in plans
        for document in plan.documents()
    ]
    if progress:
        progress.start(len(layouts) + len(plans))
    laid_out = iter(lay_out_all(layouts, options.jobs, progress, cache))
    if cache is not None and cache.refused is not None and warn:
        warn(f"the layout cache was not used, so documents were laid out afresh: {cache.refused}")
    elif kept is not None and kept.cache.refused is not None and warn:
        warn(f"the layout cache was not used, so sheets were rendered afresh: {kept.cache.refused}")
    for lesson_file, plan in plans:
        mine = {document.name: next(laid_out) for document in plan.documents()}
        try:
            report.results.append(finish_lesson(lesson_file, plan, mine, options))
        except MedialitError as exc:
            report.failures.append((lesson_file, exc))
        if progress:
            progress.advance()
    return report
