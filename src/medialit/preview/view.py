"""What the article pane shows: the lesson as plain JSON-ready data, or its problems.

The page builds its DOM from this data with text nodes only, so nothing in a
lesson file is ever parsed as HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from medialit.errors import LessonError, MedialitError
from medialit.lesson.model import KIND_ORDER
from medialit.lesson.reading import CheckedLesson
from medialit.lesson.text import read_lesson_text
from medialit.preview.editing import read_version
from medialit.preview.partsview import parts_view
from medialit.settings.checks import read_lesson_with_settings
from medialit.settings.layers import Configuration
from medialit.settings.schema import Settings

FILE_MISSING = (
    "The lesson file is missing: it was moved, renamed or deleted. The page shows the last "
    "version it read; put the file back (or save it again from your editor), and this page "
    "updates by itself."
)


def lesson_view(path: Path, configuration: Configuration, *, again: bool = True) -> dict[str, Any]:
    """The article with its marks, the annotations and the kinds; or the problems found.

    ``problems`` are the very lines ``medialit check`` prints, file and line first.
    """
    try:
        current = read_version(path)
    except OSError as exc:
        return _unreadable(path, configuration, exc, again=again)
    try:
        checked = read_lesson_with_settings(path, current.text)
    except MedialitError as exc:
        problems = [str(problem) for problem in exc.problems]
        return {"file": str(path), "version": current.version, "problems": problems}
    return checked_view(checked, current.version, configuration)


def _unreadable(
    path: Path, configuration: Configuration, error: OSError, *, again: bool
) -> dict[str, Any]:
    """The view of a file that cannot be read: moved away (for now, often), or locked."""
    problems = [f"{path}: the file cannot be read ({error.strerror})."]
    try:
        read_lesson_text(path)
    except LessonError as exc:
        problems = [str(problem) for problem in exc.problems]
    else:
        if again:  # it came back meanwhile
            return lesson_view(path, configuration, again=False)
    view = {"file": str(path), "version": "", "problems": problems}
    if not path.exists():
        view["message"] = FILE_MISSING
    return view


def checked_view(
    checked: CheckedLesson, version: str, configuration: Configuration
) -> dict[str, Any]:
    """The view of a lesson already read and checked (just saved by the page, say)."""
    view: dict[str, Any] = {"file": str(checked.file), "version": version, "problems": []}
    try:
        settings = configuration.resolve(
            checked.worksheet, checked.own_language, checked.file
        ).settings
    except MedialitError as exc:
        view["problems"] = [str(problem) for problem in exc.problems]
        return view
    return view | _lesson(checked, settings)


def _lesson(checked: CheckedLesson, settings: Settings) -> dict[str, Any]:
    marks: dict[int, list[dict[str, Any]]] = {}
    annotations = []
    for statement in checked.statements:
        annotation = statement.annotation
        marks.setdefault(statement.block, []).append(
            {
                "start": statement.start,
                "end": statement.end,
                "index": statement.index,
                "number": statement.number,
                "kind": annotation.kind.value,
                "draft": annotation.draft,
            }
        )
        annotations.append(
            {
                "index": statement.index,
                "number": statement.number,
                "quote": annotation.quote,
                "kind": annotation.kind.value,
                "why": annotation.why,
                "check": annotation.check or "",
                "also_accept": [kind.value for kind in annotation.also_accept],
                "techniques": list(annotation.techniques),
                "draft": annotation.draft,
                "id": annotation.id or "",
            }
        )
    return {
        "title": checked.lesson.title,
        "language": checked.lesson.language,
        "kinds": [
            {
                "name": kind.value,
                "label": settings.kinds[kind].label,
                "badge": settings.kinds[kind].badge,
                "colour": settings.kinds[kind].colour,
            }
            for kind in KIND_ORDER
        ],
        "blocks": [
            {
                "kind": block.kind,
                "number": block.number,
                "text": block.text,
                "marks": marks.get(index, []),
            }
            for index, block in enumerate(checked.blocks)
        ],
        "annotations": sorted(annotations, key=lambda a: a["number"]),
        "parts": parts_view(checked, settings.glossary_levels),  # the lesson-parts panel's
    }
