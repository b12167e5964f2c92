"""The studio on a school laptop's screen (1366×768), in Debian's Chromium with a real mouse.

A newcomer's run found that at 1366×768 the studio showed no line of the article: the drafts'
list, the keys' help and the panel below the panes filled the window, the article's lines were
drawn over that panel, which took their clicks, and the statement dialog ran off the bottom
of the screen, its Save and Delete reached only by scrolling inside it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from medialit.drafting.new import new_lesson

from .a11y_support import SHOTS, serve
from .browser_support import WarmContexts
from .conftest import DATA
from .test_a11y_axe import AXE, serious
from .test_preview_browser import (
    Served,
    select,
)

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
TALL = {"width": 1920, "height": 1200}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    made = new_lesson(str(DATA / "news-story.html"), io.BytesIO(), tmp_path, name="story")
    with serve(made.lesson, made.lesson.read_text(encoding="utf-8")) as running:
        yield running


def page_of(warm_pages: WarmContexts, viewport: dict[str, int]) -> Page:
    assert AXE.is_file(), f"{AXE} is missing: run  npm ci --prefix tests/axe  (make test does)"
    return warm_pages.page(bypass_csp=True, viewport=viewport)  # axe-core is added


@pytest.fixture
def laptop(warm_pages: WarmContexts) -> Page:
    return page_of(warm_pages, LAPTOP)


@pytest.fixture
def tall(warm_pages: WarmContexts) -> Page:
    return page_of(warm_pages, TALL)


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not shown"
    return found


def assert_panel_uncovered(page: Page, width: int) -> None:
    """Nothing of the panes is drawn over the panel below them: each point of that panel's
    top edge belongs to it (the article's lines, drawn over it, took its clicks). A window too
    short for the panes and the panel scrolls as a whole: the panel is scrolled to first."""
    page.locator(".glance").scroll_into_view_if_needed()
    glance = box(page, ".glance")
    for x in range(20, width - 20, 60):
        owner = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('.glance') !== null",
            [x, glance["y"] + 4],
        )
        assert owner, f"the panes cover the panel at x={x}"


def description(page: Page, selector: str, field: str = "description") -> str:
    """What Chromium's accessibility tree gives a screen reader as the element's description
    (or, with ``field="name"``, its name)."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    (found, *_) = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node})["nodes"]
    return str(found.get(field, {}).get("value", ""))


def assert_page_does_not_scroll(page: Page) -> None:
    """The studio fills the window and scrolls inside its panes only: the selections' hidden
    names once made the page taller than the window, and the wheel scrolled it into white."""
    expect(page.locator("#selection-list li").first).to_be_attached()
    height = page.evaluate("document.scrollingElement.scrollHeight")
    assert height <= page.viewport_size["height"], height  # type: ignore[index]
    page.mouse.move(200, 400)
    page.mouse.wheel(0, 3000)  # past the article's end
    page.wait_for_timeout(300)
    assert page.evaluate("window.scrollY") == 0


def test_a_laptop_screen_shows_the_article_and_the_whole_dialog(
    laptop: Page, served: Served
) -> None:
    page = laptop
    page.goto(served.url)
    expect(page.locator("#queue-list [role=option]").first).to_be_visible()
    highlight = page.locator("#article mark.hl").first
    expect(highlight).to_be_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "small-window-1366x768.png"))

    # The article has room for its lines: about ten at 1.65 lines of 16 px (none before).
    article = box(page, "#article")
    assert article["height"] >= 220, article
    # The keys' help waits behind its "Keys" line, and opens from the keyboard.
    keys = page.locator(".article-pane details.keys-help")
    expect(keys.locator("#keys")).to_be_hidden()
    keys.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(keys.locator("#keys")).to_be_visible()
    page.keyboard.press("Enter")
    expect(keys.locator("#keys")).to_be_hidden()

    assert_panel_uncovered(page, LAPTOP["width"])
    # What to decide shows without scrolling the glance (a newcomer never saw it under the
    # page counts).
    expect(page.locator("#glance-pages li")).to_have_count(4)  # the selection, three levels
    glance, decide = box(page, ".glance-summary"), box(page, "#glance-warnings")
    assert decide["y"] + decide["height"] <= glance["y"] + glance["height"], (decide, glance)
    # The keys' words, behind their closed line, still describe the article and the list
    # to a screen reader (a closed <details> gave them no description).
    for described, words in (("#article", "From the keyboard"), ("#queue-list", "In the list")):
        assert words in description(page, described)
    # Two "Keys" lines, each named for what it helps with.
    names = {
        description(page, f"{where} details.keys-help > summary", "name")
        for where in (".queue-head", ".article-pane")
    }
    assert names == {"Keys for the drafts’ list", "Keys for the article"}, names

    # A real click on the highlight's middle opens its dialog.
    words = box(page, "#article mark.hl")
    page.mouse.click(words["x"] + words["width"] / 2, words["y"] + min(words["height"], 24) / 2)
    editor = page.locator("#editor")
    expect(editor).to_be_visible()
    page.screenshot(path=str(SHOTS / "small-window-1366x768-dialog.png"))
    dialog = box(page, "#editor")
    assert dialog["y"] >= 0 and dialog["y"] + dialog["height"] <= LAPTOP["height"], dialog
    # Its buttons are in view without scrolling, and its fields are not squeezed: the why's
    # five rows show.
    for name in ("Save", "Delete", "Close"):
        button = editor.get_by_role("button", name=name, exact=True)
        expect(button).to_be_in_viewport(ratio=1)
    why = box(page, "#why")
    assert why["height"] >= 5 * 16, why
    # A field reached with the keyboard shows above the buttons' bar, not under it.
    for field in ("#check", "#technique-new"):
        page.locator(field).focus()
        page.wait_for_timeout(200)
        assert (
            box(page, field)["y"] + box(page, field)["height"] <= box(page, ".editor-actions")["y"]
        )
    editor.get_by_role("button", name="Close", exact=True).click()
    expect(editor).to_be_hidden()

    # New words marked: the dialog grows as the kind's fields appear, and stays in the window
    # (it ran off its foot, Save and Delete out of sight).
    select(page, "The city’s transportation department estimates")
    expect(editor).to_be_visible()
    editor.get_by_role("button", name="Evidence", exact=True).click()
    expect(page.locator("#editor-title")).to_contain_text("Evidence")
    for name in ("Save", "Delete", "Close"):
        expect(editor.get_by_role("button", name=name, exact=True)).to_be_in_viewport(ratio=1)
    page.screenshot(path=str(SHOTS / "small-window-1366x768-new-statement.png"))
    # The status (a long "Saved to …/story.yaml at …") takes two lines at most: the bar does
    # not grow, and the panes below do not jump with each save.
    assert box(page, "header.bar")["height"] <= 60
    assert page.locator("#status").get_attribute("title") == page.locator("#status").inner_text()
    editor.get_by_role("button", name="Close", exact=True).click()
    assert_page_does_not_scroll(page)

    assert serious(page) == []


