"""What the page's lesson-parts panel shows: questions, plans, glossary and details, as JSON.

Read from the checked lesson (so every value is the one ``medialit check`` and the sheets
use); optional text that is absent is ``""``, so the page shows an empty field.
"""

from __future__ import annotations

from typing import Any

from medialit.lesson.model import Lesson, Plan, Source
from medialit.lesson.reading import CheckedLesson

SOURCE_FIELDS = tuple(Source.model_fields)


def parts_view(checked: CheckedLesson) -> dict[str, Any]:
    lesson = checked.lesson
    return {
        "questions": [
            {
                "text": q.text,
                "notes": q.notes or "",
                "paragraphs": list(q.paragraphs),
                "draft": q.draft,
            }
            for q in lesson.questions
        ],
        "plan": plan_view(lesson.plan),
        "plans": {name: plan_view(plan) for name, plan in lesson.plans.items()},
        "selections": list(lesson.selections),
        "glossary": [{"term": e.term, "definition": e.definition} for e in lesson.glossary],
        "details": details_view(lesson),
        "paragraphs": [b.number for b in checked.blocks if b.number is not None],
    }


def plan_view(plan: Plan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    return {
        "minutes": plan.minutes,
        "steps": [
            {"minutes": s.minutes, "activity": s.activity, "details": s.details or ""}
            for s in plan.steps
        ],
        "preparation": list(plan.preparation),
        "content_note": plan.content_note or "",
        "extension": plan.extension or "",
        "draft": plan.draft,
    }


def details_view(lesson: Lesson) -> dict[str, Any]:
    source = lesson.source
    values = {name: getattr(source, name) for name in SOURCE_FIELDS}
    return {
        "title": lesson.title,
        "audience": lesson.audience or "",
        "language": lesson.language,
        "objectives": list(lesson.objectives),
        "source": {name: "" if value is None else str(value) for name, value in values.items()},
    }
