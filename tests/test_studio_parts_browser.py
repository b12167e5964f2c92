"""The lesson-parts panel in Debian's Chromium (issue 20): real clicks and key presses.

`medialit preview` runs in a subprocess on a lesson of the test's own; every change made in
the page must reach the lesson file at once (read back from the disk), the plan's total must
follow the typing, a glossary word comes from a real double-click in the article, and axe-core
finds no serious or critical violation with every section open.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

from medialit.lesson.reading import read_lesson

from .a11y_support import SHOTS, serve, tab_to
from .browser_support import WarmContexts
from .test_a11y_axe import AXE, serious
from .test_preview_browser import (
    Served,
    wait_for_file,
)
from .test_studio_parts_server import PARTS_LESSON

pytestmark = pytest.mark.browser


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with serve(tmp_path / "lesson.yaml", PARTS_LESSON) as running:
        yield running


def open_parts(page: Page, served: Served) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served.url)
    expect(page.locator("#title")).to_have_text("The library hours")
    expect(page.locator("#q-0-text")).to_have_value("Who is quoted, and who is not?")
    return errors


def status(page: Page) -> str:
    return page.locator("#status").inner_text()


def test_questions_are_added_reordered_and_removed(page: Page, served: Served) -> None:
    errors = open_parts(page, served)
    page.get_by_role("button", name="Add a question").click()
    expect(page.locator("#q-new-text")).to_be_focused()
    page.keyboard.type("Who counted the readers?")
    page.keyboard.press("Tab")  # leaving the field saves it
    text = wait_for_file(served.lesson, lambda t: "Who counted the readers?" in t)
    assert "  - text: Which word shows an inference?\n  - text: Who counted the readers?\n" in text
    expect(page.locator("#q-3-notes")).to_be_focused()
    page.keyboard.type("Nobody in the article.")
    page.keyboard.press("Tab")
    text = wait_for_file(served.lesson, lambda t: "notes: Nobody in the article." in t)
    expect(page.locator("#status")).to_have_text("Saved question 4.")
    # Reorder with the mouse, then with the keyboard alone.
    page.get_by_role("button", name="Move question 4 up").click()
    text = wait_for_file(served.lesson, lambda t: t.index("Who counted") < t.index("Which word"))
    assert text.index("Who counted") < text.index("Which word")
    expect(page.locator("#q-2-up")).to_be_focused()  # the focus follows the question
    expect(page.locator("#status")).to_have_text("Moved question 4 up: it is question 3 now.")
    page.keyboard.press("Enter")  # up once more, from the keyboard
    wait_for_file(served.lesson, lambda t: t.index("Who counted") < t.index("What would settle"))
    questions = read_lesson(served.lesson).lesson.questions
    assert [q.text[:9] for q in questions] == ["Who is qu", "Who count", "What woul", "Which wor"]
    # Remove, then put back with Ctrl+Z.
    page.get_by_role("button", name="Remove question 2").click()
    wait_for_file(served.lesson, lambda t: "Who counted" not in t)
    expect(page.locator("#status")).to_have_text("Removed question 2. Ctrl+Z or Undo puts it back.")
    expect(page.locator("#q-1-text")).to_be_focused()
    page.locator("#parts-heading").focus()
    page.keyboard.press("Control+z")
    wait_for_file(served.lesson, lambda t: "Who counted" in t)
    expect(page.locator("#q-1-text")).to_have_value("Who counted the readers?")
    page.screenshot(path=SHOTS / "parts-questions.png")
    assert not errors


def test_the_plan_total_follows_the_typing_and_saves_when_it_adds_up(
    page: Page, served: Served
) -> None:
    errors = open_parts(page, served)
    page.locator("#part-plan-summary").click()
    total = page.locator("#plan-total")
    expect(total).to_have_text("Planned: 50 of 50 minutes (adds up).")
    page.locator("#s-1-minutes").click()
    page.keyboard.press("Control+a")
    page.keyboard.type("35")
    expect(total).to_have_text("Planned: 55 of 50 minutes (5 over).")  # before leaving it
    expect(page.locator("#part-plan-summary")).to_have_text("Lesson plan: 55 of 50 minutes")
    page.keyboard.press("Tab")
    expect(page.locator("#plan-state")).to_have_text(
        "Not saved yet: the steps add up to 55 minutes: 5 too many for a class of 50."
    )
    assert served.lesson.read_text(encoding="utf-8") == PARTS_LESSON
    page.locator("#s-2-minutes").click()
    page.keyboard.press("Control+a")
    page.keyboard.type("5")
    expect(total).to_have_text("Planned: 50 of 50 minutes (adds up).")
    page.keyboard.press("Enter")
    wait_for_file(served.lesson, lambda t: "- minutes: 35" in t)
    expect(page.locator("#plan-state")).to_have_text("Saved in the lesson file.")
    plan = read_lesson(served.lesson).lesson.plan
    assert plan is not None and [s.minutes for s in plan.steps] == [10, 35, 5]
    # A new step with the mouse; its minutes take the total over; reorder and remove it.
    page.get_by_role("button", name="Add a step").click()
    expect(page.locator("#s-3-activity")).to_be_focused()
    expect(total).to_have_text("Planned: 55 of 50 minutes (5 over).")
    page.keyboard.type("Exit ticket")
    page.keyboard.press("Tab")
    page.locator("#s-0-minutes").fill("5")
    page.locator("#s-0-minutes").press("Tab")
    expect(total).to_have_text("Planned: 50 of 50 minutes (adds up).")
    text = wait_for_file(served.lesson, lambda t: "Exit ticket" in t)
    # The step keeps its comment (at its column).
    assert "    - minutes: 5    # the opening\n      activity: Read the article.\n" in text
    page.get_by_role("button", name="Move step 4 up").click()
    wait_for_file(served.lesson, lambda t: t.index("Exit ticket") < t.index("Discuss."))
    page.screenshot(path=SHOTS / "parts-plan.png")
    assert not errors


def expect_steps(page: Page, activities: list[str]) -> None:
    """The plan's steps on the page are these, in this order."""
    expect(page.locator("[id^=s-][id$=-activity]")).to_have_count(len(activities))
    for i, activity in enumerate(activities):
        expect(page.locator(f"#s-{i}-activity")).to_have_value(activity)


