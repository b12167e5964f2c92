"""What the teacher needs to decide, at a glance: statements by kind, drafts left, minutes
planned against the class length, pages per level and per selection, and the warnings.

The warnings are ``medialit check``'s own (:mod:`medialit.drafting.review`'s source gaps,
:mod:`medialit.lesson.one_tick`, :mod:`medialit.lesson.loose_ends`), so the page and the
command never disagree; the pages are counted in the background (:mod:`.sizes`).

Every lesson view carries its glance (``glance``): a save's answer has it, made from the
lesson the save has just checked, so the page asks for nothing after a save. Route:
``GET /api/glance`` (the same data, and the page counts), and the selections' statements
for the selections panel.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from medialit.drafting.review import source_gap_warnings
from medialit.errors import MedialitError, Problem
from medialit.lesson.loose_ends import loose_end_warnings
from medialit.lesson.model import KIND_ORDER, Plan
from medialit.lesson.one_tick import one_tick_warnings
from medialit.lesson.reading import CheckedLesson
from medialit.preview.editing import read_version
from medialit.preview.live import Preview
from medialit.preview.sizes import Sizer
from medialit.settings.checks import read_lesson_with_settings


def endpoints(preview: Preview) -> list[BaseRoute]:
    sizer = Sizer(preview)
    preview.background.append(sizer.run)
    kept: dict[str, dict[str, Any]] = {}  # the glance of the version last asked for

    def part(view: dict[str, Any]) -> dict[str, Any]:
        """The glance of a lesson view (in its thread): of the lesson just saved if it is
        that one (checked already: nothing is read again), else of the file."""
        saved = preview.saved
        if saved is not None and saved[0] == view.get("version"):
            return glance_of_checked(saved[1], saved[0], saved[2])
        return glance_of(preview.lesson)

    # Every lesson view carries its glance: a save's answer has it, with no GET after.
    preview.view_parts["glance"] = part

    async def get_glance(request: Request) -> Response:
        version = preview.view.get("version")
        found = preview.view.get("glance") or kept.get(str(version))
        if found is None or found.get("version") != version:
            found = await asyncio.to_thread(glance_of, preview.lesson)
            kept.clear()
            kept[found["version"]] = found
        return JSONResponse({**found, "sizes": preview.sizes})

    return [Route("/api/glance", get_glance)]


def glance_of_checked(
    checked: CheckedLesson, version: str, text: str | None = None
) -> dict[str, Any]:
    """The glance panel's data for a lesson checked already, at ``version``."""
    try:
        counted = glance(checked, text)
    except (MedialitError, OSError):
        # Moved away while it was counted (a source gap's line is read from the file): the
        # lesson view says so.
        return {"version": "", "problems": True}
    return {"version": version, "problems": False, **counted}


def glance_of(lesson: Path) -> dict[str, Any]:
    """The glance panel's data for the lesson file as it is on disk now."""
    try:
        current = read_version(lesson)
    except OSError:  # moved or unreadable: the lesson view says so, and follows it back
        return {"version": "", "problems": True}
    try:
        checked = read_lesson_with_settings(lesson, current.text)
    except MedialitError:
        # The page shows the problems already (the lesson view): nothing to count.
        return {"version": current.version, "problems": True}
    found = glance_of_checked(checked, current.version, current.text)
    if not lesson.exists():
        # Moved away while it was counted (the text was read once, for the check): as above,
        # the lesson view says so.
        return {"version": "", "problems": True}
    return found


def glance(checked: CheckedLesson, text: str | None = None) -> dict[str, Any]:
    """Counts, minutes, selections and warnings of a checked lesson (``text``: its file's text,
    as read for the check; read again only for a source gap's line if not given)."""
    lesson = checked.lesson
    counts = checked.count_by_kind()
    statements = [
        {
            "index": s.index,
            "number": s.number,
            "id": s.annotation.id,
            "quote": s.annotation.quote,
            "kind": s.annotation.kind.value,
            "draft": s.annotation.draft,
        }
        for s in checked.statements
    ]
    kind_of = {s.annotation.id: s.annotation.kind for s in checked.statements if s.annotation.id}
    selections = [
        {
            "name": name,
            "ids": list(ids),
            "counts": {kind.value: sum(kind_of.get(i) == kind for i in ids) for kind in KIND_ORDER},
        }
        for name, ids in lesson.selections.items()
    ]
    # The drafts and suggestions are counted, not listed; source gaps are named (as check
    # names them).
    review = source_gap_warnings(checked, text)
    warnings = [*review, *one_tick_warnings(checked, text), *loose_end_warnings(checked, text)]
    return {
        "statements": statements,
        "counts": {kind.value: counts[kind] for kind in KIND_ORDER},
        "total": len(checked.statements),
        "drafts": sum(s.annotation.draft for s in checked.statements),
        # medialit new's questions and plans not accepted yet
        "suggested": sum(q.draft for q in lesson.questions)
        + sum(p.draft for p in (lesson.plan, *lesson.plans.values()) if p is not None),
        "plan": _minutes(lesson.plan),
        "plans": [{"name": name, **_minutes(plan)} for name, plan in lesson.plans.items()],
        "selections": selections,
        "warnings": [_said(problem) for problem in warnings],
    }


def _minutes(plan: Plan | None) -> dict[str, int]:
    """The class length and the minutes its steps plan (``check`` asks them to be equal)."""
    if plan is None:
        return {}
    return {"minutes": plan.minutes, "planned": sum(step.minutes for step in plan.steps)}


def _said(problem: Problem) -> dict[str, Any]:
    """A warning as the page shows it: where in the file, and what to do."""
    return {"field": problem.field, "line": problem.line, "message": problem.message}
