"""The preview's undo history: the file as it was before each of the page's saves.

Ctrl+Z gives back the file's exact bytes from before the last save (so a deleted
statement returns with its id, fields and comments), several steps back, as long as
nothing else changed the file since: an edit made in another editor is never undone.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_STEPS = 50


@dataclass(frozen=True)
class Step:
    """One save: what it did (for the page), the bytes before it and the version after it."""

    label: str
    before: bytes
    after: str


class History:
    """The page's saves, newest last; forgotten when the file changes in another way."""

    def __init__(self) -> None:
        self._steps: list[Step] = []

    def record(self, label: str, before: bytes, after: str) -> None:
        self._steps = [*self._steps, Step(label, before, after)][-MAX_STEPS:]

    def last(self, version: str) -> Step | None:
        """The step to undo on the file at ``version``, if the page's last save made it."""
        if self._steps and self._steps[-1].after == version:
            return self._steps[-1]
        self._steps = []  # the file changed elsewhere: no older step applies any more
        return None

    def undone(self) -> None:
        self._steps.pop()

    def label(self, version: str) -> str | None:
        """What Ctrl+Z would undo on the file at ``version``, for the page's Undo button."""
        return self._steps[-1].label if self._steps and self._steps[-1].after == version else None
