"""Make docs/preview-parts.png: `medialit preview`'s lesson-parts column on a lesson of lessons/.

The plan open with a step retimed (its live total, not saved while it does not add up), and a
word double-clicked in the article, which the glossary's button offers to add. Nothing is
saved: the lesson is a copy in a temporary folder.

Run from the repository: .venv/bin/python docs/examples/make-parts-picture.py [OUT.png]
Needs Chromium at /usr/bin/chromium (scripts/install-system-packages --test).
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "lessons" / "nci-extreme-obesity-2014.yaml"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
WORD = "pooled"


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        lesson = Path(folder) / "lessons" / LESSON.name
        lesson.parent.mkdir()
        shutil.copy(LESSON, lesson)
        server = subprocess.Popen(
            [sys.executable, "-m", "medialit", "preview", "--no-open", "lessons/" + lesson.name],
            cwd=folder,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                page.goto(url)
                shoot(page, out)
                browser.close()
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=20)


def shoot(page: Page, out: Path) -> None:
    expect(page.locator("#q-0-text")).to_be_visible(timeout=30_000)
    expect(page.locator("#pages img.page").first).to_be_visible(timeout=60_000)
    page.locator("#part-questions-summary").click()  # closed: the plan comes first
    page.locator("#part-plan-summary").click()
    page.locator("#part-glossary-summary").click()
    page.locator("#s-1-minutes").fill("12")  # not saved: the steps do not add up
    page.locator("#s-1-minutes").press("Tab")
    expect(page.locator("#plan-state")).to_contain_text("Not saved yet")
    box = page.evaluate(
        """(word) => {
          for (const text of document.querySelectorAll('#article .text')) {
            const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const at = node.data.indexOf(word);
              if (at === -1) continue;
              const range = document.createRange();
              range.setStart(node, at + 1);
              range.setEnd(node, at + 2);
              node.parentElement.scrollIntoView({block: 'center'});
              const r = range.getBoundingClientRect();
              return {x: r.x + r.width / 2, y: r.y + r.height / 2};
            }
          }
        }""",
        WORD,
    )
    page.mouse.dblclick(box["x"], box["y"])
    expect(page.locator("#glossary-add")).to_have_text(f"Add “{WORD}”")
    page.evaluate("document.getElementById('part-plan').scrollIntoView()")
    page.screenshot(path=str(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "preview-parts.png")
