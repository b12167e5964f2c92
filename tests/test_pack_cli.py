"""The class-pack options at the command line: exit codes, messages, earlier output kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli.main import main

from .conftest import DATA


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", str(DATA / "sample.yaml"), *args])
    return result.exit_code, result.output


@pytest.mark.build
def test_bad_roster_exits_1_naming_the_row_and_keeps_earlier_output(tmp_path: Path) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text("name\nAna\nBen\n")
    code, output = run("--roster", str(roster), "--out", str(tmp_path / "out"))
    assert code == 0, output
    pack = tmp_path / "out" / "sample" / "class-pack.pdf"
    before = pack.read_bytes()
    roster.write_text("name,level\nAna,\n,guided\n")
    code, output = run("--roster", str(roster), "--out", str(tmp_path / "out"))
    assert code == 1
    assert f"Error: {roster}:3: this row has no name; fill it in or delete the row." in output
    assert "Traceback" not in output
    assert pack.read_bytes() == before
    assert not list(pack.parent.glob(".*.tmp"))


def test_split_needs_a_roster() -> None:
    code, output = run("--split")
    assert code == 2
    assert "--split needs --roster" in output


def test_bad_usage_exits_2() -> None:
    assert run("--versions", "0")[0] == 2
    assert run("--level", "expert")[0] == 2
    assert run("--jobs", "0")[0] == 2


def test_missing_roster_exits_1(tmp_path: Path) -> None:
    code, output = run("--roster", str(tmp_path / "nowhere.csv"), "--out", str(tmp_path))
    assert code == 1
    assert "cannot read the roster" in output and "Traceback" not in output
