"""Make docs/preview-queue.png: the review queue of a lesson `medialit new` just drafted.

Run from the repository: .venv/bin/python docs/examples/make-queue-picture.py [OUT.png]
Needs Chromium at /usr/bin/chromium (scripts/install-system-packages --test).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        page = ROOT / "tests" / "data" / "news-story.html"
        subprocess.run(
            [sys.executable, "-m", "medialit", "new", str(page), "--name", "street-trial"],
            cwd=folder,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        server = subprocess.Popen(
            [sys.executable, "-m", "medialit", "preview", "--no-open", "lessons/street-trial.yaml"],
            cwd=folder,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        try:
            shoot(url, out)
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=20)


def shoot(url: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 860})
        page.goto(url)
        expect(page.locator("#queue-list [role=option]").first).to_be_visible()
        page.locator("#queue-list").focus()
        for key in ("j", "j"):  # the third least sure draft, as a teacher moving down
            page.keyboard.press(key)
        expect(page.locator("#page-count")).to_contain_text("Answer key", timeout=60_000)
        page.wait_for_timeout(500)
        page.screenshot(path=str(out))
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "preview-queue.png")
