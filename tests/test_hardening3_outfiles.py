"""Hardening, round three (issue 26, items 3, 4 and 21): outputs stay in the output folder.

- Nothing a build writes or tidies goes through a link below ``--out`` (a working
  folder received as a zip may hold ``build/<lesson>/copies`` linked to another
  folder, whose files a roster build used to delete); ``--out`` itself may be a link.
- ``medialit clean`` removes only the lesson folders medialit made (each holds a
  ``.made-by-medialit`` marker, or, from builds older than the marker, is named after
  a lesson and holds its sheets) and names what it left.
- A build refuses to replace the sheets another lesson file of the same name made in an
  earlier run (``x.yaml`` yesterday, ``x.yml`` today).

Every case runs the real CLI on real files; the first in a real process.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli.main import main

from .hardening_support import GOOD, run_medialit

pytestmark = pytest.mark.build

LINK_REFUSED = (
    "this is a link to {target}, and medialit writes and tidies only inside its output "
    "folder, never through a link, so nothing was written; remove the link (medialit then "
    "makes a real folder or file here), or choose another --out folder."
)


def _working_folder(root: Path, *lessons: str) -> Path:
    (root / "lessons").mkdir(parents=True)
    for name in lessons or ("x.yaml",):
        (root / "lessons" / name).write_text(GOOD)
    (root / "class.csv").write_text("name\nAna\nBen\n")
    return root


def _someone_elses(folder: Path) -> dict[str, bytes]:
    """A folder of files that have nothing to do with medialit."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {"tax-return.pdf": b"%PDF-1.4 my tax return", "index.html": b"<p>my site</p>"}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def _contents(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def _cli(folder: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output and "unexpectedly" not in result.output, result.output
    return result.exit_code, result.output


PACK = ("build", "--quiet", "--roster", "class.csv", "--split")


# -- item 3: links below the output folder ---------------------------------------------------


def test_copies_linked_to_another_folder_are_refused_and_its_files_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = _working_folder(tmp_path / "work")
    assert _cli(work, *PACK, monkeypatch=monkeypatch)[0] == 0  # an earlier build's sheets
    lesson_out = work / "build" / "x"
    shutil.rmtree(lesson_out / "copies")
    elsewhere = tmp_path / "elsewhere"
    theirs = _someone_elses(elsewhere)
    (lesson_out / "copies").symlink_to(Path("..", "..", "..", "elsewhere"))
    before = _contents(lesson_out)

    result = run_medialit(list(PACK), work)  # the teacher's build, in a real process

    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr == (
        "Error: build/x/copies: "
        + LINK_REFUSED.format(target="../../../elsewhere")
        + "\n1 of 1 lessons failed.\n"
    )
    assert _contents(elsewhere) == theirs  # nothing deleted, nothing written there
    assert _contents(lesson_out) == before  # the earlier sheets are as they were
    assert (lesson_out / "copies").is_symlink()


def test_a_lesson_folder_that_is_a_link_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = _working_folder(tmp_path / "work")
    elsewhere = tmp_path / "elsewhere"
    theirs = _someone_elses(elsewhere)
    (work / "build").mkdir()
    (work / "build" / "x").symlink_to(elsewhere)
    for command in (PACK, ("export", "--quiet", "--format", "moodle", "lessons/x.yaml")):
        code, output = _cli(work, *command, monkeypatch=monkeypatch)
        assert code == 1, output
        assert output == (
            f"Error: build/x: {LINK_REFUSED.format(target=elsewhere)}\n1 of 1 lessons failed.\n"
        )
        assert _contents(elsewhere) == theirs


