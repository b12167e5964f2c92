"""Check what a lesson's fields say about each other: ids, selections, the plan's minutes.

Run on the lesson as read, not on the checked model, so that these problems are
reported in the same run as a wrong field elsewhere (a step's text split by a
comma, a kind misspelt): each check uses the parts that are right and leaves the
rest to the field checks, which report it already.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from medialit.errors import Problem, did_you_mean
from medialit.lesson.loader import LoadedYaml, PathKey, format_path
from medialit.lesson.statement_ids import ids_in_use, new_id

QUOTE_SHOWN = 40


def reference_problems(loaded: LoadedYaml, order: Sequence[int] | None) -> list[Problem]:
    """Ids are unique, selections name known ids, levels name known selections, plan steps
    add up. ``order``: the annotations' indexes in reading order (statement 1 first), when
    every statement was placed, so that a statement number can be told apart."""
    data = loaded.data
    annotations = data.get("annotations")
    ids = _ids(loaded, annotations)
    return [
        *ids[1],
        *_selection_problems(loaded, ids[0], annotations, order),
        *_level_problems(loaded),
        *_plan_problems(loaded),
    ]


def number_paths(data: Mapping[str, Any]) -> set[str]:
    """The places of selections' items that are whole numbers, as problems name them:
    :func:`reference_problems` says what to write there instead of "put it in quotes"."""
    selections = data.get("selections")
    if not isinstance(selections, dict):
        return set()
    return {
        str(format_path(("selections", str(name), j)))
        for name, chosen in selections.items()
        if isinstance(chosen, list)
        for j, item in enumerate(chosen)
        if _is_number(item)
    }


def _is_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _ids(loaded: LoadedYaml, annotations: Any) -> tuple[dict[str, int], list[Problem]]:
    ids: dict[str, int] = {}
    problems = []
    for i, item in enumerate(annotations if isinstance(annotations, list) else []):
        statement_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(statement_id, str):
            continue
        if statement_id in ids:
            problems.append(
                loaded.problem(
                    ("annotations", i, "id"),
                    f'the id "{statement_id}" is already used by '
                    f"annotations[{ids[statement_id]}]; give each statement its own id.",
                )
            )
        else:
            ids[statement_id] = i
    return ids, problems


def _selection_problems(
    loaded: LoadedYaml, ids: dict[str, int], annotations: Any, order: Sequence[int] | None
) -> list[Problem]:
    selections = loaded.data.get("selections")
    if not isinstance(selections, dict):
        return []
    problems = []
    for name, chosen in selections.items():
        if not isinstance(chosen, list):
            continue  # the field checks say what a selection must be
        if not chosen:
            problems.append(
                loaded.problem(("selections", name), "is empty; list the ids of its statements.")
            )
        seen: set[str] = set()
        for j, item in enumerate(chosen):
            path: PathKey = ("selections", name, j)
            if _is_number(item):
                problems.append(loaded.problem(path, _number_message(loaded, item, order)))
            elif not isinstance(item, str):
                continue
            elif item in seen:
                problems.append(loaded.problem(path, f'"{item}" is listed twice; remove one.'))
            elif item not in ids and isinstance(annotations, list):  # else: said already
                advice = (
                    did_you_mean(item, sorted(ids), "ids")
                    if ids
                    else "no annotation has an id yet; add 'id: NAME' to those you select."
                )
                problems.append(
                    loaded.problem(path, f'no annotation has the id "{item}"; {advice}')
                )
            if isinstance(item, str):
                seen.add(item)
    return problems


def _number_message(loaded: LoadedYaml, number: int, order: Sequence[int] | None) -> str:
    """What to write instead of a statement's number: its id, or the id to give it."""
    told = (
        f"{number} is a statement number, not an id; selections name statements by id, "
        "which stays when statements are added or moved (numbers do not)"
    )
    if order is None:
        return f"{told}. Write the id of the statement you mean (its 'id:' line)."
    if not 1 <= number <= len(order):
        return (
            f"{told}. The lesson has {len(order)} statements; write the id of the one you "
            "mean (its 'id:' line)."
        )
    index = order[number - 1]
    annotations = loaded.data["annotations"]
    item = annotations[index]
    if isinstance(item.get("id"), str):
        return f'{told}. Statement {number} has the id "{item["id"]}": write {item["id"]}.'
    quote = str(item.get("quote", ""))
    shown = quote if len(quote) <= QUOTE_SHOWN else quote[: QUOTE_SHOWN - 1] + "…"
    line = loaded.place(("annotations", index))[0]
    suggested = new_id(quote, ids_in_use(annotations))
    return (
        f'{told}. Statement {number} ("{shown}", annotations[{index}], line {line}) has no id '
        f"yet: add 'id: {suggested}' to it, and write {suggested} here."
    )


def _level_problems(loaded: LoadedYaml) -> list[Problem]:
    """The selections that ``worksheet:`` names (a level's own, those printed as excerpts)
    and those that ``plans:`` times are in ``selections:``."""
    worksheet = loaded.data.get("worksheet")
    worksheet = worksheet if isinstance(worksheet, dict) else {}
    selections = loaded.data.get("selections")
    names = sorted(str(name) for name in selections) if isinstance(selections, dict) else []
    by_level = worksheet.get("level_selections")
    excerpts = worksheet.get("excerpt_selections")
    plans = loaded.data.get("plans")
    named: list[tuple[PathKey, Any, bool]] = [
        *(
            (("worksheet", "level_selections", level), name, False)
            for level, name in (by_level.items() if isinstance(by_level, dict) else [])
        ),
        *(
            (("worksheet", "excerpt_selections", j), name, False)
            for j, name in enumerate(excerpts if isinstance(excerpts, list) else [])
        ),
        *((("plans", name), name, True) for name in (plans if isinstance(plans, dict) else {})),
    ]
    problems = []
    for path, name, is_plan in named:
        if isinstance(name, str) and name not in names:
            if names:
                advice = did_you_mean(name, names, "selections")
            elif is_plan:
                advice = "a plan here times a selection: add it to a 'selections:' table."
            else:
                advice = "add it to a 'selections:' table."
            problems.append(
                loaded.problem(
                    path, f'the lesson has no selection "{name}"; {advice}', at_key=is_plan
                )
            )
    return problems


def _plan_problems(loaded: LoadedYaml) -> list[Problem]:
    """Each plan's steps against its minutes (``plan:`` and each of ``plans:``), when every
    one of them is a number."""
    plans: list[tuple[tuple[str, ...], Any]] = [(("plan",), loaded.data.get("plan"))]
    own = loaded.data.get("plans")
    plans += [
        (("plans", str(name)), plan)
        for name, plan in (own.items() if isinstance(own, dict) else [])
    ]
    return [problem for path, plan in plans for problem in _minutes_problems(loaded, path, plan)]


def _minutes_problems(loaded: LoadedYaml, path: tuple[str, ...], plan: Any) -> list[Problem]:
    if not isinstance(plan, dict) or not isinstance(plan.get("steps"), list):
        return []
    minutes = plan.get("minutes")
    steps: list[Any] = [
        step.get("minutes") if isinstance(step, dict) else None for step in plan["steps"]
    ]
    numbers: list[int] = [step for step in steps if _is_number(step)]
    if not _is_number(minutes) or not steps or len(numbers) < len(steps):
        return []
    total = sum(numbers)
    if total == minutes:
        return []
    return [
        loaded.problem(
            (*path, "minutes"),
            f"the steps add up to {total} minutes, not {minutes}; "
            "change a step or the lesson's minutes.",
        )
    ]
