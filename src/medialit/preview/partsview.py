"""What the page's lesson-parts panel shows: questions, plans, glossary and details, as JSON.

Read from the checked lesson (so every value is the one ``medialit check`` and the sheets
use); optional text that is absent is ``""``, so the page shows an empty field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from medialit.lesson.model import Lesson, Plan, Source
from medialit.lesson.reading import CheckedLesson

SOURCE_FIELDS = tuple(Source.model_fields)


def parts_view(checked: CheckedLesson, glossary_levels: Sequence[str] = ()) -> dict[str, Any]:
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
        "glossary_note": glossary_note(glossary_levels),
        "details": details_view(lesson),
        "paragraphs": [b.number for b in checked.blocks if b.number is not None],
    }


def glossary_note(levels: Sequence[str]) -> str:
    """Where the glossary prints, for the panel: the key, and the levels the settings name
    (a teacher's cold run asked; "the sheets the glossary_levels setting names" said none)."""
    sheets = " and ".join(f"the {level} student sheet" for level in levels) or "no student sheet"
    return (
        "Select a word in the article, then Add a word: it is filled in. The glossary prints "
        f"in the answer key and on {sheets} (the glossary_levels setting says which)."
    )


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
