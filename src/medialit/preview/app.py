"""The preview's web application: one lesson, its article pane, its pages, live updates.

Routes (all behind :class:`Guard`, under the secret path ``/s/<token>/``):

- ``/``: the page; ``/static/…`` its scripts and styles; ``/fonts/…`` medialit's fonts;
- ``GET /api/lesson``: the article pane's data (see :mod:`.view`);
- ``POST /api/annotations``, ``/api/annotations/N``, ``/api/annotations/N/delete``: edits;
- ``POST /api/undo``: the file as it was before the page's last save (Ctrl+Z);
- ``GET``/``POST /api/pages``: the pages pane's state and the level and version shown;
- ``/pages/G/student/N.png``: page images of layout G;
- ``/events``: server-sent events ``lesson`` and ``pages`` whenever either changes.

and the groups of :data:`ENDPOINT_GROUPS`, each in its own module: ``/api/queue…``, the
review queue of drafts (:mod:`.queue`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Executor
from importlib import resources
from pathlib import Path
from typing import Any, cast, get_args

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from medialit.lesson.model import Kind
from medialit.preview import glance, offers, parts, queue, selections, statements
from medialit.preview.editing import Saved, Selection
from medialit.preview.guard import CONTENT_SECURITY_POLICY, Guard
from medialit.preview.live import Preview
from medialit.preview.pages import MAX_VERSIONS_SHOWN, PageChoice, make_executor
from medialit.preview.requests import (
    STALE_MESSAGE,
    BadRequest,
    answer,
    bad_request,
    changes_from,
    edit_response,
    int_field,
    json_body,
    str_field,
)
from medialit.processes import stop_workers
from medialit.settings.layers import Configuration
from medialit.sheets.variants import LEVELS, Level

__all__ = ["CONTENT_SECURITY_POLICY", "STALE_MESSAGE", "create_app"]

Endpoints = Callable[[Preview], list[BaseRoute]]
"""A group of endpoints of its own module (the studio's editors): routes for one preview."""

# Each editor's module adds its endpoints here; all sit behind the same Guard.
ENDPOINT_GROUPS: list[Endpoints] = [
    queue.endpoints,  # the review queue of drafts
    offers.endpoints,  # the why and check offered when a draft's kind changes
    parts.endpoints,  # questions, plan, glossary, details
    statements.endpoints,  # words, techniques and id of a statement
    selections.endpoints,  # statements ticked into a selection
    glance.endpoints,  # what the teacher needs to decide
]


def create_app(
    lesson: Path,
    configuration: Configuration,
    *,
    token: str,
    hosts: set[str],
    executor_factory: Callable[[], Executor] | None = make_executor,
) -> Guard:
    """The preview of ``lesson``, answering only at ``hosts`` and only with ``token``.

    ``executor_factory=None`` leaves out the pages pane (tests of the article pane).
    """
    preview = Preview(lesson, configuration, executor_factory)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        stop = asyncio.Event()
        preview.loop = asyncio.get_running_loop()
        await preview.refresh()
        tasks = [
            asyncio.create_task(preview.watch(stop)),
            asyncio.create_task(preview.render_pages(stop)),
            *(asyncio.create_task(job(stop)) for job in preview.background),
        ]
        try:
            yield
        finally:
            stop.set()
            if preview.key_task is not None:
                tasks.append(preview.key_task)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            if preview.executor is not None:
                stop_workers(preview.executor)

    static = resources.files("medialit.preview") / "static"

    async def index(request: Request) -> Response:
        return HTMLResponse(static.joinpath("index.html").read_text(encoding="utf-8"))

    async def get_lesson(request: Request) -> Response:
        await preview.refresh()
        # The view, and what Ctrl+Z would undo (a page opened again after a change).
        undo = preview.editor.history.label(preview.view.get("version", ""))
        return JSONResponse({**preview.view, "undo": undo})

    async def add(request: Request) -> Response:
        body = await json_body(request)
        selection = Selection(
            int_field(body, "block"), int_field(body, "start"), int_field(body, "end")
        )
        return await edit_response(
            preview,
            lambda: preview.editor.add(str_field(body, "version"), selection, changes_from(body)),
        )

    async def change(request: Request) -> Response:
        body = await json_body(request)
        index = cast(int, request.path_params["index"])
        changes = changes_from(body)
        offer = preview.offer
        kind = changes.kind or ""
        also: Callable[[dict[str, Any]], dict[str, Any]] | None = None
        if body.get("offer") is True and offer is not None and kind in Kind.__members__:
            # The why and check written for the new kind, in this very answer.
            def also(view: dict[str, Any]) -> dict[str, Any]:
                return {"offer": offer(view, index, Kind(kind))}

        return await edit_response(
            preview,
            lambda: preview.editor.change(
                str_field(body, "version"), index, str_field(body, "quote"), changes
            ),
            also,
        )

    async def delete(request: Request) -> Response:
        body = await json_body(request)
        index = cast(int, request.path_params["index"])
        return await edit_response(
            preview,
            lambda: preview.editor.delete(
                str_field(body, "version"), index, str_field(body, "quote")
            ),
        )

    async def undo(request: Request) -> Response:
        body = await json_body(request)
        undone: list[str] = []

        def step() -> Saved:
            saved, label = preview.editor.undo(str_field(body, "version"))
            undone.append(label)
            return saved

        response = await edit_response(preview, step)
        if undone:
            # "Undid the drop of “Not everyone is convinced.”": one full stop.
            said = f"Undid {undone[0]}"
            ended = said.endswith((".”", "?”", "!”"))
            response = answer(preview, undone=said if ended else said + ".")
        return response

    async def pages(request: Request) -> Response:
        if request.method == "POST":
            body = await json_body(request)
            level, version = body.get("level"), body.get("version") or None
            if level not in get_args(Level) or version not in (None, *"ABCD"[:MAX_VERSIONS_SHOWN]):
                raise BadRequest(f"Choose a level ({', '.join(LEVELS)}) and a version (A–D).")
            preview.choice = PageChoice(cast(Level, level), version)
            preview.render_wanted.set()
        return JSONResponse(preview.pages)

    async def page_image(request: Request) -> Response:
        key = (
            cast(int, request.path_params["generation"]),
            cast(str, request.path_params["document"]),
            cast(int, request.path_params["number"]),
        )
        png = preview.images.get(key)
        if png is None:
            return PlainTextResponse("This page image was replaced by a newer one.", 404)
        return Response(png, media_type="image/png", headers={"Cache-Control": "private"})

    async def events(request: Request) -> Response:
        return StreamingResponse(
            preview.events(request),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/favicon.ico", lambda request: Response(status_code=204)),
            Route("/api/lesson", get_lesson),
            Route("/api/annotations", add, methods=["POST"]),
            Route("/api/annotations/{index:int}", change, methods=["POST"]),
            Route("/api/annotations/{index:int}/delete", delete, methods=["POST"]),
            Route("/api/undo", undo, methods=["POST"]),
            Route("/api/pages", pages, methods=["GET", "POST"]),
            Route("/pages/{generation:int}/{document}/{number:int}.png", page_image),
            Route("/events", events),
            *(route for group in ENDPOINT_GROUPS for route in group(preview)),
            Mount("/static", StaticFiles(packages=[("medialit.preview", "static")])),
            Mount("/fonts", StaticFiles(packages=[("medialit", "fonts")])),
        ],
        lifespan=lifespan,
        exception_handlers={BadRequest: bad_request},
    )
    return Guard(app, token=token, hosts=hosts, on_exit=preview.stop_soon)