def test_a_saved_plan_s_steps_and_preparation_are_moved_added_and_removed(
    page: Page, served: Served
) -> None:
    """Each list edit on a plan that matches the file: the page once drew the file's plan
    again before saving, so a move or a removal was undone and an added line never showed."""
    errors = open_parts(page, served)
    page.locator("#part-plan-summary").click()
    state = page.locator("#plan-state")
    expect(state).to_have_text("Saved in the lesson file.")
    # Moved with the mouse: the steps still add up, so the new order is saved.
    page.get_by_role("button", name="Move step 3 up").click()
    expect_steps(page, ["Read the article.", "Discuss.", "Sort the statements."])
    expect(page.locator("#s-1-up")).to_be_focused()
    text = wait_for_file(served.lesson, lambda t: t.index("Discuss.") < t.index("Sort the"))
    assert "    - minutes: 10   # the opening\n      activity: Read the article.\n" in text
    expect(state).to_have_text("Saved in the lesson file.")
    # Something to prepare, added from the keyboard, typed and saved when the field is left.
    page.get_by_role("button", name="Add something to prepare").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#p-1")).to_be_focused()
    expect(state).to_have_text("Not saved yet.")
    page.keyboard.type("A timer.")
    page.keyboard.press("Tab")
    wait_for_file(served.lesson, lambda t: "  - Copies of the sheet.\n    - A timer.\n" in t)
    expect(state).to_have_text("Saved in the lesson file.")
    page.get_by_role("button", name="Remove “Copies of the sheet.”").click()
    wait_for_file(served.lesson, lambda t: "Copies of the sheet." not in t and "A timer." in t)
    expect(page.locator("#p-0")).to_have_value("A timer.")
    # A step removed: the rest no longer add up, so it is gone from the page, not the file.
    page.get_by_role("button", name="Remove step 2").click()
    expect_steps(page, ["Read the article.", "Sort the statements."])
    expect(state).to_have_text(
        "Not saved yet: the steps add up to 40 minutes: 10 more to plan, or a shorter class."
    )
    assert "Discuss." in served.lesson.read_text(encoding="utf-8")
    page.locator("#parts").screenshot(path=SHOTS / "parts-plan-lists.png")
    assert not errors


