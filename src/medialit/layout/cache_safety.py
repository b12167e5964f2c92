"""Keep the layout cache the teacher's alone: what is checked before it is read, written or cleaned.

A kept layout becomes a PDF that a teacher hands out, so nobody else may be able
to change the cache, and nothing in it may lead elsewhere:

- the cache folder is made private (``0700``) and every entry readable by its owner
  only (``0600``);
- every folder above the cache folder belongs to the teacher or to root, and one
  that others can write has the sticky bit (as ``/tmp`` has), so that nobody can
  put a folder of their own in the cache folder's place;
- the cache folder, and everything in it, belongs to the teacher (or root) and
  nobody else can write it;
- nothing in the cache folder is read, written or deleted through a link;
- an entry's description is used only if it is whole, well formed and of this
  format (:func:`entry_about`); anything else is a miss.

What fails a check raises :class:`CacheRefused`, whose message names the file or
folder and says what to do; the layout cache then is not used, and a build lays
its documents out afresh.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shlex
import stat
import tempfile
from pathlib import Path
from typing import Any

from medialit.files import remove_stale_temporaries

# On systems without owners and permission bits (Windows), only links are checked.
_POSIX = hasattr(os, "geteuid")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH
_OTHERS_ANY = 0o077
OWN_FOLDER = (
    "use a cache folder of your own: set XDG_CACHE_HOME to a folder only you can write "
    '(for example export XDG_CACHE_HOME="$HOME/.cache")'
)


class CacheRefused(Exception):
    """The layout cache, or one thing in it, may not be used; the message says what to do."""


def prepare(root: Path, create: bool) -> Path | None:
    """Check the cache folder ``root`` and every folder above it; with ``create``, make the
    missing ones (private). Returns the folder's real place (a link to the cache folder is
    fine: its target is what is checked, and what is used); None when it does not exist
    and ``create`` is false.
    """
    root = Path(os.path.realpath(root))
    for path in [*reversed(root.parents), root]:
        try:
            status = os.lstat(path)
        except FileNotFoundError:
            if not create:
                return None
            with contextlib.suppress(FileExistsError):  # another build made it meanwhile
                os.mkdir(path, 0o700)
            status = os.lstat(path)
        if not stat.S_ISDIR(status.st_mode):
            raise CacheRefused(
                f"{path} is not a folder, so medialit cannot keep layouts in it; "
                f"move it away, or {OWN_FOLDER}."
            )
        if path == root:
            check_private(path, status, root)
            if _POSIX and status.st_mode & _OTHERS_ANY and status.st_uid == os.geteuid():
                os.chmod(path, 0o700)  # made by an older medialit: the names in it are private
        else:
            _check_above(path, status, root)
    return root


def _check_above(path: Path, status: os.stat_result, root: Path) -> None:
    if not _POSIX:
        return
    if status.st_uid not in (0, os.geteuid()):
        raise CacheRefused(
            f"{path} belongs to another user ({_user(status.st_uid)}), who could put a folder "
            f"of their own in the place of the layout cache {root}; {OWN_FOLDER}."
        )
    if status.st_mode & _OTHERS_WRITE and not status.st_mode & stat.S_ISVTX:
        fix = OWN_FOLDER
        if status.st_uid == os.geteuid():
            fix = f"make it yours alone with: chmod go-w {shlex.quote(str(path))}"
        raise CacheRefused(
            f"{path} can be changed by other users ({stat.filemode(status.st_mode)}), who could "
            f"put a folder of their own in the place of the layout cache {root}; {fix}"
        )


def check_private(path: Path, status: os.stat_result, root: Path) -> None:
    """Refuse ``path`` in the cache folder ``root`` if it is a link, or not the teacher's alone."""
    if stat.S_ISLNK(status.st_mode):
        raise CacheRefused(link_message(path))
    if not _POSIX:
        return
    if status.st_uid not in (0, os.geteuid()):
        raise CacheRefused(
            f"{path} belongs to another user ({_user(status.st_uid)}), who could change the "
            f"layouts medialit keeps there; {OWN_FOLDER}."
        )
    if status.st_mode & _OTHERS_WRITE:
        raise CacheRefused(
            f"{path} can be changed by other users ({stat.filemode(status.st_mode)}), who could "
            "change the layouts medialit keeps there; make the cache folder yours alone with: "
            f"chmod -R go-rwx {shlex.quote(str(root))}"
        )


def link_message(path: Path) -> str:
    """What a link found in the cache folder is told: it is never followed, and how to remove it."""
    return (
        f"{path} is a link, and medialit never reads, writes or deletes through a link in "
        f"its cache folder; remove the link: rm {shlex.quote(str(path))}"
    )


def subfolder(path: Path, root: Path, create: bool) -> bool:
    """Whether the folder ``path`` in the cache exists (made private with ``create``);
    refused if it is a link or not the teacher's alone.
    """
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        if not create:
            return False
        with contextlib.suppress(FileExistsError):
            os.mkdir(path, 0o700)
        status = os.lstat(path)
    check_private(path, status, root)
    if not stat.S_ISDIR(status.st_mode):
        raise CacheRefused(
            f"{path} is not a folder, but medialit keeps layouts there; "
            f"remove it: rm {shlex.quote(str(path))}"
        )
    return True


