"""A scripted teacher session in the studio, end to end, counted and timed (issue 20).

Run from the repository root (needs the test tools: Playwright, and /usr/bin/chromium):

    .venv/bin/python benchmarks/bench_studio.py

In a new working folder made with `medialit init`, a real `medialit new PAGE --preview`
drafts a lesson from tests/data/news-story.html (a saved news page that comes with
medialit: twelve drafts) and serves it; Chromium opens the address it prints. The script
then works as a teacher does, with real clicks, key presses, typing, one mouse drag and,
when the words to drag are out of sight, one turn of the mouse wheel (nothing else: no DOM
scripting, no request of its own, no write to the lesson file):

- the review queue: one draft re-kinded (A) and given the reason and check offered for its
  new kind (R), one wrong draft dropped (Delete), the others confirmed (Enter);
- one statement added (an inference) by selecting its words with the mouse, its why written
  before its kind is chosen;
- the three discussion questions `medialit new` suggested accepted (one click, then Enter,
  Enter); the suggested 50-minute plan retimed (reading 10 minutes, sorting 20) and accepted;
- the `core` selection `medialit new` suggested changed in the selections editor: the added
  inference ticked in, one statement ticked out.

The script reads the page to know when it has answered (the status line, the queue, the
highlights) and where words are drawn (to aim the mouse), as a teacher's eyes do. Then it
stops the preview, runs `medialit check` (must pass, with no draft left) and builds a class
pack with docs/examples/class.csv (must exit 0).

Counted: every click, key press (a chord such as Ctrl+A is one), drag and turn of the mouse
wheel (to bring words into view before the drag); typed text counts
one key press per character, reported apart. Timed: each response the page waits on, from
the action to the status line (and the queue, or the highlight) showing the saved change,
keyed by the endpoint the action called; page images apart (from the action to every page
image of the student sheet loaded). Last line:
``actions: N, yaml edits: 0, slowest response: X ms``.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path

from playwright.sync_api import Locator, Page, Request, sync_playwright
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests/preview_helpers.py: where words are drawn, to aim at
from tests.preview_helpers import WORDS_ON_SCREEN  # noqa: E402

PAGE = ROOT / "tests" / "data" / "news-story.html"
ROSTER = ROOT / "docs" / "examples" / "class.csv"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
TARGET_ACTIONS = 150
TARGET_RESPONSE_MS = 200.0
TARGET_IMAGES_MS = 3000.0

# What the teacher writes. Short, as a teacher writes them, but real.
ADDED_WORDS = ("That means", "is made.")  # the first and last words dragged across
ADDED_WHY = "'That means' draws it from the sentence before: the council can end the trial."
WRONG_DRAFT = "Not everyone is convinced."
RETIMED = ((0, "10"), (1, "20"))  # the plan's steps retimed: reading 10 minutes, sorting 20
CORE_IN = "That means"  # the added inference, ticked into core
CORE_OUT = "Council member Greg Turner"  # ticked out of it

# A response is timed in the page, on its clock (performance.now()), from the input event that
# asked for it (the teacher's key or click, as the page received it) to the first frame
# showing it; Playwright's own steps before it sends the input (finding the element, waiting
# for it to stand still) are not the page's time.
INPUTS = """(() => {
  window.__medialitInput = null;
  for (const type of ['keydown', 'click']) {
    addEventListener(type, (event) => {
      if (event.isTrusted) window.__medialitInput = event.timeStamp;
    }, true);
  }
})();"""
# Watched at every frame from the action on: the first frame at which the page shows the
# saved change (the status line says it, and the queue has changed where the action was in
# the queue), the why offered for a new kind, and the glance panel counting the new version.
# Each is noted at its own first frame; the wait ends when all are.
SEEN = """(a) => {
  const w = window.__medialitSeen;
  const now = performance.now();
  const status = document.getElementById('status').textContent;
  const saved = status !== a.before && status !== 'Saving…' && (a.queue === null
    ? new RegExp(a.pattern).test(status)
    : document.getElementById('queue').innerText !== a.queue);
  if (saved && w.saved === undefined) w.saved = now;
  if (a.offer && w.offer === undefined && !document.getElementById('queue-offer').hidden) {
    w.offer = now;
  }
  const shown = document.getElementById('article').dataset.version;
  const counted = document.getElementById('glance-facts').dataset.version;
  if (w.glance === undefined && shown !== a.version && counted === shown) w.glance = now;
  const offered = !a.offer || w.offer !== undefined;
  return w.saved !== undefined && w.glance !== undefined && offered && w;
}"""
# The pane says which lesson version its pages are for (data-version; pages that print the
# same keep their images); where it does not (before 2026-12-05), its first image changed.
IMAGES_LOADED = """(old) => {
  const pane = document.getElementById('pages');
  const all = [...pane.querySelectorAll('img')];
  const fresh = pane.dataset.version !== undefined ? pane.dataset.version !== old
    : all.length > 0 && all[0].src !== old;
  const done = fresh && all.length > 0 && all.every(i => i.complete && i.naturalWidth > 0)
    && !pane.classList.contains('busy');
  return done && performance.now();
}"""
SHOWN = """() => {
  const pane = document.getElementById('pages');
  const first = pane.querySelector('img');
  return pane.dataset.version ?? (first ? first.src : null);
}"""


class Teacher:
    """The page, with every action counted and every awaited response timed."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.actions: Counter[str] = Counter()
        self.typed = 0
        self.responses: dict[str, list[float]] = defaultdict(list)
        self.script: list[float] = []  # the same, on the script's clock (Playwright's call in)
        self.glance: list[float] = []  # from the action to the glance panel counting it
        self.images: list[float] = []
        self.offers: list[float] = []  # from the kind's key to the offered why shown
        self.posts: list[str] = []
        self.network: dict[str, list[float]] = defaultdict(list)
        page.on("request", self._request)
        page.on("requestfinished", self._finished)

    def _request(self, request: Request) -> None:
        if request.method == "POST":
            self.posts.append(endpoint(request))

    def _finished(self, request: Request) -> None:
        if request.method == "POST":
            self.network[endpoint(request)].append(request.timing["responseEnd"])

    # ---- the actions ---------------------------------------------------------------------

    def click(self, target: Locator) -> None:
        self.actions["clicks"] += 1
        target.click()

    def press(self, key: str) -> None:
        self.actions["key presses"] += 1
        self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.actions["key presses"] += len(text)
        self.typed += len(text)
        self.page.keyboard.type(text)

    def scroll(self, x: float, y: float, pixels: float) -> None:
        """One turn of the mouse wheel over (x, y)."""
        self.actions["scrolls"] += 1
        self.page.mouse.move(x, y)
        self.page.mouse.wheel(0, pixels)

    def drag(self, start: tuple[float, float], end: tuple[float, float]) -> None:
        self.actions["drags"] += 1
        mouse = self.page.mouse
        mouse.move(*start)
        mouse.down()
        for step in range(1, 6):  # several events on the way, as a hand moves
            x = start[0] + (end[0] - start[0]) * step / 5
            y = start[1] + (end[1] - start[1]) * step / 5
            mouse.move(x, y)
        mouse.up()

    # ---- the waiting ---------------------------------------------------------------------

    def status(self) -> str:
        return self.page.locator("#status").inner_text()

    def saves(
        self,
        act: Callable[[], None],
        pattern: str = "",
        queue: bool = False,
        images: bool = False,
        offer: bool = False,
    ) -> None:
        """Do ``act`` and time it until the page shows the saved change (and the glance panel
        counts it; with ``offer``, the why offered for the new kind is shown)."""
        page = self.page
        watched = {
            "before": self.status(),
            "pattern": pattern,
            "queue": page.locator("#queue").inner_text() if queue else None,
            "version": page.locator("#article").get_attribute("data-version"),
            "offer": offer,
        }
        old_image = page.evaluate(SHOWN) if images else None
        posts = len(self.posts)
        page.evaluate("() => { window.__medialitInput = null; window.__medialitSeen = {}; }")
        started = time.perf_counter()
        act()
        seen = page.wait_for_function(SEEN, arg=watched, polling="raf").json_value()
        self.script.append((time.perf_counter() - started) * 1000)
        called = self.posts[posts:]
        if not called:
            sys.exit(f"no save was sent for this action (the page said {self.status()!r})")
        if "Not saved" in self.status():
            sys.exit(f"the page refused a change: {self.status()!r}")
        received = page.evaluate("() => window.__medialitInput")
        if received is None:
            sys.exit("the action never reached the page as an input event: nothing to time")
        self.responses[called[0]].append(seen["saved"] - received)
        if offer:
            self.offers.append(seen["offer"] - received)
        self.glance.append(seen["glance"] - received)
        if images:
            loaded = page.wait_for_function(
                IMAGES_LOADED, arg=old_image, polling="raf", timeout=60_000
            )
            self.images.append(float(loaded.json_value()) - received)

    @property
    def total(self) -> int:
        return sum(self.actions.values())