def test_what_to_prepare_is_saved_while_the_steps_do_not_add_up(page: Page, served: Served) -> None:
    """A newcomer typed what to prepare while the steps were off by five minutes, and it was
    never saved ("not saved yet" was taken for the steps). What to prepare and the notes do
    not depend on the steps: they are saved beside the steps the file has."""
    errors = open_parts(page, served)
    page.locator("#part-plan-summary").click()
    state = page.locator("#plan-state")
    page.locator("#s-0-minutes").fill("15")  # 55 minutes in a class of 50
    page.locator("#s-0-minutes").press("Tab")
    expect(state).to_have_text(
        "Not saved yet: the steps add up to 55 minutes: 5 too many for a class of 50."
    )
    page.locator("#p-0").fill("Copies of the sheet, one each.")
    page.locator("#p-0").press("Tab")
    text = wait_for_file(served.lesson, lambda t: "Copies of the sheet, one each." in t)
    assert "    - minutes: 10   # the opening\n" in text  # the file's steps, not the page's
    expect(state).to_have_text(
        "The steps are not saved yet: the steps add up to 55 minutes: 5 too many for a class "
        "of 50. What to prepare, the content note and the extension are saved."
    )
    expect(page.locator("#status")).to_contain_text("Saved what to prepare and the notes")
    expect(page.locator("#s-0-minutes")).to_have_value("15")  # the page keeps its steps
    page.locator("#parts").screenshot(path=SHOTS / "parts-plan-notes-saved.png")
    # The steps made to add up: the whole plan is saved, what to prepare with it.
    page.locator("#s-1-minutes").fill("25")
    page.locator("#s-1-minutes").press("Tab")
    text = wait_for_file(served.lesson, lambda t: "    - minutes: 15   # the opening\n" in t)
    assert "      activity: Sort the statements.\n" in text and "one each." in text
    expect(state).to_have_text("Saved in the lesson file.")
    assert not errors


def test_minutes_typed_while_the_plan_is_saving_are_kept(page: Page, served: Served) -> None:
    """A review typed "12" while a save of the plan was on its way; the answer drew the
    file's plan again, and the "12" was gone. Typing made meanwhile stays, and is saved."""
    errors = open_parts(page, served)
    page.locator("#part-plan-summary").click()
    held: list[Route] = []
    page.route("**/api/plan", lambda route: held.append(route) if not held else route.continue_())
    page.locator("#s-1-minutes").fill("35")
    page.locator("#s-2-minutes").fill("5")
    page.locator("#s-2-minutes").press("Tab")  # 10 + 35 + 5 = 50: saved, and held on its way
    for _ in range(500):  # the page's request reaches the route as Playwright listens
        if held:
            break
        page.wait_for_timeout(20)
    assert len(held) == 1
    page.locator("#s-0-minutes").click()
    page.keyboard.press("Control+a")
    page.keyboard.type("12")
    held[0].continue_()
    wait_for_file(served.lesson, lambda t: "- minutes: 35" in t)
    minutes = page.locator("#s-0-minutes")
    expect(minutes).to_have_value("12")
    expect(minutes).to_be_focused()
    expect(page.locator("#status")).to_contain_text("your newer changes are not saved yet")
    expect(page.locator("#plan-total")).to_have_text("Planned: 52 of 50 minutes (2 over).")
    page.keyboard.press("Tab")
    page.locator("#s-1-minutes").fill("33")
    page.locator("#s-1-minutes").press("Tab")
    wait_for_file(served.lesson, lambda t: "- minutes: 33" in t)
    plan = read_lesson(served.lesson).lesson.plan
    assert plan is not None and [s.minutes for s in plan.steps] == [12, 33, 5]
    expect(page.locator("#plan-state")).to_have_text("Saved in the lesson file.")
    assert not errors


# The middle of the word "library" in the article, in the page's coordinates.
WORD_CENTRE = """() => {
  const text = document.querySelector('#article .text');
  const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf('library');
    if (at === -1) continue;
    const range = document.createRange();
    range.setStart(node, at + 2);
    range.setEnd(node, at + 3);
    const r = range.getBoundingClientRect();
    return {x: r.x + r.width / 2, y: r.y + r.height / 2};
  }
}"""


