"""Ctrl+Z pressed while a save is on its way undoes that save once it lands.

A browser test failed now and then under load: the page's own save reached the file, the
file's event reached the page before the save's answer and hid the Undo button ("changed
elsewhere"), and Ctrl+Z in between said "Nothing to undo". A teacher who presses Ctrl+Z right
after Save must get the save undone, whatever arrives first. Both orders are made here on
purpose, by holding the request or its answer on its way (the server itself is real).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import APIResponse, Page, Route, expect

from .a11y_support import serve, tab_to
from .test_a11y_edits import KINDS
from .test_preview_browser import (
    Served,
    open_preview,
    wait_for_file,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with serve(tmp_path / "lesson.yaml", KINDS) as running:
        yield running


def _edit_why(page: Page, why: str = "Anyone can look.") -> None:
    """The first statement's why typed, the Save button focused (not pressed yet)."""
    if page.locator("#editor").is_hidden():
        tab_to(page, r"^div#article")
        tab_to(page, r"^mark.*\[0\]$")
        page.keyboard.press("Enter")
        tab_to(page, r"^textarea#why")
    else:
        page.locator("#why").click()
    page.keyboard.press("Control+a")
    page.keyboard.type(why)
    tab_to(page, r"^button#save")


def _until(page: Page, held: list[object]) -> None:
    for _ in range(500):  # the request reaches the route as Playwright listens
        if held:
            return
        page.wait_for_timeout(20)
    raise AssertionError("the save never left the page")


def test_ctrl_z_before_the_save_reaches_the_server(page: Page, served: Served) -> None:
    open_preview(page, served)
    _edit_why(page)
    held: list[Route] = []
    page.route("**/api/annotations/0", lambda route: held.append(route))
    page.keyboard.press("Enter")
    _until(page, held)
    page.keyboard.press("Control+z")
    expect(page.locator("#status")).not_to_have_text("Nothing to undo.")
    held[0].continue_()  # saved, then undone at once: the file may never be seen between
    expect(page.locator("#status")).to_have_text(re.compile(r"^Undid the change to “The council"))
    wait_for_file(served.lesson, lambda t: "Anyone can look." not in t)


def test_ctrl_z_after_the_file_changed_before_the_save_s_answer(page: Page, served: Served) -> None:
    open_preview(page, served)
    _edit_why(page, "Its own website.")  # a first save: the Undo button offers it
    page.keyboard.press("Enter")
    expect(page.locator("#undo")).to_be_visible()
    _edit_why(page)
    held: list[tuple[Route, APIResponse]] = []
    page.route("**/api/annotations/0", lambda route: held.append((route, route.fetch())))
    version = page.locator("#article").get_attribute("data-version")
    page.keyboard.press("Enter")
    _until(page, held)
    # The server has written the file; its event reaches the page, the answer is held.
    expect(page.locator("#article")).not_to_have_attribute("data-version", version or "")
    expect(page.locator("#undo")).to_be_visible()  # it was hidden: "changed elsewhere"
    assert "Anyone can look." in served.lesson.read_text(encoding="utf-8")
    page.keyboard.press("Control+z")
    route, answer = held[0]
    route.fulfill(response=answer)
    expect(page.locator("#status")).to_have_text(re.compile(r"^Undid the change to “The council"))
    text = wait_for_file(served.lesson, lambda t: "Anyone can look." not in t)
    assert "Its own website." in text  # the save before it stays


def test_ctrl_z_after_a_refused_save_undoes_nothing(page: Page, served: Served) -> None:
    """The server keeps one history for every tab: a Ctrl+Z waiting behind a save that is
    then refused (another tab saved meanwhile) undid the other tab's save (a review)."""
    other = page.context.new_page()
    open_preview(page, served)
    open_preview(other, served)
    _edit_why(page, "A first.")
    page.keyboard.press("Enter")
    wait_for_file(served.lesson, lambda t: "A first." in t)
    # The other tab shows that version before it edits: its event, arriving while the other
    # tab's editor was open, drew the editor again and took the focus from its Save button.
    expect(page.locator("#undo")).to_be_visible()
    version = page.locator("#article").get_attribute("data-version") or ""
    expect(other.locator("#article")).to_have_attribute("data-version", version)
    _edit_why(other, "B's change.")
    held: list[Route] = []
    other.route("**/api/annotations/0", lambda route: held.append(route))
    other.keyboard.press("Enter")
    _until(other, held)
    _edit_why(page, "A second.")  # saved while the other tab's save is on its way
    page.keyboard.press("Enter")
    wait_for_file(served.lesson, lambda t: "A second." in t)
    other.locator("#article").focus()  # not in the editor, which A's change may redraw
    other.keyboard.press("Control+z")
    held[0].continue_()  # refused: made on a version that is no longer the file's
    expect(other.locator("#status")).to_have_text("Nothing undone: that change was not saved.")
    other.wait_for_timeout(500)  # an undo would be on its way by now
    text = served.lesson.read_text(encoding="utf-8")
    assert "A second." in text and "B's change." not in text
    other.close()
