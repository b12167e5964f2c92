"""What a drafted lesson still asks of the teacher: draft statements and source gaps.

``medialit check`` prints these as warnings; they do not stop a build.
"""

from __future__ import annotations

from medialit.errors import Problem
from medialit.lesson.loader import load_yaml
from medialit.lesson.model import UNKNOWN
from medialit.lesson.reading import CheckedLesson


def review_warnings(checked: CheckedLesson) -> list[Problem]:
    """One warning for each unconfirmed statement and each source detail left unknown."""
    lesson = checked.lesson
    gaps = [
        field
        for field in ("author", "outlet", "published")
        if str(getattr(lesson.source, field)).strip().lower() == UNKNOWN
    ]
    # In the file's order: medialit new writes its drafts least sure first, so they come first.
    drafts = sorted((s for s in checked.statements if s.annotation.draft), key=lambda s: s.index)
    if not gaps and not drafts:
        return []
    loaded = load_yaml(checked.file)  # for the lines; the file was just read and is valid
    warnings = [
        loaded.problem(
            ("source", field),
            "is unknown: medialit new did not find it in the source; fill it in.",
        )
        for field in gaps
    ]
    warnings += [
        loaded.problem(
            ("annotations", s.index, "draft"),
            f"statement {s.number} is a draft suggestion; check its kind and why, then "
            "delete 'draft: true' to confirm it.",
            at_key=True,
        )
        for s in drafts
    ]
    return warnings