def test_a_kind_change_s_message_shows_whole_on_a_laptop(laptop: Page, served: Served) -> None:
    """The status line cut the queue's message at "…; Enter" at 1366×768."""
    page = laptop
    page.goto(served.url)
    first = page.locator("#queue-list [role=option]").first
    expect(first).to_be_visible()
    kind = next(
        k for k in ("evidence", "inference", "assertion") if k not in first.get_attribute("class")
    )
    page.locator("#queue-list").focus()
    page.keyboard.press(kind[0])
    status = page.locator("#status")
    expect(status).to_contain_text("Enter confirms.")
    page.screenshot(path=str(SHOTS / "small-window-status.png"))
    assert status.evaluate("s => s.scrollHeight <= s.clientHeight"), status.inner_text()
    assert box(page, "header.bar")["height"] <= 60


def test_a_tall_screen_shows_the_keys_help_at_once(tall: Page, served: Served) -> None:
    page = tall
    page.goto(served.url)
    expect(page.locator("#queue-list [role=option]").first).to_be_visible()
    expect(page.locator("#keys")).to_be_visible()
    expect(page.locator("#queue-keys")).to_be_visible()
    assert box(page, "#article")["height"] >= 220
    assert_page_does_not_scroll(page)


def test_a_window_too_short_for_the_article_draws_nothing_over_the_panel(
    warm_pages: WarmContexts, served: Served
) -> None:
    """A window only 480 pixels high (not maximised, say): the article's lines are cut off at
    the pane's edge, not drawn over the panel below."""
    page = page_of(warm_pages, {"width": 1280, "height": 480})
    page.goto(served.url)
    expect(page.locator("#queue-list [role=option]").first).to_be_visible()
    expect(page.locator("#article mark.hl").first).to_be_attached()
    assert_panel_uncovered(page, 1280)


