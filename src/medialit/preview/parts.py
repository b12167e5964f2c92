"""The endpoints of the lesson-parts panel: questions, glossary, details and plans.

Every change goes through ``preview.editor.edit`` (version check, ``medialit check`` before
the write, atomic save, an undo step) and answers through :func:`edit_response`, behind the
same Guard as the rest of the page:

- ``POST api/questions``: add a question (``text``, ``notes``, ``paragraphs``);
  ``api/questions/N``: change it; ``…/N/move`` (``to``); ``…/N/delete``; ``…/N/accept``:
  accept a question ``medialit new`` suggested (its ``draft: true`` goes);
- ``POST api/glossary``: add an entry (``term``, ``definition``); ``api/glossary/N``,
  ``…/N/move``, ``…/N/delete`` likewise;
- ``POST api/details``: the title, ``audience``, ``language``, ``objectives`` and any of
  ``source``'s fields that the body names;
- ``POST api/plan``: a whole plan (``plan``, or ``null`` to remove it), of the lesson or of
  the selection ``selection`` (:mod:`.planedits`); ``POST api/plan/accept``: accept a
  suggested plan (of ``selection``, if named).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from ruamel.yaml.comments import CommentedMap
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from medialit.preview.live import Preview
from medialit.preview.partedits import (
    SOURCE_LABELS,
    QuestionFields,
    accept,
    accept_suggested_question,
    add_entry,
    add_question,
    item_at,
    move,
    remove,
    set_details,
    set_entry,
    set_question,
)
from medialit.preview.planedits import (
    PlanFields,
    StepFields,
    plan_held,
    plan_label,
    set_plan,
    set_plan_notes,
)
from medialit.preview.requests import (
    BadRequest,
    edit_response,
    int_field,
    json_body,
    optional_str_field,
    str_field,
)

Edit = Callable[[CommentedMap], None]


def endpoints(preview: Preview) -> list[BaseRoute]:
    """The panel's routes, for ``app.ENDPOINT_GROUPS``."""

    async def edit(
        request: Request, label: str, make: Callable[[dict[str, Any]], Edit]
    ) -> Response:
        body = await json_body(request)
        version = str_field(body, "version")
        change = make(body)  # a malformed body is refused before the file is read
        return await edit_response(preview, lambda: preview.editor.edit(version, label, change))

    def index_of(request: Request) -> int:
        return cast(int, request.path_params["index"])

    def list_routes(
        key: str,
        what: str,
        add: Callable[[dict[str, Any]], Edit],
        change: Callable[[dict[str, Any], int], Edit],
    ) -> list[BaseRoute]:
        async def added(request: Request) -> Response:
            return await edit(request, f"the new {what}", add)

        async def changed(request: Request) -> Response:
            n = index_of(request)
            return await edit(request, f"the change to {what} {n + 1}", lambda b: change(b, n))

        async def moved(request: Request) -> Response:
            n = index_of(request)

            def make(body: dict[str, Any]) -> Edit:
                to = int_field(body, "to")
                return lambda data: move(data, key, n, to, what)

            return await edit(request, f"the move of {what} {n + 1}", make)

        async def deleted(request: Request) -> Response:
            n = index_of(request)
            return await edit(
                request,
                f"the removal of {what} {n + 1}",
                lambda b: lambda d: remove(d, key, n, what),
            )

        return [
            Route(f"/api/{key}", added, methods=["POST"]),
            Route(f"/api/{key}/{{index:int}}", changed, methods=["POST"]),
            Route(f"/api/{key}/{{index:int}}/move", moved, methods=["POST"]),
            Route(f"/api/{key}/{{index:int}}/delete", deleted, methods=["POST"]),
        ]

    def add_q(body: dict[str, Any]) -> Edit:
        fields = question_fields(body)
        return lambda data: add_question(data, fields)

    def change_q(body: dict[str, Any], n: int) -> Edit:
        fields = question_fields(body)
        return lambda data: set_question(item_at(data, "questions", n, "question"), fields)

    def add_g(body: dict[str, Any]) -> Edit:
        term, definition = str_field(body, "term"), str_field(body, "definition")
        return lambda data: add_entry(data, term, definition)

    def change_g(body: dict[str, Any], n: int) -> Edit:
        term, definition = optional_str_field(body, "term"), optional_str_field(body, "definition")
        return lambda data: set_entry(
            item_at(data, "glossary", n, "glossary entry"), term, definition
        )

    async def details(request: Request) -> Response:
        def make(body: dict[str, Any]) -> Edit:
            fields = details_fields(body)
            return lambda data: set_details(data, fields)

        return await edit(request, "the change to the lesson's details", make)

    async def plan(request: Request) -> Response:
        body = await json_body(request)
        selection = optional_str_field(body, "selection")
        if "notes" in body:  # what to prepare and the notes alone (plandraft.js says when)
            preparation, note, extension = plan_notes(body["notes"])
            return await edit_response(
                preview,
                lambda: preview.editor.edit(
                    str_field(body, "version"),
                    f"what to prepare and the notes of {plan_label(selection)}",
                    lambda data: set_plan_notes(data, selection, preparation, note, extension),
                ),
            )
        if "plan" not in body:
            raise BadRequest("'plan' must be a plan, or null to remove it.")
        fields = plan_fields(body["plan"])
        label = plan_label(selection) if fields else f"the removal of {plan_label(selection)}"
        version = str_field(body, "version")
        return await edit_response(
            preview,
            lambda: preview.editor.edit(
                version, label, lambda data: set_plan(data, selection, fields)
            ),
        )

    async def accept_question(request: Request) -> Response:
        n = index_of(request)
        what = f"question {n + 1}"
        return await edit(
            request,
            f"accepting {what}",
            lambda b: lambda d: accept_suggested_question(d, n, what),
        )

    async def accept_plan(request: Request) -> Response:
        def make(body: dict[str, Any]) -> Edit:
            selection = optional_str_field(body, "selection")
            return lambda data: accept(plan_held(data, selection), plan_label(selection))

        return await edit(request, "accepting the plan", make)

    return [
        *list_routes("questions", "question", add_q, change_q),
        Route("/api/questions/{index:int}/accept", accept_question, methods=["POST"]),
        *list_routes("glossary", "glossary entry", add_g, change_g),
        Route("/api/details", details, methods=["POST"]),
        Route("/api/plan", plan, methods=["POST"]),
        Route("/api/plan/accept", accept_plan, methods=["POST"]),
    ]


