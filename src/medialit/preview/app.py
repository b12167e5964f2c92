"""The preview's web application: one lesson, its article pane, its pages, live updates.

Routes (all behind :class:`Guard`):

- ``/``: the page; ``/static/…`` its scripts and styles; ``/fonts/…`` medialit's fonts;
- ``GET /api/lesson``: the article pane's data (see :mod:`.view`);
- ``POST /api/annotations``, ``/api/annotations/N``, ``/api/annotations/N/delete``: edits;
- ``GET``/``POST /api/pages``: the pages pane's state and the level and version shown;
- ``/pages/G/student/N.png``: page images of layout G;
- ``/events``: server-sent events ``lesson`` and ``pages`` whenever either changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Executor
from importlib import resources
from pathlib import Path
from typing import Any, cast, get_args

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from watchfiles import awatch

from ..errors import MedialitError
from ..layers import Configuration
from ..variants import LEVELS, Level
from .editing import Changes, EditRefused, LessonEditor, Saved, Selection, StaleWrite, read_text
from .pages import (
    DOCUMENTS,
    MAX_VERSIONS_SHOWN,
    LaidOut,
    PageChoice,
    lay_out,
    make_executor,
    page_warnings,
    plan_documents,
    warm_up,
)
from .view import checked_view, lesson_view

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
STALE_MESSAGE = (
    "The lesson file changed on disk since this page loaded it (perhaps in another editor or "
    "tab), so your change was not saved: the page now shows the file as it is. Make your "
    "change again if you still want it."
)
DOCUMENT_LABELS = {"student": "student sheet", "key": "answer key"}
HEARTBEAT_SECONDS = 15.0


class Guard:
    """Every request must name this server as its host and carry the access token.

    The token arrives once in the address (``?token=…``, as printed) and is then
    kept in a cookie. Checking the ``Host`` header defeats DNS rebinding: a web
    page whose name points to 127.0.0.1 still sends its own name. Changes must
    come as JSON from this very origin, which a form on another site cannot send.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        token: str,
        hosts: set[str],
        on_exit: Callable[[], None] = lambda: None,
    ) -> None:
        self.app = app
        self.on_exit = on_exit
        """Call when the server is asked to stop: ends the pages' event streams."""
        self.token = token
        self.hosts = hosts
        port = next(iter(hosts)).rpartition(":")[2]
        self.cookie = f"medialit-preview-{port}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response = self._refusal(Request(scope))
        if response is not None:
            await _with_headers(response)(scope, receive, send)
            return
        await _with_headers(self.app)(scope, receive, send)

    def _refusal(self, request: Request) -> Response | None:
        host = request.headers.get("host", "")
        if host not in self.hosts:
            return PlainTextResponse(
                f"This preview answers only at http://{sorted(self.hosts)[0]}/.", status_code=400
            )
        offered = request.query_params.get("token")
        if offered is not None and secrets.compare_digest(offered, self.token):
            response = RedirectResponse(request.url.path, status_code=303)
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="strict")
            return response
        cookie = request.cookies.get(self.cookie, "")
        if not secrets.compare_digest(cookie, self.token):
            return HTMLResponse(_NO_TOKEN_PAGE, status_code=403)
        if request.method not in ("GET", "HEAD"):
            origin = request.headers.get("origin")
            if origin is not None and origin != f"http://{host}":
                return PlainTextResponse("Changes must come from the preview page.", 403)
            if request.headers.get("content-type", "").split(";")[0] != "application/json":
                return PlainTextResponse("Changes are sent as JSON.", 415)
        return None


_NO_TOKEN_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8">
<title>medialit preview: open the printed address</title>
<h1>Open the address that <code>medialit preview</code> printed</h1>
<p>This preview is private to the person who started it. Copy the whole address from the
first line that <code>medialit preview</code> printed in the terminal (it ends with
<code>?token=</code> and a code) and open it in this browser.</p></html>"""


def _with_headers(app: ASGIApp) -> ASGIApp:
    """Add the content security policy and its companions to every response."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                headers["Cross-Origin-Resource-Policy"] = "same-origin"
                headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await app(scope, receive, send_with_headers)

    return wrapped


