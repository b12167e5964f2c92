"""Working in the repository never writes into the package (issue 24, item 6).

The repository's ``lessons/`` and ``seeds/`` are ordinary folders, and ``medialit init``
copies only the starter lessons, whatever a teacher has done in a working folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from medialit.cli.starter import STARTER_FILES

from .conftest import ROOT

STARTER = ROOT / "src" / "medialit" / "starter"


@pytest.mark.parametrize("relative", ["lessons", "seeds", "medialit.toml", "templates/README.md"])
def test_the_repository_folders_are_its_own_not_links(relative: str) -> None:
    path = ROOT / relative
    assert not path.is_symlink(), f"{relative} must be an ordinary file or folder, not a link"
    assert path.exists()


def test_the_package_holds_only_the_starter_files() -> None:
    """Nothing stray in ``src/medialit/starter/`` (the wheel ships the whole folder)."""
    found = sorted(
        str(path.relative_to(STARTER))
        for path in STARTER.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )
    assert found == sorted(STARTER_FILES)


def _copy_of_the_repository(target: Path) -> Path:
    """The repository's files as a clone has them (links kept as links), this checkout's
    state included, so the test sees uncommitted work too."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for relative in filter(None, listed.split("\0")):
        source = ROOT / relative
        if not source.is_symlink() and not source.is_file():
            continue  # gone in this checkout (a link now a folder), not yet committed
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            destination.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, destination)
    return target


def _medialit(clone: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The clone's own medialit (its src/ first on the path), as a teacher runs it there."""
    env = {**os.environ, "PYTHONPATH": str(clone / "src")}
    return subprocess.run(
        [sys.executable, "-m", "medialit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.build
def test_new_in_a_clone_leaves_what_init_copies_alone(tmp_path: Path) -> None:
    clone = _copy_of_the_repository(tmp_path / "clone")
    made = _medialit(clone, "new", "tests/data/news-story.html", "--name", "mine", cwd=clone)
    assert made.returncode == 0, made.stderr
    assert (clone / "lessons" / "mine.yaml").is_file()
    assert not (clone / "src" / "medialit" / "starter" / "lessons" / "mine.yaml").exists()

    folder = tmp_path / "class"
    result = _medialit(clone, "init", str(folder), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lessons = sorted(path.name for path in (folder / "lessons").iterdir())
    assert lessons == ["README.md", "school-start-time.yaml", "washington-isis-syria-2017.yaml"]
    seeds = sorted(path.name for path in (folder / "seeds").iterdir())
    assert seeds == ["000_6720225e856085cf.txt", "README.md", "school-start-time.txt"]
    made_files = sorted(
        str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()
    )
    assert made_files == sorted(STARTER_FILES)
