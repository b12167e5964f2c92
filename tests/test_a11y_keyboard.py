"""The preview without a mouse (issue 23, items 13 and 14): mark, edit and save a statement from
the keyboard alone; focus moves into the marking dialog and back; highlights are buttons named
with their kind. Real key presses in Debian's Chromium; no mouse event at all."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .a11y_support import SHOTS, focused, serve, tab_to
from .preview_helpers import INFERENCE, LESSON, MAYOR
from .test_preview_browser import (
    Served,
    open_preview,
    wait_for_file,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with serve(tmp_path / "lesson.yaml", LESSON) as running:
        yield running


def test_a_statement_is_marked_edited_and_saved_from_the_keyboard_alone(
    page: Page, served: Served
) -> None:
    open_preview(page, served)
    expect(page.locator("#article mark.hl")).to_have_count(2)
    # Proof that no pointer was used: every mouse or pointer press is counted.
    page.evaluate(
        """() => { window.pointerPresses = 0;
          for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup'])
            document.addEventListener(type, () => { window.pointerPresses += 1; }, true); }"""
    )
    tab_to(page, r"^div#article")
    # Sentence by sentence: The council's… / Everyone knows… / So the new hours… /
    # Some readers… / Some readers… / The mayor did not answer.
    for _ in range(6):
        page.keyboard.press("ArrowDown")
    expect(page.locator("#cursor-words")).to_have_text(f"Paragraph 3: {MAYOR}")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "keyboard-cursor.png")
    page.keyboard.press("m")
    editor = page.get_by_role("dialog")
    expect(editor).to_be_visible()
    expect(page.locator("#editor-quote")).to_have_text(MAYOR)
    # Focus is in the dialog, on the first kind: no Tab needed to reach the kinds.
    assert focused(page) == "button.kind-button.kind-evidence[evidence]"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page) == "button.kind-button.kind-assertion[assertion]"
    page.keyboard.press("Enter")
    text = wait_for_file(served.lesson, lambda t: MAYOR in t.split("annotations:")[1])
    assert text.startswith(LESSON)
    assert f'  - quote: "{MAYOR}"\n    kind: assertion\n' in text
    expect(page.locator("#editor-title")).to_have_text("Statement 3: Assertion")
    assert focused(page) == "button.kind-button.kind-assertion[assertion]"  # kept after the save
    tab_to(page, r"^textarea#why")
    page.keyboard.type("The mayor's silence is reported, but no reason is given.")
    page.keyboard.press("Tab")
    assert focused(page) == "textarea#check"
    page.keyboard.type("Look for the mayor's office's own statement.")
    tab_to(page, r"^button#save")
    page.screenshot(path=SHOTS / "keyboard-dialog.png")
    page.keyboard.press("Enter")
    text = wait_for_file(served.lesson, lambda t: "own statement" in t)
    assert text.startswith(LESSON)
    assert text[len(LESSON) :] == (
        f'  - quote: "{MAYOR}"\n'
        "    kind: assertion\n"
        "    why: 'The mayor''s silence is reported, but no reason is given.'\n"
        "    id: mayor-did-not\n"
        "    draft: true\n"
        "    check: Look for the mayor's office's own statement.\n"
    ), text[len(LESSON) :]
    tab_to(page, r"^button#confirm")
    page.keyboard.press("Enter")
    text = wait_for_file(served.lesson, lambda t: "draft" not in t.split(f'quote: "{MAYOR}"')[1])
    assert "draft" not in text.split(f'quote: "{MAYOR}"')[1]
    assert "    why: 'The mayor''s silence is reported, but no reason is given.'\n" in text
    assert "    check: Look for the mayor's office's own statement.\n" in text
    page.keyboard.press("Escape")
    expect(editor).to_be_hidden()
    assert focused(page).startswith("div#article")  # back where the marking started
    assert page.evaluate("window.pointerPresses") == 0


def test_shift_arrows_extend_and_shrink_the_words(page: Page, served: Served) -> None:
    open_preview(page, served)
    tab_to(page, r"^div#article")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(page.locator("#cursor-words")).to_have_text(f"Paragraph 2: {INFERENCE}")
    page.keyboard.press("Shift+ArrowDown")  # a sentence more, within the paragraph
    expect(page.locator("#cursor-words")).to_have_text(
        f"Paragraph 2: {INFERENCE} Some readers complained."
    )
    page.keyboard.press("Shift+ArrowDown")  # no further: a statement stays in one paragraph
    expect(page.locator("#cursor-words")).to_have_text(
        f"Paragraph 2: {INFERENCE} Some readers complained."
    )
    page.keyboard.press("Shift+ArrowUp")
    page.keyboard.press("Shift+ArrowLeft")  # a word less
    page.keyboard.press("Shift+ArrowLeft")
    expect(page.locator("#cursor-words")).to_have_text(
        "Paragraph 2: So the new hours will surely drive"
    )
    page.keyboard.press("Shift+ArrowRight")  # a word more, with its full stop
    expect(page.locator("#cursor-words")).to_have_text(
        "Paragraph 2: So the new hours will surely drive readers"
    )
    page.keyboard.press("Enter")
    expect(page.locator("#editor-quote")).to_have_text("So the new hours will surely drive readers")
    page.keyboard.press("Escape")
    assert focused(page).startswith("div#article")
    assert served.lesson.read_text(encoding="utf-8") == LESSON  # nothing marked


def test_focus_moves_into_the_dialog_and_back_to_the_highlight(page: Page, served: Served) -> None:
    open_preview(page, served)
    expect(page.locator("#article mark.hl")).to_have_count(2)
    # Highlights are buttons whose names say their number and kind (not only a title).
    evidence = page.get_by_role("button", name=re.compile(r"^Statement 1, Evidence: The council"))
    assertion = page.get_by_role(
        "button", name=re.compile(r"^Statement 2, Assertion \(draft\): Everyone knows")
    )
    expect(evidence).to_have_count(1)
    expect(assertion).to_have_attribute("aria-haspopup", "dialog")
    tab_to(page, r"^div#article")
    tab_to(page, r"^mark.*\[1\]$")  # statement 2, index 1
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_be_visible()
    # Focus on the statement's own kind, inside the dialog: 0 Tab presses (14 before).
    assert focused(page) == "button.kind-button.kind-assertion[assertion]"
    expect(page.locator(":focus")).to_have_attribute("aria-pressed", "true")
    page.screenshot(path=SHOTS / "dialog-focus.png")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert re.fullmatch(r"mark\.hl\.kind-assertion\.draft\[1\]", focused(page)), focused(page)
    # The Close button returns focus the same way, after an edit redrew the article.
    page.keyboard.press("Enter")
    tab_to(page, r"^button#confirm")
    page.keyboard.press("Enter")
    wait_for_file(served.lesson, lambda t: "draft" not in t)
    expect(page.locator("#article mark.hl.draft")).to_have_count(0)
    tab_to(page, r"^button#close")
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert re.fullmatch(r"mark\.hl\.kind-assertion\[1\]", focused(page)), focused(page)


def test_m_on_words_that_are_a_statement_already_opens_that_statement(
    page: Page, served: Served
) -> None:
    """A newcomer pressed M on statement 1's sentence and got a new statement's dialog, then
    "annotations[2] repeats the quote of annotations[0]" from the server."""
    open_preview(page, served)
    tab_to(page, r"^div#article")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#cursor-words")).to_contain_text("The council's website says")
    page.keyboard.press("m")
    expect(page.get_by_role("dialog")).to_be_visible()
    expect(page.locator("#editor-title")).to_have_text("Statement 1: Evidence")
    expect(page.locator("#why")).to_have_value(
        "It names where the information comes from, and anyone can look it up."
    )
    page.keyboard.press("Escape")
    assert served.lesson.read_text(encoding="utf-8") == LESSON


def test_the_focus_stays_in_the_box_and_the_page_when_the_last_draft_is_confirmed(
    page: Page, served: Served
) -> None:
    """Confirm draft went away with the draft, and the focus fell to the page's body; so did
    Enter on the last draft of the queue, with the list."""
    open_preview(page, served)
    tab_to(page, r"^div#article")
    tab_to(page, r"^mark.*\[1\]$")  # statement 2, the draft
    page.keyboard.press("Enter")
    tab_to(page, r"^button#confirm")
    page.keyboard.press("Enter")
    expect(page.locator("#confirm")).to_be_hidden()
    assert focused(page) == "button.kind-button.kind-assertion[assertion]"  # the box's first
    expect(page.locator("#status")).to_have_text("Confirmed statement 2.")  # read out
    page.keyboard.press("Control+z")  # a draft again, for the queue
    wait_for_file(served.lesson, lambda t: t == LESSON)
    page.keyboard.press("Escape")
    tab_to(page, r"^ul#queue-list", back=True)
    page.keyboard.press("Enter")
    wait_for_file(served.lesson, lambda t: "draft" not in t)
    expect(page.locator("#queue-list")).to_be_hidden()
    expect(page.locator("#article")).to_be_focused()
    page.screenshot(path=SHOTS / "queue-emptied-focus.png")
