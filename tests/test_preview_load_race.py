"""The page's first answer for the lesson cannot put back a lesson older than one the event
stream has shown: an editor's save landing while that answer was on its way left the page on
the file as it was before (a CI run saw the questions panel never follow the editor)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from .a11y_support import serve
from .test_preview_browser import (
    Served,
)
from .test_studio_parts_server import PARTS_LESSON

pytestmark = pytest.mark.browser

OLD = "Which word shows an inference?"
NEW = "Which word is a cue?"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with serve(tmp_path / "lesson.yaml", PARTS_LESSON) as running:
        yield running


def test_a_slow_first_answer_does_not_put_an_older_lesson_back(page: Page, served: Served) -> None:
    def late(route: Route) -> None:
        answer = route.fetch()  # the lesson as it was when the page asked
        served.lesson.write_text(PARTS_LESSON.replace(OLD, NEW), encoding="utf-8")
        # The editor's save reaches the page by the event stream meanwhile (the watcher's
        # debounce is 0.4 s); only then does the first answer arrive.
        time.sleep(3)
        route.fulfill(response=answer)

    page.route("**/api/lesson", late)
    page.goto(served.url)
    expect(page.locator("#q-2-text")).to_have_value(NEW, timeout=15_000)
    time.sleep(1)  # the late answer has been handled by now
    expect(page.locator("#q-2-text")).to_have_value(NEW)
