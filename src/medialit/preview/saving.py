"""Put the page's edit into the lesson file: through a link, and never over another edit.

An editor or a sync tool may save the file at any moment, and nothing makes it wait
for us. So the new text is written to a temporary beside the file first, and the
file is read once more just before the temporary replaces it: if it changed since
the edit began, the edit is refused and the other program's text kept. What is left
is the moment between that read and the replace, a few microseconds.

A lesson that is a link (``lessons/shared.yaml`` → a colleagues' folder) is written
where the link points, as a text editor does: the link stays, and the shared file
gets the change that every other lesson linked to it expects.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import Problem


class ChangedMeanwhile(Exception):
    """The file is no longer the one the edit started from."""


class NotSaved(Exception):
    """The file cannot be written; ``problem`` says why and what to do."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def write_lesson(path: Path, data: bytes, unless_changed_from: bytes) -> None:
    """Replace the file at ``path`` (or the file it links to) with ``data`` in one step.

    Raises :class:`ChangedMeanwhile` if its bytes are no longer ``unless_changed_from``.
    The caller holds the lock that keeps its own saves one at a time.
    """
    target = Path(os.path.realpath(path))
    temporary = _stage(path, target, data)
    try:
        try:
            with target.open("rb") as stream:
                now = stream.read(len(unless_changed_from) + 1)
        except OSError:
            raise ChangedMeanwhile() from None
        if now != unless_changed_from:
            raise ChangedMeanwhile()
        os.replace(temporary, target)
    except OSError as exc:
        raise NotSaved(_cannot_write(path, target, exc)) from None
    finally:
        temporary.unlink(missing_ok=True)


def _stage(path: Path, target: Path, data: bytes) -> Path:
    """``data`` in a hidden temporary beside ``target``, with ``target``'s permissions."""
    try:
        mode = target.stat().st_mode & 0o7777
        handle, name = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise NotSaved(_cannot_write(path, target, exc)) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # A private lesson stays private, a shared one stays shared.
        os.chmod(temporary, mode)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise NotSaved(_cannot_write(path, target, exc)) from None
    return temporary


def _cannot_write(path: Path, target: Path, exc: OSError) -> Problem:
    reason = exc.strerror or type(exc).__name__
    if target != Path(os.path.abspath(path)):
        return Problem(
            f"this lesson is a link to {target}, and that file cannot be written there "
            f"({reason}), so your change was not saved; ask whoever shares it for write "
            "access, or copy it into your lessons folder and preview the copy.",
            path,
        )
    return Problem(
        f"the lesson file cannot be written here ({reason}), so your change was not "
        "saved; check the folder's permissions and free space, then make the change again.",
        path,
    )
