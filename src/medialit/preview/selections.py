"""The preview's selections: tick statements into ``core`` or a selection of the teacher's own
name, untick them, rename or remove a selection, without opening the lesson file.

The lesson's ``selections:`` field is written exactly as a teacher writes it by hand: a
selection's name, then the ``id`` of each of its statements, in reading order. A statement
without an id gets one made from its words (:mod:`medialit.lesson.statement_ids`), as ``new``
gives one. Every edit goes through :meth:`LessonEditor.edit`, so it is checked, written
atomically, refused if the file changed meanwhile, and undone by Ctrl+Z like any other.

Routes: ``POST /api/selections/tick``, ``/api/selections/rename``, ``/api/selections/remove``,
and ``/api/selections/name``, which says whether a name can be given (before anything is saved).
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from medialit.lesson.statement_ids import ids_in_use, new_id
from medialit.preview.editing import EditRefused, StaleWrite
from medialit.preview.live import Preview
from medialit.preview.requests import BadRequest, edit_response, int_field, json_body, str_field
from medialit.sheets.selections import reads_as_level_or_version

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")
"""A selection's name, as the lesson's ``Name`` allows it."""
# Where a new ``selections:`` goes: before the first of these, else at the end.
_BEFORE = ("plan", "plans", "glossary", "marking")


def endpoints(preview: Preview) -> list[BaseRoute]:
    async def tick(request: Request) -> Response:
        body = await json_body(request)
        name, index, quote = (
            str_field(body, "name"),
            int_field(body, "index"),
            str_field(body, "quote"),
        )
        ticked = body.get("ticked")
        if not isinstance(ticked, bool):
            raise BadRequest("'ticked' must be true or false.")
        order = _reading_order(preview.view)
        verb = "the tick of" if ticked else "the untick of"
        return await edit_response(
            preview,
            lambda: preview.editor.edit(
                str_field(body, "version"),
                f"{verb} statement {order.get(index, index + 1)} in “{name}”",
                lambda data: set_ticked(data, name, index, quote, ticked=ticked, order=order),
            ),
        )

    async def rename(request: Request) -> Response:
        body = await json_body(request)
        name, new = str_field(body, "name"), str_field(body, "new_name").strip()
        return await edit_response(
            preview,
            lambda: preview.editor.edit(
                str_field(body, "version"),
                f"the renaming of “{name}” to “{new}”",
                lambda data: rename_selection(data, name, new),
            ),
        )

    async def remove(request: Request) -> Response:
        body = await json_body(request)
        name = str_field(body, "name")
        return await edit_response(
            preview,
            lambda: preview.editor.edit(
                str_field(body, "version"),
                f"the removal of the selection “{name}”",
                lambda data: remove_selection(data, name),
            ),
        )

    async def check_name(request: Request) -> Response:
        # Asked as the page names a selection, so that a name the first tick would refuse is
        # refused at once, by the same rule (the page knows names not saved yet, the file not).
        name = str_field(await json_body(request), "name").strip()
        return JSONResponse({"problem": name_problem(name, None)})

    return [
        Route("/api/selections/name", check_name, methods=["POST"]),
        Route("/api/selections/tick", tick, methods=["POST"]),
        Route("/api/selections/rename", rename, methods=["POST"]),
        Route("/api/selections/remove", remove, methods=["POST"]),
    ]


def _reading_order(view: dict[str, Any]) -> dict[int, int]:
    """Each annotation's number in reading order, by its index in the file (as the page saw)."""
    return {a["index"]: a["number"] for a in view.get("annotations", [])}


def name_problem(name: str, taken: object) -> str | None:
    """Why ``name`` cannot name a new selection, if it cannot."""
    if not NAME.fullmatch(name):
        return (
            "A selection's name is letters, digits, dashes and underscores (up to 40), "
            "starting with a letter or a digit: core, short, week-2."
        )
    if isinstance(taken, dict) and name in taken:
        return f"The lesson has a selection “{name}” already; choose another name."
    if reads_as_level_or_version(name):
        return (
            f"“{name}” would name its sheets like another build's (student-{name}.pdf reads "
            "as a level or a version); choose another name, such as short."
        )
    return None


