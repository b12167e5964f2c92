"""Shared fixtures: real builds with WeasyPrint, read back with poppler's pdftotext (pypdf for
the PDF's structure: fonts, sizes, colours, metadata)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import signal
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from pypdf import PdfReader

from medialit.build.run import BuildOptions, build_lesson
from medialit.settings.layers import Configuration, Layer, check_layer

from .browser_support import CHROMIUM, CHROMIUM_ARGS, VIEWPORT

try:
    from playwright.sync_api import expect
except ImportError:  # the quick runs at the dependency floors have no browser
    pass
else:
    # What the page shows after a key press must come; how soon is for the benchmarks. CI runs
    # two workers, a browser and the pages' layout processes on two cores (load 10-20), where
    # Playwright's default of 5 s was not always enough for a save.
    expect.set_options(timeout=15_000)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
LESSONS = sorted((ROOT / "lessons").glob("*.yaml"))
GOOD = (DATA / "good-lesson.yaml").read_text()
"""A small valid lesson; tests break it in one place to check the message."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--refresh-golden",
        action="store_true",
        help=(
            "Rewrite every golden tree in tests/data/golden/ from the current templates, words "
            "and exports (review with git diff)."
        ),
    )


_PAGES_READ: dict[bytes, tuple[str, ...]] = {}
"""pdftotext's text of each PDF read in this process, by the digest of the PDF's bytes: a PDF
many tests read (a session build's key) is read once; a file written again reads afresh."""


def pdf_pages(pdf: Path | bytes) -> list[str]:
    """The text of each page of a PDF (a file, or its bytes) as poppler's pdftotext reads it,
    white space folded to single spaces.

    ``-raw`` keeps the order WeasyPrint drew the text in, which is the page's reading order
    for a table: its rows left to right, each cell's words together (the default mode reads
    the key's grid column by column and ``-layout`` interleaves the lines of neighbouring
    cells). Not for right-to-left text: ``-raw`` gives its words in drawn (visual) order, so
    a test of an Arabic or Hebrew sheet reads it with pdftotext's default mode. The page's
    running header and footer come last, as drawn."""
    data = pdf if isinstance(pdf, bytes) else pdf.read_bytes()
    digest = hashlib.sha256(data).digest()
    if digest not in _PAGES_READ:
        done = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
            input=data,
            capture_output=True,
            check=True,
        )
        pages = done.stdout.decode().split("\f")[:-1]  # a form feed ends each page
        _PAGES_READ[digest] = tuple(" ".join(page.split()) for page in pages)
    return list(_PAGES_READ[digest])


def pdf_text(pdf: Path | bytes) -> str:
    """All the text of a PDF, pages joined, white space folded to single spaces."""
    return " ".join(pdf_pages(pdf))


def run_cli(
    args: Sequence[str | Path], cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``medialit ARGS`` run in this process (click's CliRunner) in ``cwd``, its result as a
    finished process's: for tests of what a command does and says, not of the process (each
    command keeps tests that run it in a real process). Saves the second or so a process
    takes to import WeasyPrint. An exception the command lets out fails the test, where a
    process would have printed a traceback."""
    from click.testing import CliRunner

    from medialit.cli.main import main

    with contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext():
        result = CliRunner().invoke(
            main, [str(arg) for arg in args], env=env, prog_name="medialit", catch_exceptions=False
        )
    return subprocess.CompletedProcess(
        ["medialit", *map(str, args)], result.exit_code, result.stdout, result.stderr
    )


def pdf_fonts(path: Path) -> set[str]:
    """The base names of every font a PDF uses, without the subset prefix (``Andika-Bold``)."""
    return {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in PdfReader(path).pages
        for font in page["/Resources"]["/Font"].values()
    }


def text_sizes(path: Path, words: str) -> set[float]:
    """The sizes in points (rounded to 0.1) of the text runs of a PDF that contain ``words``."""
    sizes: set[float] = set()
    for page in PdfReader(path).pages:

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if words in text:
                sizes.add(round(size * abs(cm[0]) * abs(tm[0]), 1))

        page.extract_text(visitor_text=visit)
    return sizes


def paint_colours(path: Path) -> set[str]:
    """Every fill and stroke colour a PDF paints with, as ``#rrggbb``, images included."""
    colours: set[str] = set()
    seen: set[int] = set()

    def visit(stream: bytes, resources: object) -> None:
        for r, g, b in re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)\b", stream):
            colours.add("#" + "".join(f"{round(float(v) * 255):02x}" for v in (r, g, b)))
        if not hasattr(resources, "get"):
            return
        for group in ("/XObject", "/Pattern"):
            for ref in (resources.get(group) or {}).values():
                if id(obj := ref.get_object()) not in seen and hasattr(obj, "get_data"):
                    seen.add(id(obj))
                    visit(obj.get_data(), obj.get("/Resources"))

    for page in PdfReader(path).pages:
        visit(page.get_contents().get_data(), page.get("/Resources"))
    return colours