def endpoint(request: Request) -> str:
    """``api/annotations/N``: the path after the secret one, with numbers as N."""
    path = request.url.split("/s/", 1)[-1].split("/", 1)[-1]
    return re.sub(r"/\d+", "/N", path)


def word_box(page: Page, words: str) -> dict[str, float]:
    """Where ``words`` stand in the article on the screen (to aim the mouse at)."""
    box = page.evaluate(WORDS_ON_SCREEN, words)
    if not box:
        sys.exit(f"“{words}” is not in the article")
    return dict(box)


# ---- the session ---------------------------------------------------------------------------


def review_queue(t: Teacher) -> None:
    """Least sure first: re-kind the first and take the why and check offered for the new
    kind, drop the sixth, confirm the rest."""
    page = t.page
    t.click(page.locator("#queue-list .queue-item").first)  # the list has the focus
    # A, and the why and check written for an assertion are offered with the saved kind.
    t.saves(lambda: t.press("a"), queue=True, offer=True)
    t.saves(lambda: t.press("r"), pattern=r"^Statement \d+ has the reason and check")
    chosen = page.locator("#queue-list [aria-selected=true]")
    for place in range(12):
        # The teacher reads the draft chosen: "Not everyone is convinced." is dropped
        # ('everyone' was read as a generalisation), every other one confirmed.
        if WRONG_DRAFT in chosen.inner_text():
            t.saves(lambda: t.press("Delete"), queue=True)
        else:
            t.saves(lambda: t.press("Enter"), queue=True, images=place == 11)