def test_an_output_folder_that_is_a_link_is_the_teachers_choice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``build`` linked to a USB stick: the sheets go there; links below it are still refused."""
    work = _working_folder(tmp_path / "work")
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    (work / "build").symlink_to(stick)
    code, output = _cli(work, *PACK, monkeypatch=monkeypatch)
    assert code == 0, output
    assert (stick / "x" / "class-pack.pdf").is_file()
    assert sorted(p.name for p in (stick / "x" / "copies").iterdir()) == [
        "01-ana.pdf",
        "02-ben.pdf",
    ]
    # clean follows no link, not even this one: it says so and leaves the sheets on the stick.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    code, output = _cli(work, "clean", monkeypatch=monkeypatch)
    assert code == 1
    assert output == (
        f"Error: build: this is a link to {stick}, and clean follows no link, so it and what it "
        "leads to were left alone; delete the sheets there yourself if you no longer need "
        "them.\n"
    )
    assert (stick / "x" / "class-pack.pdf").is_file()

    shutil.rmtree(stick / "x" / "copies")
    elsewhere = tmp_path / "elsewhere"
    theirs = _someone_elses(elsewhere)
    (stick / "x" / "copies").symlink_to(elsewhere)
    code, output = _cli(work, *PACK, monkeypatch=monkeypatch)
    assert code == 1
    assert f"build/x/copies: {LINK_REFUSED.format(target=elsewhere)}" in output, output
    assert _contents(elsewhere) == theirs


def test_a_link_in_copies_is_neither_written_through_nor_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = _working_folder(tmp_path / "work")
    assert _cli(work, *PACK, monkeypatch=monkeypatch)[0] == 0
    copies = work / "build" / "x" / "copies"
    elsewhere = tmp_path / "elsewhere"
    theirs = _someone_elses(elsewhere)

    # A link where the build writes a copy: refused, its file untouched.
    (copies / "01-ana.pdf").unlink()
    (copies / "01-ana.pdf").symlink_to(elsewhere / "tax-return.pdf")
    code, output = _cli(work, *PACK, monkeypatch=monkeypatch)
    assert code == 1
    link = LINK_REFUSED.format(target=elsewhere / "tax-return.pdf")
    assert output == f"Error: build/x/copies/01-ana.pdf: {link}\n1 of 1 lessons failed.\n"
    assert _contents(elsewhere) == theirs
    (copies / "01-ana.pdf").unlink()

    # A link, and a teacher's own PDF, beside the copies: both stay (and so does the file the
    # link leads to); only the earlier build's copies are replaced.
    (copies / "05-old.pdf").symlink_to(elsewhere / "tax-return.pdf")
    (copies / "tax-return.pdf").write_bytes(theirs["tax-return.pdf"])
    code, output = _cli(work, *PACK, monkeypatch=monkeypatch)
    assert code == 0, output
    assert sorted(p.name for p in copies.iterdir()) == [
        "01-ana.pdf",
        "02-ben.pdf",
        "05-old.pdf",
        "tax-return.pdf",
    ]
    assert (copies / "05-old.pdf").is_symlink()
    assert "build/x also holds 1 sheet of earlier builds that this one did not write " in output
    assert "(copies/tax-return.pdf)" in output, output
    assert _contents(elsewhere) == theirs


# -- item 4: clean removes only what medialit made ---------------------------------------------

LEFT_FOLDER = (
    "left build/{name}: medialit did not make this folder (it holds no .made-by-medialit "
    "file, and no lesson in lessons/ has its name), so it was not touched; remove it "
    "yourself if you no longer need it."
)


def _without_cache_line(output: str) -> list[str]:
    """The lines of clean's output but the one about kept layouts (another helper's part)."""
    lines = output.splitlines()
    assert lines[1].startswith("removed ") and " kept layouts " in lines[1], output
    return lines[:1] + lines[2:]


def _another_tools_build(folder: Path) -> dict[str, bytes]:
    (folder / "build" / "html").mkdir(parents=True)
    (folder / "build" / "latex").mkdir()
    (folder / "build" / "html" / "index.html").write_text("<p>my thesis</p>")
    (folder / "build" / "latex" / "thesis.pdf").write_bytes(b"%PDF-1.4 my thesis")
    return {
        name: data
        for name, data in _contents(folder / "build").items()
        if name.startswith(("html/", "latex/"))
    }


def test_clean_leaves_another_tools_build_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "thesis"
    folder.mkdir()
    theirs = _another_tools_build(folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    code, output = _cli(folder, "clean", monkeypatch=monkeypatch)
    assert code == 0
    assert output.splitlines() == [
        "nothing to remove: no outputs and no kept layouts of this folder.",
        LEFT_FOLDER.format(name="html"),
        LEFT_FOLDER.format(name="latex"),
    ]
    assert _contents(folder / "build") == theirs


def test_clean_removes_medialits_lesson_folders_and_leaves_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = _working_folder(tmp_path / "work")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert _cli(work, "build", "--quiet", monkeypatch=monkeypatch)[0] == 0
    theirs = _another_tools_build(work)
    (work / "build" / "notes.txt").write_text("a teacher's note")
    code, output = _cli(work, "clean", monkeypatch=monkeypatch)
    assert code == 0
    assert _without_cache_line(output) == [
        "removed build/x (2 files)",
        LEFT_FOLDER.format(name="html"),
        LEFT_FOLDER.format(name="latex"),
        "left build/notes.txt: medialit does not write files here; remove it yourself if you "
        "no longer need it.",
    ]
    assert not (work / "build" / "x").exists()
    assert _contents(work / "build") == {**theirs, "notes.txt": b"a teacher's note"}


def test_clean_recognises_a_build_older_than_the_marker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Upgrading: a lesson folder without a marker is medialit's if a lesson has its name
    and it holds medialit's sheets; a folder of PDFs named like them but with no lesson
    of its name is left."""
    work = _working_folder(tmp_path / "work", "x.yaml", "y.yaml")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert _cli(work, *PACK, monkeypatch=monkeypatch)[0] == 0
    for lesson in ("x", "y"):
        # as an older medialit left it
        (work / "build" / lesson / ".made-by-medialit").unlink(missing_ok=True)
    (work / "lessons" / "y.yaml").unlink()
    kept = _contents(work / "build" / "y")
    code, output = _cli(work, "clean", monkeypatch=monkeypatch)
    assert code == 0
    assert _without_cache_line(output) == [
        "removed build/x (6 files)",  # the pack's five sheets and its markable record
        LEFT_FOLDER.format(name="y"),
    ]
    assert not (work / "build" / "x").exists()
    assert _contents(work / "build" / "y") == kept


