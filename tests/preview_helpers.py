"""A small lesson for the preview tests, with the comments and styles a teacher writes."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

LESSON = """\
# A teacher's comment at the top: kept by every save.
title: 'The library hours'
source:
  author: Sam Reporter
  outlet: Riverside Gazette
  published: 2024-03-01
article: |
  The council's website says the library closes at 6 pm on Saturdays. Everyone knows the old hours were better.

  So the new hours will surely drive readers away. Some readers complained.

  Some readers complained. The mayor did not answer.
annotations:
  # --- Paragraph 1 ---
  - quote: "The council's website says the library closes at 6 pm on Saturdays."
    kind: evidence   # a comment after a value
    why: >-
      It names where the information comes from, and anyone can look it up.
  - quote: "Everyone knows the old hours were better."
    kind: assertion
    why: No support is given.
    draft: true
"""

FIRST = "The council's website says the library closes at 6 pm on Saturdays."
ASSERTION = "Everyone knows the old hours were better."
INFERENCE = "So the new hours will surely drive readers away."
TWICE = "Some readers complained."
MAYOR = "The mayor did not answer."


# Where some words of the article stand on the screen, for aiming a real mouse drag at them
# (page.evaluate(WORDS_ON_SCREEN, words): {left, right, top, bottom}, or null if absent).
# The browser tests and benchmarks/bench_studio.py aim with it; the drags themselves are real.
WORDS_ON_SCREEN = """(words) => {
  for (const text of document.querySelectorAll('#article .text')) {
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(words);
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + words.length);
      const r = range.getBoundingClientRect();
      return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
    }
  }
  return null;
}"""


def run_apart(scene: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """``asyncio.run(scene())`` in a thread of its own: the browser tests' Playwright keeps an
    event loop running in this one when they run in the same session."""
    done: list[T] = []
    thread = threading.Thread(target=lambda: done.append(asyncio.run(scene())))
    thread.start()
    thread.join()
    assert done, "the scene failed (its error is above)"
    return done[0]
