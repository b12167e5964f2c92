"""A statement's words, techniques and id edited on the page (issue 20), in Debian's Chromium:
real mouse drags on the handles, real key presses, and the lesson file read back each time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .a11y_support import SHOTS, focused, serve, tab_to
from .preview_helpers import ASSERTION, FIRST, MAYOR, WORDS_ON_SCREEN
from .test_a11y_axe import axe_page, serious  # noqa: F401 (a fixture)
from .test_preview_browser import (
    Served,
    open_preview,
    wait_for_file,
)
from .test_studio_statements_server import STATEMENTS

pytestmark = pytest.mark.browser


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with serve(tmp_path / "lesson.yaml", STATEMENTS) as running:
        yield running


def quote_line(quote: str) -> str:
    return f'  - quote: "{quote}"\n'


def word_box(page: Page, words: str) -> dict[str, float]:
    """Where ``words`` stand on the screen (to aim the mouse at; the drag itself is real)."""
    box = page.evaluate(WORDS_ON_SCREEN, words)
    assert box, words
    return dict(box)


def drag(page: Page, end: str, words: str, side: str, dx: float) -> None:
    """Press the mouse on the shown statement's ``end`` handle and drop it ``dx`` pixels from
    the ``side`` ("left" or "right") of ``words``, moving as a hand does."""
    handle = page.locator(f"#article .bound-handle.{end}")
    expect(handle).to_have_count(1)
    box = handle.bounding_box()
    assert box is not None
    page.evaluate("document.fonts.ready.then(() => true)")  # the words in their own font
    target = word_box(page, words)  # now: a longer status line may have moved the page
    x, y = target[side] + dx, (target["top"] + target["bottom"]) / 2
    from_x, from_y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(from_x, from_y)
    page.mouse.down()
    for step in range(1, 6):  # several events on the way
        page.mouse.move(from_x + (x - from_x) * step / 5, from_y + (y - from_y) * step / 5)
    page.mouse.up()


def reads(page: Page, words: str) -> None:
    """Wait for the page to say the statement's new words (it has drawn them again)."""
    status = page.locator("#status")
    # A save waits for the server: on a busy machine (the whole suite on two cores), seconds.
    expect(status).to_have_text(
        f"Statement 1 now reads “{words}”. Ctrl+Z undoes the change.", timeout=15_000
    )


def test_dragging_the_ends_shrinks_and_extends_a_statement(page: Page, served: Served) -> None:
    open_preview(page, served)
    page.locator("#article mark.hl", has_text="council's website").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    # Shrink: the end handle dropped on the middle of "closes" snaps to the end of the word.
    drag(page, "end", "closes", "right", -6)
    shorter = "The council's website says the library closes"
    reads(page, shorter)
    text = served.lesson.read_text(encoding="utf-8")
    assert text == STATEMENTS.replace(quote_line(FIRST), quote_line(shorter))
    expect(page.locator("#editor-quote")).to_have_text(shorter)  # the editor stays on it
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "statements-shrunk.png")
    # Shrink the start: dropped just after "The", it snaps to "council's".
    drag(page, "start", "The council", "left", 40)
    reads(page, shorter[4:])
    assert quote_line(shorter[4:]) in served.lesson.read_text(encoding="utf-8")
    # Extend both again: the start back to the paragraph's first word, the end past "Saturdays."
    drag(page, "start", "The ", "left", -30)
    reads(page, shorter)
    drag(page, "end", "Saturdays.", "right", -3)
    reads(page, FIRST)
    # Kind, why, the comments, the order: as they were.
    assert served.lesson.read_text(encoding="utf-8") == STATEMENTS
    # Into the next statement: refused, and said why; the file keeps its words.
    drag(page, "end", "knows the", "left", 30)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(
        "Statement 1 would then share the words “Everyone knows” with statement 2, and two "
        "statements cannot share words."
    )
    page.screenshot(path=SHOTS / "statements-refused.png")
    assert served.lesson.read_text(encoding="utf-8") == STATEMENTS
    # Ctrl+Z after a drag puts the words back.
    page.keyboard.press("Escape")
    # Escape during a drag leaves the words as they were.
    handle = page.locator("#article .bound-handle.end").bounding_box()
    assert handle is not None
    page.mouse.move(handle["x"] + 7, handle["y"] + 10)
    page.mouse.down()
    page.mouse.move(handle["x"] - 150, handle["y"] + 10, steps=5)
    page.keyboard.press("Escape")
    page.mouse.up()
    expect(page.locator("#status")).to_have_text("The words were left as they were.")
    assert served.lesson.read_text(encoding="utf-8") == STATEMENTS
    drag(page, "end", "closes", "right", -3)
    reads(page, shorter)
    page.keyboard.press("Control+z")
    assert wait_for_file(served.lesson, lambda t: t == STATEMENTS) == STATEMENTS


