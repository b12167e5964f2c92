"""Make docs/preview-glance.png: the preview's glance panel and selections, on the long
example lesson with its `core` selection, once every page count has come.

Run from the repository: .venv/bin/python docs/examples/make-glance-picture.py [OUT.png]
Needs Chromium at /usr/bin/chromium (scripts/install-system-packages --test).
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
LESSON = "washington-isis-syria-2017.yaml"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        lesson = Path(folder) / "lessons" / LESSON
        lesson.parent.mkdir()
        shutil.copy(ROOT / "lessons" / LESSON, lesson)
        server = subprocess.Popen(
            [sys.executable, "-m", "medialit", "preview", "--no-open", "lessons/" + LESSON],
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
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.goto(url)
        counted = re.compile(r"^Independent level: \d+ pages?$")
        expect(page.locator("#glance-pages li").last).to_have_text(counted, timeout=300_000)
        expect(page.locator("#selection-summary")).to_contain_text("student sheet: ")
        page.locator("#selection-list input").nth(2).focus()
        page.locator("aside.glance").screenshot(path=str(out))
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "preview-glance.png")