def add_statement(t: Teacher) -> None:
    """Select the words with the mouse, write the why first, then choose the kind."""
    page = t.page
    article = page.locator("#article").bounding_box()
    assert article is not None
    if word_box(page, ADDED_WORDS[1])["bottom"] > article["y"] + article["height"]:
        # The queue left the last draft at the article's bottom edge, and the words after it
        # out of sight: the teacher scrolls them into view with the mouse wheel.
        t.scroll(article["x"] + article["width"] / 2, article["y"] + article["height"] / 2, 200)
    # Where the words stand once the page has stopped moving.
    boxes: list[tuple[dict[str, float], ...]] = []
    while len(boxes) < 2 or boxes[-1] != boxes[-2]:
        page.wait_for_timeout(150)
        boxes.append(tuple(word_box(page, words) for words in ADDED_WORDS))
    first, last = boxes[-1]
    t.drag(
        (first["left"] + 1, (first["top"] + first["bottom"]) / 2),
        (last["right"] - 1, (last["top"] + last["bottom"]) / 2),
    )
    t.click(page.locator("#why"))
    t.type(ADDED_WHY)
    t.saves(
        lambda: t.click(page.locator("#kind-buttons .kind-inference")),
        pattern="",
        images=True,
    )
    t.click(page.locator("#close"))


def accept_questions(t: Teacher) -> None:
    """The three questions medialit new suggested: a click on the first Accept, then Enter
    (the focus moves to the next suggestion's Accept)."""
    page = t.page
    t.saves(
        lambda: t.click(page.locator("#q-0-accept")), pattern="^Accepted question 1", images=True
    )
    for number in (2, 3):
        t.saves(partial(t.press, "Enter"), pattern=f"^Accepted question {number}")