def assert_no_answers(lesson: Path, student_pdf: Path, student_html: Path | None = None) -> None:
    """Nothing in the student sheet (text, HTML, CSS classes, metadata) gives an answer away."""
    from medialit.lesson.reading import read_lesson
    from medialit.render.typography import typographic

    checked = read_lesson(lesson)
    text = pdf_text(student_pdf)
    html = student_html.read_text() if student_html else ""
    metadata = " ".join(str(v) for v in (PdfReader(student_pdf).metadata or {}).values())
    for statement in checked.statements:
        annotation = statement.annotation
        secrets = [" ".join(annotation.why.split()[:6]), *annotation.techniques]
        secrets += [" ".join(annotation.check.split()[:6])] if annotation.check else []
        secrets += [typographic(secret) for secret in secrets]  # as printed
        for secret in secrets:
            assert secret not in text and secret not in html and secret not in metadata, secret
    for kind in ("evidence", "inference", "assertion"):
        assert f"kind-{kind}" not in html and kind not in metadata.lower()
    for note in [q.notes for q in checked.lesson.questions if q.notes]:
        for form in (note, typographic(note)):
            assert form not in text and form not in html


def configuration(**settings: object) -> Configuration:
    """A configuration with ``settings`` given as if on the command line."""
    layer = Layer("command line", dict(settings))
    check_layer(layer)
    return Configuration(command_line=layer)


def build(lesson: Path, out: Path, **settings: object) -> dict[str, Path]:
    """Build ``lesson`` into ``out`` with HTML; return the outputs by file name."""
    options = BuildOptions(out=out, configuration=configuration(**settings), write_html=True)
    result = build_lesson(lesson, options)
    return {p.name: p for p in result.outputs}


@pytest.fixture(autouse=True)
def _signal_handlers_restored() -> Iterator[None]:
    """Each test gives back the Ctrl-C and SIGTERM handlers it started with.

    medialit's ``main`` makes SIGTERM unwind like Ctrl-C, and CliRunner runs it in the test
    runner's own process: without this, the first CLI test would change how the runner
    itself takes SIGTERM (a CI runner's timeout) for the rest of the session.
    """
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


@pytest.fixture(scope="session", autouse=True)
def _layout_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Builds keep their layouts in a cache of this session, never in the user's own.

    Under pytest-xdist the workers share one cache (in the run's common temporary folder):
    many tests build the same lessons, and a layout one worker made is reused by the other,
    as two builds started at once share the user's cache (``layout/cache_safety.py``).
    """
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    cache = shared / "cache"
    cache.mkdir(mode=0o700, exist_ok=True)
    os.environ["XDG_CACHE_HOME"] = str(cache)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's browser is Debian's Chromium, for every browser test."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": VIEWPORT}


@pytest.fixture(scope="session")
def warm_contexts(browser: Any, browser_context_args: dict[str, Any]) -> Iterator[Any]:
    """The session's warm browser contexts (``browser_support.WarmContexts``)."""
    from .browser_support import WarmContexts, empty_site

    with empty_site() as site:
        contexts = WarmContexts(browser, site, browser_context_args)
        yield contexts
        contexts.close()


@pytest.fixture
def warm_pages(warm_contexts: Any) -> Iterator[Any]:
    """New pages from the warm contexts for this test (``warm_pages.page(...)``); every page
    the test opened is closed when it ends, and the contexts' cookies are cleared."""
    yield warm_contexts
    warm_contexts.clear()


@pytest.fixture
def context(warm_pages: Any) -> Any:
    """pytest-playwright's ``context``, from the session's warm one: a new context a test
    would start a renderer process (``browser_support.py``)."""
    return warm_pages.context()


@pytest.fixture
def page(context: Any) -> Any:
    """pytest-playwright's ``page``: a new page of the warm context, closed when the test ends."""
    return context.new_page()


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The small sample lesson, built once for the session."""
    return build(DATA / "sample.yaml", tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def built_lessons(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, dict[str, Path]]:
    """Every lesson in lessons/, built once for the session (the suite builds them all)."""
    out = tmp_path_factory.mktemp("lessons")
    return {lesson: build(lesson, out) for lesson in LESSONS}


# Fuzz tests: a modest run in the normal suite; `--hypothesis-profile=long` for a deep one.
# No deadline: other engineers' tests share the machine, and a slow example is not a bug
# (hangs are caught by the size-limit tests' timeouts).
settings.register_profile(
    "medialit", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=5_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("medialit")
