"""The state of a preview: the lesson as the pages show it, its page images, and the
event streams that keep every open page up to date."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
from collections.abc import AsyncIterator, Callable, Coroutine
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from typing import Any

from starlette.requests import Request
from watchfiles import awatch

from medialit.lesson.model import Kind
from medialit.lesson.reading import CheckedLesson
from medialit.preview.editing import LessonEditor, read_version
from medialit.preview.pages import (
    DOCUMENTS,
    Job,
    LaidOut,
    PageChoice,
    html_digest,
    lay_out,
    make_executor,
    page_warnings,
    plan_and_lay_out_first,
    warm_up,
)
from medialit.preview.view import lesson_view
from medialit.processes import RenewedPool
from medialit.settings.layers import Configuration

DOCUMENT_LABELS = {"student": "student sheet", "key": "answer key"}
SHOWN = ("name", "generation", "count", "warnings", "error", "version", "pages")
"""What the page is told of each document: ``version``, the lesson's its pages are for;
``pages``, each page's image address (its generation and number: a page that prints the
same keeps its image)."""
HEARTBEAT_SECONDS = 15.0
WATCH_RETRY_SECONDS = 0.5
WORKER_STOPPED = (
    "The pages could not be laid out: the process that lays them out stopped twice (the "
    "computer may be short of memory). Close other programs, then change the lesson to try "
    "once more."
)
"""Said when a job's worker died and so did the one started again for it (``RenewedPool``)."""

_log = logging.getLogger(__name__)


def stops_with(executor: Executor, preview: Preview) -> None:
    """``executor``'s workers are not started again once ``preview`` is stopping."""
    if isinstance(executor, RenewedPool):
        executor.stopping = preview.stopping


