"""What every preview endpoint shares: reading a request's JSON, and answering an edit.

Each group of endpoints (``app``'s own, and the studio's editors) lives in its own module and
answers through these helpers, so every endpoint gives the same messages, the same status codes
(400 a malformed request, 409 a stale save with the file as it is, 422 an edit refused with its
problems, 500 a file that could not be written) and the same body: the lesson as it now is and
what Ctrl+Z would undo.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from medialit.errors import MedialitError
from medialit.preview.editing import Changes, EditRefused, Saved, StaleWrite
from medialit.preview.live import Preview
from medialit.preview.view import checked_view

STALE_MESSAGE = (
    "The lesson file changed on disk since this page loaded it (perhaps in another editor or "
    "tab), so your change was not saved: the page now shows the file as it is. Make your "
    "change again if you still want it."
)


class BadRequest(Exception):
    """A request the page would never send: answered 400 with the reason."""


async def bad_request(request: Request, exc: Exception) -> Response:
    return JSONResponse({"message": str(exc), "problems": []}, status_code=400)


async def json_body(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise BadRequest("The request is not JSON.") from None
    if not isinstance(body, dict):
        raise BadRequest("The request is not a JSON object.")
    return body


def int_field(body: dict[str, Any], key: str) -> int:
    value = body.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadRequest(f"'{key}' must be a whole number.")
    return value


def str_field(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str):
        raise BadRequest(f"'{key}' must be text.")
    return value


def optional_str_field(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        raise BadRequest(f"'{key}' must be text.")
    return value


def changes_from(body: dict[str, Any]) -> Changes:
    return Changes(
        kind=optional_str_field(body, "kind"),
        why=optional_str_field(body, "why"),
        check=optional_str_field(body, "check"),
        confirm=body.get("confirm") is True,
        also_accept=optional_kinds(body),
    )


def optional_kinds(body: dict[str, Any]) -> list[str] | None:
    value = body.get("also_accept")
    if value is not None and not (
        isinstance(value, list) and all(isinstance(item, str) for item in value)
    ):
        raise BadRequest("'also_accept' must be a list of kinds.")
    return value


async def edit_response(
    preview: Preview,
    edit: Callable[[], Saved],
    also: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> Response:
    """Apply an edit in a thread; answer with the lesson as it now is, or why not.

    ``also``: what else the answer says, from the lesson view just made (the why offered
    for a kind: see :mod:`.offers`), so that the page needs no second request.
    """
    extra: dict[str, Any] = {}

    def apply() -> dict[str, Any]:
        saved = edit()
        preview.saved = (saved.version, saved.checked, saved.text)
        view = checked_view(saved.checked, saved.version, preview.configuration)
        view = preview.completed(view)  # in the thread too: the loop stays free
        if also is not None and not view.get("problems", True):
            extra.update(also(view))
        return view

    try:
        view = await asyncio.to_thread(apply)
    except StaleWrite:
        await preview.refresh()
        return JSONResponse(
            {"message": STALE_MESSAGE, "problems": [], "lesson": preview.view}, status_code=409
        )
    except EditRefused as exc:
        return JSONResponse({"message": exc.message, "problems": exc.problems}, status_code=422)
    except MedialitError as exc:  # the file could not be written
        return JSONResponse({"message": str(exc), "problems": []}, status_code=500)
    preview.set_view(view)
    return answer(preview, **extra)


def answer(preview: Preview, **extra: Any) -> Response:
    """The lesson as it now is, and what Ctrl+Z would undo (``null``: nothing)."""
    undo = preview.editor.history.label(preview.view.get("version", ""))
    # The next edit's document is loaded once this answer has gone out, not while it is made.
    return JSONResponse(
        {"lesson": preview.view, "undo": undo, **extra},
        background=BackgroundTask(preview.editor.preload),
    )
