"""The review queue in Debian's Chromium (issue 20), from the keyboard alone, with real key
presses, on a lesson `medialit new` drafted from a saved page: move, set kinds, confirm, drop,
bring back, write why, undo several steps (across saves and after a reload), an edit made in a
text editor meanwhile, and axe-core on the page with the queue open."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from ruamel.yaml import YAML

from medialit.drafting.new import new_lesson

from .a11y_support import SHOTS, focused, serve, tab_to
from .browser_support import WarmContexts
from .conftest import DATA
from .test_a11y_axe import AXE, serious
from .test_preview_browser import (
    LIVE_SECONDS,
    Served,
    wait_for_file,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    made = new_lesson(str(DATA / "news-story.html"), io.BytesIO(), tmp_path, name="story")
    with serve(made.lesson, made.lesson.read_text(encoding="utf-8")) as running:
        yield running


def annotations(lesson: Path) -> dict[str, dict[str, object]]:
    data = YAML(typ="safe", pure=True).load(lesson.read_text(encoding="utf-8"))
    return {str(a["id"]): a for a in data["annotations"]}


def open_queue(page: Page, served: Served) -> None:
    """Open the page and Tab to the queue, as a keyboard user does."""
    page.goto(served.url)
    expect(page.locator("#queue-list [role=option]").first).to_be_visible()
    tab_to(page, r"^ul#queue-list")
    # A screen reader hears the list by its heading, and each draft as an option.
    expect(page.get_by_role("listbox", name="Drafts to review")).to_be_focused()


def expect_chosen(page: Page, key: str) -> None:
    """The draft ``key`` is the one chosen, and the list says so to a screen reader."""
    selected = page.locator("#queue-list [aria-selected=true]")
    expect(selected).to_have_attribute("data-key", key)
    active = page.locator("#queue-list").get_attribute("aria-activedescendant")
    assert active == selected.get_attribute("id")


def options(page: Page) -> list[str]:
    return [
        str(k)
        for k in page.locator("#queue-list [role=option]").evaluate_all(
            "items => items.map(i => i.dataset.key)"
        )
    ]


def test_review_the_drafts_from_the_keyboard(page: Page, served: Served) -> None:
    lesson = served.lesson
    before = lesson.read_text(encoding="utf-8")
    open_queue(page, served)
    drafts = options(page)
    assert len(drafts) == before.split("\nquestions:")[0].count("\n    draft: true")
    first = page.locator("#queue-list [role=option]").first
    shown = re.compile(r"(?:unsure|fairly sure|sure) \((0\.\d\d)\)")
    expect(first).to_contain_text(shown)  # its sureness shown, and the least sure first
    texts = page.locator("#queue-list [role=option]").all_inner_texts()
    sures = [float(m.group(1)) for m in map(shown.search, texts) if m]
    assert sures and sures[0] == min(sures), texts
    expect(first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("j")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("k")
    expect_chosen(page, drafts[1])
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "queue.png")

    # A: assertion (it was evidence); Enter confirms it; the next draft takes its place.
    page.keyboard.press("a")
    expect(page.locator("#status")).to_contain_text("is now Assertion")
    assert annotations(lesson)[drafts[1]]["kind"] == "assertion"
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_contain_text("Confirmed statement")
    # It says which draft comes next, by its words (numbers change) and how sure.
    next_words = " ".join(
        page.locator(f'#queue-list [data-key="{drafts[2]}"] .queue-quote').inner_text().split()[:3]
    )
    expect(page.locator("#status")).to_contain_text(
        re.compile(rf"Next: “{re.escape(next_words)} .*”, (unsure|fairly sure|sure) \(0\.\d\d\)\.")
    )
    assert "draft" not in annotations(lesson)[drafts[1]]
    expect(page.locator("#queue-list [role=option]")).to_have_count(len(drafts) - 1)
    expect_chosen(page, drafts[2])

    # Delete drops it (out of the lesson, into Dropped); A on the next makes it an assertion.
    page.keyboard.press("Delete")
    expect(page.locator("#status")).to_contain_text("Dropped statement")
    assert drafts[2] not in annotations(lesson)
    expect(page.locator("#queue-dropped summary")).to_have_text("Dropped (1)")
    expect_chosen(page, drafts[3])
    assert focused(page).startswith("ul#queue-list")

    # W opens why and how to check; Escape goes back to the list, nothing saved.
    page.keyboard.press("w")
    assert focused(page).startswith("textarea#queue-why")
    page.keyboard.type("not kept")
    page.keyboard.press("Escape")
    expect(page.locator("#queue-edit")).to_be_hidden()
    assert focused(page).startswith("ul#queue-list")
    assert "not kept" not in lesson.read_text(encoding="utf-8")
    # W again: why typed this time, in place of the draft's (W opens it selected); the
    # shortcuts do not fire while typing.
    page.keyboard.press("w")
    assert focused(page).startswith("textarea#queue-why")
    page.keyboard.type("A judge would see evidence here: the jade figure is named.")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past How to check, kept as it was
    page.keyboard.press("Enter")  # Save
    expect(page.locator("#status")).to_contain_text("Saved why and how to check")
    assert annotations(lesson)[drafts[3]]["why"] == (
        "A judge would see evidence here: the jade figure is named."
    )
    assert focused(page).startswith("ul#queue-list")

    # Ctrl+Z, three steps: the why, the drop, then (after a reload) the confirm.
    page.keyboard.press("Control+z")
    expect(page.locator("#status")).to_contain_text("Undid the change to")
    page.keyboard.press("Control+z")
    expect(page.locator("#status")).to_contain_text("Undid the drop of")
    assert drafts[2] in annotations(lesson)
    expect_chosen(page, drafts[2])  # the draft that came back, not the one after it
    expect(page.locator("#queue-dropped")).to_be_hidden()  # back in the lesson: not "dropped"
    page.reload()
    expect(page.locator("#undo")).to_be_visible()
    tab_to(page, r"^ul#queue-list")
    page.keyboard.press("Control+z")
    expect(page.locator("#status")).to_contain_text("Undid the change to")
    assert annotations(lesson)[drafts[1]]["draft"] is True
    page.keyboard.press("Control+z")
    expect(page.locator("#status")).to_contain_text("Undid the change to")  # the kind
    expect(page.locator("#undo")).to_be_hidden()
    assert lesson.read_text(encoding="utf-8") == before


def test_a_dropped_draft_and_a_candidate_come_in_from_the_keyboard(
    page: Page, served: Served
) -> None:
    lesson = served.lesson
    before = lesson.read_text(encoding="utf-8")
    open_queue(page, served)
    drafts = options(page)
    page.keyboard.press("Delete")
    expect(page.locator("#queue-dropped summary")).to_have_text("Dropped (1)")
    assert drafts[0] not in annotations(lesson)
    tab_to(page, r"^summary#queue-dropped-count")
    page.keyboard.press("Enter")  # opens the list
    tab_to(page, r"^button")
    expect(page.locator(":focus")).to_have_attribute("aria-label", re.compile("^Bring back “"))
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_contain_text("Brought back")
    assert lesson.read_text(encoding="utf-8") == before  # comment, id, core: all as they were
    expect_chosen(page, drafts[0])
    # A candidate that medialit new left commented at the end of the file.
    tab_to(page, r"^summary#queue-candidates-count")
    page.keyboard.press("Enter")
    # Each with its reason, to judge it by.
    expect(page.locator("#queue-candidates-list .queue-row-why").first).not_to_be_empty()
    tab_to(page, r"^button")
    name = page.locator(":focus").get_attribute("aria-label")
    assert name and name.startswith("Add “")
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_contain_text("a draft to review")
    expect(page.locator("#queue-list [role=option]")).to_have_count(len(drafts) + 1)
    added = [key for key in annotations(lesson) if key not in drafts]
    assert len(added) == 1 and annotations(lesson)[added[0]]["draft"] is True
    expect_chosen(page, added[0])
    # No "# how sure" above it: last in the list, and said so.
    last = page.locator("#queue-list [role=option]").last
    expect(last).to_have_attribute("data-key", added[0])
    expect(last).to_contain_text("not rated")


def test_an_edit_in_a_text_editor_meanwhile_is_never_overwritten(
    page: Page, served: Served
) -> None:
    page.route("**/events", lambda route: route.abort())  # the page keeps the version it read
    open_queue(page, served)
    drafts = options(page)
    other = served.lesson.read_text(encoding="utf-8").replace(
        "title: ", "title: Edited elsewhere, ", 1
    )
    served.lesson.write_text(other, encoding="utf-8")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("The lesson file changed on disk")
    expect(page.locator("#title")).to_contain_text("Edited elsewhere")
    assert served.lesson.read_text(encoding="utf-8") == other
    # The queue shows the file as it is, and the next Enter confirms the draft chosen.
    expect_chosen(page, drafts[0])
    page.keyboard.press("Enter")
    text = wait_for_file(served.lesson, lambda t: t != other, LIVE_SECONDS)
    assert (
        text.startswith(other.split("\n", 1)[0])
        and "draft" not in annotations(served.lesson)[drafts[0]]
    )


def test_axe_finds_no_serious_violation_in_the_queue(
    warm_pages: WarmContexts, served: Served
) -> None:
    page = warm_pages.page(bypass_csp=True)
    open_queue(page, served)
    page.keyboard.press("Delete")
    expect(page.locator("#queue-dropped summary")).to_have_text("Dropped (1)")
    page.locator("#queue-dropped summary").click()
    page.locator("#queue-candidates summary").click()
    page.locator("#queue-list").focus()
    page.keyboard.press("w")
    expect(page.locator("#queue-why")).to_be_focused()
    found = serious(page)
    assert not found, json.dumps(found, indent=1)
    page.screenshot(path=SHOTS / "queue-open.png")
    assert AXE.is_file()
