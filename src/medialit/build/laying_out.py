"""Lay out every document: turn each one's HTML into PDF pages (WeasyPrint; the expensive
part), in parallel worker processes when asked, reusing layouts kept by ``layout_cache.py``.

Documents and their outcomes cross the process pool as typed values (:class:`Layout`,
:class:`LaidOut`), problems included.
"""

from __future__ import annotations

import datetime
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from medialit.errors import MedialitError, Problem
from medialit.files import interruptions_held
from medialit.layout.any_folder import reads_no_folder
from medialit.layout.cache import LayoutCache, layout_key
from medialit.layout.page_fill import PageFill, page_fill
from medialit.processes import stop_workers, worker_started

MarkedBox = tuple[str, int, float, float, float, float]
"""A marked element's name, page (0-based) and box in points from the page's top-left."""


class Progress(Protocol):
    """Told how many steps a build has, then of each step done (e.g. a progress bar)."""

    def start(self, total: int) -> None: ...

    def advance(self) -> None: ...


@dataclass(frozen=True)
class Layout:
    """One document to lay out, with the folders its layout may load files from."""

    html: str
    base_folder: Path
    allowed_folders: tuple[Path, ...]
    created: datetime.datetime | None
    keep_pages: bool = False
    """Also keep the laid-out pages, for the layout cache."""
    forms: bool = False
    """Turn the HTML's inputs into PDF form fields."""
    drawn: bytes | None = None
    """The PDF, drawn already (a class pack's cover and name tags): nothing to lay out."""
    measure: bool = False
    """Also give where its ``data-mark`` elements are (a markable sheet), kept with it."""
    object_streams: bool = True
    """Write its objects in object streams, as WeasyPrint does; ``False`` for a layout that is
    only read back to be stamped (:func:`medialit.layout.reuse.pdf_from_pages` says why)."""
    fill: bool = False
    """Keep how full its last page is with the kept layout (a sheet written as laid out)."""


@dataclass(frozen=True)
class LaidOut:
    """A laid-out document, or the problems that stopped it (they cross process boundaries)."""

    pdf: bytes = b""
    refused: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    fetched: tuple[tuple[str, str], ...] = ()
    """Every address the layout asked for, with its state then (with ``keep_pages``)."""
    pages: bytes = b""
    """The kept pages (with ``keep_pages``), see :func:`medialit.layout.pdf.pdf_from_pages`."""
    boxes: tuple[MarkedBox, ...] = ()
    """With ``measure``: each marked element's name, page (0-based) and box in points."""
    fill: PageFill | None = None
    """With ``fill`` and a layout cache: its pages and how full its last page is."""


def lay_out(layout: Layout) -> LaidOut:
    """Lay out one document; runs in a worker process when building in parallel."""
    from medialit.layout.pdf import lay_out_html  # imported late: WeasyPrint is slow to load
    from medialit.layout.reuse import pdf_from_pages

    try:
        laid_out = lay_out_html(
            layout.html,
            base_folder=layout.base_folder,
            allowed_folders=layout.allowed_folders,
            created=layout.created,
            keep_pages=layout.keep_pages or not layout.object_streams,
            forms=layout.forms,
            measure=layout.measure,
        )
    except MedialitError as exc:
        return LaidOut(problems=tuple(exc.problems))
    pdf = laid_out.pdf
    if not layout.object_streams and laid_out.pages:
        pdf = pdf_from_pages(laid_out.pages, layout.created, object_streams=False)
    return LaidOut(
        pdf=pdf,
        refused=tuple(laid_out.refused),
        fetched=tuple(laid_out.fetched),
        pages=laid_out.pages if layout.keep_pages else b"",
        boxes=tuple(laid_out.boxes),
    )