class Preview:
    """The state of one lesson's preview, shared by every open page."""

    def __init__(
        self,
        lesson: Path,
        configuration: Configuration,
        executor_factory: Callable[[], Executor] | None = make_executor,
    ) -> None:
        self.lesson = lesson
        self.configuration = configuration
        self.editor = LessonEditor(lesson)
        self.executor_factory = executor_factory
        self.executor: Executor | None = None
        self.view: dict[str, Any] = {}
        self.choice = PageChoice()
        self.pages: dict[str, Any] = {"busy": True, "documents": []}
        self.documents: dict[str, dict[str, Any]] = {}
        self.shown_choice = PageChoice()
        self.generation = 0
        self.pending_key: tuple[PageChoice, tuple[str, str, tuple[Path, ...]], int] | None = None
        self.key_task: asyncio.Task[None] | None = None
        self.student_busy = False
        self.images: dict[tuple[int, str, int], bytes] = {}
        self.counts: dict[tuple[PageChoice, str], int] = {}
        self.subscribers: set[asyncio.Queue[str | None]] = set()
        self.render_wanted = asyncio.Event()
        self.loop: asyncio.AbstractEventLoop | None = None

    # -- the lesson --------------------------------------------------------------------

    async def refresh(self, *, skip_same_version: bool = False) -> None:
        """Read the lesson again and tell every page, if it changed.

        ``skip_same_version``: not if the bytes are those shown (the page's own save).
        """
        if skip_same_version:
            with contextlib.suppress(OSError):
                current = await asyncio.to_thread(read_text, self.lesson)
                if current.version == self.view.get("version"):
                    return
        self.set_view(await asyncio.to_thread(lesson_view, self.lesson, self.configuration))

    def set_view(self, view: dict[str, Any]) -> None:
        if view.get("version") == self.view.get("version") and view == self.view:
            return
        self.view = view
        if not view["problems"]:
            self.editor.checked_version = view["version"]
        self.publish("lesson", view)
        if not view["problems"]:
            self.render_wanted.set()

    async def watch(self, stop: asyncio.Event) -> None:
        """Follow edits made in any editor; they reach the pages within a fraction of a second."""
        target = self.lesson.resolve()
        # The folder, not the file: editors often save by replacing the file.
        async for changes in awatch(
            target.parent, step=50, debounce=400, stop_event=stop, recursive=False
        ):
            if any(Path(path).resolve() == target for _, path in changes):
                await self.refresh(skip_same_version=True)

    # -- the pages ---------------------------------------------------------------------

    async def render_pages(self, stop: asyncio.Event) -> None:
        """Lay out the pages whenever asked; asks made meanwhile are served by one layout."""
        if self.executor_factory is None:
            return
        self.executor = self.executor_factory()
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self.executor, warm_up)
        while not stop.is_set():
            await self.render_wanted.wait()
            self.render_wanted.clear()
            if self.view.get("problems", True):
                continue
            await self._render_once()

    async def _render_once(self) -> None:
        """The student sheet first, shown as soon as it is ready; then the key, unless a
        newer change has come meanwhile (that key would be out of date at once)."""
        assert self.executor is not None
        choice = self.choice
        self._publish_pages(busy=True)
        try:
            jobs = await asyncio.to_thread(plan_documents, self.lesson, self.configuration, choice)
        except MedialitError as exc:
            self._publish_pages(busy=False, error=str(exc))
            return
        self.generation += 1
        (name, html, folders), key_job = jobs
        self.student_busy = True
        try:
            result = await self._lay_out(html, folders)
        finally:
            self.student_busy = False
        # Only the newest key is worth laying out; one key at a time.
        self.pending_key = (choice, key_job, self.generation)
        self._store(choice, name, result, self.generation)
        if self.key_task is None or self.key_task.done():
            self.key_task = asyncio.create_task(self._render_keys())

    async def _render_keys(self) -> None:
        while self.pending_key is not None:
            if self.render_wanted.is_set() or self.student_busy:
                await asyncio.sleep(0.05)  # a newer student sheet goes first
                continue
            choice, (name, html, folders), generation = self.pending_key
            self.pending_key = None
            self._store(choice, name, await self._lay_out(html, folders), generation)
        self._publish_pages(busy=False)

    async def _lay_out(self, html: str, folders: tuple[Path, ...]) -> LaidOut:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, lay_out, html, self.lesson.parent, folders)

    def _store(self, choice: PageChoice, name: str, result: LaidOut, generation: int) -> None:
        previous = self.counts.get((choice, name))
        self.counts[(choice, name)] = len(result.pages)
        self.images = {key: png for key, png in self.images.items() if key[1] != name}
        for number, png in enumerate(result.pages, start=1):
            self.images[(generation, name, number)] = png
        self.documents[name] = {
            "name": name,
            "generation": generation,
            "count": len(result.pages),
            "warnings": page_warnings(name, result, previous, DOCUMENT_LABELS[name]),
            "error": result.error,
        }
        self.shown_choice = choice
        self._publish_pages(busy=self.render_wanted.is_set() or self.pending_key is not None)

    def _publish_pages(self, *, busy: bool, error: str | None = None) -> None:
        self.pages = {
            "busy": busy,
            "level": self.shown_choice.level,
            "version": self.shown_choice.version,
            "error": error,
            "documents": [self.documents[name] for name in DOCUMENTS if name in self.documents],
        }
        self.publish("pages", self.pages)

    # -- the pages open in browsers ----------------------------------------------------

    def publish(self, event: str, data: dict[str, Any]) -> None:
        message = f"event: {event}\ndata: {json.dumps(data)}\n\n"
        for queue in self.subscribers:
            queue.put_nowait(message)

    async def events(self, request: Request) -> AsyncIterator[str]:
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        self.subscribers.add(queue)
        try:
            yield f"event: lesson\ndata: {json.dumps(self.view)}\n\n"
            yield f"event: pages\ndata: {json.dumps(self.pages)}\n\n"
            while True:
                try:
                    message = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
                except TimeoutError:
                    message = ": still here\n\n"
                if message is None:
                    return
                yield message
        finally:
            self.subscribers.discard(queue)

    def stop_soon(self) -> None:
        """End every event stream, so that the server can stop at once (safe from a signal)."""

        def stop() -> None:
            for queue in self.subscribers:
                queue.put_nowait(None)

        if self.loop is not None:
            self.loop.call_soon_threadsafe(stop)


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
        return JSONResponse(preview.view)

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
    )


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
    return JSONResponse({"lesson": preview.view})
