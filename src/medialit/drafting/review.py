"""What a drafted lesson still asks of the teacher: draft statements, suggested discussion
questions and plans not accepted yet, and source gaps.

``medialit check`` prints these as warnings; they do not stop a build. Each draft says how
sure medialit new was (the ``# how sure: …`` comment it wrote above the draft), and the
least sure come first, wherever the teacher has moved them in the file.
"""

from __future__ import annotations

import re

from medialit.errors import Problem
from medialit.lesson.loader import LoadedYaml, load_yaml
from medialit.lesson.model import UNKNOWN
from medialit.lesson.reading import CheckedLesson
from medialit.lesson.text import read_lesson_text


def source_gaps(checked: CheckedLesson) -> list[str]:
    """The source details ``medialit new`` left unknown: ``author``, ``outlet``, ``published``."""
    source = checked.lesson.source
    return [
        field
        for field in ("author", "outlet", "published")
        if str(getattr(source, field)).strip().lower() == UNKNOWN
    ]


def source_gap_warnings(checked: CheckedLesson, text: str | None = None) -> list[Problem]:
    """The warnings of :func:`review_warnings` about the source alone (the preview's glance).

    ``text``: the lesson file's text, as read for the check (else it is read again).
    """
    gaps = source_gaps(checked)
    if not gaps:
        return []
    loaded = load_yaml(checked.file, text)  # for the lines
    return [_gap(loaded, field) for field in gaps]


def _gap(loaded: LoadedYaml, field: str) -> Problem:
    return loaded.problem(
        ("source", field), "is unknown: medialit new did not find it in the source; fill it in."
    )


def not_reviewed(checked: CheckedLesson) -> str:
    """What is still medialit new's and not the teacher's, in a few words ("12 draft
    statements, 3 suggested questions and the suggested plan"); "" when nothing is.

    ``check`` adds it to its "OK" line: a newcomer read "OK" for a lesson of drafts alone,
    its warnings scrolled away below."""
    lesson = checked.lesson
    drafts = sum(1 for s in checked.statements if s.annotation.draft)
    questions = sum(1 for q in lesson.questions if q.draft)
    plans = sum(1 for plan in [lesson.plan, *lesson.plans.values()] if plan and plan.draft)
    parts = [
        f"{drafts} draft statement{'s' * (drafts != 1)}" if drafts else "",
        f"{questions} suggested question{'s' * (questions != 1)}" if questions else "",
        "the suggested plan" if plans == 1 else f"{plans} suggested plans" if plans else "",
    ]
    said = [part for part in parts if part]
    return ", ".join(said[:-1]) + " and " + said[-1] if len(said) > 1 else "".join(said)


def review_warnings(checked: CheckedLesson, text: str | None = None) -> list[Problem]:
    """One warning for each unconfirmed statement and each source detail left unknown.

    ``text``: the lesson file's text, as read for the check (else it is read again).
    """
    lesson = checked.lesson
    gaps = source_gaps(checked)
    drafts = [s for s in checked.statements if s.annotation.draft]
    questions = [i for i, q in enumerate(lesson.questions) if q.draft]
    plans: list[tuple[tuple[str | int, ...], str]] = [
        (("plans", name, "draft"), f"the plan for selection “{name}”")
        for name, plan in lesson.plans.items()
        if plan.draft
    ]
    if lesson.plan and lesson.plan.draft:
        plans.insert(0, (("plan", "draft"), "the lesson plan"))
    if not gaps and not drafts and not questions and not plans:
        return []
    if text is None:
        text = read_lesson_text(checked.file)
    loaded = load_yaml(checked.file, text)  # for the lines; the text was just read and is valid
    lines = text.splitlines()
    sure = {s.index: _how_sure(loaded, lines, s.index) for s in drafts}
    # Least sure first; a draft with no "how sure" comment (marked by hand) before them all.
    drafts.sort(key=lambda s: (sure[s.index][0], s.index))
    warnings = [_gap(loaded, field) for field in gaps]
    warnings += [
        loaded.problem(
            ("annotations", s.index, "draft"),
            f"statement {s.number} is a draft suggestion ({sure[s.index][1]}); check its kind "
            "and why, then delete 'draft: true' to confirm it.",
            at_key=True,
        )
        for s in drafts
    ]
    warnings += [
        loaded.problem(
            ("questions", i, "draft"),
            f"discussion question {i + 1} is a suggestion from medialit new; read it and its "
            "notes, change them as you judge, then delete 'draft: true' to accept it.",
            at_key=True,
        )
        for i in questions
    ]
    warnings += [
        loaded.problem(
            path,
            f"{what} is a suggestion from medialit new; retime it as you judge, then delete "
            "'draft: true' to accept it.",
            at_key=True,
        )
        for path, what in plans
    ]
    return warnings


# Compiled (and cached by re) on first use: a lesson without drafts never needs it.
_HOW_SURE = r"^\s*#\s*how sure:\s*(?P<words>[a-z ]+?)\s*\((?P<sure>[01]\.\d+)\)"


def _how_sure(loaded: LoadedYaml, lines: list[str], index: int) -> tuple[float, str]:
    """How sure medialit new was of the draft at ``index``, from the comment above it."""
    line, _ = loaded.place(("annotations", index))
    above = (line or 1) - 2  # the comment is on the lines just above the item's first line
    while above >= 0 and lines[above].strip().startswith("#"):
        if found := re.match(_HOW_SURE, lines[above]):
            return float(
                found.group("sure")
            ), f"how sure: {found.group('words')}, {found.group('sure')}"
        above -= 1
    return -1.0, "how sure: not said"
