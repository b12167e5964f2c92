"""`medialit clean`: a working folder's outputs and kept layouts go, nothing else does."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli.main import main
from medialit.layout.cache import FORMAT

from .conftest import DATA

pytestmark = pytest.mark.build


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "medialit" / FORMAT


def working_folder(parent: Path, name: str) -> Path:
    folder = parent / name
    (folder / "lessons").mkdir(parents=True)
    shutil.copy(DATA / "sample.yaml", folder / "lessons" / "sample.yaml")
    return folder


def run(folder: Path, *args: str) -> tuple[int, str]:
    """Run medialit in ``folder`` as a teacher does (``cd folder; medialit …``)."""
    here = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(here)
    return result.exit_code, result.output


def entries(cache: Path) -> set[str]:
    return {file.name for file in cache.glob("*/*.pages")}


def test_clean_removes_outputs_and_kept_layouts_of_this_folder_only(
    tmp_path: Path, cache: Path
) -> None:
    ours = working_folder(tmp_path, "ours")
    theirs = working_folder(tmp_path, "theirs")
    assert run(ours, "build", "--quiet")[0] == 0
    mine = entries(cache)
    assert len(mine) == 2
    assert run(theirs, "build", "--quiet", "--set", "school=Vale School")[0] == 0
    others = entries(cache) - mine
    assert len(others) == 2

    code, output = run(ours, "clean")
    assert code == 0
    assert not (ours / "build").exists()
    assert (ours / "lessons" / "sample.yaml").is_file()
    assert entries(cache) == others  # the other folder's layouts stay
    lines = output.splitlines()
    assert lines[0] == "removed build (2 files)"
    assert lines[1].startswith("removed 2 kept layouts and 1 kept rendering (") and lines[
        1
    ].endswith(f"MB) from {cache.parent}")
    assert (theirs / "build" / "sample" / "student.pdf").is_file()

    assert run(ours, "clean") == (
        0,
        "nothing to remove: no outputs and no kept layouts of this folder.\n",
    )


def test_a_layout_both_folders_used_is_removed_with_either(tmp_path: Path, cache: Path) -> None:
    ours = working_folder(tmp_path, "ours")
    theirs = working_folder(tmp_path, "theirs")
    run(ours, "build", "--quiet", "--out", "ours-out")
    # The same lesson file, built from another folder: the same layouts, now used by both.
    run(theirs, "build", str(ours / "lessons" / "sample.yaml"), "--quiet")
    assert len(entries(cache)) == 2
    code, output = run(tmp_path, "clean", "theirs")
    assert code == 0 and "removed 2 kept layouts" in output
    assert entries(cache) == set()


def test_clean_quiet_says_nothing(tmp_path: Path, cache: Path) -> None:
    ours = working_folder(tmp_path, "ours")
    run(ours, "build", "--quiet")
    assert run(tmp_path, "clean", "ours", "--quiet") == (0, "")
    assert not (ours / "build").exists() and entries(cache) == set()


def test_clean_leaves_a_build_folder_with_the_teachers_own_files(
    tmp_path: Path, cache: Path
) -> None:
    ours = working_folder(tmp_path, "ours")
    run(ours, "build", "--quiet")
    notes = ours / "build" / "sample" / "notes.txt"
    notes.write_text("my notes")
    code, output = run(ours, "clean")
    assert code == 1
    assert output == (
        "Error: build/sample/notes.txt: build holds files medialit does not write, such as "
        "this one, so nothing was removed; move your own files out of it first.\n"
    )
    assert notes.read_text() == "my notes"
    assert (ours / "build" / "sample" / "student.pdf").is_file()
    assert len(entries(cache)) == 2  # nothing was removed


def test_clean_of_a_missing_folder_is_refused(tmp_path: Path, cache: Path) -> None:
    code, output = run(tmp_path, "clean", "nowhere")
    assert code == 1
    assert output == "Error: nowhere: no such folder; name a working folder.\n"
