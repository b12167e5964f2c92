"""`medialit preview` in Debian's Chromium, driven by Playwright, against the real server.

The server runs as `medialit preview` in a subprocess on 127.0.0.1; its first line
of output is the address with the token. Never `playwright install`: the browser
is the system's.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

from .preview_helpers import FIRST, INFERENCE, LESSON, MAYOR
from .process_support import default_signals

pytestmark = pytest.mark.browser

# How long a live update may take to show: a teacher's save shows "at once", well under
# a second on an idle machine; this is only a deadline for a shared, loaded one.
LIVE_SECONDS = 15.0


@dataclass
class Served:
    url: str
    lesson: Path
    process: subprocess.Popen[str]
    errors: str = ""
    """What the preview wrote to its terminal, once it has stopped (``a11y_support.serve``)."""

    @property
    def origin(self) -> str:
        return self.url.split("/?")[0]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text(LESSON, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "medialit", "preview", "--no-open", str(lesson)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_signals,
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{20,}", url), url
    yield Served(url, lesson, process)
    process.send_signal(signal.SIGINT)  # Ctrl-C
    _, errors = process.communicate(timeout=20)
    assert process.returncode == 0
    assert "Traceback" not in errors, errors


def open_preview(page: Page, served: Served) -> list[str]:
    """Open the page with its token; return the console messages it will log."""
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    page.goto(served.url)
    expect(page.locator("#title")).to_have_text("The library hours")
    return messages


def select(page: Page, words: str, *, release: bool = True) -> None:
    """Select ``words`` in the article the way a mouse does, and release it unless told not to."""
    page.evaluate(
        """([words, release]) => {
          for (const text of document.querySelectorAll('#article .text')) {
            const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const at = node.data.indexOf(words);
              if (at === -1) continue;
              const range = document.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + words.length);
              getSelection().removeAllRanges();
              getSelection().addRange(range);
              if (release) text.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
              return;
            }
          }
          throw new Error('not in the article: ' + words);
        }""",
        [words, release],
    )


def release_mouse(page: Page) -> None:
    page.evaluate(
        "document.querySelector('#article .text')"
        ".dispatchEvent(new MouseEvent('mouseup', {bubbles: true}))"
    )


def wait_for_file(lesson: Path, predicate: Any, seconds: float = LIVE_SECONDS) -> str:
    """The lesson file's text once ``predicate`` holds for it; fails after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        text = lesson.read_text(encoding="utf-8")
        if predicate(text):
            return text
        if time.monotonic() > deadline:
            raise AssertionError(f"{lesson.name} was not saved as expected in {seconds} s:\n{text}")
        time.sleep(0.05)


def test_without_the_token_the_page_says_what_to_open(page: Page, served: Served) -> None:
    response = page.goto(served.origin + "/")
    assert response is not None and response.status == 403
    expect(page.locator("h1")).to_have_text("Open the address that medialit preview printed")
    expect(page.locator("#article")).to_have_count(0)


def test_with_the_token_the_article_and_pages_show(page: Page, served: Served) -> None:
    messages = open_preview(page, served)
    assert page.url.endswith("/s/" + served.url.rpartition("=")[2] + "/")  # no cookie
    marks = page.locator("#article mark.hl")
    expect(marks).to_have_count(2)
    expect(marks.first).to_have_class(re.compile(r"\bkind-evidence\b"))
    expect(marks.nth(1)).to_have_class(re.compile(r"\bdraft\b"))
    # Two pages since the rule between the kinds is printed on every sheet (issue 22).
    first = page.get_by_alt_text(re.compile(r"^Student sheet, page 1 of \d+$"))
    expect(first).to_be_visible(timeout=30_000)
    loaded = first.evaluate("i => i.decode().then(() => i.naturalWidth)")  # visible: not loaded
    assert loaded > 500
    expect(page.locator("#page-count")).to_contain_text(re.compile(r"Student sheet: \d+ pages?"))
    page.get_by_role("tab", name="Answer key").click()
    expect(page.get_by_alt_text(re.compile(r"Answer key, page 1 of \d+"))).to_be_visible()
    assert not [m for m in messages if m.startswith("error")], messages


