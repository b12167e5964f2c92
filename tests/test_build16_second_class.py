"""A second class's pack built into the first's folder (a cold run of the marking loop): the
first class's class pack and cover were replaced without a word, and the only warning told
the teacher to delete the first class's guided key, which still marks that class. The build
now says whose pack it replaced, how to get it back, how to keep both; and keeps that key."""

from __future__ import annotations

from pathlib import Path

from .conftest import DATA, run_cli

LESSON = DATA / "sample.yaml"


def _pack(folder: Path, roster: str, *names: str) -> str:
    (folder / roster).write_text("name,level\n" + "".join(f"{n}\n" for n in names), "utf-8")
    done = run_cli(["build", LESSON, "--roster", roster, "--out", "out"], cwd=folder)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stderr.split())


def test_a_second_class_s_pack_says_whose_it_replaced_and_keeps_its_keys(tmp_path: Path) -> None:
    first = _pack(tmp_path, "10b.csv", "Ana Lopez,guided", "Ben Okafor,", "Chloé Martin,")
    assert "another class" not in first
    second = _pack(tmp_path, "10c.csv", "Zara Khan,", "Liam Byrne,")
    assert "held the class pack of another class (3 students, the first Ana Lopez)" in second
    assert "give each class a folder of its own with --out" in second
    assert "Its key-guided.pdf stays beside this pack's, to mark that class." in second
    assert "delete them if they are out of date" not in second  # the key marks the first class
    assert (tmp_path / "out" / "sample" / "key-guided.pdf").exists()
    # The same class again (an edited lesson, say): nothing to say; the first class again: said.
    assert "another class" not in _pack(tmp_path, "10c.csv", "Zara Khan,", "Liam Byrne,")
    again = _pack(tmp_path, "10b.csv", "Ana Lopez,guided", "Ben Okafor,", "Chloé Martin,")
    assert "another class (2 students, the first Zara Khan)" in again
    # The same class's roster edited (a student left, another joined) is no other class.
    edited = _pack(tmp_path, "10b.csv", "Ana Lopez,guided", "Ben Okafor,", "Dan Reyes,")
    assert "another class" not in edited
