"""What the review queue offers when a draft's kind changes: the why and the check that
``medialit new`` would write for the new kind (:mod:`medialit.drafting.rekinding`).

The offer comes in the answer of the kind's save itself (``POST /api/annotations/N`` with
``"offer": true``: one request, not a save and then a question), and from
``GET /api/queue/N/offer?kind=K`` (behind the same Guard as every other route), answered
for the lesson the page shows (its ``version``): ``{"version", "index", "kind", "why",
"check"}``, with ``why`` empty when the lesson's language has no drafting words. Nothing is
saved by the offer: the page saves an accepted offer through the annotation endpoint, as
any why.

The article is read, as ``new`` reads it, in a process of its own (:class:`Reader`, started
with the preview): reading it takes a fifth of a second (pysbd, the cues), which in the
server's own process held the teacher's saves behind it, and at the first offer made the
kind's answer wait.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Executor
from typing import Any, cast

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from medialit.drafting.rekinding import offer_for, read_ahead
from medialit.lesson.article import Block
from medialit.lesson.model import Kind
from medialit.preview.live import Preview, stops_with
from medialit.preview.pages import make_executor
from medialit.preview.requests import BadRequest
from medialit.processes import stop_workers

ANSWER_SECONDS = 10.0
__all__ = ["Reader", "endpoints", "offer_for"]

NEEDED = ("version", "blocks", "language")
"""What an offer needs of a lesson view: only this goes to the worker."""
_log = logging.getLogger(__name__)


class Reader:
    """The article read as ``medialit new`` reads it, kept in a worker process of its own."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self.executor: Executor | None = None

    async def run(self, stop: asyncio.Event) -> None:
        """Start the worker and read the article in it."""
        if self.preview.executor_factory is None:  # tests of the article pane: no workers
            return
        try:
            # Stopped as the pages' worker is, even mid-reading. (A multiprocessing Pool,
            # told to stop after a signal to the terminal's process group had ended its
            # worker, waited for ever for a lock that worker held.)
            self.executor = make_executor()
            stops_with(self.executor, self.preview)
            blocks, language = _reading_of(self.preview.view)
            self.executor.submit(read_ahead, blocks, language, self.preview.lesson)
            await stop.wait()
        finally:
            if self.executor is not None:
                stop_workers(self.executor)

    def offer(self, view: dict[str, Any], index: int, kind: Kind) -> dict[str, Any]:
        """The offer for statement ``index`` of ``view`` as a ``kind`` (in a request's thread)."""
        executor = self.executor
        lesson = self.preview.lesson
        if executor is None:
            return offer_for(view, index, kind, lesson)
        # What the offer needs of the view, not all of it, goes to the worker.
        needed: dict[str, Any] = {key: view[key] for key in NEEDED if key in view}
        try:
            return executor.submit(offer_for, needed, index, kind, lesson).result(ANSWER_SECONDS)
        except Exception as exc:  # the worker gone (the server stopping): read it here
            _log.debug("The reader's worker did not answer: %s", exc)
            return offer_for(view, index, kind, lesson)


def endpoints(preview: Preview) -> list[BaseRoute]:
    reader = Reader(preview)
    preview.background.append(reader.run)
    preview.offer = reader.offer

    async def offer(request: Request) -> Response:
        index = cast(int, request.path_params["index"])
        kind = request.query_params.get("kind", "")
        if kind not in Kind.__members__:
            raise BadRequest("Choose a kind: evidence, inference or assertion.")
        answer = await asyncio.to_thread(reader.offer, preview.view, index, Kind(kind))
        return JSONResponse(answer)

    return [Route("/api/queue/{index:int}/offer", offer)]


def _reading_of(view: dict[str, Any]) -> tuple[tuple[Block, ...], str]:
    blocks = tuple(Block(b["kind"], b["text"], b["number"]) for b in view.get("blocks", []))
    return blocks, str(view.get("language", "en"))
