"""What the article pane shows: the lesson as plain JSON-ready data, or its problems.

The page builds its DOM from this data with text nodes only, so nothing in a
lesson file is ever parsed as HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import MedialitError
from ..layers import Configuration
from ..lesson import CheckedLesson, read_lesson
from ..model import KIND_ORDER
from ..settings import Settings
from .editing import read_version


def lesson_view(path: Path, configuration: Configuration) -> dict[str, Any]:
    """The article with its marks, the annotations and the kinds; or the problems found.

    ``problems`` are the very lines ``medialit check`` prints, file and line first.
    """
    current = read_version(path)
    try:
        checked = read_lesson(path, current.text)
    except MedialitError as exc:
        problems = [str(problem) for problem in exc.problems]
        return {"file": str(path), "version": current.version, "problems": problems}
    return checked_view(checked, current.version, configuration)


def checked_view(
    checked: CheckedLesson, version: str, configuration: Configuration
) -> dict[str, Any]:
    """The view of a lesson already read and checked (just saved by the page, say)."""
    view: dict[str, Any] = {"file": str(checked.file), "version": version, "problems": []}
    try:
        settings = configuration.resolve(checked.worksheet).settings
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
                "draft": annotation.draft,
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
    }