def test_select_a_sentence_and_choose_a_kind(page: Page, served: Served) -> None:
    open_preview(page, served)
    select(page, INFERENCE)
    page.get_by_label("Why").fill("It concludes from the new hours what readers will do.")
    page.get_by_role("button", name="Inference", exact=True).click()
    expect(page.locator("#article mark.hl")).to_have_count(3)
    text = wait_for_file(served.lesson, lambda t: INFERENCE in t.split("annotations:")[1])
    assert text.startswith(LESSON)  # the comments and everything else kept
    assert text[len(LESSON) :] == (
        f'  - quote: "{INFERENCE}"\n'
        "    kind: inference\n"
        "    why: It concludes from the new hours what readers will do.\n"
        "    id: new-hours-surely\n"  # an id from the start, for selections
    )
    # The editor stays open on the new statement, to add how to check it.
    expect(page.locator("#editor-title")).to_have_text("Statement 3: Inference")
    # The status names what was added ("Saved to …" did not: a newcomer's run).
    expect(page.locator("#status")).to_have_text(
        "Added statement 3 (Inference): “So the new hours will surely …”."
    )
    page.get_by_label("How to check").fill("Ask the library for visitor numbers.")
    page.get_by_role("button", name="Save", exact=True).click()
    text = wait_for_file(served.lesson, lambda t: "visitor numbers" in t)
    assert text.endswith("    check: Ask the library for visitor numbers.\n")


def test_choose_evidence_then_confirm_a_draft(page: Page, served: Served) -> None:
    open_preview(page, served)
    select(page, MAYOR)
    page.get_by_role("button", name="Evidence", exact=True).click()
    expect(page.locator("#status")).to_have_text(
        re.compile(r"^Added statement \d \(Evidence\): “The mayor did not answer\.”\. Say why")
    )
    text = wait_for_file(served.lesson, lambda t: MAYOR in t.split("annotations:")[1])
    assert text.startswith(LESSON)
    assert f'  - quote: "{MAYOR}"\n    kind: evidence\n' in text
    page.get_by_role("button", name="Close", exact=True).click()
    page.locator("#article mark.hl.draft", has_text="Everyone knows").first.click()
    page.get_by_role("button", name="Confirm draft", exact=True).click()
    text = wait_for_file(
        served.lesson, lambda t: "draft: true\n    why" not in t and t.count("draft") == 1
    )
    assert "No support is given.\n  - quote" in text  # the assertion's draft mark is gone


def test_an_edit_on_disk_reaches_the_page_without_a_reload(page: Page, served: Served) -> None:
    open_preview(page, served)
    expect(page.locator("#article mark.hl")).to_have_count(2)
    page.evaluate("window.loadedOnce = true")  # gone if the page were reloaded
    changed = LESSON.replace("title: 'The library hours'", "title: 'Opening hours'")
    changed += f'  - quote: "{MAYOR}"\n    kind: assertion\n    why: Said without a source.\n'
    served.lesson.write_text(changed, encoding="utf-8")
    expect(page.locator("#title")).to_have_text("Opening hours", timeout=LIVE_SECONDS * 1000)
    expect(page.locator("#article mark.hl")).to_have_count(3)
    assert page.evaluate("window.loadedOnce") is True


