"""Measure `medialit preview`: from a save to the page, in the system Chromium.

Run from the repository (needs the test tools: Playwright, and /usr/bin/chromium):

    .venv/bin/python benchmarks/bench_preview.py [LESSON] [--repeat 10]

LESSON defaults to the seed lesson, lessons/washington-isis-syria-2017.yaml (an
eight-page worksheet), whose figures benchmarks/README.md quotes. A real
`medialit preview` serves a copy of it; Chromium shows it.

- **highlight pane**: the lesson file is saved on disk by another program (one
  annotation's kind changed, as a text editor would: not the page's own save) until the
  article pane shows the new kind (target under 0.5 s); and a click on a kind button in
  the page until the pane shows it (written to the file and read back; issue 27's target:
  0.2 s), timed in the page from the click event to the first frame showing the new kind
  (and, on its own line, on the script's clock, Playwright's steps before the click in).
  Before each save, the highlight to change must be in the page with its old kind, and
  the wait for the new one is bounded: a wrong index stops the benchmark instead of
  timing it.
- **page images**: the same save until every page image of the student sheet has loaded
  in the page, and until every page image of the answer key has loaded in a second tab
  showing the key (WeasyPrint layout in a worker process, pdfium, PNG): the pages pane
  says which lesson version its images are for (``data-version``), so a sheet that
  prints the same and keeps its images counts as shown; and the layout alone (student
  sheet and key), warm. Target for each: under 3 s, at the maximum of the runs.
- **stopping**: Ctrl-C while the worker lays pages out, until the preview has exited.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

# This folder is the script's first import path: bench.py's helpers serve here too.
from bench import default_lesson
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# The browser as the tests run it: Debian's Chromium, with their arguments.
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS

KINDS = ("evidence", "inference", "assertion")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lesson", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=10)
    options = parser.parse_args()
    seed = (options.lesson or default_lesson()).resolve()
    print(f"lesson: {seed}")
    print(f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as folder:
        lesson = Path(folder) / seed.name
        shutil.copy(seed, lesson)
        # A layout cache of its own: the preview keeps the first pages it shows there, and
        # the rounds below must each lay out (measure_all refuses a round that returns to them).
        server = subprocess.Popen(
            [sys.executable, "-m", "medialit", "preview", "--no-open", str(lesson)],
            cwd=folder,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "XDG_CACHE_HOME": str(Path(folder) / "cache")},
        )
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                # wait_for_function evaluates its predicate as a string: the CSP refuses that.
                page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)
                page.add_init_script(INPUTS)
                page.goto(url)
                page.wait_for_function("document.querySelectorAll('#pages img').length > 0")
                # A second tab on the answer key, as a teacher checking the key sees it.
                key = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)
                key.goto(url)
                key.locator("#tab-key").click()
                key.wait_for_function("document.querySelectorAll('#pages img').length > 0")
                measure_all(page, key, lesson, options.repeat)
                browser.close()
            # One more change, so that Ctrl-C comes while the worker lays the pages out.
            text = lesson.read_text(encoding="utf-8")
            lesson.write_text(text.replace("kind: assertion", "kind: inference", 1), "utf-8")
            time.sleep(1.0)
        finally:
            started = time.perf_counter()
            server.send_signal(signal.SIGINT)
            server.wait(timeout=120)
    print(
        f"Ctrl-C during a layout -> preview exited: {time.perf_counter() - started:.2f} s "
        f"(exit code {server.returncode})"
    )
    layout_alone(seed, options.repeat)


def measure_all(page: Page, key: Page, lesson: Path, repeat: int) -> None:
    pane: list[float] = []
    images: list[float] = []
    keys: list[float] = []
    clicks: list[float] = []
    script: list[float] = []
    first = lesson.read_text(encoding="utf-8")  # its layouts are kept: a round must not go back
    for round_ in range(repeat):
        kind = KINDS[round_ % 3]
        text = lesson.read_text(encoding="utf-8")
        marker = "    kind: assertion\n" if kind != "assertion" else "    kind: inference\n"
        changed_index = annotation_index(text, marker)
        # From a quiet preview: the layouts of the previous change are done.
        for shown in (page, key):
            shown.wait_for_function(QUIET, polling="raf", timeout=60_000)
        shown_before = [shown.evaluate(SHOWN) for shown in (page, key)]
        old_kind = marker.split(":")[1].strip()
        if not page.evaluate(HAS_KIND, [changed_index, old_kind]):
            sys.exit(f"highlight {changed_index} is not a {old_kind} in the page: wrong index")
        new_text = text.replace(marker, f"    kind: {kind}\n", 1)
        if new_text == first:
            sys.exit(f"round {round_} returns to the first lesson, whose layouts are kept")
        version = hashlib.sha256(new_text.encode()).hexdigest()[:16]
        started = time.perf_counter()
        lesson.write_text(new_text, encoding="utf-8")
        try:
            page.wait_for_function(
                HAS_KIND, arg=[changed_index, kind], polling="raf", timeout=20_000
            )
        except PlaywrightError:
            sys.exit(f"highlight {changed_index} never became a {kind}: nothing to time")
        pane.append(time.perf_counter() - started)
        for shown, old, times in ((page, shown_before[0], images), (key, shown_before[1], keys)):
            shown.wait_for_function(IMAGES_FOR, arg=[version, old], polling="raf", timeout=60_000)
            times.append(time.perf_counter() - started)
        clicks.append(click_a_kind(page, round_, script))
    report("save on disk → highlight pane updated", pane, 0.5)
    report("kind button clicked → file written, pane updated", clicks, 0.2)
    report("  the same on the script's clock (Playwright's steps before the click in)", script, 0.2)
    pages = page.locator("#pages img").count()
    report(f"save on disk → all {pages} student page images loaded", images, 3.0)
    pages = key.locator("#pages img").count()
    report(f"save on disk → all {pages} answer key page images loaded (second tab)", keys, 3.0)


QUIET = "() => !document.getElementById('pages').classList.contains('busy')"
SHOWN = "() => [...document.querySelectorAll('#pages img')].map(i => i.src).join(' ')"
# The images shown are those of the new version: the pane says which version it shows
# (data-version), or, where it does not (before 2026-12-05), its first image changed.
IMAGES_FOR = """([version, old]) => {
  const pane = document.getElementById('pages');
  const all = [...pane.querySelectorAll('img')];
  const fresh = pane.dataset.version !== undefined
    ? pane.dataset.version === version
    : all.length > 0 && all[0].src !== old.split(' ')[0];
  return fresh && all.length > 0 && all.every(i => i.complete && i.naturalWidth > 0);
}"""


HAS_KIND = (
    "([i, k]) => document.querySelector(`mark[data-index='${i}']`)"
    "?.classList.contains(`kind-${k}`) ?? false"
)


def annotation_index(text: str, marker: str) -> int:
    """The index in ``annotations`` of the first item containing ``marker``."""
    head = text[: text.index(marker)]
    # The new line kept in front: the first item may follow "annotations:" directly.
    items = "\n" + head.split("\nannotations:\n", 1)[1]
    return items.count("\n  - quote:") - 1


# The click is timed in the page, on its clock: from the click event (as the page received
# it) to the first frame whose pane shows the new kind; Playwright's own steps before it
# clicks (finding the button, waiting for it to stand still) are not the page's time.
INPUTS = """(() => {
  window.__medialitInput = null;
  addEventListener('click', (event) => {
    if (event.isTrusted) window.__medialitInput = event.timeStamp;
  }, true);
})();"""
KIND_SHOWN = (
    "([i, k]) => (document.querySelector(`mark[data-index='${i}']`)"
    "?.classList.contains(`kind-${k}`) ?? false) && performance.now()"
)


def click_a_kind(page: Page, round_: int, script: list[float]) -> float:
    """Seconds from the kind button's click to the pane showing it (and, in ``script``, on
    the script's clock, Playwright's steps included)."""
    mark = page.locator("#article mark.hl").nth(round_ % 5)
    mark.click()
    current = mark.get_attribute("class") or ""
    kind = next(k for k in KINDS if f"kind-{k}" not in current)
    index = mark.get_attribute("data-index")
    page.evaluate("() => { window.__medialitInput = null; }")
    started = time.perf_counter()
    page.locator(f"#kind-buttons .kind-{kind}").click()
    shown = page.wait_for_function(KIND_SHOWN, arg=[index, kind], polling="raf").json_value()
    script.append(time.perf_counter() - started)
    clicked = page.evaluate("() => window.__medialitInput")
    if clicked is None:
        sys.exit("the click never reached the page: nothing to time")
    page.get_by_role("button", name="Close").click()
    return (float(shown) - float(clicked)) / 1000


def layout_alone(lesson: Path, repeat: int) -> None:
    from medialit.preview.pages import (
        PageChoice,
        lay_out_all,
        make_executor,
        plan_documents,
        warm_up,
    )
    from medialit.settings.layers import Configuration

    # An empty layout cache for the worker (spawned: it reads the variable as it starts): it
    # takes kept layouts from the user's cache, where these would be found, not laid out.
    with tempfile.TemporaryDirectory() as cache, mock.patch.dict(os.environ, XDG_CACHE_HOME=cache):
        with make_executor() as executor:
            for future in [executor.submit(warm_up) for _ in range(2)]:
                future.result()
            times: dict[str, list[float]] = {"student": [], "key": []}
            pages: dict[str, int] = {}
            for _ in range(repeat):
                for job in plan_documents(lesson, Configuration(), PageChoice()):
                    started = time.perf_counter()
                    (name, laid_out), *_ = lay_out_all(executor, [job], lesson.parent)
                    times[name].append(time.perf_counter() - started)
                    pages[name] = len(laid_out.pages)
        if any((Path(cache) / "medialit").rglob("*.pages")):
            sys.exit("the worker kept a layout: the rounds after the first timed no layout")
    for name, seconds in times.items():
        report(f"{name} ({pages[name]} pages): layout and images alone, warm worker", seconds, 3.0)


def report(what: str, seconds: list[float], target: float) -> None:
    median = statistics.median(seconds)
    worst = max(seconds)
    verdict = "within" if worst < target else "OVER"
    print(
        f"{what}: median {median:.3f} s, max {worst:.3f} s over {len(seconds)} runs "
        f"(target {target} s: {verdict}; median/target {median / target:.2f})"
    )


if __name__ == "__main__":
    main()