def set_ticked(
    data: CommentedMap, name: str, index: int, quote: str, *, ticked: bool, order: dict[int, int]
) -> None:
    """Put annotation ``index`` (its quote as the page saw it) in selection ``name``, or take it
    out; a new name makes a new selection, in reading order like the rest."""
    annotations = data.get("annotations")
    if (
        not isinstance(annotations, CommentedSeq)
        or not 0 <= index < len(annotations)
        or annotations[index].get("quote") != quote
    ):
        raise StaleWrite()
    item = annotations[index]
    selections = data.get("selections")
    chosen = selections.get(name) if isinstance(selections, dict) else None
    if not ticked:
        statement_id = item.get("id")
        if not isinstance(chosen, list) or statement_id not in chosen:
            return  # not in it: nothing to take out
        if len(chosen) == 1:
            raise EditRefused(
                f"“{name}” would have no statement left; to drop the selection, use Remove."
            )
        chosen.remove(statement_id)
        return
    if not isinstance(item.get("id"), str):
        _give_id(item, new_id(quote, ids_in_use(annotations)))
    statement_id = item["id"]
    if chosen is None:
        problem = name_problem(name, selections)
        if problem:
            raise EditRefused(problem)
        if not isinstance(selections, CommentedMap):
            selections = CommentedMap()
            _insert_before(data, "selections", selections)
        chosen = CommentedSeq()
        chosen.fa.set_flow_style()  # core: [a, b, c], as medialit new writes it
        selections[name] = chosen
    if statement_id in chosen:
        return
    chosen.append(statement_id)
    # The whole list in reading order: in a list written out of order (by hand, or by an older
    # medialit new, surest first) an insert before the first later statement landed wrong.
    number_of = {a.get("id"): order.get(i, i + 1) for i, a in enumerate(annotations)}
    chosen.sort(key=lambda other: number_of.get(other, 0))


def _give_id(item: CommentedMap, statement_id: str) -> None:
    """``id:`` after the fields a teacher reads first, before ``draft:`` (deleted to confirm)."""
    keys = list(item)
    item.insert(keys.index("draft") if "draft" in keys else len(keys), "id", statement_id)


def _insert_before(data: CommentedMap, key: str, value: object) -> None:
    keys = list(data)
    at = next((keys.index(k) for k in _BEFORE if k in keys), len(keys))
    data.insert(at, key, value)


def _uses(data: CommentedMap, name: str) -> list[str]:
    """Where else the lesson names selection ``name`` (``worksheet:``, ``plans:``)."""
    found = []
    worksheet = data.get("worksheet")
    worksheet = worksheet if isinstance(worksheet, dict) else {}
    levels = worksheet.get("level_selections")
    for level, chosen in levels.items() if isinstance(levels, dict) else []:
        if chosen == name:
            found.append(f"worksheet: level_selections: {level}")
    excerpts = worksheet.get("excerpt_selections")
    if isinstance(excerpts, list) and name in excerpts:
        found.append("worksheet: excerpt_selections")
    plans = data.get("plans")
    if isinstance(plans, dict) and name in plans:
        found.append(f"plans: {name}")
    return found


def rename_selection(data: CommentedMap, name: str, new: str) -> None:
    """Rename selection ``name``, and every place the lesson names it (a level's, an excerpt,
    its own plan), keeping each in its place and its comments."""
    selections = data.get("selections")
    if not isinstance(selections, CommentedMap) or name not in selections:
        raise StaleWrite()
    if new == name:
        return
    problem = name_problem(new, selections)
    if problem:
        raise EditRefused(problem)
    _rename_key(selections, name, new)
    worksheet = data.get("worksheet")
    worksheet = worksheet if isinstance(worksheet, dict) else {}
    levels = worksheet.get("level_selections")
    if isinstance(levels, dict):
        for level, chosen in list(levels.items()):
            if chosen == name:
                levels[level] = new
    excerpts = worksheet.get("excerpt_selections")
    if isinstance(excerpts, list):
        for j, chosen in enumerate(excerpts):
            if chosen == name:
                excerpts[j] = new
    plans = data.get("plans")
    if isinstance(plans, CommentedMap) and name in plans:
        _rename_key(plans, name, new)


def _rename_key(table: CommentedMap, old: str, new: str) -> None:
    keys = list(table)
    at = keys.index(old)
    value = table.pop(old)
    table.insert(at, new, value)
    if old in table.ca.items:  # its comment moves with it
        table.ca.items[new] = table.ca.items.pop(old)


def remove_selection(data: CommentedMap, name: str) -> None:
    """Remove selection ``name``; refused while another part of the lesson names it."""
    selections = data.get("selections")
    if not isinstance(selections, CommentedMap) or name not in selections:
        raise StaleWrite()
    uses = _uses(data, name)
    if uses:
        raise EditRefused(
            f"The selection “{name}” was not removed: it is used by "
            f"{'; '.join(f'`{use}`' for use in uses)}. Change that in your text editor first, "
            "then remove it."
        )
    del selections[name]
    if not selections:
        del data["selections"]
