"""Change a lesson plan (``plan:``, or a selection's under ``plans:``) in the round-trip document.

The steps of a plan must add up to its minutes, so a plan is saved whole: the page keeps the
plan the teacher is editing, shows the total live, and sends it when it adds up. The plan in
the file is then changed field by field, not replaced: a step keeps its own comments when
it moves (the page says where each step came ``from``), and an unchanged field is not
touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from medialit.preview.editing import EditRefused
from medialit.preview.partedits import TOP_ORDER, put, set_strings, set_text

PLAN_ORDER = ("minutes", "steps", "preparation", "content_note", "extension")
STEP_ORDER = ("minutes", "activity", "details")


@dataclass(frozen=True)
class StepFields:
    """One timed step as the page sends it; ``origin``: its place in the plan before, if any."""

    minutes: int
    activity: str
    details: str = ""
    origin: int | None = None


@dataclass(frozen=True)
class PlanFields:
    """A whole plan as the page sends it."""

    minutes: int
    steps: list[StepFields]
    preparation: list[str] = field(default_factory=list)
    content_note: str = ""
    extension: str = ""


def plan_label(selection: str | None) -> str:
    return "the lesson plan" if selection is None else f"the plan for selection “{selection}”"


def set_plan(data: CommentedMap, selection: str | None, fields: PlanFields | None) -> None:
    """Write ``fields`` as the plan of the whole lesson (``selection`` None) or of a selection;
    ``fields`` None removes that plan."""
    holder, key = _holder(data, selection, create=fields is not None)
    if fields is None:
        if holder is None or key not in holder:
            raise EditRefused(f"There is no {plan_label(selection)[4:]} to remove.")
        del holder[key]
        if selection is not None and not holder:
            del data["plans"]
        return
    assert holder is not None
    plan = holder.get(key)
    if not isinstance(plan, CommentedMap):
        plan = CommentedMap()
        if selection is None:
            put(holder, key, plan, TOP_ORDER)
        else:
            holder[key] = plan
    _fill(plan, fields)


def plan_held(data: CommentedMap, selection: str | None) -> CommentedMap:
    """The plan of the lesson (``selection`` None) or of a selection, as the file holds it."""
    holder, key = _holder(data, selection, create=False)
    plan = holder.get(key) if holder is not None else None
    if not isinstance(plan, CommentedMap):
        raise EditRefused(
            f"There is no {plan_label(selection)[4:]} any more; the page shows it now."
        )
    return plan


def _holder(
    data: CommentedMap, selection: str | None, *, create: bool
) -> tuple[CommentedMap | None, str]:
    """The table that holds the plan, and the plan's key in it."""
    if selection is None:
        return data, "plan"
    selections = data.get("selections")
    if create and (not isinstance(selections, dict) or selection not in selections):
        raise EditRefused(f'The lesson has no selection "{selection}" to plan for.')
    plans = data.get("plans")
    if not isinstance(plans, CommentedMap):
        if not create:
            return None, selection
        plans = CommentedMap()
        put(data, "plans", plans, TOP_ORDER)
    return plans, selection


def _fill(plan: CommentedMap, fields: PlanFields) -> None:
    if not fields.steps:
        raise EditRefused("A plan needs at least one timed step: add one.")
    if plan.get("minutes") != fields.minutes:
        put(plan, "minutes", fields.minutes, PLAN_ORDER)
    old = plan.get("steps")
    old_steps = list(old) if isinstance(old, CommentedSeq) else []
    steps = [_step(old_steps, number, step) for number, step in enumerate(fields.steps, 1)]
    if not isinstance(old, CommentedSeq):
        old = CommentedSeq()
        put(plan, "steps", old, PLAN_ORDER)
    if [id(step) for step in steps] != [id(step) for step in old]:
        old[:] = steps
    _fill_notes(plan, fields.preparation, fields.content_note, fields.extension)


def set_plan_notes(
    data: CommentedMap, selection: str | None, preparation: list[str], note: str, extension: str
) -> None:
    """What to prepare, the content note and the extension of a plan the file has, its steps
    as they are: saved while the page's steps do not add up (they are not sent, so a save
    queued meanwhile cannot put older steps back)."""
    _fill_notes(plan_held(data, selection), preparation, note, extension)


def _fill_notes(plan: CommentedMap, preparation: list[str], note: str, extension: str) -> None:
    set_strings(plan, "preparation", preparation, "What to prepare", PLAN_ORDER)
    set_text(plan, "content_note", note, "The content note", PLAN_ORDER)
    set_text(plan, "extension", extension, "The extension", PLAN_ORDER)


def _step(old_steps: list[object], number: int, fields: StepFields) -> CommentedMap:
    reused = (
        old_steps[fields.origin]
        if fields.origin is not None and 0 <= fields.origin < len(old_steps)
        else None
    )
    step = reused if isinstance(reused, CommentedMap) else CommentedMap()
    if step.get("minutes") != fields.minutes:
        put(step, "minutes", fields.minutes, STEP_ORDER)
    required = f"Say what happens in step {number} (a few words), or remove the step."
    set_text(step, "activity", fields.activity, "The activity", STEP_ORDER, required=required)
    set_text(step, "details", fields.details, "The details", STEP_ORDER)
    return step
