"""Issue 27 item 4: what the page does between a kind's save and the frame that shows it, in
Debian's Chromium. Only the statement's paragraph is drawn again, not the whole article; the
statement's handles measure the article's layout once a frame, not once for each thing a save
redraws; and the lesson-parts panel is left as drawn when no part changed (a new question
draws it again)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .a11y_support import serve
from .conftest import ROOT
from .test_preview_browser import (
    Served,
    open_preview,
    wait_for_file,
)
from .test_studio_statements_browser import served  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser

# Counts the measures of a range's layout (the handles' one) from the moment a save is sent.
COUNTING = """(() => {
  window.__measures = 0;
  const send = window.fetch;
  window.fetch = function (url, options) {
    if (options && options.method === "POST") window.__measures = 0;
    return send.call(this, url, options);
  };
  const measure = Range.prototype.getClientRects;
  Range.prototype.getClientRects = function () {
    window.__measures += 1;
    return measure.call(this);
  };
})();"""


def test_a_kind_s_save_measures_the_layout_once_and_keeps_the_parts_panel(
    page: Page,
    served: Served,  # noqa: F811
) -> None:
    page.add_init_script(COUNTING)
    open_preview(page, served)
    expect(page.locator("#parts")).to_be_visible()
    probe = page.locator("#part-questions-body > .part-hint")
    probe.evaluate("(hint) => { hint.dataset.probe = 'drawn'; }")
    # Every paragraph of the article, marked to tell a paragraph kept from one made again.
    page.evaluate(
        "document.querySelectorAll('#article .block').forEach((b) => { b.dataset.probe = 'drawn'; })"
    )
    mark = page.locator("#article mark.hl", has_text="The mayor did not answer")
    mark.click()
    expect(page.get_by_role("dialog")).to_be_visible()
    # From the keyboard: a mouse on its way to the button draws the handles too.
    page.locator("#kind-buttons .kind-evidence").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_contain_text("Saved to", timeout=15_000)
    expect(mark).to_have_class("hl kind-evidence draft")
    text = wait_for_file(served.lesson, lambda t: "kind: evidence" in t)
    assert "kind: evidence" in text
    page.evaluate("new Promise((done) => requestAnimationFrame(() => setTimeout(done, 50)))")
    # A measure a frame: the article redrawn and the editor refreshed with it are one (three
    # measures before: the article, the editor, then the editor again once the save is done).
    assert page.evaluate("window.__measures") <= 2
    # The paragraph of the statement is drawn again; every other paragraph is kept.
    kept = page.evaluate(
        "[...document.querySelectorAll('#article .block')].map((b) => b.dataset.probe || '')"
    )
    changed = int(mark.evaluate("(m) => m.closest('.block').dataset.block"))
    assert kept[changed] == "" and len(kept) > 2
    assert all(probe == "drawn" for n, probe in enumerate(kept) if n != changed)
    # The questions are as they were: the panel's elements were not made again.
    assert probe.get_attribute("data-probe") == "drawn"
    # A new question is a changed part: drawn again.
    page.locator("#close").click()
    page.get_by_role("button", name="Add a question").click()
    expect(page.locator("#q-new-text")).to_be_focused()
    page.keyboard.type("Who could check what the mayor said?")
    page.keyboard.press("Tab")  # leaving the field saves it
    wait_for_file(served.lesson, lambda t: "Who could check what the mayor said?" in t)
    expect(page.locator("#part-questions-summary")).to_contain_text("Discussion questions (1)")
    expect(probe).not_to_have_attribute("data-probe", "drawn")


SEED = ROOT / "lessons" / "washington-isis-syria-2017.yaml"
BOXES = """() => Object.fromEntries(['.article-pane', '#article', '.glance'].map((s) => {
  const box = document.querySelector(s).getBoundingClientRect();
  return [s, [box.top, box.bottom]];
}))"""


def test_the_article_stays_in_its_pane_in_a_short_window(page: Page, tmp_path: Path) -> None:
    """A 900-pixel window with the drafts to review, the glance and the parts panel open: the
    article scrolls inside its pane, not over the panel below (its room to scroll the last
    paragraph up was the pane's padding, 40 % of the window, more than the pane had)."""
    with serve(tmp_path / SEED.name, SEED.read_text(encoding="utf-8")) as running:
        page.goto(running.url)
        expect(page.locator("#article mark.hl").first).to_be_visible()
        expect(page.locator("#parts")).to_be_visible()
        boxes = page.evaluate(BOXES)
        assert boxes["#article"][1] <= boxes[".article-pane"][1] + 0.5
        assert boxes["#article"][1] <= boxes[".glance"][0] + 0.5
        # The last paragraph still scrolls up to the top of the pane.
        article = page.locator("#article")
        article.evaluate("(a) => { a.scrollTop = a.scrollHeight; }")
        last = page.locator("#article .block").last
        bottom = last.evaluate("(b) => b.getBoundingClientRect().bottom")
        assert bottom <= boxes["#article"][0] + (boxes["#article"][1] - boxes["#article"][0]) / 2
        page.screenshot(path=str(tmp_path / "short-window.png"))
