"""Read a teacher's text files and write medialit's outputs, safely.

Every text file medialit reads (a lesson, ``medialit.toml``, a roster) goes
through :func:`read_text`: UTF-8 with or without a byte-order mark, an
optional size cap, and a message naming the file and the line when it is
not UTF-8. Every output goes through :func:`write_all`: written to a
temporary beside its target and moved into place only when all of them are
written, so a failed build never leaves a half-written file or destroys the
previous one. Below the output folder, nothing is written through a link
(:func:`refuse_links`).
"""

from __future__ import annotations

import codecs
import contextlib
import os
import signal
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from medialit.errors import MedialitError, OutputError, Problem

SAVE_AS_UTF8 = "open it in a text editor and save it as UTF-8"


def read_text(
    file: Path,
    error: type[MedialitError],
    *,
    unreadable: str,
    not_utf8: str,
    max_bytes: int | None = None,
    too_large: str = "",
) -> str:
    """The text of ``file``; any problem is raised as ``error`` naming the file.

    ``unreadable`` may name ``{reason}`` (why the system could not read it),
    ``not_utf8`` the ``{byte}`` that is not UTF-8. With ``max_bytes``, no more
    than that is read, and a longer file is refused with ``too_large``.
    """
    try:
        with file.open("rb") as stream:
            data = stream.read(-1 if max_bytes is None else max_bytes + 1)
    except OSError as exc:
        raise error(Problem(unreadable.format(reason=exc.strerror), file=file)) from None
    if max_bytes is not None and len(data) > max_bytes:
        raise error(Problem(too_large, file=file))
    return decode_text(data, file, error, not_utf8)


def decode_text(data: bytes, file: Path, error: type[MedialitError], not_utf8: str) -> str:
    """``data`` as UTF-8 (a byte-order mark is dropped), or ``error`` at the line it fails."""
    # As "utf-8-sig" decodes, without importing its codec (the mark is three bytes).
    mark = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[mark:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = mark + exc.start  # counted in the file, its mark included, as an editor counts
        line = data.count(b"\n", 0, at) + 1
        message = not_utf8.format(byte=f"{at + 1:,}")
        raise error(Problem(message, file=file, line=line)) from None


def write_all(folder: Path, files: dict[str, bytes], *, within: Path | None = None) -> None:
    """Write every file to a temporary beside its target, then move them all into place.

    Nothing is replaced until every file has been written in full, so a full disk
    or a folder in the way leaves the previous outputs as they were. With ``within``
    (the output folder ``folder`` is in), nothing is written if a folder or file on the
    way from ``within`` to a target is a link.
    """
    if within is not None:
        for filename in files:
            refuse_links(within, folder / filename)
    with interruptions_held():
        _write_all(folder, files)


def refuse_links(root: Path, path: Path) -> None:
    """Raise :class:`OutputError` if ``path``, or a folder between ``root`` and it, is a link.

    ``root`` itself (``--out``) may be a link: a teacher may point ``build`` at a USB
    stick. Below it, a link (a working folder received as a zip may hold one) would
    send the sheets, and the tidying of earlier copies, into a folder that is not
    medialit's, so none is followed. Paths that do not exist yet are fine: medialit
    makes real folders and files there.
    """
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except OSError:
            return  # nothing further exists (or writing will say why it cannot)
        if stat.S_ISLNK(mode):
            raise OutputError(Problem(_LINK_REFUSED.format(link=link_target(current)), current))


_LINK_REFUSED = (
    "this is a link{link}, and medialit writes and tidies only inside its output folder, "
    "never through a link, so nothing was written; remove the link (medialit then makes a "
    "real folder or file here), or choose another --out folder."
)


def link_target(link: Path) -> str:
    """`` to <where the link leads>``, or nothing if that cannot be read."""
    try:
        return f" to {os.readlink(link)}"
    except OSError:
        return ""


@contextlib.contextmanager
def interruptions_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block ends; they take effect then.

    Writing takes a moment; an interruption in its middle could skip the clean-up
    and leave hidden temporaries behind. Starting a child process runs Python's fork
    hooks, which swallow the exception a signal raises there (``timelimit.py``).
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal mask to hold them with
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


STOP_WHILE_WRITING = "MEDIALIT_TEST_STOP_WHILE_WRITING"
"""For tests only: set, a process stops itself (SIGSTOP) once its first temporary is on disk,
so a test can signal or kill it in the middle of writing, waiting for that moment as an event
(its parent sees the stop) rather than watching the folder with a timer."""


def _write_all(folder: Path, files: dict[str, bytes]) -> None:
    _prepare_folder(folder)
    remove_stale_temporaries(folder)
    staged: list[tuple[Path, Path]] = []
    try:
        for filename, data in files.items():
            target = folder / filename
            if target.parent != folder:  # class-pack copies go in a sub-folder
                _prepare_folder(target.parent)
                remove_stale_temporaries(target.parent)
            if target.exists() and not target.is_file():
                raise OutputError(
                    Problem("this is not a file, so it cannot be replaced; move it away.", target)
                )
            staged.append((_write_temporary(target, data), target))
            if len(staged) == 1 and os.environ.get(STOP_WHILE_WRITING):
                os.kill(os.getpid(), signal.SIGSTOP)
        for temporary, target in staged:
            os.replace(temporary, target)
    except OSError as exc:
        raise OutputError(
            Problem(f"cannot write here ({exc.strerror}); check the folder and free space.", folder)
        ) from None
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def write_atomically(target: Path, data: bytes) -> None:
    """Write one file through a temporary, so it is never seen half-written."""
    write_all(target.parent, {target.name: data})


def _prepare_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputError(
            Problem(
                "a file is in the way of this output folder; move it away or choose another "
                "--out folder.",
                folder,
            )
        ) from None
    except OSError as exc:
        raise OutputError(
            Problem(f"cannot make this folder ({exc.strerror}); check --out.", folder)
        ) from None


_TEMPORARY_SUFFIX = ".tmp"
# Temporaries without a process number (older medialit) are stale after this long.
_STALE_SECONDS = 3600


def remove_stale_temporaries(folder: Path) -> None:
    """Remove temporary files left in ``folder`` by a build that was killed (``kill -9``).

    Each temporary carries its build's process number; those of builds still
    running (a concurrent build of the same lesson) are left alone.
    """
    try:
        for path in folder.glob(f".*{_TEMPORARY_SUFFIX}"):
            parts = path.name[: -len(_TEMPORARY_SUFFIX)].rsplit(".", 2)
            if len(parts) == 3 and parts[1].isdigit():
                stale = not _running(int(parts[1]))
            else:
                stale = time.time() - path.stat().st_mtime > _STALE_SECONDS
            if stale and path.is_file() and not path.is_symlink():
                path.unlink(missing_ok=True)
    except OSError:
        pass  # leaving a stale file is harmless; writing reports real problems


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def _write_temporary(target: Path, data: bytes) -> Path:
    """``data`` in a hidden temporary file beside ``target``, readable like any new file."""
    # The process number tells a later build whether the temporary's writer is gone.
    handle, name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=_TEMPORARY_SUFFIX, dir=target.parent
    )
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes files only the owner can read; outputs follow the umask.
        os.chmod(temporary, 0o666 & ~umask())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def umask() -> int:
    """The process's umask (Python can read it only by setting it, so it is set back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