def question_fields(body: dict[str, Any]) -> QuestionFields:
    paragraphs = body.get("paragraphs")
    if paragraphs is not None and not (
        isinstance(paragraphs, list) and all(whole(number) for number in paragraphs)
    ):
        raise BadRequest("'paragraphs' must be a list of whole numbers.")
    return QuestionFields(
        text=optional_str_field(body, "text"),
        notes=optional_str_field(body, "notes"),
        paragraphs=paragraphs,
    )


def whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def details_fields(body: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for key in ("title", "audience", "language"):
        if key in body:
            fields[key] = str_field(body, key)
    if "objectives" in body:
        objectives = body["objectives"]
        if not isinstance(objectives, list) or not all(isinstance(o, str) for o in objectives):
            raise BadRequest("'objectives' must be a list of texts.")
        fields["objectives"] = objectives
    source = body.get("source", {})
    if not isinstance(source, dict) or not all(
        key in SOURCE_LABELS and isinstance(value, str) for key, value in source.items()
    ):
        raise BadRequest(f"'source' must map some of {', '.join(SOURCE_LABELS)} to texts.")
    fields["source"] = source
    return fields


def plan_notes(notes: object) -> tuple[list[str], str, str]:
    """What to prepare, the content note and the extension of a ``notes`` body."""
    if not isinstance(notes, dict):
        raise BadRequest("'notes' must hold preparation, content_note and extension.")
    preparation = notes.get("preparation", [])
    if not isinstance(preparation, list) or not all(isinstance(p, str) for p in preparation):
        raise BadRequest("'preparation' must be a list of texts.")
    note = optional_str_field(notes, "content_note") or ""
    return preparation, note, optional_str_field(notes, "extension") or ""


def plan_fields(plan: object) -> PlanFields | None:
    if plan is None:
        return None
    if not isinstance(plan, dict):
        raise BadRequest("'plan' must be a plan, or null to remove it.")
    steps = plan.get("steps")
    if not isinstance(steps, list) or not all(isinstance(step, dict) for step in steps):
        raise BadRequest("'steps' must be a list of steps.")
    preparation = plan.get("preparation", [])
    if not isinstance(preparation, list) or not all(isinstance(p, str) for p in preparation):
        raise BadRequest("'preparation' must be a list of texts.")
    return PlanFields(
        minutes=int_field(plan, "minutes"),
        steps=[
            StepFields(
                minutes=int_field(step, "minutes"),
                activity=str_field(step, "activity"),
                details=optional_str_field(step, "details") or "",
                origin=step_origin(step),
            )
            for step in steps
        ],
        preparation=preparation,
        content_note=optional_str_field(plan, "content_note") or "",
        extension=optional_str_field(plan, "extension") or "",
    )


def step_origin(step: dict[str, Any]) -> int | None:
    origin = step.get("from")
    if origin is not None and not whole(origin):
        raise BadRequest("'from' must be a step's place in the plan, or null for a new step.")
    return cast(int | None, origin)
