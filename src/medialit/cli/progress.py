"""A progress bar for long builds, shown only to a person watching a terminal."""

from __future__ import annotations

import sys
from typing import Any

import click


class _TerminalProgress:
    """Draws click's progress bar on standard error."""

    def __init__(self) -> None:
        self.bar: Any = None

    def start(self, total: int) -> None:
        if total:
            self.bar = click.progressbar(length=total, label="Building", file=sys.stderr)
            self.bar.__enter__()

    def advance(self) -> None:
        if self.bar is None:
            return
        self.bar.update(1)
        if self.bar.finished:
            self.bar.__exit__(None, None, None)  # ends the bar's line before the report
            self.bar = None


def terminal_progress(*, quiet: bool) -> _TerminalProgress | None:
    """A progress bar, or ``None`` with ``quiet`` or when standard error is not a terminal."""
    if quiet or not sys.stderr.isatty():
        return None
    return _TerminalProgress()