def visible_height(page: Page, selector: str, within: str) -> float:
    """How much of the element is seen: inside the window and inside its scrolled ``within``."""
    return float(
        page.evaluate(
            """([selector, within]) => {
              const seen = document.querySelector(selector).getBoundingClientRect();
              const frame = document.querySelector(within).getBoundingClientRect();
              return Math.min(seen.bottom, frame.bottom, innerHeight)
                - Math.max(seen.top, frame.top, 0);
            }""",
            [selector, within],
        )
    )


def open_the_queue_s_panels(page: Page) -> None:
    """The dropped drafts and the candidates open, a draft further down the article chosen,
    and its kind changed, so that the reason written for the new kind is offered."""
    for section in ("#queue-dropped", "#queue-candidates"):
        page.locator(f"{section} > summary").click()
        expect(page.locator(section)).to_have_attribute("open", "")
    page.locator("#queue-list").focus()
    for _ in range(6):
        page.keyboard.press("j")
    kind = page.locator("#queue-list [aria-selected=true]").get_attribute("class") or ""
    page.keyboard.press("a" if "inference" in kind else "i")
    expect(page.locator("#queue-offer")).to_be_visible()


def assert_article_and_draft_in_view(page: Page, least: float) -> None:
    article = box(page, "#article")
    assert article["height"] >= least, article
    draft = "#article mark[data-queue-current]"
    mark = box(page, draft)
    # Two pixels' leeway: a box's edge is rounded apart from the article's.
    assert visible_height(page, draft, "#article") >= mark["height"] - 2, (mark, article)


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1024, 600), (800, 600)])
def test_the_queue_s_panels_leave_the_article_the_draft_and_a_page_in_sight(
    warm_pages: WarmContexts, served: Served, width: int, height: int
) -> None:
    """A teacher's cold run at 1366×768: with the reason offered (or W's form) open under the
    drafts' list and the dropped drafts and candidates open, the article showed two lines and
    the draft's outline was out of sight; at 1024×600 and 800×600 no page showed at all. The
    queue and the glance now scroll in their own boxes (and a window too short for all of it
    scrolls as a whole): the article keeps ten lines, the draft is in view, a page is seen."""
    page = page_of(warm_pages, {"width": width, "height": height})
    page.goto(served.url)
    expect(page.locator("#queue-list [role=option]").first).to_be_visible()
    expect(page.locator("#pages .page").first).to_be_visible()
    # Under 1100 pixels the column of questions, plan and glossary waits to be asked for.
    narrow = width < 1100
    expect(page.locator("#parts")).to_be_visible(visible=not narrow)
    expected = "false" if narrow else "true"
    expect(page.locator("#parts-toggle")).to_have_attribute("aria-expanded", expected)
    page.locator("#queue-list").focus()
    page.keyboard.press("Delete")  # one dropped draft, for the Dropped section
    expect(page.locator("#queue-dropped")).to_be_visible()
    open_the_queue_s_panels(page)
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / f"queue-panels-{width}x{height}.png"))
    # Ten lines of 1.05rem × 1.65 (26 pixels), on a laptop; a little less below 768.
    least = 10 * 26 if height >= 768 else 180
    assert_article_and_draft_in_view(page, least)
    page.keyboard.press("w")
    expect(page.locator("#queue-edit")).to_be_visible()
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / f"queue-panels-{width}x{height}-write.png"))
    assert_article_and_draft_in_view(page, least)
    if height >= 768:
        assert page.evaluate("document.scrollingElement.scrollHeight") <= height
    # A page as it prints can be brought into sight, a good part of it.
    # Scrolled to with the mouse wheel over the pages, as a teacher would: how far depends
    # on the column's heading (a status line while laying out), not on the pixel.
    first = page.locator("#pages .page").first
    first.scroll_into_view_if_needed()  # its edge at least; then the wheel, over it
    seen = first.bounding_box()
    assert seen is not None
    page.mouse.move(seen["x"] + seen["width"] / 2, min(max(seen["y"], 0) + 10, height - 10))
    for _ in range(20):  # the column first, then the window, as a wheel scrolls them
        if visible_height(page, "#pages .page", "#pages") >= 120:
            break
        page.mouse.wheel(0, 60)
        page.wait_for_timeout(100)
    assert visible_height(page, "#pages .page", "#pages") >= 120
    # And so can the panel below the panes, whose sections scroll.
    page.locator(".glance").scroll_into_view_if_needed()
    assert box(page, ".glance")["height"] >= 50
    assert box(page, ".glance")["y"] + 50 <= height
