"""How many pages each level's student sheet and each selection's take, counted in the
background for the glance panel, and how full each last page is.

The counts come after the pages pane's own layout, in a worker of their own at a lower
priority (in the pane's worker, a count being made kept the next change's pages waiting
for it), and reach the page through the ``pages`` event, as page images do. A sheet whose
HTML has not changed since it was counted (the whole lesson's sheets when only a selection
changed) is not laid out again: the count is kept by the HTML's digest.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import time
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medialit.build.planning import plan_lesson
from medialit.build.run import BuildOptions
from medialit.errors import MedialitError
from medialit.layout.page_fill import PageFill, page_fill
from medialit.lesson.model import LEVELS, Level
from medialit.lesson.reading import CheckedLesson
from medialit.preview.editing import read_version
from medialit.preview.live import WORKER_STOPPED, Preview, stops_with, worker_stopped
from medialit.preview.pages import NO_DATE, kept_or_new_layout, make_background_executor
from medialit.processes import stop_workers
from medialit.render.sheet_table import STUDENT
from medialit.settings.checks import read_lesson_with_settings
from medialit.settings.layers import Configuration
from medialit.sheets.variants import Variant

POLL_SECONDS = 0.2
SETTLE_SECONDS = 1.0
"""How long the pages pane must have been quiet before the levels are counted."""
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SheetToSize:
    """A student sheet to count: a level's, or a selection's (at the standard level)."""

    key: str
    label: str
    level: Level
    select: str | None = None


@dataclass(frozen=True)
class Sized:
    """What the worker found: the HTML's digest, and its pages unless already known."""

    digest: str
    fill: PageFill | None = None
    error: str | None = None


def sheets_to_size(selections: list[str]) -> list[SheetToSize]:
    """The selections first (the count a teacher watches while ticking), then each level."""
    return [
        *(SheetToSize(f"selection:{n}", f"Selection “{n}”", "standard", n) for n in selections),
        *(SheetToSize(f"level:{level}", f"{level.capitalize()} level", level) for level in LEVELS),
    ]


def size_sheet(
    lesson: Path,
    configuration: Configuration,
    sheet: SheetToSize,
    known: frozenset[str],
    keep: bool = False,
) -> Sized:
    """In a worker: render the sheet's HTML as a build would; lay it out unless ``known``
    (or take it from the layout cache, and keep it there if ``keep``: the first count)."""
    options = BuildOptions(
        configuration=configuration,
        level=sheet.level,
        versions=1,
        created=NO_DATE,
        select=sheet.select,
    )
    try:
        plan = plan_lesson(lesson, options)
        document = plan.document(STUDENT.file(Variant(sheet.level, selection=sheet.select)))
        digest = hashlib.sha256(document.html.encode()).hexdigest()
        if digest in known:
            return Sized(digest)
    except MedialitError as exc:
        return Sized("", error=str(exc))
    laid_out = kept_or_new_layout(document.html, lesson.parent, document.folders, keep, fill=True)
    if laid_out.problems:
        return Sized("", error=str(MedialitError(list(laid_out.problems))))
    return Sized(digest, laid_out.fill or page_fill(laid_out.pdf))