def test_a_glossary_word_from_a_double_click_in_the_article(page: Page, served: Served) -> None:
    errors = open_parts(page, served)
    page.locator("#part-glossary-summary").click()
    expect(page.locator("#glossary-how")).to_contain_text("and on the guided student sheet")
    # Where the word is drawn, read from the page once it has stopped moving (fonts loaded,
    # status line and panels settled: on a busy machine they land late); the selecting is the
    # mouse's own.
    page.evaluate("document.fonts.ready")
    box = page.evaluate(WORD_CENTRE)
    for _ in range(25):  # at most five seconds
        page.wait_for_timeout(200)
        previous, box = box, page.evaluate(WORD_CENTRE)
        if box == previous:
            break
    page.mouse.dblclick(box["x"], box["y"])
    add = page.locator("#glossary-add")
    expect(add).to_have_text("Add “library”")
    add.click()
    expect(page.get_by_role("dialog")).to_be_hidden()  # the marking box gave way
    expect(page.locator("#g-new-term")).to_have_value("library")
    expect(page.locator("#g-new-definition")).to_be_focused()
    page.keyboard.type("A building where people borrow books.")
    page.keyboard.press("Tab")
    text = wait_for_file(served.lesson, lambda t: "term: library" in t)
    assert text.endswith(
        "  - term: library\n    definition: A building where people borrow books.\n"
    )
    expect(page.locator("#status")).to_have_text("Added “library” to the glossary.")
    page.locator("#g-1-definition").fill("A place to borrow books.")
    page.locator("#g-1-definition").press("Tab")
    wait_for_file(served.lesson, lambda t: "definition: A place to borrow books." in t)
    page.get_by_role("button", name="Remove the entry “council”").click()
    text = wait_for_file(served.lesson, lambda t: "council" not in t.split("glossary:")[1])
    assert text.endswith("glossary:\n  - term: library\n    definition: A place to borrow books.\n")
    assert not errors


def test_details_and_source_are_saved_field_by_field(page: Page, served: Served) -> None:
    errors = open_parts(page, served)
    page.locator("#part-details-summary").click()
    page.get_by_label("Who it is for").fill("Ages 14-18, media studies")
    page.keyboard.press("Tab")
    wait_for_file(served.lesson, lambda t: "audience: Ages 14-18, media studies" in t)
    page.get_by_label("Address (URL) of the original").fill("https://example.org/hours")
    page.keyboard.press("Tab")
    text = wait_for_file(served.lesson, lambda t: "url: https://example.org/hours" in t)
    assert "  published: 2024-03-01\n  url: https://example.org/hours\narticle:" in text
    page.get_by_role("button", name="Add an objective").click()
    page.keyboard.type("Check a claim at its source.")
    page.keyboard.press("Tab")
    wait_for_file(served.lesson, lambda t: "Check a claim at its source." in t)
    lesson = read_lesson(served.lesson).lesson
    assert lesson.objectives[-1] == "Check a claim at its source."
    # A date the lesson cannot hold is refused with the check's message; the file is kept.
    before = served.lesson.read_text(encoding="utf-8")
    page.get_by_label("Published", exact=True).fill("early March")
    page.keyboard.press("Tab")
    expect(page.locator("#alert")).to_be_visible()
    expect(page.locator("#alert-message")).to_contain_text("would not pass the check")
    assert served.lesson.read_text(encoding="utf-8") == before
    page.screenshot(path=SHOTS / "parts-details.png")
    assert not errors


@pytest.fixture
def axe_page(warm_pages: WarmContexts) -> Page:
    assert AXE.is_file(), f"{AXE} is missing: run  npm ci --prefix tests/axe  (make test does)"
    return warm_pages.page(bypass_csp=True)


def test_axe_finds_no_serious_violation_in_the_panel(axe_page: Page, served: Served) -> None:
    page = axe_page
    open_parts(page, served)
    for section in ("plan", "glossary", "details"):
        page.locator(f"#part-{section}-summary").click()
    page.get_by_role("button", name="Add a question").click()
    page.get_by_role("button", name="Add a word").click()
    expect(page.locator("#g-new-term")).to_be_focused()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "parts-axe.png", full_page=True)
    found = serious(page)
    assert not found, json.dumps(found, indent=1)
    # Hidden with its button, and shown again, from the keyboard.
    toggle = page.get_by_role("button", name=re.compile("^Questions, plan, glossary…$"))
    expect(toggle).to_have_attribute("title", re.compile("^Hide the column"))
    toggle.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#parts")).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    # It says which way it goes: its tip, and an arrow that is not part of its name.
    expect(toggle).to_have_attribute("title", re.compile("^Show the column"))
    arrow = "(b) => getComputedStyle(b, '::after').content"
    assert "◂" in toggle.evaluate(arrow)
    page.keyboard.press("Enter")
    expect(page.locator("#parts-heading")).to_be_focused()


