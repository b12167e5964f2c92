"""``medialit init DIR``: a new working folder, laid out as medialit's own repository is.

The starter files are package data (``medialit/starter/``): a short example
lesson to start from and a long, advanced one, each with its seed article, an
empty ``templates/`` with a README on overriding, and a commented ``medialit.toml``.
Exactly the files of :data:`STARTER_FILES` are copied, so nothing else that lands in
the package folder reaches a new working folder; and the repository's own ``lessons/``
and ``seeds/`` are ordinary folders (a working folder like any other), never links
into the package, so ``medialit new`` in a clone cannot add to the starter.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from medialit.errors import MedialitError, Problem
from medialit.files import umask

STARTER = "starter"
FIRST_LESSON = "school-start-time.yaml"
"""The short example lesson a new working folder starts from."""
ADVANCED_LESSON = "washington-isis-syria-2017.yaml"
"""The long seed lesson, offered as a second, advanced example."""
STARTER_FILES = (
    "lessons/README.md",
    f"lessons/{FIRST_LESSON}",
    f"lessons/{ADVANCED_LESSON}",
    "medialit.toml",
    "seeds/000_6720225e856085cf.txt",
    "seeds/README.md",
    "seeds/school-start-time.txt",
    "templates/README.md",
)
"""What ``medialit init`` copies, by its path inside the working folder: these and no more."""


def starter_files() -> dict[str, bytes]:
    """Every starter file, by its path inside the working folder (``lessons/x.yaml``)."""
    starter = resources.files("medialit") / STARTER
    files: dict[str, bytes] = {}
    for relative in STARTER_FILES:
        entry: Traversable = starter
        for part in relative.split("/"):
            entry = entry / part
        files[relative] = entry.read_bytes()
    return files


def make_working_folder(target: Path) -> list[Path]:
    """Create ``target`` with the starter files; refuse a folder that already has files."""
    if target.exists() and not target.is_dir():
        raise MedialitError(
            Problem("is a file, not a folder; choose a new folder name.", file=target)
        )
    if target.is_dir() and any(target.iterdir()):
        raise MedialitError(
            Problem(
                "already has files in it, and medialit init never overwrites anything; "
                "choose a new or empty folder.",
                file=target,
            )
        )
    files = starter_files()
    if target.is_dir():
        # An empty folder, often the one the teacher is in (medialit init .): fill it in place,
        # since renaming over it would leave the teacher's shell in a deleted folder.
        _write_all(files, target, staging_in=target, into_existing=True)
    else:
        _write_all(files, target, staging_in=target.resolve().parent, into_existing=False)
    return [target / relative for relative in files]


def _write_all(
    files: dict[str, bytes], target: Path, staging_in: Path, into_existing: bool
) -> None:
    """Write ``files`` into a hidden folder, then move them into place: a full disk or a
    read-only folder leaves nothing half-made behind."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=".medialit-init.", dir=staging_in))
    except OSError as exc:
        raise MedialitError(
            Problem(
                f"cannot create the folder here ({exc.strerror}); choose a folder you may "
                "write to.",
                file=target,
            )
        ) from None
    moved: list[Path] = []
    try:
        for relative, data in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        staging.chmod(0o777 & ~umask())  # mkdtemp makes it private
        if into_existing:
            for entry in sorted(staging.iterdir()):
                os.rename(entry, target / entry.name)
                moved.append(target / entry.name)
        else:
            os.rename(staging, target)
    except OSError as exc:
        for path in moved:  # back to the empty folder the teacher had
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()
        raise MedialitError(
            Problem(
                f"cannot write the new working folder ({exc.strerror}); nothing was created. "
                "Free some space or choose another folder, then try again.",
                file=target,
            )
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
