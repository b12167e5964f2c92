"""The pages pane: the real PDF pages, laid out by WeasyPrint and drawn by pdfium.

Layout takes about a second, so it runs in worker processes (one per document)
and the server keeps answering meanwhile. Each document comes back as PNG
images, with how full its last page is, for the warnings a teacher needs
before printing: a change that adds a page, a last page left nearly empty.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import logging
import multiprocessing
import multiprocessing.forkserver
import multiprocessing.resource_tracker
import os
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any, TypeVar

from medialit.build.laying_out import LaidOut as LaidOutPdf
from medialit.build.planning import plan_lesson
from medialit.build.run import BuildOptions
from medialit.errors import MedialitError
from medialit.files import interruptions_held
from medialit.layout.page_fill import nearly_empty, page_used
from medialit.processes import RenewedPool, can_fork_here, helper_forked_here, worker_started
from medialit.render.sheet_table import VARIANT_SHEETS
from medialit.settings.layers import Configuration
from medialit.sheets.variants import Level, Variant, version_letters

DOCUMENTS = tuple(sheet.name for sheet in VARIANT_SHEETS)
"""The sheets the pane shows, the student's first: one of each per level and version."""
SCALE = 1.5  # 108 dpi: the page's text is readable on screen
MAX_VERSIONS_SHOWN = 4
BACKGROUND_NICENESS = 10
# A preview's PDFs are never written, so the build's date (SOURCE_DATE_EPOCH) plays no part;
# dated all the same, so that its layouts are the ones a build keeps and finds.
NO_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
T = TypeVar("T")
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageChoice:
    """Which worksheet the pages pane shows: level and version (``None``: one version)."""

    level: Level = "standard"
    version: str | None = None


@dataclass(frozen=True)
class LaidOut:
    """One document's pages as PNG images, and how much of its last page is used (0–1)."""

    pages: list[bytes] = field(default_factory=list)
    last_page_used: float = 1.0
    error: str | None = None
    digest: str = ""
    """The digest of the HTML laid out (:func:`html_digest`)."""
    page_digests: list[str] = field(default_factory=list)
    """Each page's fingerprint; a page whose PNG is ``b""`` is one the server holds."""
    unchanged: bool = False
    """Not laid out: the HTML is the one shown already, whose pages stay as they are."""


def html_digest(html: str) -> str:
    """What a document prints, in short: equal HTML, equal pages."""
    return hashlib.sha256(html.encode()).hexdigest()


class _WorkerPool(ProcessPoolExecutor):
    """A pool whose workers start with Ctrl-C and SIGTERM held, until their initializer has
    set what these do (Ctrl-C ignored).

    Ctrl-C in a terminal reaches every process of the preview, and a worker spawned a
    moment before was still importing: it printed a traceback of its own. A worker is
    started by the ``submit`` that needs it, and inherits the signal mask of the thread
    that called it; forked by the fork server, it ignores Ctrl-C from the start, as the
    fork server does (:func:`_ctrl_c_ignored`).
    """

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        with interruptions_held():
            return super().submit(fn, *args, **kwargs)


_FORKED = "medialit.preview.forked"
"""What the fork server imports before it forks a worker."""


def start_workers_early() -> None:
    """Start the workers' fork server now, as the preview opens, from the preview's own
    process while it has no other thread: a fork of it (:func:`helper_forked_here`), which
    has the preview's modules already and imports only WeasyPrint and the layout's, ready
    while the server starts. The first worker would otherwise start it as a program of its
    own (which it still does where this one did not start: :func:`_workers_context`)."""
    if "forkserver" not in multiprocessing.get_all_start_methods() or not can_fork_here():
        return
    try:
        _start_fork_server(forked=True)
    except OSError as exc:  # the first worker tries again, and says why if it cannot
        _log.debug("The fork server did not start early: %s", exc)


