"""The marking page: every student's answer to one statement side by side, banded by key press.

Served as the preview is (``preview.server.listen`` on the loopback address, behind
``preview.guard.Guard``: a one-time address for the browser, the token in the path, the
``Host`` and ``Origin`` checked). Routes, under ``/s/<token>/``:

- ``/``: the page; ``/static/…`` its script and styles; ``/fonts/…`` medialit's fonts;
- ``GET /api/marks``: the statements, each with the guide and every student's answer;
- ``POST /api/decide``: one band (``band``: 1, 2, 3 or null) or one decided tick
  (``answer``: a kind or ``none``), saved into ``marks.json`` at once, refused (409) if the
  file changed since the page last read it;
- ``/images/…``: the crops and pages named in ``marks.json``, from the marks folder only;
- ``/report``: the class report, as the PDF shows it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from medialit.marking.csvfiles import copy_label, statement_ids
from medialit.marking.guide import MarkingGuide, check_marks_match, read_guide
from medialit.marking.report import class_report, report_html
from medialit.marking.store import (
    MARKS_FILE,
    STALE_MARKS,
    BadDecision,
    Loaded,
    MarksFile,
    MarksNotSaved,
    StaleMarks,
    inside_folder,
)
from medialit.preview.guard import Guard
from medialit.preview.requests import BadRequest, bad_request, int_field, json_body, str_field
from medialit.preview.server import serve_guarded

IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def marks_view(loaded: Loaded, guide: MarkingGuide) -> dict[str, Any]:
    """What the page shows: each statement with its guide and every student's answer to it."""
    marks = loaded.marks
    statements = []
    for statement_id in statement_ids(marks, guide):
        found = guide.find(statement_id)
        answers = [
            {
                "copy": copy.copy,
                "name": copy_label(copy),
                "name_image": copy.name_image,
                "version": copy.version,
                "number": mark.number,
                "ticks": mark.ticks,
                "answer": mark.answer,
                "unsure": mark.unsure,
                "resolved": mark.resolved,
                "reason_image": mark.reason_image,
                "reason_text": mark.reason_text,
                "band": mark.band,
            }
            for copy in sorted(marks.copies, key=lambda c: c.copy)
            for mark in copy.statements
            if mark.statement_id == statement_id
        ]
        key = next(
            (
                m.key_kind
                for c in marks.copies
                for m in c.statements
                if m.statement_id == statement_id
            ),
            "",
        )
        statements.append(
            {
                "id": statement_id,
                "number": found.number if found else None,
                "quote": found.quote if found else statement_id,
                "kind": found.kind if found else key,
                "also_accept": list(found.also_accept) if found else [],
                "why": found.why if found else "",
                "check": found.check if found else None,
                "answers": answers,
            }
        )
    return {
        "title": marks.title,
        "version": loaded.version,
        "waiting": marks.waiting,
        "bands": [
            {"band": b.band, "name": b.name, "description": b.description} for b in guide.bands
        ],
        "statements": statements,
    }


def create_review_app(lesson: Path, folder: Path, *, token: str, hosts: set[str]) -> Guard:
    """The marking page of ``folder/marks.json``, answering only at ``hosts`` with ``token``."""
    guide = read_guide(lesson)
    store = MarksFile(folder / MARKS_FILE)
    first = store.read()  # a missing or damaged file is told before the server starts
    check_marks_match(first.marks, guide, store.path)
    static = resources.files("medialit.marking") / "static"

    async def index(request: Request) -> Response:
        return HTMLResponse(static.joinpath("review.html").read_text(encoding="utf-8"))

    async def get_marks(request: Request) -> Response:
        loaded = await asyncio.to_thread(store.read)
        return JSONResponse(marks_view(loaded, guide))

    async def decide(request: Request) -> Response:
        body = await json_body(request)
        change: dict[str, object] = {}
        for name in ("band", "answer"):
            if name in body:
                change[name] = body[name]
        if len(change) != 1:
            raise BadRequest("Send one decision: a 'band' or an 'answer'.")
        try:
            loaded = await asyncio.to_thread(
                store.decide,
                str_field(body, "version"),
                int_field(body, "copy"),
                str_field(body, "statement"),
                **change,
            )
        except StaleMarks:
            current = await asyncio.to_thread(store.read)
            return JSONResponse(
                {"message": STALE_MARKS, "marks": marks_view(current, guide)}, status_code=409
            )
        except BadDecision as exc:
            raise BadRequest(str(exc)) from None
        except MarksNotSaved as exc:
            return JSONResponse({"message": str(exc)}, status_code=500)
        return JSONResponse({"marks": marks_view(loaded, guide)})

    async def image(request: Request) -> Response:
        relative = str(request.path_params["path"])
        path = folder / relative
        if (
            not inside_folder(relative)
            or path.suffix.lower() not in IMAGE_TYPES
            or not path.resolve().is_relative_to(folder.resolve())
            or not path.is_file()
        ):
            return Response("No such image in the marks folder.", 404, media_type="text/plain")
        return FileResponse(path, media_type=IMAGE_TYPES[path.suffix.lower()])

    async def report(request: Request) -> Response:
        loaded = await asyncio.to_thread(store.read)
        page = report_html(
            class_report(loaded.marks, guide), guide, for_browser=True, lesson=str(lesson)
        )
        return HTMLResponse(page)

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/favicon.ico", lambda request: Response(status_code=204)),
            Route("/api/marks", get_marks),
            Route("/api/decide", decide, methods=["POST"]),
            Route("/images/{path:path}", image),
            Route("/report", report),
            Mount("/static", StaticFiles(packages=[("medialit.marking", "static")])),
            Mount("/fonts", StaticFiles(packages=[("medialit", "fonts")])),
        ],
        exception_handlers={BadRequest: bad_request},
    )
    return Guard(app, token=token, hosts=hosts)


def serve_review(
    lesson: Path,
    folder: Path,
    *,
    port: int = 0,
    open_browser: bool = True,
    echo: Callable[[str], None],
) -> None:
    """Serve the marking page until Ctrl-C; the first line printed is the address to open."""
    logging.getLogger("uvicorn.error").setLevel(logging.ERROR)
    serve_guarded(
        lambda token, hosts: create_review_app(lesson, folder, token=token, hosts=hosts),
        port=port,
        open_browser=open_browser,
        echo=echo,
        serving=(
            f"Marking {folder / MARKS_FILE}; every mark is saved at once. Press Ctrl-C to stop."
        ),
        stopped="Marking page stopped.",
    )
