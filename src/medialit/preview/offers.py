"""What the review queue offers when a draft's kind changes: the why and the check that
``medialit new`` would write for the new kind (:mod:`medialit.drafting.rekinding`).

Route (behind the same Guard as every other): ``GET /api/queue/N/offer?kind=K``, answered
for the lesson the page shows (its ``version``): ``{"version", "index", "kind", "why",
"check"}``, with ``why`` empty when the lesson's language has no drafting words. Nothing is
saved here: the page saves an accepted offer through the annotation endpoint, as any why.

The article is read at the first offer (a fraction of a second), not ahead of it: read in the
background, it held the server while the teacher's first saves waited.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, cast

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from medialit.lesson.article import Block
from medialit.lesson.model import Kind
from medialit.preview.live import Preview
from medialit.preview.requests import BadRequest


def endpoints(preview: Preview) -> list[BaseRoute]:
    async def offer(request: Request) -> Response:
        index = cast(int, request.path_params["index"])
        kind = request.query_params.get("kind", "")
        if kind not in Kind.__members__:
            raise BadRequest("Choose a kind: evidence, inference or assertion.")
        view = preview.view
        answer = await asyncio.to_thread(offer_for, view, index, Kind(kind), preview.lesson)
        return JSONResponse(answer)

    return [Route("/api/queue/{index:int}/offer", offer)]


def offer_for(view: dict[str, Any], index: int, kind: Kind, lesson: Path) -> dict[str, Any]:
    """The reasons for statement ``index`` of the lesson ``view`` shows, as a ``kind``."""
    from medialit.drafting.rekinding import reasons_for  # the reading loads pysbd: only here

    answer: dict[str, Any] = {
        "version": view.get("version", ""),
        "index": index,
        "kind": kind.value,
        "why": "",
        "check": "",
    }
    blocks = tuple(Block(b["kind"], b["text"], b["number"]) for b in view.get("blocks", []))
    place = next(
        (
            (number, mark["start"], mark["end"])
            for number, block in enumerate(view.get("blocks", []))
            for mark in block["marks"]
            if mark["index"] == index
        ),
        None,
    )
    if place is None:
        return answer
    found = reasons_for(blocks, place, kind, view.get("language", "en"), working_folder(lesson))
    if found is not None:
        answer |= {"why": found.why, "check": found.check}
    return answer


def working_folder(lesson: Path) -> Path:
    """The folder whose ``cues/`` a teacher's own cue words are in: the one above ``lessons/``."""
    from medialit.drafting.new import LESSONS

    folder = lesson.resolve().parent
    return folder.parent if folder.name == LESSONS else folder