def retime_plan(t: Teacher) -> None:
    """The suggested plan (5 + 25 + 10 + 10): reading 10 minutes, sorting 20; accepted."""
    page = t.page
    t.click(page.locator("#part-plan-summary"))
    for step, minutes in RETIMED:
        t.click(page.locator(f"#s-{step}-minutes"))
        t.press("Control+a")
        t.type(minutes)
        if step == RETIMED[-1][0]:  # it adds up again: leaving the field saves the plan
            t.saves(partial(t.press, "Tab"), pattern="^Saved the plan", images=True)
        else:  # 55 of 50 minutes: the page says so, and saves nothing yet
            t.press("Tab")
            page.locator("#plan-state").get_by_text("Not saved yet").wait_for()
    t.saves(lambda: t.click(page.locator("#plan-accept")), pattern="^Accepted the plan")


def change_core(t: Teacher) -> None:
    """The selections editor, on `core`: the added inference ticked in, one statement out."""
    page = t.page
    if page.locator("#selection-choice").input_value() != "core":
        t.click(page.locator("#selection-choice"))
        t.press("Home")  # core is the only selection: the first
        t.press("Enter")
    for words, verb in ((CORE_IN, "now in"), (CORE_OUT, "out of")):
        box = page.locator("#selection-list li", has_text=words).locator("input")
        t.saves(lambda box=box: t.click(box), pattern=f"is {verb} “core”")


def session(url: str) -> Teacher:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        # wait_for_function evaluates its predicate as a string: the page's CSP refuses that.
        page = browser.new_page(viewport={"width": 1500, "height": 950}, bypass_csp=True)
        page.add_init_script(INPUTS)  # the clock of each response starts at the page's input
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_function(IMAGES_LOADED, arg="", polling="raf", timeout=60_000)
        first_images = (time.perf_counter() - started) * 1000
        t = Teacher(page)
        try:
            page.locator("#queue-list .queue-item").nth(11).wait_for()  # the twelve drafts
            review_queue(t)
            add_statement(t)
            accept_questions(t)
            retime_plan(t)
            change_core(t)
        except Exception:
            page.screenshot(path="/tmp/bench-studio-failed.png")
            print(
                f"(the page when it failed: /tmp/bench-studio-failed.png; status: {t.status()!r})"
            )
            raise
        t.images.insert(0, first_images)
        browser.close()
        if errors:
            sys.exit(f"the page reported errors: {errors}")
        return t


def run(command: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command[2:])} exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return done


def main() -> None:
    print(f"page: {PAGE.relative_to(ROOT)}")
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} CPUs (load {load:.1f}), Python {platform.python_version()}")
    medialit = [sys.executable, "-m", "medialit"]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "class"
        subprocess.run([*medialit, "init", str(folder)], check=True, capture_output=True)
        shutil.copy(PAGE, folder / PAGE.name)
        lessons_before = set((folder / "lessons").iterdir())
        server = subprocess.Popen(
            [*medialit, "new", PAGE.name, "--preview"],
            cwd=folder,
            # `new --preview` has no --no-open: the browser it opens is `true`, which opens
            # nothing (and leaves the one-time address unused); Chromium opens the printed one.
            # An empty layout cache of its own: a new teacher's first session, every time.
            env={**os.environ, "BROWSER": "true", "XDG_CACHE_HOME": str(Path(temporary) / "cache")},
            stdout=subprocess.PIPE,
            text=True,
        )
        assert server.stdout is not None
        url = ""
        for line in server.stdout:
            if line.startswith("http"):
                url = line.strip()
                break
        if not url:
            sys.exit("medialit new --preview printed no address")
        (lesson,) = set((folder / "lessons").iterdir()) - lessons_before
        written = lesson.stat().st_mtime_ns
        try:
            t = session(url)
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=30)
        # Every write of the lesson was the preview's: the script never opened it to write.
        yaml_edits = 0
        text = lesson.read_text(encoding="utf-8")
        # Statements, questions (four spaces) and the plan (two): nothing left a draft.
        if lesson.stat().st_mtime_ns == written or re.search(r"^ {2,4}draft: true", text, re.M):
            sys.exit("the lesson was not finished in the page: a draft is left, or nothing saved")
        core = re.search(r"^  core: \[(.*)\]$", text, re.M)
        ids = set(re.findall(r"^  - id: (\S+)$|^    id: (\S+)$", text, re.M))
        known = {a or b for a, b in ids}
        chosen = core.group(1).split(", ") if core else []
        if not chosen or not set(chosen) <= known:
            sys.exit("the lesson has no core selection of its own statements")
        # The statements' ids by their first words (read, never written, by the script).
        statements = YAML(typ="safe", pure=True).load(text)["annotations"]
        by_words = {
            words: next((a.get("id") for a in statements if a["quote"].startswith(words)), None)
            for words in (CORE_IN, CORE_OUT)
        }
        if by_words[CORE_IN] not in chosen or by_words[CORE_OUT] in chosen:
            sys.exit(f"core is not as ticked in the page: {chosen}")
        kept = (
            f"core: {len(chosen)} statements, changed in the selections editor "
            "(the added inference in, one statement out)"
        )
        name = str(lesson.relative_to(folder))
        checked = run([*medialit, "check", name], folder)
        built = run([*medialit, "build", name, "--roster", str(ROSTER)], folder)
        pack = folder / "build" / lesson.stem / "class-pack.pdf"
        if not pack.exists():
            sys.exit(f"no class pack: {built.stdout}")
    report(t, checked.stdout.strip().splitlines()[0], kept, yaml_edits)


