"""Put the page's edit into the lesson file: through a link, and never over another edit.

An editor or a sync tool may save the file at any moment, and nothing makes it wait
for us. So the new text is written to a temporary beside the file first, and the
file is read once more just before the temporary replaces it: if it changed since
the edit began, the edit is refused and the other program's text kept. On Linux the
two files are then swapped in one step (``renameat2``), and the file swapped out is
read once more, so that a save landing between that read and the swap is put back
as well; elsewhere a plain replace follows the read, and a save landing in the
microseconds between them is lost.

A lesson that is a link (``lessons/shared.yaml`` → a colleagues' folder) is written
where the link points, as a text editor does: the link stays, and the shared file
gets the change that every other lesson linked to it expects.
"""

from __future__ import annotations

import ctypes
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from medialit.errors import Problem


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
    keep = False  # the temporary, when it holds another program's save
    try:
        if _read(target) != unless_changed_from:
            raise ChangedMeanwhile()
        if not _exchange(temporary, target):
            os.replace(temporary, target)
        elif _read(temporary) != unless_changed_from:
            # Another program saved between the read and the swap: its file goes back.
            keep = True
            os.replace(temporary, target)
            keep = False
            raise ChangedMeanwhile()
    except OSError as exc:
        raise NotSaved(_cannot_write(path, target, exc)) from None
    finally:
        if not keep:
            temporary.unlink(missing_ok=True)


def _read(file: Path) -> bytes | None:
    try:
        return file.read_bytes()
    except OSError:
        return None


def _exchange(first: Path, second: Path) -> bool:
    """Swap two names in one step, so that the file replaced can still be looked at.

    Linux's ``renameat2(RENAME_EXCHANGE)``; ``False`` where the system or the file
    system cannot (then a plain replace is used, and the check before it is all).
    """
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, bytes(first), _AT_FDCWD, bytes(second), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(second))


def _find_renameat2() -> Callable[..., int] | None:
    try:
        function: Callable[..., int] = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # not Linux, or a C library without it
        return None
    return function


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_renameat2 = _find_renameat2()


def _stage(path: Path, target: Path, data: bytes) -> Path:
    """``data`` in a hidden temporary beside ``target``, with ``target``'s permissions."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:  # moved away since it was read
        raise ChangedMeanwhile() from None
    except OSError as exc:
        raise NotSaved(_cannot_write(path, target, exc)) from None
    try:
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
    if path.is_symlink():
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
