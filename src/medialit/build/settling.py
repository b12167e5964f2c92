"""Settle a lesson before anything is rendered: what ``build`` and ``check`` both do first.

Read and check the lesson, resolve its settings and template search path, find the
text that no installed font can print, and cut each level's short version. Nothing
here loads Jinja or WeasyPrint, so ``medialit check`` stays quick; rendering is
:mod:`medialit.build.planning`'s.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from medialit.errors import MissingGlyphError
from medialit.layout import glyphs
from medialit.lesson.model import LEVELS, Level  # as sheets.variants has them, without its classes
from medialit.lesson.reading import CheckedLesson
from medialit.settings.checks import read_lesson_with_settings
from medialit.settings.layers import Configuration, ResolvedSettings
from medialit.settings.schema import Settings
from medialit.settings.themes import SearchPath
from medialit.sheets.selections import excerpt, select_statements

# As medialit.render.template_files has them (not imported: the template modules load Jinja).
TEMPLATE_SUFFIXES = (".html", ".css")


# A NamedTuple, defined ten times quicker than a frozen dataclass (on every check's path): read
# by its fields, never compared with other tuples, never replaced, never given to a template.
class SettledLesson(NamedTuple):
    """A checked lesson with its settings and template search path, ready to render."""

    checked: CheckedLesson
    resolved: ResolvedSettings
    search: SearchPath
    warnings: list[str]
    """Text that no installed font can print, one message each (build and check print them)."""

    @property
    def settings(self) -> Settings:
        return self.resolved.settings


def settle(lesson_file: Path, configuration: Configuration, strict: bool = False) -> SettledLesson:
    """Read ``lesson_file`` and settle its settings and templates; text that no installed font
    can print gives warnings, or with ``strict`` a :class:`MissingGlyphError`."""
    checked = read_lesson_with_settings(lesson_file)
    resolved = configuration.resolve(checked.worksheet, checked.own_language, checked.file)
    search = configuration.search_path(resolved)
    fonts = glyphs.coverage(search.folders())
    problems = glyphs.lesson_problems(checked, fonts) + glyphs.settings_problems(resolved, fonts)
    if problems and strict:
        raise MissingGlyphError(problems)
    return SettledLesson(checked, resolved, search, [str(problem) for problem in problems])


def short_version(
    checked: CheckedLesson,
    settings: Settings,
    level: Level,
    select: str | None = None,
    cut: bool = False,
) -> CheckedLesson:
    """The lesson as ``level`` prints it: ``select`` (``--select``), else the level's
    selection, else all; then cut to an excerpt if asked (``--excerpt``)."""
    name = select or settings.level_selections.get(level)
    setting = None if select else f"level_selections.{level}"
    short = select_statements(checked, name, setting) if name else checked
    # A selection may be short because its article is long: it prints as an excerpt by default.
    cut = cut or (name is not None and name in settings.excerpt_selections)
    return excerpt(short) if cut else short


def short_versions(
    settled: SettledLesson, select: str | None = None, cut: bool = False
) -> dict[Level, CheckedLesson]:
    """The lesson as each level prints it (:func:`short_version`): a selection that a setting
    names and the lesson lacks is an error here, before anything is rendered."""
    return {
        level: short_version(settled.checked, settled.settings, level, select, cut)
        for level in LEVELS
    }


def has_own_templates(search: SearchPath) -> bool:
    """Whether the search path holds templates or stylesheets that are not medialit's own
    (the teacher's folder's, or a theme's that is not built in), or a folder that cannot be
    read, which only rendering reports as a build does."""
    package = Path(str(resources.files("medialit"))).resolve()
    for folder in search.folders():
        if folder.resolve().is_relative_to(package):
            continue
        failed: list[OSError] = []
        for _, _, files in os.walk(folder, onerror=failed.append):
            if any(name.endswith(TEMPLATE_SUFFIXES) for name in files):
                return True
        if failed:
            return True
    return False
