"""Issue 24 item 9: a build names only the sheets beside its own that are really stale, once.

It was: every build after a class pack warned that the folder "also holds 8 sheets of earlier
builds … delete them if they are out of date", naming the class pack the same lesson had just
made. Now the output marker records what the latest build of each kind (class pack, a level,
a selection) wrote and from which version of the lesson; a build names a sheet only when no
latest build wrote it, or an earlier version of the lesson made it, and names it once.
``medialit build`` run in this process (what a build says is the point here, not the process:
tests/test_hardening_lost.py and others run it in real processes), real PDFs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import DATA, run_cli

pytestmark = pytest.mark.build

PACK_ROSTER = "name,level,version\nAna,guided,A\nBen,standard,B\nCy,independent,A\n"
PACK = ["build", "lesson.yaml", "--roster", "class.csv", "--split", "--quiet"]
PLAIN = ["build", "lesson.yaml", "--quiet"]
GUIDED = ["build", "lesson.yaml", "--level", "guided", "--quiet"]


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "lesson.yaml").write_text((DATA / "good-lesson.yaml").read_text())
    (tmp_path / "class.csv").write_text(PACK_ROSTER)
    return tmp_path


def _build(folder: Path, args: list[str]) -> str:
    done = run_cli(args, folder, env={"HOME": str(folder)})
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    # A layout's advice about a nearly empty last page is about the lesson's length, not
    # about earlier sheets (the guided sheet's writing room left its last page a fifth full).
    return "".join(
        line for line in done.stderr.splitlines(keepends=True) if "is nearly empty" not in line
    )


def test_sheets_of_this_lessons_other_builds_are_not_named(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    assert _build(folder, PACK) == ""
    # A plain build beside the class pack: the pack is this lesson's, just made.
    assert _build(folder, PLAIN) == ""
    assert _build(folder, GUIDED) == ""
    # An export into the same folder keeps the marker's record of the builds.
    assert _build(folder, ["export", "lesson.yaml", "--format", "moodle", "--quiet"]) == ""
    assert _build(folder, PLAIN) == ""
    out = folder / "build" / "lesson"
    assert {p.name for p in out.iterdir()} >= {
        "class-pack.pdf",
        "cover.pdf",
        "student.pdf",
        "key.pdf",
        "student-guided.pdf",
        "key-guided.pdf",
    }
    record = json.loads((out / ".made-by-medialit").read_text())["record"]
    assert set(record["builds"]) == {"class pack", "standard level", "guided level"}
    assert record["builds"]["standard level"]["files"] == ["key.pdf", "student.pdf"]

    # The lesson changes: the sheets the other builds made from it are out of date, named
    # once, by the build that made them.
    lesson = folder / "lesson.yaml"
    lesson.write_text(lesson.read_text().replace("title: ", "title: Revised - ", 1))
    warnings = _build(folder, PLAIN)
    assert warnings == (
        "Warning: lesson.yaml: build/lesson also holds the sheets of the last class pack build "
        "(class-pack.pdf, cover.pdf, key-B.pdf, key-guided-A.pdf, key-independent-A.pdf, "
        "copies/01-ana.pdf, copies/02-ben.pdf, copies/03-cy.pdf), made from an earlier version "
        "of lesson.yaml; build them again, or delete them.\n"
        "Warning: lesson.yaml: build/lesson also holds the sheets of the last guided level "
        "build (key-guided.pdf, student-guided.pdf), made from an earlier version of "
        "lesson.yaml; build them again, or delete them.\n"
    )
    assert _build(folder, PLAIN) == ""  # said once
    assert _build(folder, GUIDED) == ""  # built again: up to date


def test_sheets_no_latest_build_wrote_are_named_once(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    assert _build(folder, PACK) == ""
    # The class gets one version only: version B's key is no longer part of any build.
    (folder / "class.csv").write_text("name,level,version\nAna,guided,A\nBen,standard,A\n")
    warnings = _build(folder, PACK)
    assert warnings == (
        "Warning: lesson.yaml: build/lesson also holds 3 sheets of earlier builds that this one "
        "did not write (key-B.pdf, key-guided-A.pdf, key-independent-A.pdf); delete them if "
        "they are out of date.\n"
    )
    assert _build(folder, PACK) == ""
    assert _build(folder, PLAIN) == ""
    # A sheet put there by hand (or by an older medialit) is named too, once.
    (folder / "build" / "lesson" / "student-old.pdf").write_bytes(b"%PDF-1.7\n")
    assert "(student-old.pdf); delete them" in _build(folder, PLAIN)
    assert _build(folder, PLAIN) == ""
