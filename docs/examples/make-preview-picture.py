"""Make docs/preview.png: the studio, as `medialit new PAGE --preview` opens it, at work.

Run from the repository: .venv/bin/python docs/examples/make-preview-picture.py [OUT.png]
Needs Chromium at /usr/bin/chromium (scripts/install-system-packages --test).

In a working folder made with `medialit init`, `medialit new tests/data/news-story.html
--preview` drafts the lesson and serves it; in Chromium three drafts are confirmed from the
keyboard and a discussion question is written, so the picture shows every part of the page:
the review queue, the article, the pages as they print and the lesson-parts column.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "tests" / "data" / "news-story.html"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
QUESTION = "Which statements could you check, and where would you look?"
NOTES = "The city traffic count, the budget office, the council's vote."


def main(out: Path) -> None:
    medialit = [sys.executable, "-m", "medialit"]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "class"
        subprocess.run([*medialit, "init", str(folder)], check=True, capture_output=True)
        shutil.copy(PAGE, folder / PAGE.name)
        server = subprocess.Popen(
            [*medialit, "new", PAGE.name, "--preview"],
            cwd=folder,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "BROWSER": "true"},  # `true` opens nothing: Chromium does
        )
        assert server.stdout is not None
        url = next(line.strip() for line in server.stdout if line.startswith("http"))
        try:
            shoot(url, out)
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=20)


def shoot(url: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 900})
        page.goto(url)
        counts = re.compile(r"^Student sheet: \d+ pages · Answer key: \d+ pages$")
        expect(page.locator("#page-count")).to_have_text(counts, timeout=60_000)
        status = page.locator("#status")
        # Three drafts confirmed from the keyboard, as the review queue is used.
        page.locator("#queue-list .queue-item").first.click()
        for left in (11, 10, 9):
            page.keyboard.press("Enter")
            expect(page.locator("#queue-count")).to_have_text(re.compile(f"^{left} drafts left"))
        page.keyboard.press("j")
        # A discussion question, with its notes.
        page.locator("#question-add").click()
        page.keyboard.type(QUESTION)
        page.keyboard.press("Tab")
        expect(status).to_have_text(re.compile(r"^Added question \d+"))
        page.keyboard.type(NOTES)
        page.keyboard.press("Tab")
        expect(status).to_have_text(re.compile(r"^Saved question \d+"))
        page.locator("#queue-list").focus()  # the draft chosen, outlined in the article
        expect(page.locator("#page-count")).to_have_text(counts, timeout=60_000)
        page.wait_for_timeout(500)
        page.screenshot(path=str(out))
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "preview.png")
