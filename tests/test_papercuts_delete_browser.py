"""In the browser: a delete that a selection would lose names the selection (issue 24, item 3)."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import APIResponse, Page, Route, expect

from .preview_helpers import FIRST, LESSON
from .test_preview_browser import (  # the system Chromium, as the preview's own tests use it
    Served,
    open_preview,
)

pytestmark = pytest.mark.browser

SELECTED = LESSON.replace(
    "    kind: evidence   # a comment after a value\n",
    "    kind: evidence   # a comment after a value\n    id: council-website\n",
) + ("selections:\n  core: [council-website]\n")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text(SELECTED, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "medialit", "preview", "--no-open", str(lesson)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{20,}", url), url
    yield Served(url, lesson, process)
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=20)
    assert process.returncode == 0
    assert "Traceback" not in errors, errors


def test_a_refused_delete_names_the_selection(page: Page, served: Served) -> None:
    open_preview(page, served)
    page.locator("#article mark.hl", has_text="The council").first.click()
    page.get_by_role("button", name="Delete", exact=True).click()
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text(
        "This statement was not deleted: it is used by `selections: core`. Untick it under "
        'Selections (or remove its id "council-website" from there in your text editor) first, '
        "then delete it."
    )
    assert served.lesson.read_text(encoding="utf-8") == SELECTED
    expect(page.locator("#article mark.hl")).to_have_count(2)
    assert FIRST in page.locator("#article").inner_text()


def test_a_refusal_stays_when_the_first_answer_comes_late(page: Page, served: Served) -> None:
    # CI: the page's first GET api/lesson answered after the event stream had shown the lesson
    # and after a refused delete, and took the refusal's message off the screen.
    held: list[tuple[Route, APIResponse]] = []
    page.route("**/api/lesson", lambda route: held.append((route, route.fetch())))
    page.goto(served.url)
    page.locator("#article mark.hl", has_text="The council").first.click()
    page.get_by_role("button", name="Delete", exact=True).click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("This statement was not deleted")
    route, answer = held[0]
    with page.expect_response("**/api/lesson"):
        route.fulfill(response=answer)
    page.wait_for_timeout(1000)  # the page has handled the late answer by now
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("This statement was not deleted")
