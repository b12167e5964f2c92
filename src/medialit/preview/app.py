"""The preview's web application: one lesson, its article pane, its pages, live updates.

Routes (all behind :class:`Guard`, under the secret path ``/s/<token>/``):

- ``/``: the page; ``/static/…`` its scripts and styles; ``/fonts/…`` medialit's fonts;
- ``GET /api/lesson``: the article pane's data (see :mod:`.view`);
- ``POST /api/annotations``, ``/api/annotations/N``, ``/api/annotations/N/delete``: edits;
- ``POST /api/undo``: the file as it was before the page's last save (Ctrl+Z);
- ``GET``/``POST /api/pages``: the pages pane's state and the level and version shown;
- ``/pages/G/student/N.png``: page images of layout G;
- ``/events``: server-sent events ``lesson`` and ``pages`` whenever either changes.
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
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from medialit.errors import MedialitError
from medialit.preview.editing import Changes, EditRefused, Saved, Selection, StaleWrite
from medialit.preview.guard import CONTENT_SECURITY_POLICY, Guard
from medialit.preview.live import Preview
from medialit.preview.pages import MAX_VERSIONS_SHOWN, PageChoice, make_executor
from medialit.preview.view import checked_view
from medialit.settings.layers import Configuration
from medialit.sheets.variants import LEVELS, Level

__all__ = ["CONTENT_SECURITY_POLICY", "STALE_MESSAGE", "create_app"]

STALE_MESSAGE = (
    "The lesson file changed on disk since this page loaded it (perhaps in another editor or "
    "tab), so your change was not saved: the page now shows the file as it is. Make your "
    "change again if you still want it."
)


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
                preview.executor.shutdown(wait=False, cancel_futures=True)

    static = resources.files("medialit.preview") / "static"

    async def index(request: Request) -> Response:
        return HTMLResponse(static.joinpath("index.html").read_text(encoding="utf-8"))

    async def get_lesson(request: Request) -> Response:
        await preview.refresh()
        # The view, and what Ctrl+Z would undo (a page opened again after a change).
        undo = preview.editor.history.label(preview.view.get("version", ""))
        return JSONResponse({**preview.view, "undo": undo})

    async def add(request: Request) -> Response:
        body = await _json(request)
        selection = Selection(_int(body, "block"), _int(body, "start"), _int(body, "end"))
        return await _edit(
            preview, lambda: preview.editor.add(_str(body, "version"), selection, _changes(body))
        )

    async def change(request: Request) -> Response:
        body = await _json(request)
        index = cast(int, request.path_params["index"])
        return await _edit(
            preview,
            lambda: preview.editor.change(
                _str(body, "version"), index, _str(body, "quote"), _changes(body)
            ),
        )

    async def delete(request: Request) -> Response:
        body = await _json(request)
        index = cast(int, request.path_params["index"])
        return await _edit(
            preview,
            lambda: preview.editor.delete(_str(body, "version"), index, _str(body, "quote")),
        )

    async def undo(request: Request) -> Response:
        body = await _json(request)
        undone: list[str] = []

        def step() -> Saved:
            saved, label = preview.editor.undo(_str(body, "version"))
            undone.append(label)
            return saved

        response = await _edit(preview, step)
        if undone:
            response = _answer(preview, undone=f"Undid {undone[0]}.")
        return response

    async def pages(request: Request) -> Response:
        if request.method == "POST":
            body = await _json(request)
            level, version = body.get("level"), body.get("version") or None
            if level not in get_args(Level) or version not in (None, *"ABCD"[:MAX_VERSIONS_SHOWN]):
                raise _BadRequest(f"Choose a level ({', '.join(LEVELS)}) and a version (A–D).")
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
            Mount("/static", StaticFiles(packages=[("medialit.preview", "static")])),
            Mount("/fonts", StaticFiles(packages=[("medialit", "fonts")])),
        ],
        lifespan=lifespan,
        exception_handlers={_BadRequest: _bad_request},
    )
    return Guard(app, token=token, hosts=hosts, on_exit=preview.stop_soon)


class _BadRequest(Exception):
    pass


async def _bad_request(request: Request, exc: Exception) -> Response:
    return JSONResponse({"message": str(exc), "problems": []}, status_code=400)


async def _json(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise _BadRequest("The request is not JSON.") from None
    if not isinstance(body, dict):
        raise _BadRequest("The request is not a JSON object.")
    return body


def _int(body: dict[str, Any], key: str) -> int:
    value = body.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise _BadRequest(f"'{key}' must be a whole number.")
    return value


def _str(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str):
        raise _BadRequest(f"'{key}' must be text.")
    return value


def _optional_str(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        raise _BadRequest(f"'{key}' must be text.")
    return value


def _changes(body: dict[str, Any]) -> Changes:
    return Changes(
        kind=_optional_str(body, "kind"),
        why=_optional_str(body, "why"),
        check=_optional_str(body, "check"),
        confirm=body.get("confirm") is True,
        also_accept=_optional_kinds(body),
    )


def _optional_kinds(body: dict[str, Any]) -> list[str] | None:
    value = body.get("also_accept")
    if value is not None and not (
        isinstance(value, list) and all(isinstance(item, str) for item in value)
    ):
        raise _BadRequest("'also_accept' must be a list of kinds.")
    return value


async def _edit(preview: Preview, edit: Callable[[], Saved]) -> Response:
    """Apply an edit in a thread; answer with the lesson as it now is, or why not."""
    try:
        saved = await asyncio.to_thread(edit)
    except StaleWrite:
        await preview.refresh()
        return JSONResponse(
            {"message": STALE_MESSAGE, "problems": [], "lesson": preview.view}, status_code=409
        )
    except EditRefused as exc:
        return JSONResponse({"message": exc.message, "problems": exc.problems}, status_code=422)
    except MedialitError as exc:  # the file could not be written
        return JSONResponse({"message": str(exc), "problems": []}, status_code=500)
    preview.set_view(checked_view(saved.checked, saved.version, preview.configuration))
    return _answer(preview)


def _answer(preview: Preview, **extra: str) -> Response:
    """The lesson as it now is, and what Ctrl+Z would undo (``null``: nothing)."""
    undo = preview.editor.history.label(preview.view.get("version", ""))
    return JSONResponse({"lesson": preview.view, "undo": undo, **extra})
