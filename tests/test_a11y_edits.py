"""A kind change and a delete in the preview (issue 24, items 7 and 8): what was written for the
old kind is flagged, also_accept stays consistent, and Ctrl+Z brings a deleted statement back
exactly, several steps back. In Debian's Chromium with real key presses and clicks, and on the
editor itself for the refusals."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from medialit.preview.editing import Changes, EditRefused, LessonEditor, read_version

from .a11y_support import SHOTS, focused, serve, tab_to
from .preview_helpers import ASSERTION, LESSON
from .test_preview_browser import (
    Served,
    open_preview,
    wait_for_file,
)

# The assertion as `medialit new` might write it and a teacher confirm it: techniques named for
# an assertion, a "no source" why, inference also accepted; and a statement with an id and a
# comment of the teacher's, for the delete.
KINDS = LESSON.replace(
    "    why: No support is given.\n    draft: true\n",
    "    also_accept: [inference]\n"
    "    why: No source is named for what everyone is said to know.\n"
    "    check: Ask who says so.\n"
    "    techniques: [appeal to common knowledge]\n"
    "    id: everyone-knows   # the teacher's note on this one\n",
)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with serve(tmp_path / "lesson.yaml", KINDS) as running:
        yield running


def statement(text: str, quote: str) -> str:
    """The lines of the statement quoting ``quote``, up to the next one."""
    return text.split(f'quote: "{quote}"')[1].split("  - quote:")[0]


@pytest.mark.browser
def test_a_kind_change_flags_what_was_written_for_the_old_kind(page: Page, served: Served) -> None:
    open_preview(page, served)
    page.locator("#article mark.hl", has_text="Everyone knows").click()
    expect(page.locator("#technique-list li")).to_have_text(["appeal to common knowledge ×"])
    expect(page.locator("#also-inference")).to_be_checked()
    page.get_by_role("button", name="Evidence", exact=True).click()
    text = wait_for_file(served.lesson, lambda t: "kind: evidence" in statement(t, ASSERTION))
    assert statement(text, ASSERTION) == (
        "\n    kind: evidence\n"
        "    also_accept: [inference]\n"
        "    why: No source is named for what everyone is said to know.\n"  # kept: the teacher's
        "    check: Ask who says so.\n"
        "    id: everyone-knows   # the teacher's note on this one\n"
        "    draft: true\n"  # to review: the why was written for an assertion
    )
    review = page.locator("#editor-review")
    expect(review).to_have_text(
        "Changed from Assertion to Evidence. Its why and how to check were written for "
        "Assertion: review them, then Confirm draft. Removed the techniques named for "
        "Assertion: appeal to common knowledge. Also accept: Inference. Ctrl+Z undoes the change."
    )
    expect(page.locator("#editor-draft")).to_be_visible()
    expect(page.locator("#technique-list li")).to_have_count(0)
    # The old kind is offered under Also accept, not added to it: the teacher decides.
    expect(page.locator("#also-assertion")).not_to_be_checked()
    expect(page.locator("#also-evidence")).to_have_count(0)  # never the statement's own kind
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "kind-change.png")
    page.get_by_label("Assertion").check()
    text = wait_for_file(served.lesson, lambda t: "[inference, assertion]" in t)
    assert "    also_accept: [inference, assertion]\n" in statement(text, ASSERTION)
    # Changing to a kind that is also accepted takes it out of also_accept.
    page.get_by_role("button", name="Inference", exact=True).click()
    text = wait_for_file(served.lesson, lambda t: "kind: inference" in statement(t, ASSERTION))
    assert "    also_accept: [assertion]\n" in statement(text, ASSERTION)
    page.get_by_role("button", name="Confirm draft").click()
    text = wait_for_file(served.lesson, lambda t: "draft" not in statement(t, ASSERTION))
    assert "draft" not in statement(text, ASSERTION)
    # The page has the confirm's answer (the file is written a moment before the page hears):
    # a Ctrl+Z pressed earlier met the page before the save it would undo.
    expect(page.locator("#editor-draft")).to_be_hidden()
    # Ctrl+Z, three times (outside the text fields): the file exactly as it was.
    page.keyboard.press("Escape")
    for _ in range(4):
        page.keyboard.press("Control+z")
        expect(page.locator("#status")).to_contain_text("Undid", timeout=5000)
        page.evaluate("document.getElementById('status').textContent = ''")
    assert wait_for_file(served.lesson, lambda t: t == KINDS) == KINDS


@pytest.mark.browser
def test_a_deleted_statement_comes_back_exactly_with_ctrl_z(page: Page, served: Served) -> None:
    open_preview(page, served)
    expect(page.locator("#article mark.hl")).to_have_count(2)
    # Delete both statements in turn? A lesson needs one: delete the assertion, change the
    # first statement's why, then undo both, from the keyboard.
    tab_to(page, r"^div#article")
    tab_to(page, r"^mark.*\[1\]$")
    page.keyboard.press("Enter")
    tab_to(page, r"^button#delete")
    page.keyboard.press("Enter")
    text = wait_for_file(served.lesson, lambda t: ASSERTION not in t.split("annotations:")[1])
    assert "everyone-knows" not in text
    expect(page.locator("#article mark.hl")).to_have_count(1)
    expect(page.locator("#status")).to_have_text(
        "Deleted statement 2. Ctrl+Z or Undo puts it back."
    )
    assert focused(page).startswith("div#article")  # not lost with the highlight
    page.reload()  # a page opened again still offers the undo
    expect(page.locator("#undo")).to_have_attribute(
        "aria-label", "Undo the delete of “Everyone knows the old hours were …” (Ctrl+Z)"
    )
    tab_to(page, r"^mark.*\[0\]$")
    page.keyboard.press("Enter")
    tab_to(page, r"^textarea#why")
    page.keyboard.press("Control+a")
    page.keyboard.type("The council's own website says so.")
    page.keyboard.press("Control+z")  # in a text field: the browser's own undo of typing
    page.keyboard.type(" Anyone can look.")
    tab_to(page, r"^button#save")
    page.keyboard.press("Enter")
    wait_for_file(served.lesson, lambda t: "Anyone can look." in t)
    assert KINDS.count("It names where") == 1
    page.keyboard.press("Control+z")  # the save undone
    page.screenshot(path=SHOTS / "undo.png")
    text = wait_for_file(served.lesson, lambda t: "Anyone can look." not in t)
    assert "Anyone can look." not in text
    expect(page.locator("#status")).to_have_text(re.compile(r"^Undid the change to “The council"))
    page.keyboard.press("Control+z")  # the delete undone: id, fields and comment back
    text = wait_for_file(served.lesson, lambda t: t == KINDS)
    assert text == KINDS
    expect(page.locator("#article mark.hl")).to_have_count(2)
    expect(page.locator("#status")).to_have_text(re.compile(r"^Undid the delete of “Everyone"))
    expect(page.locator("#undo")).to_be_hidden()
    page.keyboard.press("Control+z")
    expect(page.locator("#status")).to_have_text("Nothing to undo.")
    assert served.lesson.read_text(encoding="utf-8") == KINDS


def test_undo_never_undoes_an_edit_made_elsewhere(tmp_path: Path) -> None:
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text(KINDS, encoding="utf-8")
    editor = LessonEditor(lesson)
    saved = editor.delete(read_version(lesson).version, 1, ASSERTION)
    assert (
        editor.history.label(saved.version) == "the delete of “Everyone knows the old hours were …”"
    )
    elsewhere = lesson.read_text(encoding="utf-8").replace("library hours", "opening hours")
    lesson.write_text(elsewhere, encoding="utf-8")
    with pytest.raises(EditRefused, match="Nothing to undo"):
        editor.undo(read_version(lesson).version)
    assert lesson.read_text(encoding="utf-8") == elsewhere


def test_also_accept_never_holds_the_statements_own_kind(tmp_path: Path) -> None:
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text(KINDS, encoding="utf-8")
    editor = LessonEditor(lesson)
    version = read_version(lesson).version
    with pytest.raises(EditRefused, match="own kind cannot also be accepted"):
        editor.change(version, 1, ASSERTION, Changes(also_accept=["assertion"]))
    with pytest.raises(EditRefused, match="Choose a kind"):
        editor.change(version, 1, ASSERTION, Changes(also_accept=["opinion"]))
    assert lesson.read_text(encoding="utf-8") == KINDS
    # A kind change that rewrites the why in the same save leaves nothing to review.
    editor.change(version, 1, ASSERTION, Changes(kind="inference", why="It guesses."))
    assert statement(lesson.read_text(encoding="utf-8"), ASSERTION) == (
        "\n    kind: inference\n"
        "    why: It guesses.\n"
        "    check: Ask who says so.\n"
        "    id: everyone-knows   # the teacher's note on this one\n"
        "    draft: true\n"  # the check is still the assertion's
    )