def read_private(file: Path, root: Path, secret: bool = False) -> bytes:
    """The bytes of ``file`` in the cache, never through a link; with ``secret``, refused
    when others may read it. FileNotFoundError when there is none.
    """
    try:
        # O_NONBLOCK: a pipe put in an entry's place is refused below, not waited on.
        handle = os.open(file, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        if file.is_symlink():
            check_private(file, os.lstat(file), root)  # refuses it, saying so
        raise
    with os.fdopen(handle, "rb") as stream:
        status = os.fstat(handle)
        check_private(file, status, root)
        if not stat.S_ISREG(status.st_mode):
            raise CacheRefused(
                f"{file} is not a file, but medialit keeps layouts there; "
                f"remove it: rm {shlex.quote(str(file))}"
            )
        if secret and _POSIX and status.st_mode & _OTHERS_ANY:
            raise CacheRefused(
                f"{file} can be read by other users ({stat.filemode(status.st_mode)}), who could "
                "then forge kept layouts; make the cache folder yours alone with: "
                f"chmod -R go-rwx {shlex.quote(str(root))}"
            )
        return stream.read()


def write_private(file: Path, data: bytes, root: Path) -> None:
    """Write ``file`` in the cache, readable by its owner only, never through a link.

    It is written to a temporary first and moved into place, so it is never seen
    half-written.
    """
    with contextlib.suppress(FileNotFoundError):
        check_private(file, os.lstat(file), root)
    remove_stale_temporaries(file.parent)
    # mkstemp makes the file with O_EXCL and mode 0600; the process number tells
    # remove_stale_temporaries when the writer is gone.
    handle, name = tempfile.mkstemp(
        prefix=f".{file.name}.{os.getpid()}.", suffix=".tmp", dir=file.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(name, file)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def create_private(file: Path, data: bytes) -> bool:
    """Make ``file`` with ``data`` (owner only) unless it exists; False if it did."""
    handle, name = tempfile.mkstemp(
        prefix=f".{file.name}.{os.getpid()}.", suffix=".tmp", dir=file.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.link(name, file)  # never replaces: two builds starting at once keep one file
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: made in place (a reader may see it empty)
        try:
            handle = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        except FileExistsError:
            return False
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
    finally:
        Path(name).unlink(missing_ok=True)
    return True


def scan(folder: Path, skipped: list[str], folders: bool = False) -> list[os.DirEntry[str]]:
    """The files (or the ``folders``) in ``folder``; links are left out, and said in ``skipped``.

    ``folder`` itself has been checked not to be a link (scandir would follow it).
    """
    try:
        with os.scandir(folder) as found:
            entries = list(found)
    except OSError:
        return []
    for entry in entries:
        if entry.is_symlink() and link_message(Path(entry.path)) not in skipped:
            skipped.append(link_message(Path(entry.path)))
    return [
        entry
        for entry in entries
        if not entry.is_symlink() and entry.is_dir(follow_symlinks=False) == folders
    ]


def signing_key(file: Path, root: Path) -> bytes:
    """The secret that entries are signed with, made on first use (owner only)."""
    for _ in range(2):
        try:
            key = read_private(file, root, secret=True)
        except FileNotFoundError:
            create_private(file, secrets.token_bytes(32))
            continue
        if len(key) == 32:
            return key
        file.unlink()  # damaged: every entry signed with it is laid out again
        create_private(file, secrets.token_bytes(32))
    return read_private(file, root, secret=True)


def remove_old_layouts(folder: Path, suffixes: tuple[str, ...]) -> None:
    """Remove the layouts an older medialit kept (as pickles) in ``folder``, never through
    a link: only files whose names end in ``suffixes``, and temporaries.
    """
    if folder.is_symlink() or not folder.is_dir():
        return
    skipped: list[str] = []
    for sub in scan(folder, skipped, folders=True):
        for entry in scan(Path(sub.path), skipped):
            if entry.name.endswith((*suffixes, ".tmp")):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
        with contextlib.suppress(OSError):
            os.rmdir(sub.path)
    with contextlib.suppress(OSError):
        os.rmdir(folder)


_HASH = re.compile(r"[0-9a-f]{64}")


def entry_about(data: bytes, expected: str) -> dict[str, Any] | None:
    """An entry's description (its ``.json``), if of format ``expected``, whole and well formed:
    hashes where hashes go, lists of text where text goes. None otherwise, never an error.
    """
    try:
        about = json.loads(data)
    except (ValueError, RecursionError):  # not JSON, cut short, or brackets nested deep
        return None
    if not isinstance(about, dict) or about.get("format") != expected:
        return None
    pages, mac, fetched = about.get("pages"), about.get("mac"), about.get("fetched")
    if not (
        all(isinstance(value, str) and _HASH.fullmatch(value) for value in (pages, mac))
        and _strings(about.get("refused"))
        and _strings(about.get("owners"))
        and isinstance(fetched, list)
        and all(isinstance(pair, list) and len(pair) == 2 and _strings(pair) for pair in fetched)
    ):
        return None
    return about


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _user(uid: int) -> str:
    import pwd  # POSIX only, as owners are

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"user {uid}"
