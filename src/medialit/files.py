"""Read a teacher's text files and write medialit's outputs, safely.

Every text file medialit reads (a lesson, ``medialit.toml``, a roster) goes
through :func:`read_text`: UTF-8 with or without a byte-order mark, an
optional size cap, and a message naming the file and the line when it is
not UTF-8. Every output goes through :func:`write_all`: written to a
temporary beside its target and moved into place only when all of them are
written, so a failed build never leaves a half-written file or destroys the
previous one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import MedialitError, OutputError, Problem

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
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = not_utf8.format(byte=f"{exc.start + 1:,}")
        raise error(Problem(message, file=file, line=line)) from None


def write_all(folder: Path, files: dict[str, bytes]) -> None:
    """Write every file to a temporary beside its target, then move them all into place.

    Nothing is replaced until every file has been written in full, so a full disk
    or a folder in the way leaves the previous outputs as they were.
    """
    _prepare_folder(folder)
    staged: list[tuple[Path, Path]] = []
    try:
        for filename, data in files.items():
            target = folder / filename
            if target.parent != folder:  # class-pack copies go in a sub-folder
                _prepare_folder(target.parent)
            if target.exists() and not target.is_file():
                raise OutputError(
                    Problem("this is not a file, so it cannot be replaced; move it away.", target)
                )
            staged.append((_write_temporary(target, data), target))
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


def _write_temporary(target: Path, data: bytes) -> Path:
    """``data`` in a hidden temporary file beside ``target``, readable like any new file."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes files only the owner can read; outputs follow the umask.
        os.chmod(temporary, 0o666 & ~_umask())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