def _workers_context() -> BaseContext:
    """How the preview starts its workers: forked from a fork server where there is one.

    A fork of the server itself is not safe (it has threads and an event loop), and a spawned
    worker imports WeasyPrint and the build afresh: each of the three did (2.5 s of CPU at
    every opening). The fork server is a process of its own that imports them once, without
    threads (and compiles the templates: :mod:`.forked`), and forks each worker from itself,
    ready at once. It ends when the server does.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():  # not on Windows
        try:
            _start_fork_server(forked=False)
            return multiprocessing.get_context("forkserver")
        except OSError as exc:  # no socket for it (a temporary folder's path too long, a
            # sandbox): a review found the pages waiting for ever; spawned workers work there
            _log.info("No fork server for the preview's workers (%s): spawning them.", exc)
    return multiprocessing.get_context("spawn")


def _start_fork_server(*, forked: bool) -> None:
    """The fork server running (nothing to do if it is), ``forked`` from this process or
    started as a program, with Ctrl-C and SIGTERM held and Ctrl-C ignored while it starts."""
    multiprocessing.get_context("forkserver").set_forkserver_preload([_FORKED])
    # First, on its own: starting the resource tracker unblocks Ctrl-C and SIGTERM, which
    # the fork server's start holds.
    multiprocessing.resource_tracker.ensure_running()
    fork = helper_forked_here("multiprocessing.forkserver") if forked else contextlib.nullcontext()
    with fork, interruptions_held(), _ctrl_c_ignored():
        multiprocessing.forkserver.ensure_running()


@contextlib.contextmanager
def _ctrl_c_ignored() -> Iterator[None]:
    """Ctrl-C ignored while the fork server starts (it is held meanwhile, so one pressed then
    still reaches the server after): the fork server keeps ignoring it, and every worker it
    forks ignores it from its first instant, before it has imported anything. A signal mask
    does not carry over: starting a program clears it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def make_executor() -> Executor:
    """One worker: on a two-core computer a second one slows the page and the first alike
    (measured in benchmarks/bench_preview.py)."""
    return RenewedPool(lambda: _one_worker(_left_to_the_server))


def make_background_executor() -> Executor:
    """A worker for counting pages in the background (:mod:`.sizes`), at a lower priority:
    a count never makes the pages of the teacher's last change wait behind it."""
    return RenewedPool(lambda: _one_worker(_lower_priority))


def _one_worker(initializer: Callable[[int | None], None]) -> ProcessPoolExecutor:
    context = _workers_context()
    # The parent a spawned worker checks for; a fork server's worker watches its starter.
    server = None if context.get_start_method() == "forkserver" else os.getpid()
    return _WorkerPool(
        max_workers=1, mp_context=context, initializer=initializer, initargs=(server,)
    )


def _left_to_the_server(server: int | None) -> None:
    """Ctrl-C in a terminal reaches every process of the preview: a worker leaves it to the
    server, which stops it. Ignored, a Ctrl-C held since the worker started is dropped."""
    # A server killed with kill -9 left its workers running for ever: each now ends with it
    # (worker_started says how).
    worker_started(server, ignore_ctrl_c=True)


def _lower_priority(server: int | None) -> None:
    _left_to_the_server(server)
    if hasattr(os, "nice"):  # not on Windows: there the count only shares the computer
        os.nice(BACKGROUND_NICENESS)


def warm_up() -> None:
    """Import WeasyPrint in a worker before the first real job (it takes a second), where
    the fork server has not (a spawned worker's)."""
    from medialit.layout import pdf  # noqa: F401


def plan_documents(
    lesson: Path, configuration: Configuration, choice: PageChoice
) -> list[tuple[str, str, tuple[Path, ...]]]:
    """The HTML of the student sheet and the key that ``choice`` names, and their folders.

    Rendering the HTML is quick and stays in the server; only layout goes to the workers.
    """
    letters = version_letters(MAX_VERSIONS_SHOWN)
    pair = letters.index(choice.version) if choice.version in letters else 0
    versions = pair + 1 if choice.version else 1  # version B's numbers do not depend on C's
    options = BuildOptions(
        configuration=configuration, level=choice.level, versions=versions, created=NO_DATE
    )
    plan = plan_lesson(lesson, options)
    shown = Variant(choice.level, letters[pair] if versions > 1 else None)
    return [
        (sheet.name, document.html, document.folders)
        for sheet in VARIANT_SHEETS
        for document in [plan.document(sheet.file(shown))]
    ]


Job = tuple[str, str, tuple[Path, ...]]
"""A document to lay out: its name (``student``, ``key``), its HTML and its allowed folders."""


