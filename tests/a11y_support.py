"""Shared by the accessibility tests of medialit preview (issue 23 items 13-15, issue 24 items
7-8): keyboard helpers, and a preview served on a lesson of the test's own."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page

from .process_support import default_signals
from .test_preview_browser import Served

SHOTS = Path("/tmp/a11y-shots")
"""Where the tests leave their screenshots, to look at."""


@contextmanager
def serve(lesson: Path, text: str) -> Iterator[Served]:
    """`medialit preview` on ``text``, written to ``lesson``, in a real subprocess."""
    lesson.write_text(text, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "medialit", "preview", "--no-open", str(lesson)],
        cwd=lesson.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_signals,
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{20,}", url), url
    served = Served(url, lesson, process)
    try:
        yield served
    finally:
        process.send_signal(signal.SIGINT)
        _, served.errors = process.communicate(timeout=20)
        assert process.returncode == 0, served.errors
        assert "Traceback" not in served.errors, served.errors


def focused(page: Page) -> str:
    """The focused element, as ``tag#id.class[data-kind]`` (enough to tell them apart)."""
    return str(
        page.evaluate(
            """() => {
              const e = document.activeElement;
              if (!e) return '';
              const kind = e.dataset && e.dataset.kind ? `[${e.dataset.kind}]` : '';
              const index = e.dataset && e.dataset.index ? `[${e.dataset.index}]` : '';
              return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + kind + index;
            }"""
        )
    )


def tab_to(page: Page, pattern: str, *, limit: int = 30, back: bool = False) -> int:
    """Press Tab (Shift+Tab if ``back``) until the focused element matches; how many presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if re.search(pattern, focused(page)):
            return presses
    raise AssertionError(f"{pattern} not reached in {limit} presses; focus on {focused(page)}")
