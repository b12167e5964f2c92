"""axe-core, run in the preview page by Chromium (issue 23, item 15): no serious or critical
violation, with the pages laid out (the pane scrolls) and with the marking dialog open.

axe-core comes from npm, pinned with its integrity hash in tests/axe/package-lock.json;
`make test` installs it (npm ci). The page's Content-Security-Policy forbids inline scripts,
so the test's own browser context bypasses it to inject axe.min.js; the page is otherwise
the one a teacher sees."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .a11y_support import SHOTS, serve, tab_to
from .browser_support import WarmContexts
from .preview_helpers import LESSON
from .test_preview_browser import (
    Served,
    open_preview,
)

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# Long enough to make the article and the pages pane scroll.
LONG = LESSON.replace(
    "  Some readers complained. The mayor did not answer.\n",
    "  Some readers complained. The mayor did not answer.\n"
    + "".join(
        f"\n  Paragraph {n} repeats what readers said about the hours at the library.\n"
        for n in range(4, 40)
    ),
)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with serve(tmp_path / "lesson.yaml", LONG) as running:
        yield running


@pytest.fixture
def axe_page(warm_pages: WarmContexts) -> Page:
    assert AXE.is_file(), f"{AXE} is missing: run  npm ci --prefix tests/axe  (make test does)"
    return warm_pages.page(bypass_csp=True)  # axe-core is added to the page


def serious(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=AXE)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_axe_finds_no_serious_or_critical_violation(axe_page: Page, served: Served) -> None:
    page = axe_page
    open_preview(page, served)
    expect(page.locator("#pages img.page").first).to_be_visible(timeout=120_000)
    expect(page.locator("#pages")).not_to_have_class("pages busy", timeout=120_000)
    assert page.locator("#pages").evaluate("p => p.scrollHeight > p.clientHeight")
    assert page.locator("#article").evaluate("a => a.scrollHeight > a.clientHeight")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "axe-page.png")
    found = serious(page)
    assert not found, json.dumps(found, indent=1)
    # The dialog open, from the keyboard, on a highlight.
    tab_to(page, r"^div#article")
    tab_to(page, r"^mark")
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_be_visible()
    page.screenshot(path=SHOTS / "axe-dialog.png")
    found = serious(page)
    assert not found, json.dumps(found, indent=1)
