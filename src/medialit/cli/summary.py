"""One line that tells a teacher what a command wrote, short enough to read at a glance."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

LISTED_UP_TO = 4
"""A plain build writes 2 files and --versions 2 writes 4: those are listed by name."""


def written(outputs: Sequence[Path], verb: str = "wrote") -> str:
    """``wrote a.pdf, b.pdf`` for a few files; ``wrote 31 files to build/lesson/`` for more."""
    if len(outputs) <= LISTED_UP_TO:
        return f"{verb} {', '.join(str(path) for path in outputs)}"
    folder = Path(os.path.commonpath([path.parent for path in outputs]))
    return f"{verb} {len(outputs)} files to {folder}{os.sep}"