def test_a_plan_for_a_selection_is_made_from_the_keyboard(page: Page, served: Served) -> None:
    errors = open_parts(page, served)
    page.locator("#part-plan-summary").focus()
    page.keyboard.press("Enter")  # opens the section
    page.locator("#plan-for").focus()
    page.keyboard.press("ArrowDown")  # the selection "core"
    expect(page.get_by_text("No plan for the selection “core” yet.")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator("#plan-make")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#s-0-activity")).to_be_focused()
    expect(page.locator("#plan-total")).to_have_text("Planned: 50 of 50 minutes (adds up).")
    page.keyboard.type("Read and sort the core statements.")
    page.keyboard.press("Enter")
    text = wait_for_file(served.lesson, lambda t: "plans:" in t)
    assert (
        "plans:\n  core:\n    minutes: 50\n    steps:\n      - minutes: 50\n"
        "        activity: Read and sort the core statements.\nglossary:"
    ) in text
    expect(page.locator("#status")).to_have_text("Saved the plan: 50 of 50 minutes.")
    assert read_lesson(served.lesson).lesson.plans["core"].minutes == 50
    assert not errors


def test_the_panel_follows_an_edit_made_in_a_text_editor(page: Page, served: Served) -> None:
    errors = open_parts(page, served)
    edited = PARTS_LESSON.replace("Which word shows an inference?", "Which word is a cue?")
    served.lesson.write_text(edited, encoding="utf-8")
    expect(page.locator("#q-2-text")).to_have_value("Which word is a cue?", timeout=15_000)
    # A change made in the page afterwards is based on the file as the editor left it.
    page.locator("#q-2-notes").fill("So, since, therefore.")
    page.locator("#q-2-notes").press("Tab")
    text = wait_for_file(served.lesson, lambda t: "So, since, therefore." in t)
    assert "Which word is a cue?" in text
    assert not errors


def test_a_save_based_on_an_old_version_is_refused_and_the_page_reloads(
    page: Page, served: Served
) -> None:
    # No live updates: the page cannot learn of the editor's save before its own.
    page.route("**/events", lambda route: route.abort())
    open_parts(page, served)
    edited = PARTS_LESSON.replace("Which word shows an inference?", "Which word is a cue?")
    served.lesson.write_text(edited, encoding="utf-8")
    page.locator("#q-0-notes").fill("Listen for who is missing.")
    page.locator("#q-0-notes").press("Tab")
    expect(page.locator("#alert-message")).to_have_text(
        re.compile("^The lesson file changed on disk")
    )
    expect(page.locator("#status")).to_have_text("Reloaded from the file.")
    expect(page.locator("#q-2-text")).to_have_value("Which word is a cue?")
    expect(page.locator("#q-0-notes")).to_have_value("Listen for the readers and the council.")
    assert served.lesson.read_text(encoding="utf-8") == edited


def test_closing_the_page_asks_first_while_the_plan_does_not_add_up(
    page: Page, served: Served
) -> None:
    open_parts(page, served)
    page.locator("#part-plan-summary").click()
    page.locator("#s-0-minutes").fill("15")
    page.locator("#s-0-minutes").press("Tab")
    expect(page.locator("#plan-state")).to_contain_text("Not saved yet")
    asked: list[str] = []

    def answer(dialog: Any) -> None:
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert served.lesson.read_text(encoding="utf-8") == PARTS_LESSON


def test_a_glossary_word_from_the_keyboard_alone(page: Page, served: Served) -> None:
    errors = open_parts(page, served)
    page.locator("#parts-heading").focus()
    tab_to(page, r"^summary#part-glossary-summary")
    page.keyboard.press("Enter")
    tab_to(page, r"^button#glossary-add")
    page.keyboard.press("Enter")
    expect(page.locator("#g-new-term")).to_be_focused()
    page.keyboard.type("Saturdays")
    page.keyboard.press("Tab")
    page.keyboard.type("The sixth day of the week.")
    page.keyboard.press("Tab")
    text = wait_for_file(served.lesson, lambda t: "term: Saturdays" in t)
    assert text.endswith("  - term: Saturdays\n    definition: The sixth day of the week.\n")
    expect(page.locator("#status")).to_have_text("Added “Saturdays” to the glossary.")
    expect(page.locator("#glossary-add")).to_be_focused()
    assert not errors
