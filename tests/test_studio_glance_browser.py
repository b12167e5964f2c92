"""Issue 20, selections and the glance panel in Debian's Chromium, with real clicks and key
presses: ticking statements into ``core`` and a new selection, the counts, the warnings and
the short version's page count changing as they are ticked; axe-core finds no serious or
critical violation in the panel."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from medialit.layout.page_fill import page_fill
from medialit.lesson.reading import read_lesson

from .a11y_support import SHOTS, serve, tab_to
from .browser_support import WarmContexts
from .hardening_support import run_medialit
from .preview_helpers import FIRST, INFERENCE, MAYOR
from .test_a11y_axe import AXE, serious
from .test_build_page_warnings import longer
from .test_preview_browser import (  # noqa: F401 (fixtures)
    LIVE_SECONDS,
    Served,
    open_preview,
)
from .test_studio_glance_server import STUDIO

pytestmark = pytest.mark.browser
# Page counts wait for the pages pane's own layout, then one layout per sheet that changed.
COUNT_MS = 120_000


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with serve(tmp_path / "lesson.yaml", STUDIO) as running:
        yield running


@pytest.fixture
def page(warm_pages: WarmContexts) -> Page:
    return warm_pages.page(bypass_csp=True, viewport={"width": 1400, "height": 1000})


def core(served: Served) -> list[str]:
    return read_lesson(served.lesson).lesson.selections.get("core", [])


def box(page: Page, quote: str):  # the checkbox whose label holds ``quote``
    return page.locator("#selection-list li").filter(has_text=quote).locator("input")


def test_ticking_statements_into_core_counts_them_and_their_pages(
    page: Page, served: Served
) -> None:
    assert AXE.is_file(), f"{AXE} is missing: run  npm ci --prefix tests/axe  (make test does)"
    open_preview(page, served)
    facts = page.locator("#glance-facts")
    expect(facts).to_contain_text("4 statements: 2 evidence, 1 inference, 1 assertion")
    expect(facts).to_contain_text("1 draft left to confirm")
    expect(facts).to_contain_text("Plan: 50 of 50 minutes")
    warnings = page.locator("#glance-warnings")
    expect(warnings).to_contain_text("questions[0]: names statement 9, but the lesson has 4")
    expect(page.locator("#selection-choice")).to_have_value("core")
    expect(page.locator("#selection-summary")).to_have_text(
        "“core” is not saved yet: tick its first statement."
    )
    # A click on the mayor's statement: core is written, by id; one kind only is said.
    page.locator("#selection-list label").filter(has_text=MAYOR).click()
    expect(box(page, MAYOR)).to_be_checked()
    expect(page.locator("#selection-summary")).to_contain_text(
        "“core”: 1 statement (1 evidence, 0 inference, 0 assertion)"
    )
    assert core(served) == ["mayor-silent"]
    expect(warnings).to_contain_text("selections.core: has only evidence statements")
    # From the keyboard: Tab to the inference's box, Space ticks it.
    page.locator("#article").focus()
    tab_to(page, rf"^input#selection-statement-{_index(page, INFERENCE)}\[", limit=40)
    page.keyboard.press("Space")
    expect(page.locator("#status")).to_have_text(
        "Statement 3 is now in “core”: 2 statements. Counting its pages…"
    )
    expect(box(page, INFERENCE)).to_be_focused()
    assert core(served) == ["drive-readers-away", "mayor-silent"]
    expect(warnings).not_to_contain_text("has only evidence statements")
    # The short version's page count comes, and is read out.
    summary = page.locator("#selection-summary")
    expect(summary).to_contain_text(re.compile(r"student sheet: \d+ pages?$"), timeout=COUNT_MS)
    expect(page.locator("#status")).to_have_text(
        re.compile(r"^“core”: the student sheet has \d+ pages?\.$"), timeout=COUNT_MS
    )
    shown = int(re.search(r"student sheet: (\d+)", summary.inner_text())[1])  # type: ignore[index]
    expect(page.locator("#glance-pages li", has_text="Standard level")).to_have_text(
        re.compile(r"^Standard level: \d+ pages?$"), timeout=COUNT_MS
    )
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "glance-core.png")
    # The count is the built short version's: medialit build --select core, a real PDF.
    built = run_medialit(
        ["build", "lesson.yaml", "--select", "core", "--quiet"], served.lesson.parent
    )
    assert built.returncode == 0, built.stderr
    pdf = served.lesson.parent / "build" / "lesson" / "student-core.pdf"
    assert page_fill(pdf.read_bytes()).pages == shown
    found = serious(page)
    assert not found, json.dumps(found, indent=1)


def test_a_new_selection_is_named_ticked_renamed_and_removed(page: Page, served: Served) -> None:
    open_preview(page, served)
    expect(page.locator("#selection-summary")).to_contain_text("not saved yet")
    page.get_by_role("button", name="New selection").click()
    expect(page.locator("#selection-name")).to_be_focused()
    found = serious(page)  # with the name field open
    assert not found, json.dumps(found, indent=1)
    # A level's name is refused at once, by the rule the first tick applies; the field keeps
    # the focus to type another.
    page.keyboard.type("guided")
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_have_text(
        "“guided” would name its sheets like another build's (student-guided.pdf reads as a "
        "level or a version); choose another name, such as short."
    )
    expect(page.locator("#selection-name")).to_be_focused()
    expect(page.locator("#selection-choice")).not_to_have_value("guided")
    page.keyboard.press("Control+A")
    page.keyboard.type("week-2")
    page.keyboard.press("Enter")
    expect(page.locator("#selection-choice")).to_have_value("week-2")
    expect(page.locator("#status")).to_contain_text("New selection “week-2”")
    box(page, FIRST).click()
    box(page, INFERENCE).click()
    expect(page.locator("#selection-summary")).to_contain_text("“week-2”: 2 statements")
    assert read_lesson(served.lesson).lesson.selections == {
        "week-2": ["council-website-says", "drive-readers-away"]
    }
    # Renamed from the keyboard.
    page.get_by_role("button", name="Rename").click()
    page.keyboard.press("Control+A")
    page.keyboard.type("short")
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_have_text("Renamed “week-2” to “short”.")
    assert list(read_lesson(served.lesson).lesson.selections) == ["short"]
    page.screenshot(path=SHOTS / "glance-renamed.png")
    # Removed, and put back with Ctrl+Z.
    page.get_by_role("button", name="Remove", exact=True).click()
    expect(page.locator("#status")).to_contain_text("Removed the selection “short”.")
    assert read_lesson(served.lesson).lesson.selections == {}
    page.locator("#article").focus()
    page.keyboard.press("Control+z")
    expect(page.locator("#selection-choice")).to_have_value("short")
    assert list(read_lesson(served.lesson).lesson.selections) == ["short"]


def _index(page: Page, quote: str) -> str:
    return str(box(page, quote).get_attribute("data-index"))


def test_the_glance_says_a_sheet_grew_and_its_last_page_is_nearly_empty(
    page: Page, tmp_path: Path
) -> None:
    """The same test of the last page as ``medialit build`` (test_build_page_warnings.py), on
    the same lessons: a change saved from a text editor makes the student sheet grow a page."""
    with serve(tmp_path / "lesson.yaml", longer(19)) as served:
        open_preview(page, served)
        pages = page.locator("#glance-pages")
        expect(pages).to_contain_text("Standard level: 2 pages", timeout=COUNT_MS)
        warnings = page.locator("#glance-warnings")
        expect(warnings).not_to_contain_text("Standard level: the last page")
        served.lesson.write_text(longer(20), encoding="utf-8")  # one paragraph more
        standard = pages.locator("li", has_text="Standard level")
        expect(standard).to_have_text("Standard level: 3 pages", timeout=COUNT_MS)
        expect(pages.locator("li", has_text="Independent level")).to_have_text(
            re.compile(r"^Independent level: \d+ pages?$"), timeout=COUNT_MS
        )
        expect(warnings).to_contain_text(
            "Standard level: the student sheet grew from 2 to 3 pages with the last change."
        )
        expect(warnings).to_contain_text(
            "Standard level: the last page of the student sheet is nearly empty (about 9% used)"
        )
        page.screenshot(path=SHOTS / "glance-grew.png")
