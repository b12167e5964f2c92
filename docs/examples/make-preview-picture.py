"""Make docs/preview.png: `medialit preview` of the seed lesson, a sentence being marked.

Run from the repository: .venv/bin/python docs/examples/make-preview-picture.py [OUT.png]
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
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SENTENCE = (
    "to undermine the prestige of Russia's President Vladimir Putin and the forces he commands"
)


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        lesson = Path(folder) / "lessons" / "washington-isis-syria-2017.yaml"
        lesson.parent.mkdir()
        shutil.copy(next((ROOT / "lessons").glob("*.yaml")), lesson)
        server = subprocess.Popen(
            [sys.executable, "-m", "medialit", "preview", "--no-open", "lessons/" + lesson.name],
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
        expect(page.locator("#page-count")).to_have_text(
            re.compile(r"^Student sheet: \d+ pages · Answer key: \d+ pages$"), timeout=60_000
        )
        page.locator("#article").evaluate("a => a.scrollTo(0, 260)")
        page.evaluate(
            """(words) => {
              const walker = document.createTreeWalker(document.getElementById('article'),
                NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(words);
                if (at === -1) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + words.length);
                getSelection().addRange(range);
                node.parentElement.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                return;
              }
            }""",
            SENTENCE,
        )
        page.get_by_label("Why").fill(
            "It states what Washington wanted as a fact, and gives no source for it."
        )
        page.wait_for_timeout(500)
        page.screenshot(path=str(out))
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "preview.png")
