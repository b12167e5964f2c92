"""A short version never replaces the full build of its level (issue 24, item 4).

``--select NAME`` puts the selection in every file name a build or an export writes,
after the level (``student-guided-short.pdf``); builds without ``--select`` keep their
names exactly.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from medialit.build.output_marker import KNOWN_OUTPUT

from .conftest import pdf_text, run_cli
from .test_class_set import LESSON

pytestmark = pytest.mark.build


def _medialit(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``medialit ARGS`` run in ``cwd``, in this process: the names it writes are the point."""
    return run_cli(args, cwd)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "bridge.yaml").write_text(LESSON, encoding="utf-8")
    return tmp_path


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / "build" / "bridge").iterdir() if p.is_file())


def test_a_short_version_is_built_beside_the_full_one(folder: Path) -> None:
    full = _medialit(folder, "build", "lessons/bridge.yaml", "--level", "guided")
    assert full.returncode == 0, full.stderr
    assert _files(folder) == [".made-by-medialit", "key-guided.pdf", "student-guided.pdf"]
    before = (folder / "build" / "bridge" / "student-guided.pdf").read_bytes()

    short = _medialit(
        folder, "build", "lessons/bridge.yaml", "--level", "guided", "--select", "short"
    )
    assert short.returncode == 0, short.stderr
    assert "student-guided-short.pdf" in short.stdout and "key-guided-short.pdf" in short.stdout
    assert _files(folder) == [
        ".made-by-medialit",
        "key-guided-short.pdf",
        "key-guided.pdf",
        "student-guided-short.pdf",
        "student-guided.pdf",
    ]
    assert (folder / "build" / "bridge" / "student-guided.pdf").read_bytes() == before
    # The full sheet has all six statements in its table, the short one four.
    assert "Nobody will miss it. (¶" in pdf_text(folder / "build" / "bridge" / "student-guided.pdf")
    short_text = pdf_text(folder / "build" / "bridge" / "student-guided-short.pdf")
    assert "Nobody will miss it. (¶" not in short_text

    # Versions and the standard level: the selection after the level, before the version.
    versions = _medialit(
        folder, "build", "lessons/bridge.yaml", "--select", "short", "--versions", "2"
    )
    assert versions.returncode == 0, versions.stderr
    assert {
        "student-short-A.pdf",
        "student-short-B.pdf",
        "key-short-A.pdf",
        "key-short-B.pdf",
    } <= set(_files(folder))


def test_a_plain_build_keeps_its_names(folder: Path) -> None:
    result = _medialit(folder, "build", "lessons/bridge.yaml")
    assert result.returncode == 0, result.stderr
    assert _files(folder) == [".made-by-medialit", "key.pdf", "student.pdf"]


def test_a_class_pack_of_a_selection_and_its_cover_are_named_after_it(folder: Path) -> None:
    roster = folder / "class.csv"
    roster.write_text("name,level,version\nAna,guided,A\nBen,,B\n", encoding="utf-8")
    result = _medialit(
        folder, "build", "lessons/bridge.yaml", "--select", "short", "--roster", "class.csv"
    )
    assert result.returncode == 0, result.stderr
    assert _files(folder) == [
        ".made-by-medialit",
        "class-pack-short.pdf",
        "cover-short.pdf",
        "key-guided-short-A.pdf",
        "key-short-B.pdf",
    ]
    cover = pdf_text(folder / "build" / "bridge" / "cover-short.pdf")
    assert "in this order in class-pack-short.pdf" in cover
    assert "key-guided-short-A.pdf" in cover


def test_exports_name_the_selection(folder: Path) -> None:
    for args in ([], ["--select", "short"], ["--select", "short", "--versions", "2"]):
        result = _medialit(folder, "export", "lessons/bridge.yaml", "--format", "moodle", *args)
        assert result.returncode == 0, result.stderr
    assert _files(folder) == [
        ".made-by-medialit",
        "moodle-short-A.xml",
        "moodle-short-B.xml",
        "moodle-short.xml",
        "moodle.xml",
    ]


def test_clean_knows_the_new_names_of_an_unmarked_folder(folder: Path) -> None:
    """A folder without the marker counts as medialit's by its sheets' names."""
    for name in (
        "student-guided-short.pdf",
        "class-pack-short.pdf",
        "cover-short.pdf",
        "moodle-short-A.xml",
        "qti-short.zip",
    ):
        assert KNOWN_OUTPUT.fullmatch(name), name
    made = folder / "build" / "bridge"
    made.mkdir(parents=True)
    (made / "key-short.pdf").write_bytes(b"%PDF-1.7\n")
    result = _medialit(folder, "clean")
    assert result.returncode == 0, result.stderr
    assert not made.exists()


@pytest.mark.parametrize("name", ["guided", "B", "guided-core", "part-a", "core-B"])
def test_a_selection_named_like_a_level_or_version_is_refused(folder: Path, name: str) -> None:
    lesson = folder / "lessons" / "bridge.yaml"
    lesson.write_text(LESSON.replace("  short: [", f"  {name}: ["), encoding="utf-8")
    result = _medialit(folder, "build", "lessons/bridge.yaml", "--select", name)
    assert result.returncode == 1
    assert result.stderr.startswith(
        f'Error: lessons/bridge.yaml: --select names the selection "{name}", whose sheets would '
        f"be named like another build's (student-{name}.pdf reads as a level or a version); "
        'rename the selection in the lesson, for example to "short", and build it again.'
    ), result.stderr
    assert not (folder / "build").exists()


def test_names_that_read_as_no_level_or_version_are_fine() -> None:
    from medialit.sheets.selections import reads_as_level_or_version

    for name in ("core", "short", "week-1", "a-part", "x2", "guidedish", "standard2"):
        assert not reads_as_level_or_version(name), name
