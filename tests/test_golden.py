"""Golden output, as Pelican keeps its ``tests/output/basic``: for each build below, the tree of
files it writes is compared with the tree kept in ``tests/data/golden/<tree>/``.

Sheets are kept as their ``<body>`` (the inlined stylesheets are left out), exports whole, a
QTI package unpacked. A change to a template, a catalogue, the context or an export shows here
as a diff to review. When the change is intended, refresh every tree and commit them with it:

    .venv/bin/python -m pytest tests/test_golden.py --refresh-golden

No PDF is laid out: the HTML comes from the build's own planning step, the exports from
``medialit export``'s own function, with ``SOURCE_DATE_EPOCH`` fixed and the default seed.
"""

from __future__ import annotations

import difflib
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from medialit.exports.export import ExportOptions, export_lesson
from medialit.render.sheet_table import NAMES

from .conftest import DATA, ROOT
from .golden_support import EPOCH, body, html_name, plan, sheets_html

GOLDEN = DATA / "golden"
REFRESH = ".venv/bin/python -m pytest tests/test_golden.py --refresh-golden"
SAMPLE = DATA / "sample.yaml"
SCHOOL = ROOT / "lessons" / "school-start-time.yaml"
WASHINGTON = ROOT / "lessons" / "washington-isis-syria-2017.yaml"
ROSTER = DATA / "roster-world.csv"

Tree = dict[str, str]
"""A tree of files: each file's text by its path under the tree's folder."""


def levels(lesson: Path) -> Tree:
    """``medialit build LESSON --html --level L`` for each level: student sheet and key."""
    pages = sheets_html(lesson, ("standard", "guided", "independent"))
    return {name: body(html) for name, html in pages.items()}


def short(**options: Any) -> Callable[[Path], Tree]:
    """``medialit build LESSON --html --select core [--excerpt]``."""

    def tree(lesson: Path) -> Tree:
        return {name: body(html) for name, html in sheets_html(lesson, **options).items()}

    return tree


def class_pack(lesson: Path) -> Tree:
    """``medialit build LESSON --html --roster ROSTER``: the cover, and the name tags (never
    written alone: stamped onto the copies)."""
    made = plan(lesson, roster=ROSTER)
    assert made.class_pack is not None
    tree = {html_name(doc.file): body(doc.html) for doc in made.outputs if doc.file == "cover.pdf"}
    tree[f"{NAMES.name}.html"] = body(made.class_pack.name_tags.html)
    return tree


def export(fmt: str) -> Callable[[Path], Tree]:
    """``medialit export LESSON --format FMT``; a zip's entries as files of their own."""

    def tree(lesson: Path) -> Tree:
        files: Tree = {}
        with tempfile.TemporaryDirectory(prefix="golden-") as out:
            result = export_lesson(lesson, ExportOptions(format=fmt, out=Path(out)))
            for written in result.outputs:
                if written.suffix == ".zip":
                    with zipfile.ZipFile(written) as package:
                        files |= {n: package.read(n).decode() for n in package.namelist()}
                else:
                    files[written.name] = written.read_text(encoding="utf-8")
        return files

    return tree


TREES: dict[str, tuple[Path, Callable[[Path], Tree], str]] = {
    "sample": (SAMPLE, levels, "build LESSON --html --level L, for each level"),
    "school-start-time": (SCHOOL, levels, "build LESSON --html --level L, for each level"),
    "washington-select-core": (
        WASHINGTON,
        short(select="core"),
        "build LESSON --html --select core",
    ),
    "washington-select-core-excerpt": (
        WASHINGTON,
        short(select="core", excerpt=True),
        "build LESSON --html --select core --excerpt",
    ),
    "sample-class-pack": (
        SAMPLE,
        class_pack,
        f"build LESSON --html --roster {ROSTER.relative_to(ROOT)}",
    ),
    "sample-moodle": (SAMPLE, export("moodle"), "export LESSON --format moodle"),
    "sample-qti": (SAMPLE, export("qti"), "export LESSON --format qti"),
}
"""Each golden tree's folder under ``tests/data/golden/``: the lesson and what is made of it."""


def kept(folder: Path) -> Tree:
    """The golden tree in ``folder``."""
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def write_tree(folder: Path, tree: Tree) -> None:
    """Make ``folder`` hold ``tree`` and nothing else."""
    shutil.rmtree(folder, ignore_errors=True)
    for name, text in tree.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def differences(label: str, expected: Tree, actual: Tree) -> str:
    """What differs between two trees, with a unified diff of the first file that differs;
    empty when they are the same."""
    missing = sorted(set(expected) - set(actual))
    new = sorted(set(actual) - set(expected))
    changed = sorted(n for n in set(expected) & set(actual) if expected[n] != actual[n])
    if not (missing or new or changed):
        return ""
    lines = [f"{label}: the output differs from the golden tree."]
    lines += [f"  no longer made: {n}" for n in missing]
    lines += [f"  made, not kept: {n}" for n in new]
    lines += [f"  changed: {n}" for n in changed]
    first = (changed or new or missing)[0]
    diff = list(
        difflib.unified_diff(
            expected.get(first, "").splitlines(keepends=True),
            actual.get(first, "").splitlines(keepends=True),
            f"{label}/{first} (golden)",
            f"{label}/{first} (made now)",
        )
    )
    shown = 150  # enough to read; a template change can touch every line
    lines += ["", *(line.rstrip("\n") for line in diff[:shown])]
    if len(diff) > shown:
        lines.append(f"... and {len(diff) - shown} more lines of this diff")
    return "\n".join(lines)


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.mark.parametrize("name", TREES)
def test_output_is_the_golden_tree(name: str, request: pytest.FixtureRequest) -> None:
    lesson, make, command = TREES[name]
    tree = make(lesson)
    folder = GOLDEN / name
    if request.config.getoption("--refresh-golden"):
        write_tree(folder, tree)
    found = differences(f"tests/data/golden/{name}", kept(folder), tree)
    if found:
        made_as = "medialit " + command.replace("LESSON", lesson.relative_to(ROOT).as_posix())
        pytest.fail(
            f"{found}\n\n(made as: {made_as})\nIf the change is intended, run\n  {REFRESH}\n"
            f"and commit tests/data/golden/ with it.",
            pytrace=False,
        )


def test_golden_folder_holds_only_the_trees(request: pytest.FixtureRequest) -> None:
    """A tree no test reads any more would pass for checked output."""
    stray = sorted(p for p in GOLDEN.iterdir() if p.name not in TREES)
    if request.config.getoption("--refresh-golden"):
        for path in stray:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        stray = []
    assert not stray, f"not a golden tree: {[p.name for p in stray]}; run {REFRESH}"


def test_differences_name_each_file_and_diff_the_first() -> None:
    golden = {"key.html": "<p>A</p>\n<p>B</p>\n", "old.html": "x\n", "same.xml": "s\n"}
    made = {"key.html": "<p>A</p>\n<p>C</p>\n", "new.html": "y\n", "same.xml": "s\n"}
    found = differences("tests/data/golden/t", golden, made)
    assert "  no longer made: old.html" in found and "  made, not kept: new.html" in found
    assert "  changed: key.html" in found and "same.xml" not in found
    assert "--- tests/data/golden/t/key.html (golden)" in found
    assert "-<p>B</p>\n+<p>C</p>" in found
    assert differences("t", golden, dict(golden)) == ""
