"""Sheets left beside keys of another order are named (a newcomer's run of the README: the
plain versions built with ``--seed 4``, then the class pack with the default seed, left the
seed-4 ``student-A.pdf`` beside the pack's ``key-A.pdf``, which keys statement 1 another way,
with no warning; the other way round replaced the key the pack's cover names)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import DATA, run_cli

LESSON = "sample.yaml"


def _folder(tmp_path: Path) -> Path:
    shutil.copy(DATA / LESSON, tmp_path / LESSON)
    (tmp_path / "class.csv").write_text("name\nAna Lopez\nBen Okafor\n", encoding="utf-8")
    return tmp_path


def _build(folder: Path, *options: str) -> str:
    done = run_cli(["build", LESSON, "--out", "out", *options], cwd=folder)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stderr.split())


def test_plain_versions_left_beside_a_class_pack_s_keys_are_named(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    sheets = folder / "out" / "sample"
    assert "another --seed" not in _build(folder, "--versions", "2", "--seed", "4")
    seed_4_key = (sheets / "key-A.pdf").read_bytes()
    said = _build(folder, "--roster", "class.csv", "--versions", "2")
    assert (sheets / "key-A.pdf").read_bytes() != seed_4_key  # replaced with another order
    assert (
        "also holds the sheets of the last standard level build (student-A.pdf, "
        "student-B.pdf), numbered with another --seed: this build replaced key-A.pdf, "
        "key-B.pdf with another order of the statements"
    ) in said, said
    assert "Build the standard level again with --seed 0 (and the --versions it had), or" in said
    # named once: the next pack says nothing more of them
    assert "another --seed" not in _build(folder, "--roster", "class.csv", "--versions", "2")


def test_a_class_pack_s_copies_are_named_when_its_keys_are_replaced(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _build(folder, "--roster", "class.csv", "--versions", "2")
    said = _build(folder, "--versions", "2", "--seed", "4")
    assert "the last class pack build (class-pack.pdf, cover.pdf)" in said, said
    assert "Build the class pack again with --seed 4 (and the --versions it had)" in said


def test_the_same_seed_or_one_version_names_nothing(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _build(folder, "--versions", "2", "--seed", "4")
    said = _build(folder, "--roster", "class.csv", "--versions", "2", "--seed", "4")
    assert "another --seed" not in said, said
    _build(folder)  # one version: reading order, whatever the seed
    assert "another --seed" not in _build(folder, "--roster", "class.csv", "--seed", "9")


def test_a_roster_s_version_column_numbers_versions_too(tmp_path: Path) -> None:
    # a review: a roster with a version column makes versions A and B without --versions,
    # and its keys replaced the seed-4 ones without a word
    folder = _folder(tmp_path)
    (folder / "class.csv").write_text("name,version\nAna Lopez,A\nBen Okafor,B\n", "utf-8")
    _build(folder, "--versions", "2", "--seed", "4")
    said = _build(folder, "--roster", "class.csv")
    assert "(student-A.pdf, student-B.pdf), numbered with another --seed" in said, said
    assert "Build the standard level again with --seed 0 (and the --versions it had)" in said