class Sizer:
    """Keeps ``preview.sizes`` up to date with the lesson on disk."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self.executor: Executor | None = None
        """Its own worker, at a lower priority: the pages pane's never waits behind a count."""
        self.known: dict[str, PageFill] = {}
        self.done: dict[str, tuple[str, dict[str, Any]]] = {}
        """Each sheet's key → the lesson version it was counted for, and what was found."""
        self.earlier: dict[str, int] = {}
        """Each sheet's page count for the version before: to say it grew."""
        self.finished: str | None = None
        self.fills: dict[str, PageFill] = {}
        self.planned: tuple[str, list[tuple[SheetToSize, str]]] | None = None
        """The sheets to count for a version, with the digest of what each prints."""
        self.inputs: dict[str, str] = {}
        self.quiet_since: float | None = None
        """Each sheet's key → the digest of what it printed when last counted."""

    async def run(self, stop: asyncio.Event) -> None:
        """Count whenever the lesson changed and the pages pane is not laying out."""
        try:
            await self._run(stop)
        finally:
            if self.executor is not None:
                stop_workers(self.executor)

    async def _run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), POLL_SECONDS)
            self._note_quiet()
            version = self.preview.view.get("version")
            if stop.is_set() or not version or version == self.finished:
                continue
            if not self._idle(urgent=True):
                continue
            try:
                await self._count(version)
            except Exception as exc:  # the worker gone (the server stopping): stop counting
                _log.debug("Counting pages stopped: %s", exc)
                return

    def _idle(self, *, urgent: bool = False) -> bool:
        """Whether to lay out now. A selection's count is ``urgent`` (the teacher is ticking):
        it goes in as soon as the change is being laid out, before the answer key. The levels
        wait until the pages pane has all it needs and has been quiet for a moment, so that
        they never slow the pages of a teacher who is still editing."""
        preview = self.preview
        ready = (
            preview.executor is not None
            and not preview.view.get("problems", True)
            and not preview.render_wanted.is_set()
        )
        if urgent or not ready:
            return ready
        return (
            self.quiet_since is not None and time.monotonic() - self.quiet_since >= SETTLE_SECONDS
        )

    def _note_quiet(self) -> None:
        """Since when the pages pane has had nothing to lay out (``None``: it is busy)."""
        preview = self.preview
        busy = preview.render_wanted.is_set() or preview.student_busy or preview.pages.get("busy")
        if busy:
            self.quiet_since = None
        elif self.quiet_since is None:
            self.quiet_since = time.monotonic()

    async def _count(self, version: str) -> None:
        preview = self.preview
        saved = preview.saved  # the lesson the page has just saved: not read again
        checked = saved[1] if saved is not None and saved[0] == version else None
        found = await asyncio.to_thread(
            _sheets_now, preview.lesson, preview.configuration, version, checked
        )
        if found is None:  # changed meanwhile, or not a lesson: the next turn sees
            return
        sheets = [sheet for sheet, _ in found]
        loop = asyncio.get_running_loop()
        for sheet, inputs in found:
            if sheet.key in self.done and self.done[sheet.key][0] == version:
                continue
            if self.inputs.get(sheet.key) == inputs and sheet.key in self.done:
                # It prints the same: the same count, and it did not grow with this change.
                kept = self.done[sheet.key][1]
                fill = self.fills.get(sheet.key)
                if fill is not None:
                    kept = {**kept, "warnings": sheet_warnings(sheet.label, fill, None)}
                self.done[sheet.key] = (version, kept)
                continue
            if not self._idle(urgent=sheet.select is not None):
                return
            if preview.view.get("version") != version:
                return
            self._publish(sheets, version, busy=True)
            if self.executor is None:
                self.executor = make_background_executor()
                stops_with(self.executor, preview)
            try:
                sized = await loop.run_in_executor(
                    self.executor,
                    size_sheet,
                    preview.lesson,
                    preview.configuration,
                    sheet,
                    frozenset(self.known),
                    sheet.key not in self.done,  # kept: the first count of each sheet
                )
            except BrokenProcessPool as exc:  # not while memory is short: at the next change
                if preview.stopping.is_set():  # stopped with the preview: nothing to say
                    return
                worker_stopped(exc)
                self._found(sheet, version, Sized(digest="", error=WORKER_STOPPED))
                self.inputs.pop(sheet.key, None)  # counted again at the next change
                self.finished = version
                self._publish(sheets, version, busy=False)
                return
            if sized.fill is not None:
                self.known[sized.digest] = sized.fill
            self._found(sheet, version, sized)
            self.inputs[sheet.key] = inputs
            self._publish(sheets, version, busy=True)  # each count as soon as it is known
        self.finished = version
        self._publish(sheets, version, busy=False)

    def _found(self, sheet: SheetToSize, version: str, sized: Sized) -> None:
        fill = self.known.get(sized.digest)
        earlier = self.done.get(sheet.key)
        if earlier is not None and earlier[0] != version and earlier[1].get("pages"):
            self.earlier[sheet.key] = earlier[1]["pages"]
        found: dict[str, Any] = {"key": sheet.key, "label": sheet.label, "error": sized.error}
        if fill is not None:
            self.fills[sheet.key] = fill
            found |= {
                "pages": fill.pages,
                "last_page_used": round(fill.last_page_used, 3),
                "nearly_empty": fill.nearly_empty,
                "warnings": sheet_warnings(sheet.label, fill, self.earlier.get(sheet.key)),
            }
        self.done[sheet.key] = (version, found)

    def _publish(self, sheets: list[SheetToSize], version: str, *, busy: bool) -> None:
        shown = [
            {**self.done[s.key][1], "stale": self.done[s.key][0] != version}
            if s.key in self.done
            else {"key": s.key, "label": s.label, "stale": True}
            for s in sheets
        ]
        self.preview.sizes = {"version": version, "busy": busy, "sheets": shown}
        self.preview.pages = {**self.preview.pages, "sizes": self.preview.sizes}
        self.preview.publish("pages", self.preview.pages)


def sheet_warnings(label: str, fill: PageFill, earlier: int | None) -> list[str]:
    """The glance panel's warnings about one student sheet, as build gives them."""
    warnings = []
    if earlier is not None and fill.pages > earlier:
        warnings.append(
            f"{label}: the student sheet grew from {earlier} to {fill.pages} pages with the "
            "last change."
        )
    if fill.nearly_empty:
        warnings.append(
            f"{label}: the last page of the student sheet is nearly empty (about "
            f"{fill.percent_used}% used); shorten the text or change the font size to save "
            "a sheet of paper."
        )
    return warnings


def _sheets_now(
    lesson: Path, configuration: Configuration, version: str, checked: CheckedLesson | None = None
) -> list[tuple[SheetToSize, str]] | None:
    """The sheets to count, each with a digest of what it prints, if the file on disk is
    still at ``version`` and reads: a sheet whose digest is unchanged keeps its count, so
    ticking a statement into one selection lays out that selection's sheet alone."""
    try:
        current = read_version(lesson)
        if current.version != version:
            return None
        if checked is None:
            checked = read_lesson_with_settings(lesson, current.text)
        settings = configuration.resolve(
            checked.worksheet, checked.own_language, checked.file
        ).settings
    except (OSError, MedialitError):
        return None
    selections = checked.lesson.selections
    # What a student sheet prints: the lesson but its selections and the plans of the key.
    printed = checked.lesson.model_dump(mode="json", exclude={"selections", "plans"})
    sheets = []
    for sheet in sheets_to_size(list(selections)):
        chosen = sheet.select or settings.level_selections.get(sheet.level)
        ids = selections.get(chosen, []) if chosen else []
        inputs = [printed, sheet.level, chosen, ids, chosen in settings.excerpt_selections]
        digest = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
        sheets.append((sheet, digest))
    return sheets