def worker_stopped(error: BaseException) -> None:
    """In the terminal: why (a worker that could not start, a result it could not send, or
    one stopped from outside), with the workers' own traceback where there is one."""
    _log.warning("The pages' worker stopped twice on one job.", exc_info=error)


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
        self.tickets = 0
        """Tickets handed out, in order, to every reading of the file as it starts and to
        every save's view as it is set."""
        self.shown_ticket = 0
        """The ticket of the view shown: a reading that started before it (an older file, or
        one read before the page's last save) does not replace it."""
        self.choice = PageChoice()
        self.pages: dict[str, Any] = {"busy": True, "documents": []}
        self.documents: dict[str, dict[str, Any]] = {}
        self.shown_choice = PageChoice()
        self.generation = 0
        self.pending_key: tuple[PageChoice, Job, int, str] | None = None
        self.key_task: asyncio.Task[None] | None = None
        self.student_busy = False
        self.images: dict[tuple[int, str, int], bytes] = {}
        self.page_keys: dict[str, dict[str, tuple[int, str, int]]] = {}
        """Each document's page images held, by the fingerprint of their pixels."""
        self.counts: dict[tuple[PageChoice, str], int] = {}
        self.subscribers: set[asyncio.Queue[str | None]] = set()
        self.render_wanted = asyncio.Event()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.sizes: dict[str, Any] = {}
        """Each level's and selection's student sheet: pages, last page (preview/sizes.py)."""
        self.stopping = threading.Event()
        """Set as the preview starts to stop (:meth:`stop_soon`)."""
        self.background: list[Callable[[asyncio.Event], Coroutine[Any, Any, None]]] = []
        """Tasks of the studio's modules, run (until told to stop) while the server runs."""
        self.saved: tuple[str, CheckedLesson, str | None] | None = None
        """The version the page last saved, checked, and its text: what the page counts and
        the glance start from."""
        self.view_parts: dict[str, Callable[[dict[str, Any]], Any]] = {}
        """What the studio's modules add to every lesson view, by name (the review queue):
        a save's answer and every ``lesson`` event then carry it, with no request after."""
        self.offer: Callable[[dict[str, Any], int, Kind], dict[str, Any]] | None = None
        """The why and check offered for a statement of a view as a kind (:mod:`.offers`): a
        kind's save answers with it, with no request after."""

    def completed(self, view: dict[str, Any]) -> dict[str, Any]:
        """``view`` with the studio's parts (see :attr:`view_parts`); made in a thread."""
        if view.get("problems", True):
            return view
        return view | {name: part(view) for name, part in self.view_parts.items()}

    # -- the lesson --------------------------------------------------------------------

    async def refresh(self, *, skip_same_version: bool = False) -> None:
        """Read the lesson again and tell every page, if it changed.

        ``skip_same_version``: not if the bytes are those shown (the page's own save).
        """
        ticket = self._ticket()
        if skip_same_version:
            with contextlib.suppress(OSError):
                current = await asyncio.to_thread(read_version, self.lesson)
                if current.version == self.view.get("version"):
                    return
        view = await asyncio.to_thread(
            lambda: self.completed(lesson_view(self.lesson, self.configuration))
        )
        # A view shown meanwhile from a later reading or a save is newer than this one: keep
        # it. One from a reading that started earlier is older: replace it.
        if ticket > self.shown_ticket:
            self.set_view(view, ticket)

    def _ticket(self) -> int:
        self.tickets += 1
        return self.tickets

    def set_view(self, view: dict[str, Any], ticket: int | None = None) -> None:
        """Show ``view``: a save's (no ticket: the newest there is) or a reading's."""
        self.shown_ticket = self._ticket() if ticket is None else ticket
        shown = {key: value for key, value in self.view.items() if key != "sequence"}
        if view.get("version") == shown.get("version") and view == shown:
            return
        # Its ticket goes with it: an answer and an event can reach the page in either
        # order, and the page keeps the view with the later ticket.
        self.view = view | {"sequence": self.shown_ticket}
        if not view["problems"]:
            self.editor.checked_version = view["version"]
            self.editor.prepare(view["version"])
        self.publish("lesson", self.view)  # with its ticket, as the answers carry it
        if not view["problems"]:
            self.render_wanted.set()

    async def watch(self, stop: asyncio.Event) -> None:
        """Follow edits made in any editor; they reach the pages within a fraction of a second.

        The folder is watched, not the file: editors and sync tools save by replacing the
        file, or move it away and back. A link's own folder and its target's are both
        watched. Nothing that happens to the file stops the watching.
        """
        lesson = self.lesson.absolute()
        while not stop.is_set():
            folders = {lesson.parent, lesson.resolve().parent}
            try:
                async for changes in awatch(
                    *folders, step=50, debounce=400, stop_event=stop, recursive=False
                ):
                    names = {lesson, lesson.resolve()}
                    if any(Path(path) in names for _, path in changes):
                        await self.refresh(skip_same_version=True)
            except Exception as exc:  # the folder gone, say: watch again once it is back
                _log.warning("Watching %s: %s; trying again.", lesson.parent, exc)
            if not stop.is_set():
                await asyncio.sleep(WATCH_RETRY_SECONDS)

    # -- the pages ---------------------------------------------------------------------

    async def render_pages(self, stop: asyncio.Event) -> None:
        """Lay out the pages whenever asked; asks made meanwhile are served by one layout."""
        if self.executor_factory is None:
            return
        self.executor = self.executor_factory()
        stops_with(self.executor, self)
        loop = asyncio.get_running_loop()
        with contextlib.suppress(BrokenProcessPool):  # the first layout will say
            await loop.run_in_executor(self.executor, warm_up)
        while not stop.is_set():
            await self.render_wanted.wait()
            self.render_wanted.clear()
            if self.view.get("problems", True):
                continue
            try:
                await self._render_once()
            except BrokenProcessPool as exc:
                self._not_laid_out(exc)

    async def _render_once(self) -> None:
        """The student sheet first, shown as soon as it is ready; then the key, unless a
        newer change has come meanwhile (that key would be out of date at once)."""
        assert self.executor is not None
        choice = self.choice
        version = str(self.view.get("version", ""))  # the lesson these pages are for
        self._publish_pages(busy=True)
        loop = asyncio.get_running_loop()
        self.student_busy = True
        try:
            result, rest = await loop.run_in_executor(
                self.executor,
                plan_and_lay_out_first,
                self.lesson,
                self.configuration,
                choice,
                self._shown_digest(DOCUMENTS[0], choice),
                frozenset(self.page_keys.get(DOCUMENTS[0], {})),
                (choice, DOCUMENTS[0]) not in self.counts,  # kept: the first pages shown
            )
        finally:
            self.student_busy = False
        if not rest:  # the templates failed: nothing was laid out
            self._publish_pages(busy=False, error=result.error)
            return
        self.generation += 1
        # Only the newest key is worth laying out; one key at a time.
        self.pending_key = (choice, rest[0], self.generation, version)
        self._store(choice, DOCUMENTS[0], result, self.generation, version)
        if self.key_task is None or self.key_task.done():
            self.key_task = asyncio.create_task(self._render_keys())

    def _not_laid_out(self, error: BrokenProcessPool) -> None:
        """A job that stopped its worker and the one started again for it: said in the
        terminal and in the pages pane; the next change tries again. Nothing is said of a
        worker stopped with the preview."""
        if self.stopping.is_set():
            return
        worker_stopped(error)
        self._publish_pages(busy=False, error=WORKER_STOPPED)

    def _shown_digest(self, name: str, choice: PageChoice) -> str:
        """The digest of the HTML whose pages are on screen for ``name``, if for ``choice``."""
        shown = self.documents.get(name)
        return str(shown["digest"]) if shown and shown["choice"] == choice else ""

    async def _render_keys(self) -> None:
        while self.pending_key is not None:
            if self.render_wanted.is_set() or self.student_busy:
                await asyncio.sleep(0.05)  # a newer student sheet goes first
                continue
            choice, (name, html, folders), generation, version = self.pending_key
            self.pending_key = None
            digest = html_digest(html)
            if digest == self._shown_digest(name, choice):  # it prints what is shown
                result = LaidOut(digest=digest, unchanged=True)
            else:
                known = frozenset(self.page_keys.get(name, {}))
                first = (choice, name) not in self.counts
                try:
                    laid_out = await self._lay_out(html, folders, known, first)
                except BrokenProcessPool as exc:
                    self._not_laid_out(exc)
                    return
                result = replace(laid_out, digest=digest)
            self._store(choice, name, result, generation, version)
        self._publish_pages(busy=False)

    async def _lay_out(
        self, html: str, folders: tuple[Path, ...], known: frozenset[str], keep: bool
    ) -> LaidOut:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self.executor, lay_out, html, self.lesson.parent, folders, known, keep
        )

    def _store(
        self, choice: PageChoice, name: str, result: LaidOut, generation: int, version: str
    ) -> None:
        shown = self.documents.get(name)
        if result.unchanged and shown is not None:
            # The same pages, at the same addresses: the page keeps its images.
            self.documents[name] = {**shown, "version": version, "warnings": shown["kept"]}
            self._publish_pages(busy=self.render_wanted.is_set() or self.pending_key is not None)
            return
        previous = self.counts.get((choice, name))
        self.counts[(choice, name)] = len(result.pages)
        keys = self._keep_images(name, result, generation)
        self.documents[name] = {
            "name": name,
            "generation": generation,
            "count": len(result.pages),
            "warnings": page_warnings(name, result, previous, DOCUMENT_LABELS[name]),
            "error": result.error,
            "version": version,
            "pages": [[key[0], key[2]] for key in keys],
            "digest": result.digest,
            "choice": choice,
            # Kept pages did not grow with the next change: their warnings without that one.
            "kept": page_warnings(name, result, None, DOCUMENT_LABELS[name]),
        }
        self.shown_choice = choice
        self._publish_pages(busy=self.render_wanted.is_set() or self.pending_key is not None)

    def _keep_images(
        self, name: str, result: LaidOut, generation: int
    ) -> list[tuple[int, str, int]]:
        """Hold ``name``'s new page images; a page drawn as one held already keeps its image
        and its address (the page does not load it again). Gives each page's image key."""
        held = self.page_keys.get(name, {})
        digests = result.page_digests or [""] * len(result.pages)
        keys = []
        fresh: dict[tuple[int, str, int], bytes] = {}
        for number, (png, digest) in enumerate(zip(result.pages, digests, strict=True), start=1):
            key = held.get(digest) if not png else None
            if key is None:
                key = (generation, name, number)
                fresh[key] = png
            keys.append(key)
        kept = set(keys)
        self.images = {k: v for k, v in self.images.items() if k[1] != name or k in kept} | fresh
        self.page_keys[name] = {d: key for d, key in zip(digests, keys, strict=True) if d}
        return keys

    def _publish_pages(self, *, busy: bool, error: str | None = None) -> None:
        self.pages = {
            "busy": busy,
            "level": self.shown_choice.level,
            "version": self.shown_choice.version,
            "error": error,
            "documents": [
                {key: value for key, value in self.documents[name].items() if key in SHOWN}
                for name in DOCUMENTS
                if name in self.documents
            ],
            "sizes": self.sizes,
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
        """End every event stream, so that the server can stop at once, and tell the workers'
        pools that the preview is stopping (safe from a signal)."""
        self.stopping.set()

        def stop() -> None:
            for queue in self.subscribers:
                queue.put_nowait(None)

        if self.loop is not None:
            self.loop.call_soon_threadsafe(stop)