def test_a_mouse_selection_from_mid_word_to_mid_word_takes_whole_words(
    page: Page, served: Served
) -> None:
    open_preview(page, served)
    page.evaluate("document.fonts.ready.then(() => true)")  # the words in their own font
    hours, surely = word_box(page, "hours will"), word_box(page, "surely drive")
    y = (hours["top"] + hours["bottom"]) / 2
    page.mouse.move(hours["left"] + 12, y)  # inside "hours", after its "h"
    page.mouse.down()
    page.mouse.move(surely["left"] + 20, y, steps=5)  # inside "surely"
    page.mouse.up()
    expect(page.get_by_role("dialog")).to_be_visible()
    # Shown as it will be saved: the whole words, selected and in the box.
    expect(page.locator("#editor-quote")).to_have_text("hours will surely")
    assert page.evaluate("getSelection().toString()") == "hours will surely"
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "statements-whole-words.png")
    page.get_by_label("Why").fill("It guesses what readers will do.")
    page.get_by_role("button", name="Evidence", exact=True).click()
    text = wait_for_file(served.lesson, lambda t: "It guesses" in t)
    assert quote_line("hours will surely") + "    kind: evidence\n" in text
    assert "    id: hours-surely\n" in text  # made from the whole words


def test_shift_arrows_move_the_ends_of_a_focused_highlight(page: Page, served: Served) -> None:
    open_preview(page, served)
    tab_to(page, r"^div#article")
    tab_to(page, r"^mark.*\[0\]$")
    expect(page.locator("#article .bound-handle")).to_have_count(2)
    described = page.locator("#article mark.hl").first.get_attribute("aria-describedby")
    assert described is not None and "bounds-keys" in described.split()
    for _ in range(3):
        page.keyboard.press("Shift+ArrowLeft")  # the end, a word back each time
    expect(page.locator("#status")).to_have_text(
        "Statement 1: The council's website says the library closes at 6"
    )
    page.keyboard.press("Control+Shift+ArrowRight")  # the start, a word on
    page.keyboard.press("Control+Shift+ArrowRight")
    words = "website says the library closes at 6"
    text = wait_for_file(served.lesson, lambda t: quote_line(words) in t)
    assert text == STATEMENTS.replace(quote_line(FIRST), quote_line(words))  # one save
    expect(page.locator("#status")).to_have_text(
        f"Statement 1 now reads “{words}”. Ctrl+Z undoes the change."
    )
    assert focused(page) == "mark.hl.kind-evidence[0]"  # the focus stays on the highlight
    # The keys stop before statement 2, and say why.
    for _ in range(3):  # pm, on, Saturdays.
        page.keyboard.press("Shift+ArrowRight")
    end = "website says the library closes at 6 pm on Saturdays."
    wait_for_file(served.lesson, lambda t: quote_line(end) in t)
    reads(page, end)  # the save has answered: its message will not replace the next one
    page.keyboard.press("Shift+ArrowRight")  # and no further
    expect(page.locator("#status")).to_have_text(
        "Statement 2 is there: two statements cannot share words.", timeout=15_000
    )
    for _ in range(3):
        page.keyboard.press("Shift+ArrowLeft")
    wait_for_file(served.lesson, lambda t: quote_line(words) in t)
    expect(page.locator("#status")).to_have_text(
        f"Statement 1 now reads “{words}”. Ctrl+Z undoes the change."
    )
    # In the editor: Shift+arrows on the words it shows, and its buttons, from the keyboard.
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_be_visible()
    tab_to(page, r"#editor-quote", back=True)
    page.keyboard.press("Control+Shift+ArrowLeft")
    wait_for_file(served.lesson, lambda t: quote_line("council's " + words) in t)
    expect(page.locator("#editor-quote")).to_have_text("council's " + words)
    tab_to(page, r"#start-earlier")
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_have_text(
        "Statement 1: The council's website says the library closes at 6"
    )
    wait_for_file(served.lesson, lambda t: quote_line("The council's " + words) in t)
    assert focused(page) == "button#start-earlier"
    tab_to(page, r"#end-later")
    for _ in range(3):  # pm, on, Saturdays.
        page.keyboard.press("Enter")
    assert wait_for_file(served.lesson, lambda t: t == STATEMENTS) == STATEMENTS
    reads(page, FIRST)  # the save has answered: its message will not replace the next one
    page.keyboard.press("Enter")  # no further: statement 2 follows
    expect(page.locator("#status")).to_have_text(
        "Statement 2 is there: two statements cannot share words."
    )
    assert served.lesson.read_text(encoding="utf-8") == STATEMENTS


