"""Split an article's text into blocks: paragraphs, list items and subheadings.

The markup is deliberately tiny (blank lines, ``- ``, ``## ``) so that a
teacher can paste an article from anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["paragraph", "item", "heading", "omission"]
"""``omission`` marks paragraphs left out of an excerpt (see :mod:`medialit.sheets.selections`)."""


@dataclass(frozen=True)
class Block:
    """One block of the article; ``number`` counts paragraphs and items, not headings."""

    kind: BlockKind
    text: str
    number: int | None


_SPACES = re.compile(r"\s+")


def split_blocks(article: str) -> list[Block]:
    """Blocks in reading order; lines inside a paragraph are joined with a space."""
    blocks: list[Block] = []
    number = 0
    lines: list[str] = []

    def flush() -> None:
        nonlocal number
        if lines:
            number += 1
            blocks.append(Block("paragraph", _SPACES.sub(" ", " ".join(lines)).strip(), number))
            lines.clear()

    # NFC so that a quote typed with combining accents matches the article's.
    after_blank = False
    for raw in unicodedata.normalize("NFC", article).splitlines():
        line = raw.strip()
        if not line:
            flush()
            after_blank = True
            continue
        if line.startswith("## "):
            flush()
            blocks.append(Block("heading", line[3:].strip(), None))
        elif line.startswith("- "):
            flush()
            number += 1
            blocks.append(Block("item", _SPACES.sub(" ", line[2:]).strip(), number))
        elif not lines and not after_blank and blocks and blocks[-1].kind == "item":
            # A wrapped line right after a list item continues that item.
            last = blocks.pop()
            blocks.append(Block("item", f"{last.text} {line}", last.number))
        else:
            lines.append(line)
        after_blank = False
    flush()
    return blocks