def report(t: Teacher, checked: str, kept: str, yaml_edits: int) -> None:
    print(f"check: {checked}")
    print(kept)
    print("build --roster docs/examples/class.csv: exit 0, class-pack.pdf written")
    print()
    print("| user actions | count |")
    print("|---|---:|")
    for kind in ("clicks", "key presses", "drags", "scrolls"):
        print(f"| {kind} | {t.actions[kind]} |")
    print(f"| (of the key presses, typed characters) | {t.typed} |")
    print(f"| all | {t.total} (without typing: {t.total - t.typed}) |")
    print()
    print(
        "| response (input → page shows it saved) | n | median ms | slowest ms "
        "| of which the request, median / slowest ms |"
    )
    print("|---|---:|---:|---:|---:|")
    slowest = 0.0
    for name, times in sorted(t.responses.items()):
        slowest = max(slowest, max(times))
        sent = t.network[name]
        print(
            f"| POST {name} | {len(times)} | {statistics.median(times):.0f} "
            f"| {max(times):.0f} | {statistics.median(sent):.0f} / {max(sent):.0f} |"
        )
    # Shown by the same save's answer (no request of its own since 2026-12-05), and the
    # glance panel's counts (GET api/glance after each change): waited for as much.
    for name, times in (
        ("offered why after a kind change (in the kind's save)", t.offers),
        ("glance panel counting the change (in the save's answer)", t.glance),
    ):
        slowest = max(slowest, max(times))
        print(f"| {name} | {len(times)} | {statistics.median(times):.0f} | {max(times):.0f} | |")
    print(
        f"| page images (first load, then {len(t.images) - 1} saves) | {len(t.images)} "
        f"| {statistics.median(t.images):.0f} | {max(t.images):.0f} | |"
    )
    print()
    print(
        f"on the script's clock (from its call, Playwright's own steps included, to the saved "
        f"change seen): median {statistics.median(t.script):.0f} ms, slowest "
        f"{max(t.script):.0f} ms"
    )
    print()
    verdicts = [
        f"actions {'within' if t.total <= TARGET_ACTIONS else 'over'} {TARGET_ACTIONS}",
        f"responses {'under' if slowest < TARGET_RESPONSE_MS else 'not all under'} 200 ms",
        f"page images {'under' if max(t.images) < TARGET_IMAGES_MS else 'not all under'} 3 s",
    ]
    print("targets: " + "; ".join(verdicts))
    print(f"actions: {t.total}, yaml edits: {yaml_edits}, slowest response: {slowest:.0f} ms")


if __name__ == "__main__":
    main()
