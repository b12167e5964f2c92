"""medialit init: a new working folder, laid out as this repository is, that builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli.main import main
from medialit.cli.starter import starter_files

from .conftest import ROOT


def test_init_makes_a_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["init", str(tmp_path / "class")])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "class"
    assert result.output.splitlines() == [
        f"Made {folder} with 8 files: lessons/, seeds/, templates/ and medialit.toml.",
        "Start with lessons/school-start-time.yaml, a short local news story.",
        "lessons/washington-isis-syria-2017.yaml is a long, advanced example: an opinion piece "
        "on the war in Syria, from outlets that the US government describes as part of Russia's "
        "disinformation network; it mentions deaths and executions. Read lessons/README.md "
        "before teaching it.",
        f"Next: cd {folder} and run medialit build.",
    ]
    assert (folder / "lessons" / "school-start-time.yaml").is_file()
    assert (folder / "seeds" / "school-start-time.txt").is_file()
    assert (folder / "lessons" / "washington-isis-syria-2017.yaml").is_file()
    assert (folder / "seeds" / "000_6720225e856085cf.txt").is_file()
    assert (folder / "templates" / "README.md").is_file()
    assert [p.name for p in (folder / "templates").iterdir()] == ["README.md"]
    assert (folder / "medialit.toml").read_text().startswith("# medialit.toml")
    monkeypatch.chdir(folder)
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "school-start-time.yaml: OK: 9 statements" in result.output
    assert re.search(r"washington-isis-syria-2017.yaml: OK: \d+ statements", result.output)
    result = runner.invoke(main, ["config"])
    assert result.exit_code == 0 and 'paper = "a4"  # default' in result.output


def test_init_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "already has files in it" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


GROWN = ("lessons/README.md", "seeds/README.md")
"""Starter files whose repository copy adds to them: the lessons the starter does not ship."""


def test_every_starter_file_is_in_the_repository_folder() -> None:
    """The repository builds and tests the very lessons a new working folder starts with.

    Its lessons/ and seeds/ are its own folders (tests/test_papercuts_starter.py); after
    improving a starter lesson there, copy it to src/medialit/starter/ too.
    """
    files = starter_files()
    assert set(files) >= {
        "lessons/school-start-time.yaml",
        "seeds/school-start-time.txt",
        "lessons/washington-isis-syria-2017.yaml",
        "medialit.toml",
    }
    for relative, data in files.items():
        if relative in GROWN:
            continue
        assert data == (ROOT / relative).read_bytes(), relative
    for relative in GROWN:
        # The repository ships more lessons than the starter (lessons/README.md lists them in
        # its overview), so these READMEs grow; everything the starter says, they still say.
        mine = (ROOT / relative).read_text(encoding="utf-8")
        for block in files[relative].decode().split("\n\n"):
            assert block in mine, (relative, block[:200])


def test_init_fills_the_empty_folder_the_teacher_is_in(tmp_path: Path) -> None:
    """``mkdir class && cd class && medialit init .`` once failed ("Device or resource busy"):
    the new folder was renamed onto the folder the command ran in."""
    import subprocess
    import sys

    folder = tmp_path / "class"
    folder.mkdir()
    inode = folder.stat().st_ino
    result = subprocess.run(
        [sys.executable, "-m", "medialit", "init", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Made this folder with" in result.stdout
    assert "Next: run medialit build." in result.stdout
    assert folder.stat().st_ino == inode  # the same folder, filled, not replaced
    assert (folder / "lessons" / "school-start-time.yaml").is_file()
    assert (folder / "medialit.toml").is_file()
    assert sorted(p.name for p in folder.iterdir()) == [
        "lessons",
        "medialit.toml",
        "seeds",
        "templates",
    ]