def test_techniques_and_id_from_the_keyboard(page: Page, served: Served) -> None:
    open_preview(page, served)
    tab_to(page, r"^div#article")
    tab_to(page, r"^mark.*\[1\]$")  # "Everyone knows…"
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_be_visible()
    tab_to(page, r"#technique-new")
    page.keyboard.type("vague attribution")
    page.keyboard.press("Enter")
    text = wait_for_file(served.lesson, lambda t: "techniques: [vague" in t)
    assert "    why: No support is given.\n    techniques: [vague attribution]\n" in text
    expect(page.locator("#status")).to_have_text("Added the technique “vague attribution”.")
    page.keyboard.type("appeal to common knowledge")
    page.keyboard.press("Enter")
    text = wait_for_file(served.lesson, lambda t: "common knowledge]" in t)
    assert "    techniques: [vague attribution, appeal to common knowledge]\n" in text
    expect(page.locator("#technique-list li")).to_have_text(
        ["vague attribution ×", "appeal to common knowledge ×"]
    )
    remove = page.get_by_role("button", name="Remove the technique vague attribution")
    remove.focus()
    page.keyboard.press("Enter")
    text = wait_for_file(served.lesson, lambda t: "[appeal to common knowledge]" in t)
    expect(page.locator("#status")).to_have_text("Removed the technique “vague attribution”.")
    # The id: a statement with none gets one, typed; a duplicate is refused.
    tab_to(page, r"#statement-id")
    page.keyboard.type("mayor")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text(
        "Statement 3 already has the id “mayor”; choose another"
    )
    assert "id: mayor\n" not in served.lesson.read_text(encoding="utf-8").split(MAYOR)[0]
    page.keyboard.press("Escape")
    # The mayor's statement: renamed, and in the selection that names it.
    tab_to(page, r"^mark.*\[2\]$")
    page.keyboard.press("Enter")
    tab_to(page, r"#statement-id")
    page.keyboard.press("Control+a")
    page.keyboard.type("mayor-silent")
    page.keyboard.press("Enter")
    text = wait_for_file(served.lesson, lambda t: "core: [mayor-silent]" in t)
    assert "    id: mayor-silent # named by the core selection\n" in text
    expect(page.locator("#status")).to_have_text(
        "Renamed the id to “mayor-silent”, and in selections: core."
    )
    page.screenshot(path=SHOTS / "statements-fields.png")
    assert ASSERTION in text


def test_axe_finds_no_serious_violation_with_the_handles_and_fields(
    axe_page: Page,  # noqa: F811
    served: Served,
) -> None:
    page = axe_page
    open_preview(page, served)
    page.locator("#article mark.hl", has_text="Everyone knows").click()
    page.locator("#technique-new").fill("vague attribution")
    page.get_by_role("button", name="Save").click()  # Save adds a technique typed, too
    expect(page.locator("#technique-list li")).to_have_count(1)
    expect(page.locator("#article .bound-handle")).to_have_count(2)
    page.screenshot(path=SHOTS / "statements-axe.png")
    found = serious(page)
    assert not found, json.dumps(found, indent=1)