def lay_out_all(
    layouts: Sequence[Layout],
    workers: int,
    progress: Progress | None = None,
    cache: LayoutCache | None = None,
    keep_new: bool = True,
) -> list[LaidOut]:
    """Lay out every document, in ``workers`` processes when more than one.

    With a ``cache``, a document laid out before from the same HTML and files is
    taken from it, and the others are kept in it (unless not ``keep_new``). A document
    drawn already is kept as drawn.
    """
    if any(layout.drawn is not None for layout in layouts):
        to_lay_out = [layout for layout in layouts if layout.drawn is None]
        each = iter(lay_out_all(to_lay_out, workers, progress, cache, keep_new))
        results = []
        for layout in layouts:
            if layout.drawn is None:
                results.append(next(each))
                continue
            results.append(LaidOut(pdf=layout.drawn))
            if progress:
                progress.advance()
        return results
    if cache is None:
        return _lay_out_each(layouts, workers, progress)
    from medialit.layout.reuse import pdf_from_pages  # no WeasyPrint: all may be kept

    keys = [
        layout_key(
            layout.html, layout.base_folder, layout.allowed_folders, layout.created is not None
        )
        for layout in layouts
    ]
    # kept from another folder, if it read nothing from its own (any_folder.py)
    anywhere = [layout_key(layout.html, None, (), layout.created is not None) for layout in layouts]
    done: dict[int, LaidOut] = {}
    for n, layout in enumerate(layouts):
        # Form fields are written by a finisher the kept pages do not replay: never cached.
        if layout.forms:
            continue
        found, key = cache.get(anywhere[n]), anywhere[n]
        if found is None:
            found, key = cache.get(keys[n]), keys[n]
        if found is None or (layout.measure and found.boxes is None):
            continue
        try:
            pdf = pdf_from_pages(found.pages, layout.created, layout.object_streams)
        except Exception:  # whatever a kept entry holds, it is a miss (laid out again), not a crash
            cache.forget(key)
            continue
        measured = tuple(_box(box) for box in found.boxes or ()) if layout.measure else ()
        fill = PageFill(*found.fill) if layout.fill and found.fill else None
        done[n] = LaidOut(pdf=pdf, refused=tuple(found.refused), boxes=measured, fill=fill)
        if progress:
            progress.advance()
    missing = [n for n in range(len(layouts)) if n not in done]
    keep = keep_new and cache.refused is None  # a refused cache keeps nothing: no pages
    fresh = _lay_out_each(
        [replace(layouts[n], keep_pages=keep and not layouts[n].forms) for n in missing],
        workers,
        progress,
    )
    for n, laid_out in zip(missing, fresh, strict=True):
        if not laid_out.problems and not layouts[n].forms:
            kept = laid_out.boxes if layouts[n].measure else None
            # measured once, kept: a second class loads no PDF renderer (pdfium) to measure it
            fill = page_fill(laid_out.pdf) if layouts[n].fill and laid_out.pages else None
            laid_out = replace(laid_out, fill=fill)
            kept_fill = (fill.pages, fill.last_page_used) if fill else None
            free = reads_no_folder(layouts[n].html, laid_out.refused, laid_out.fetched)
            key = anywhere[n] if free else keys[n]
            cache.put(key, laid_out.pages, laid_out.refused, laid_out.fetched, kept, kept_fill)
        done[n] = replace(laid_out, pages=b"")
    return [done[n] for n in range(len(layouts))]


def _box(kept: Sequence[object]) -> MarkedBox:
    """A kept marked box, as JSON gave it back."""
    name, page, x, y, width, height = kept
    return (str(name), int(page), float(x), float(y), float(width), float(height))  # type: ignore[call-overload, arg-type]


def _lay_out_each(
    layouts: Sequence[Layout], workers: int, progress: Progress | None = None
) -> list[LaidOut]:
    if workers <= 1 or len(layouts) <= 1:
        results = []
        for layout in layouts:
            results.append(lay_out(layout))
            if progress:
                progress.advance()
        return results
    # imported here: a build in one process (a second class: none at all) needs no pool
    from concurrent.futures import ProcessPoolExecutor, as_completed

    done: dict[int, LaidOut] = {}
    executor = ProcessPoolExecutor(
        max_workers=min(workers, len(layouts)),
        initializer=_end_with_parent,
        initargs=(os.getpid(),),
    )
    try:
        # Held while the workers are forked: a stop then was handled inside a fork hook,
        # which swallows its exception, and the build went on to the end.
        with interruptions_held():
            futures = {executor.submit(lay_out, layout): n for n, layout in enumerate(layouts)}
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            if progress:
                progress.advance()
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM): stop the workers now, not after their documents, and
        # the pool's thread with them (Python 3.11's exit raced it: a traceback after Ctrl-C).
        stop_workers(executor)
        raise
    executor.shutdown()
    return [done[n] for n in range(len(layouts))]


def _end_with_parent(parent: int) -> None:
    """In each worker: exit when the build that started it is gone, even by ``kill -9``.

    Linux ends the worker with its parent (``PR_SET_PDEATHSIG``); elsewhere, and
    as a second line, a thread notices that the worker has been orphaned.
    """
    worker_started(parent)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