def plan_and_lay_out_first(
    lesson: Path,
    configuration: Configuration,
    choice: PageChoice,
    shown: str = "",
    known: frozenset[str] = frozenset(),
    keep: bool = False,
) -> tuple[LaidOut, list[Job]]:
    """In a worker: render every document's HTML, lay out the first; the rest to follow.

    Rendering the templates happens here too, so that the server's own process stays
    free to answer the page while a layout is made. A first document whose HTML has the
    digest ``shown`` (the pages on screen) is not laid out again: a kind changed, say,
    prints nothing new on the student sheet.
    """
    try:
        first, *rest = plan_documents(lesson, configuration, choice)
    except MedialitError as exc:
        return LaidOut(error=str(exc)), []
    _, html, folders = first
    digest = html_digest(html)
    if digest == shown:
        return LaidOut(digest=digest, unchanged=True), rest
    return replace(lay_out(html, lesson.parent, folders, known, keep), digest=digest), rest


def lay_out(
    html: str,
    base_folder: Path,
    allowed_folders: tuple[Path, ...],
    known: frozenset[str] = frozenset(),
    keep: bool = False,
) -> LaidOut:
    """Lay out one document (or take it from the layout cache) and draw its pages; runs in
    a worker process. ``keep``: see :func:`kept_or_new_layout`; ``known``: the digests of
    page images the server holds already (see :func:`rasterise`)."""
    laid_out = kept_or_new_layout(html, base_folder, allowed_folders, keep)
    if laid_out.problems:
        return LaidOut(error=str(MedialitError(list(laid_out.problems))))
    return rasterise(laid_out.pdf, known=known)


def kept_or_new_layout(
    html: str, base_folder: Path, allowed_folders: tuple[Path, ...], keep: bool, fill: bool = False
) -> LaidOutPdf:
    """The layout of ``html``: kept in the layout cache (by a build, or an earlier preview),
    or made now. With ``keep`` (the first pages of each sheet a preview shows), a new layout
    is kept there too, so that the lesson opened again shows its pages at once and a build
    finds them; the layouts of later edits are not kept, which would fill the cache in one
    session. With ``fill``, how full its last page is comes with it (``laid_out.fill``)
    when the cache holds it."""
    from medialit.build.laying_out import Layout, lay_out_all
    from medialit.layout.cache import open_cache

    try:
        cache = open_cache()
    except MedialitError:  # MEDIALIT_CACHE_MAX_MB is not a size: a build says so
        cache = None
    layout = Layout(html, base_folder, allowed_folders, created=NO_DATE, fill=fill)
    (laid_out,) = lay_out_all([layout], workers=1, cache=cache, keep_new=keep)
    return laid_out


def rasterise(pdf: bytes, scale: float = SCALE, known: frozenset[str] = frozenset()) -> LaidOut:
    """Each page of ``pdf`` as a PNG, and the share of the last page's printable area used
    (measured as ``medialit build`` measures it, not on these images).

    Each page's pixels are fingerprinted as drawn; a page whose fingerprint is in ``known``
    (the same pixels as an image on screen) is not encoded again (its PNG is ``b""``):
    encoding is most of drawing, and most pages print the same after a change.
    """
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    pages = []
    digests = []
    used = 1.0
    try:
        for number in range(len(document)):
            bitmap = document[number].render(scale=scale)
            digest = hashlib.sha256(memoryview(bitmap.buffer)).hexdigest()
            if number == len(document) - 1:
                used = page_used(document[number])  # the build's figure, measured as it is
            png = b""
            if digest not in known:
                buffer = io.BytesIO()
                bitmap.to_pil().save(buffer, format="PNG", compress_level=1)
                png = buffer.getvalue()
            pages.append(png)
            digests.append(digest)
    finally:
        document.close()
    return LaidOut(pages, used, page_digests=digests)


def lay_out_all(
    executor: Executor, jobs: list[tuple[str, str, tuple[Path, ...]]], base_folder: Path
) -> list[tuple[str, LaidOut]]:
    """Lay out the documents in parallel; used by the benchmark and the server's thread."""
    futures = [
        (name, executor.submit(lay_out, html, base_folder, folders)) for name, html, folders in jobs
    ]
    return [(name, future.result()) for name, future in futures]


def page_warnings(
    name: str, laid_out: LaidOut, previous_count: int | None, label: str
) -> list[str]:
    """What a teacher should know before printing this document."""
    warnings = []
    count = len(laid_out.pages)
    if previous_count is not None and count > previous_count:
        warnings.append(
            f"The {label} grew from {previous_count} to {count} pages with the last change."
        )
    if nearly_empty(count, laid_out.last_page_used):
        share = round(laid_out.last_page_used * 100)
        warnings.append(
            f"The last page of the {label} is nearly empty (about {share}% used): printed "
            "double-sided, a whole sheet carries only a few lines. Shorten the text or "
            "change the font size to save it."
        )
    return warnings
