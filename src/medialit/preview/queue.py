"""The review queue's endpoints: the drafts least sure first, dropping and bringing back.

- ``GET /api/queue``: the drafts (``draft: true``), least sure first, with how sure
  ``medialit new`` was (its ``# how sure`` comments); the drafts dropped since the preview
  started; and the candidates ``new`` left commented at the end of the file;
- ``POST /api/queue/N/drop``: take draft N out of the lesson (and out of the selections
  naming it, which ``new`` suggested), keeping it to bring back;
- ``POST /api/queue/restore``: put a dropped draft back where it was, with its comment,
  its id and its place in the selections;
- ``POST /api/queue/candidates``: add one of the commented candidates as a draft.

Setting a kind, confirming and writing why/check use the annotation endpoints of ``app``.
Every edit goes through ``LessonEditor.edit``: the same gate, version check, atomic save
and undo step as every other edit of the page.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from typing import Any, cast

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from medialit.lesson.statement_ids import ids_in_use, new_id
from medialit.preview.editing import EditRefused, Saved, StaleWrite, read_version
from medialit.preview.live import Preview
from medialit.preview.queue_file import (
    Sureness,
    candidates,
    put_back,
    sureness_by_id,
    take_out,
)
from medialit.preview.requests import BadRequest, edit_response, json_body, str_field

ONLY_ONE = "A lesson needs at least one annotation; add another first."


@dataclass
class Dropped:
    """A draft taken out by the queue, as it was in the file, to bring back."""

    id: str
    quote: str
    kind: str
    index: int
    comment: str
    item: CommentedMap
    selections: list[tuple[str, int]]
    """The selections that named it, and where in each list."""


@dataclass
class QueueState:
    """What the queue remembers while the preview runs (a reload of the page keeps it)."""

    dropped: list[Dropped] = field(default_factory=list)
    sure: dict[str, Sureness] = field(default_factory=dict)
    """How sure each draft is, by id, as last read in the file."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    """Held by a drop or a bring-back from its write to its note in :attr:`dropped`, and by
    a queue view from reading the file's version to taking a draft back off that list: a
    view read before a drop must not take the draft off the list the drop just put it on."""


def endpoints(preview: Preview) -> list[BaseRoute]:
    state = QueueState()

    async def queue(request: Request) -> Response:
        await preview.refresh(skip_same_version=True)
        return JSONResponse(await asyncio.to_thread(queue_view, preview.view, preview, state))

    # Every lesson view carries the queue: a save's answer has it, with no GET after.
    preview.view_parts["queue"] = lambda view: queue_view(view, preview, state)

    async def drop(request: Request) -> Response:
        body = await json_body(request)
        index = cast(int, request.path_params["index"])
        quote = str_field(body, "quote")
        return await edit_response(
            preview,
            lambda: drop_draft(preview, state, str_field(body, "version"), index, quote),
        )

    async def restore(request: Request) -> Response:
        body = await json_body(request)
        wanted = str_field(body, "id")
        dropped = next((d for d in state.dropped if d.id == wanted), None)
        if dropped is None:
            raise BadRequest("This draft is not among those dropped; reload the page.")

        def edit(data: CommentedMap) -> None:
            _restore(data, dropped)

        def apply() -> Saved:
            with state.lock:
                saved = preview.editor.edit(
                    str_field(body, "version"), f"bringing back “{_short(dropped.quote)}”", edit
                )
                if dropped in state.dropped:  # saved: before the answer's queue is made
                    state.dropped = [d for d in state.dropped if d is not dropped]
            return saved

        return await edit_response(preview, apply)

    async def promote(request: Request) -> Response:
        body = await json_body(request)
        quote = str_field(body, "quote")
        return await edit_response(
            preview,
            lambda: preview.editor.edit(
                str_field(body, "version"),
                f"the candidate “{_short(quote)}”",
                lambda data: _promote(data, quote, preview),
            ),
        )

    return [
        Route("/api/queue", queue),
        Route("/api/queue/{index:int}/drop", drop, methods=["POST"]),
        Route("/api/queue/restore", restore, methods=["POST"]),
        Route("/api/queue/candidates", promote, methods=["POST"]),
    ]


def drop_draft(preview: Preview, state: QueueState, version: str, index: int, quote: str) -> Saved:
    """Take draft ``index`` (``quote``) out of the lesson, and keep it to bring back."""
    taken: list[Dropped] = []
    with state.lock:
        saved = preview.editor.edit(
            version,
            f"the drop of “{_short(quote)}”",
            lambda data: taken.append(_drop(data, index, quote)),
        )
        # Saved: before the answer's queue is made (one entry per quote, the newest).
        state.dropped = [d for d in state.dropped if d.quote != quote] + taken
    return saved


def queue_view(view: dict[str, Any], preview: Preview, state: QueueState) -> dict[str, Any]:
    """The queue of the lesson ``view`` shows: what ``GET /api/queue`` answers."""
    with state.lock:
        return _queue_view(view, preview, state)


def _queue_view(view: dict[str, Any], preview: Preview, state: QueueState) -> dict[str, Any]:
    annotations: list[dict[str, Any]] = view.get("annotations", [])
    result: dict[str, Any] = {"version": view.get("version", ""), "drafts": []}
    try:
        current = read_version(preview.lesson)
    except OSError:
        return result | {"dropped": [], "candidates": []}
    ids: dict[int, str] = {}
    if current.text is not None and current.version == result["version"] and annotations:
        # Each statement's id as the view read it from this very file (no second reading).
        ids = {a["index"]: a["id"] for a in annotations}
        if any(a["draft"] for a in annotations):  # how sure: only drafts show it
            # The file says; the memory fills in a comment an edit elsewhere took away.
            state.sure.update(sureness_by_id(current.text))
    quotes = {a["quote"] for a in annotations}
    if current.version == result["version"]:
        # Ctrl+Z may have put a dropped draft back already: it is no longer "dropped". Only a
        # view of the file as it is says so; one read before a drop still lists the draft.
        state.dropped = [d for d in state.dropped if d.quote not in quotes]
    dropped = [d for d in state.dropped if d.quote not in quotes]
    drafts = []
    for annotation in annotations:
        if not annotation["draft"]:
            continue
        key = ids.get(annotation["index"], "")
        sure = state.sure.get(key)
        drafts.append(
            annotation
            | {
                "id": key,
                "sure": sure.value if sure else None,
                "sureness": sure.word if sure else None,
            }
        )
    # Least sure first; drafts medialit new did not write (no sureness) after, in reading order.
    drafts.sort(key=lambda d: (d["sure"] is None, d["sure"] or 0.0, d["number"]))
    offered = [
        {
            "id": str(c.get("id", "")),
            "quote": c["quote"],
            "kind": str(c["kind"]),
            "why": str(c.get("why") or ""),  # to judge it by before adding it
        }
        for c in candidates(current.text or "")
        if c["quote"] not in quotes
    ]
    return result | {
        "drafts": drafts,
        "dropped": [{"id": d.id, "quote": d.quote, "kind": d.kind} for d in dropped],
        "candidates": offered,
    }


def _annotations(data: CommentedMap) -> CommentedSeq:
    annotations = data.get("annotations")
    if not isinstance(annotations, CommentedSeq):
        raise StaleWrite()
    return annotations


def _drop(data: CommentedMap, index: int, quote: str) -> Dropped:
    annotations = _annotations(data)
    if not 0 <= index < len(annotations) or annotations[index].get("quote") != quote:
        raise StaleWrite()
    if len(annotations) == 1:
        raise EditRefused(ONLY_ONE)
    item = annotations[index]
    key = item.get("id")
    named: list[tuple[str, int]] = []
    selections = data.get("selections")
    if isinstance(key, str) and isinstance(selections, dict):
        for name, chosen in selections.items():
            if isinstance(chosen, list) and key in chosen:
                if len(chosen) == 1:
                    raise EditRefused(
                        f"This draft was not dropped: it is the only statement of the "
                        f"selection “{name}”; add another statement to it first."
                    )
                named.append((str(name), chosen.index(key)))
                chosen.remove(key)
    comment = take_out(data, index)
    return Dropped(str(key or ""), quote, str(item.get("kind", "")), index, comment, item, named)


def _restore(data: CommentedMap, dropped: Dropped) -> None:
    annotations = _annotations(data)
    if any(item.get("quote") == dropped.quote for item in annotations):
        raise EditRefused("This draft is in the lesson already (Ctrl+Z brought it back).")
    item = dropped.item
    if item.get("id") in ids_in_use(annotations):  # a statement added since took its id
        item["id"] = new_id(dropped.quote, ids_in_use(annotations))
    put_back(data, dropped.index, item, dropped.comment)
    selections = data.get("selections")
    for name, place in dropped.selections:
        chosen = selections.get(name) if isinstance(selections, dict) else None
        if isinstance(chosen, list) and item.get("id") not in chosen:
            chosen.insert(min(place, len(chosen)), item["id"])


def _promote(data: CommentedMap, quote: str, preview: Preview) -> None:
    annotations = _annotations(data)
    current = read_version(preview.lesson)
    found = next((c for c in candidates(current.text or "") if c["quote"] == quote), None)
    if found is None:
        raise StaleWrite()
    if any(item.get("quote") == quote for item in annotations):
        raise EditRefused("This candidate is in the lesson already.")
    item = CommentedMap()
    taken = ids_in_use(annotations)
    wanted = found.get("id")
    item["id"] = wanted if isinstance(wanted, str) and wanted not in taken else new_id(quote, taken)
    for key, value in found.items():
        if key in ("id", "draft"):
            continue
        if isinstance(value, list):
            value = CommentedSeq(value)
            value.fa.set_flow_style()
        item[key] = value
    item["draft"] = True  # a suggestion still: the queue reviews it like the others
    put_back(data, len(annotations), item, "")


def _short(quote: str) -> str:
    words = quote.split()
    return " ".join(words[:6]) + (" …" if len(words) > 6 else "")