def test_clean_does_not_follow_a_linked_lesson_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = _working_folder(tmp_path / "work")
    elsewhere = tmp_path / "elsewhere"
    theirs = _someone_elses(elsewhere)
    (elsewhere / "student.pdf").write_bytes(b"%PDF-1.4 not a sheet")
    (elsewhere / ".made-by-medialit").write_text('{"made_by": "medialit"}')
    (work / "build").mkdir()
    (work / "build" / "x").symlink_to(elsewhere)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    code, output = _cli(work, "clean", monkeypatch=monkeypatch)
    assert code == 0
    assert output.splitlines()[1] == (
        "left build/x: it is a link, and clean follows no link; remove it yourself if you wish."
    )
    assert _contents(elsewhere) == {
        **theirs,
        "student.pdf": b"%PDF-1.4 not a sheet",
        ".made-by-medialit": b'{"made_by": "medialit"}',
    }


# -- item 21: two lesson files with one name, in two runs ---------------------------------------


def test_a_second_lesson_with_the_same_name_does_not_replace_the_first_ones_sheets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = _working_folder(tmp_path / "work")
    other = GOOD.replace("Test lesson", "Another lesson")
    assert _cli(work, "build", "--quiet", "lessons/x.yaml", monkeypatch=monkeypatch)[0] == 0
    sheets = _contents(work / "build" / "x")
    (work / "lessons" / "x.yml").write_text(other)

    code, output = _cli(work, "build", "--quiet", "lessons/x.yml", monkeypatch=monkeypatch)

    assert code == 1
    assert output == (
        "Error: lessons/x.yml: this lesson and lessons/x.yaml (built earlier) would both be "
        "written to build/x; rename one of them so that each has its own output folder, or "
        "delete build/x if the sheets of lessons/x.yaml are no longer needed.\n"
        "1 of 1 lessons failed.\n"
    )
    assert _contents(work / "build" / "x") == sheets

    # The same when the whole working folder has moved (the marker's relative path holds).
    moved = tmp_path / "moved"
    os.rename(work, moved)
    code, output = _cli(moved, "build", "--quiet", "lessons/x.yml", monkeypatch=monkeypatch)
    assert code == 1 and "this lesson and lessons/x.yaml (built earlier)" in output, output

    # A lesson renamed (x.yaml → x.yml, the earlier file gone) is the same lesson: it builds.
    (moved / "lessons" / "x.yaml").unlink()
    code, output = _cli(moved, "build", "--quiet", "lessons/x.yml", monkeypatch=monkeypatch)
    assert code == 0, output
    code, output = _cli(moved, "build", "--quiet", "lessons/x.yml", monkeypatch=monkeypatch)
    assert code == 0, output  # and the marker now names it


def test_both_lesson_files_built_at_once_after_one_was_built_alone_are_both_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = _working_folder(tmp_path / "work")
    assert _cli(work, "build", "--quiet", monkeypatch=monkeypatch)[0] == 0
    sheets = _contents(work / "build" / "x")
    (work / "lessons" / "x.yml").write_text(GOOD.replace("Test lesson", "Another lesson"))
    code, output = _cli(work, "build", "--quiet", monkeypatch=monkeypatch)
    assert code == 1
    assert output == (
        "Error: lessons/x.yaml: this lesson and lessons/x.yml would both be written to "
        "build/x; rename one of them so that each has its own output folder.\n"
        "Error: lessons/x.yml: this lesson and lessons/x.yaml would both be written to "
        "build/x; rename one of them so that each has its own output folder.\n"
        "2 of 2 lessons failed.\n"
    )
    assert _contents(work / "build" / "x") == sheets