def test_a_broken_lesson_shows_the_check_message_until_fixed(page: Page, served: Served) -> None:
    open_preview(page, served)
    broken = LESSON.replace("    kind: assertion\n", "    kind: [assertion\n")
    served.lesson.write_text(broken, encoding="utf-8")
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible(timeout=LIVE_SECONDS * 1000)
    expect(alert).to_contain_text("The lesson has problems")
    check = subprocess.run(
        [sys.executable, "-m", "medialit", "check", str(served.lesson)],
        capture_output=True,
        text=True,
        check=False,
    )
    message = check.stderr.splitlines()[0].removeprefix("Error: ")
    assert message.startswith(f"{served.lesson}:21:8: YAML syntax error")
    expect(alert.locator("li")).to_have_text([message])
    expect(page.locator("#article")).to_have_class(re.compile(r"\bstale\b"))
    served.lesson.write_text(LESSON, encoding="utf-8")  # fixed: the server kept running
    expect(alert).to_be_hidden(timeout=LIVE_SECONDS * 1000)
    expect(page.locator("#article mark.hl")).to_have_count(2)


def test_two_saves_racing_lose_nothing(page: Page, served: Served) -> None:
    open_preview(page, served)
    # Two marks in quick succession: the second is sent before the first is answered.
    select(page, INFERENCE)
    page.get_by_role("button", name="Inference", exact=True).click()
    select(page, MAYOR)
    page.get_by_role("button", name="Assertion", exact=True).click()
    expect(page.locator("#article mark.hl")).to_have_count(4)
    text = wait_for_file(served.lesson, lambda t: MAYOR in t.split("annotations:")[1])
    marked = text[len(LESSON) :]
    assert text.startswith(LESSON)
    assert f'"{INFERENCE}"\n    kind: inference' in marked
    assert f'"{MAYOR}"\n    kind: assertion' in marked


def test_a_save_answered_while_the_next_words_are_selected_keeps_both(
    page: Page, served: Served
) -> None:
    # The first save's answer redraws the article while the teacher is still selecting the
    # next words: the selection must survive the redraw and mark the new words, not change
    # the kind of the statement just saved.
    held: list[Route] = []

    def hold(route: Route) -> None:  # the first save waits; any later one goes through
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/api/annotations", hold)
    open_preview(page, served)
    select(page, INFERENCE)
    page.get_by_role("button", name="Inference", exact=True).click()
    select(page, MAYOR, release=False)  # the mouse button is still down
    deadline = time.monotonic() + 15
    while not held:
        assert time.monotonic() < deadline, "the first save never reached the server"
        page.wait_for_timeout(20)
    held[0].continue_()
    expect(page.locator("#article mark.hl")).to_have_count(3)  # the answer has been drawn
    release_mouse(page)
    expect(page.locator("#editor-quote")).to_have_text(MAYOR)
    page.get_by_role("button", name="Assertion", exact=True).click()
    expect(page.locator("#article mark.hl")).to_have_count(4)
    text = wait_for_file(served.lesson, lambda t: MAYOR in t.split("annotations:")[1])
    marked = text[len(LESSON) :]
    assert f'"{INFERENCE}"\n    kind: inference' in marked
    assert f'"{MAYOR}"\n    kind: assertion' in marked


def test_a_stale_page_reloads_and_says_so(page: Page, served: Served) -> None:
    # No live updates reach this page, so it keeps the version it loaded.
    page.route("**/events", lambda route: route.abort())
    open_preview(page, served)
    other = LESSON.replace("title: 'The library hours'", "title: 'Edited elsewhere'")
    served.lesson.write_text(other, encoding="utf-8")
    select(page, MAYOR)
    page.get_by_role("button", name="Evidence", exact=True).click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("The lesson file changed on disk since this page loaded it")
    expect(page.locator("#title")).to_have_text("Edited elsewhere")
    assert served.lesson.read_text(encoding="utf-8") == other


def test_the_first_statement_is_highlighted_like_the_key(page: Page, served: Served) -> None:
    open_preview(page, served)
    first = page.locator("#article mark.hl").first
    expect(first).to_contain_text(FIRST)
    expect(first.locator(".badge")).to_have_text("1 E")
    colour = first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert colour == "rgb(196, 220, 238)"  # the key's default evidence colour, #c4dcee
