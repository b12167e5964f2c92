"""Hardening, round three (issue 26): rosters, unreadable templates, lesson size in bytes.

Rosters too large or too wide are refused before they are parsed (items 17a
and 17b); an unreadable templates folder, template or theme gets a message
naming it (item 18); a lesson's size after its aliases is counted in UTF-8
bytes, as the README says (item 19). The cases run the real CLI in a process, but
the limits at their edge, read in-process; permissions hold for root (``hardening_support``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from medialit.errors import LessonError, RosterError
from medialit.lesson.loader import load_yaml
from medialit.sheets.roster import MAX_BYTES, MAX_COLUMNS, MAX_NAME_CHARS, MAX_STUDENTS, read_roster

from .hardening_support import GOOD, run_medialit

pytestmark = pytest.mark.build

# -- rosters (items 17a, 17b) ------------------------------------------------------------------

TOO_LARGE = (
    "class.csv: the roster is larger than the 1,000,000 bytes a roster may have (room for "
    "2,000 students); check it is a class roster, and split a larger class into several rosters."
)


def _working_folder(folder: Path) -> Path:
    (folder / "lessons").mkdir(parents=True)
    (folder / "lessons" / "lesson.yaml").write_text(GOOD)
    return folder


def test_a_twelve_megabyte_roster_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """12 MB of short rows took 18 s and 1.2 GB before it was refused at row 2,002."""
    folder = _working_folder(tmp_path)
    (folder / "class.csv").write_text("name\n" + "S\n" * 6_000_000)
    result = run_medialit(
        ["build", "--quiet", "--roster", "class.csv", "lessons/lesson.yaml"],
        folder,
        max_memory_bytes=1024**3,
        timeout=60,
    )
    assert result.returncode == 1, result.stdout
    assert result.stderr == f"Error: {TOO_LARGE}\n", result.stderr
    assert not (folder / "build").exists()


def test_a_roster_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    roster = tmp_path / "class.csv"
    text = "name\nAna\n"
    roster.write_text(text + "\n" * (MAX_BYTES - len(text)))  # empty lines are skipped
    assert [student.name for student in read_roster(roster)] == ["Ana"]
    roster.write_text(text + "\n" * (MAX_BYTES - len(text) + 1))
    with pytest.raises(RosterError) as caught:
        read_roster(roster)
    assert str(caught.value).replace(str(tmp_path) + "/", "") == TOO_LARGE


def test_two_thousand_long_names_in_four_byte_letters_fit(tmp_path: Path) -> None:
    """The byte limit leaves room for the largest roster the other limits allow."""
    roster = tmp_path / "class.csv"
    name = "\U00020000" * MAX_NAME_CHARS  # a CJK letter of 4 bytes in UTF-8
    rows = "".join(f"{name},independent,B,14pt,high-readability\n" for _ in range(MAX_STUDENTS))
    roster.write_text("name,level,version,font_size,theme\n" + rows)
    assert roster.stat().st_size < MAX_BYTES
    students = read_roster(roster)
    assert len(students) == MAX_STUDENTS and students[-1].name == name


def _wide_header(columns: int) -> str:
    return "name," + ",".join(f"co{n}" for n in range(columns - 1)) + "\nAna\n"


def test_a_roster_with_a_hundred_thousand_columns_is_refused_at_once(tmp_path: Path) -> None:
    """A 789 KB header of 100,000 columns ran for minutes (a count inside a comprehension)."""
    folder = _working_folder(tmp_path)
    (folder / "class.csv").write_text(_wide_header(100_000))
    result = run_medialit(
        ["build", "--quiet", "--roster", "class.csv", "lessons/lesson.yaml"], folder, timeout=60
    )
    assert result.returncode == 1, result.stdout
    assert result.stderr == (
        "Error: class.csv:1: the first row has 100,000 columns, more than the 1,000 a roster "
        "may have; keep the columns medialit reads (name, level, version, font_size, theme), "
        "delete the others and save the roster again.\n"
    ), result.stderr


def test_columns_named_twice_in_a_header_at_the_limit_are_all_named(tmp_path: Path) -> None:
    roster = tmp_path / "class.csv"
    header = ["name", "level", *(f"co{n % (MAX_COLUMNS // 2)}" for n in range(MAX_COLUMNS - 3))]
    roster.write_text(",".join([*header, "level"]) + "\nAna\n")
    with pytest.raises(RosterError) as caught:
        read_roster(roster)
    lines = str(caught.value).splitlines()
    assert len(lines) == 1 + (MAX_COLUMNS - 3) - MAX_COLUMNS // 2
    assert lines[0].endswith(
        "class.csv:1: the column 'co0' is named twice in the first row; medialit cannot tell "
        "which one to use, so rename or delete one of them."
    )
    assert "the column 'level' is named twice" in str(caught.value)
    roster.write_text(_wide_header(MAX_COLUMNS + 1))
    with pytest.raises(RosterError, match="the first row has 1,001 columns, more than the 1,000"):
        read_roster(roster)


def test_rows_without_a_name_count_towards_the_student_limit(tmp_path: Path) -> None:
    """A roster of nameless rows stops at 2,000 of them, not at the end of the file."""
    roster = tmp_path / "class.csv"
    roster.write_text("name,level\n" + ",guided\n" * 100_000)
    with pytest.raises(RosterError) as caught:
        read_roster(roster)
    lines = str(caught.value).replace(str(tmp_path) + "/", "").splitlines()
    assert len(lines) == MAX_STUDENTS + 1
    assert lines[0] == "class.csv:2: this row has no name; fill it in or delete the row."
    assert lines[-1] == (
        f"class.csv:{MAX_STUDENTS + 2}: the roster has more than 2,000 students; split it into "
        "several rosters."
    )


# -- unreadable templates (item 18) ------------------------------------------------------------

FOLDER_UNREADABLE = (
    "Error: templates: this folder of templates cannot be read (Permission denied); check its "
    "permissions, or move it away to use the built-in templates.\n"
)


def _no_crash(stderr: str) -> None:
    assert "unexpectedly" not in stderr and "Traceback" not in stderr, stderr


def _with_template(folder: Path) -> Path:
    (folder / "templates").mkdir()
    (folder / "templates" / "student.html").write_text('{% extends "!student.html" %}')
    return folder


@pytest.mark.parametrize("mode", [0o000, 0o311], ids=["unreadable", "not-listable"])
def test_templates_list_with_an_unreadable_templates_folder(tmp_path: Path, mode: int) -> None:
    folder = _with_template(_working_folder(tmp_path))
    (folder / "templates").chmod(mode)
    try:
        listed = run_medialit(["templates", "list"], folder, permissions=True)
        built = run_medialit(["build", "--quiet", "lessons/lesson.yaml"], folder, permissions=True)
    finally:
        (folder / "templates").chmod(0o755)
    assert listed.returncode == 1, listed.stdout
    assert listed.stderr == FOLDER_UNREADABLE
    assert built.returncode == 1, built.stdout
    assert built.stderr == FOLDER_UNREADABLE + "1 of 1 lessons failed.\n"
    assert not (folder / "build" / "lesson").exists()


def test_templates_list_with_an_unreadable_template(tmp_path: Path) -> None:
    folder = _with_template(_working_folder(tmp_path))
    (folder / "templates" / "student.html").chmod(0o000)
    result = run_medialit(["templates", "list"], folder, permissions=True)
    assert result.returncode == 1, result.stdout
    assert result.stderr == (
        "Error: templates/student.html: this template or its folder cannot be read (Permission "
        "denied); check their permissions, or move the template away to use the built-in one.\n"
    )


def test_templates_export_under_an_unreadable_folder(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir(mode=0o000)
    try:
        for names in ([], ["key.css"]):
            result = run_medialit(
                ["templates", "export", "shared/mine", *names], tmp_path, permissions=True
            )
            assert result.returncode == 1, result.stdout
            assert result.stderr == (
                "Error: shared/mine: cannot write the templates here (Permission denied); check "
                "the folder's permissions and free space, or export into another folder.\n"
            )
    finally:
        (tmp_path / "shared").chmod(0o755)
    assert os.listdir(tmp_path / "shared") == []


@pytest.mark.parametrize("command", [["templates", "list"], ["build", "lessons/lesson.yaml"]])
def test_an_unreadable_theme_folder(tmp_path: Path, command: list[str]) -> None:
    folder = _working_folder(tmp_path)
    (folder / "medialit.toml").write_text('theme = "house"\n')
    (folder / "house").mkdir()
    (folder / "house" / "theme.toml").write_text('font_size = "12pt"\n')
    (folder / "house").chmod(0o000)
    try:
        result = run_medialit(command, folder, permissions=True)
    finally:
        (folder / "house").chmod(0o755)
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith(
        f'Error: medialit.toml:1:1: theme: the theme folder "{folder / "house"}" cannot be read '
        "(Permission denied); check its permissions, or choose another theme.\n"
    ), result.stderr
    _no_crash(result.stderr)


# -- a lesson's size after its aliases, in bytes (item 19) -------------------------------------

MEMORY_CAP = 4 * 1024**3


def _alias_lesson(folder: Path, why: str, statements: int) -> Path:
    """``statements`` statements that all give the same ``why``, written once with an anchor."""
    article = " ".join(["a"] * 250)
    first = f"  - {{quote: a, occurrence: 1, kind: assertion, why: &why {why}}}\n"
    others = "".join(
        f"  - {{quote: a, occurrence: {n}, kind: assertion, why: *why}}\n"
        for n in range(2, statements + 1)
    )
    text = (
        "title: t\nsource: {author: a, outlet: b, published: 2020-01-01}\n"
        f"article: |\n  {article}\nannotations:\n{first}{others}"
    )
    (folder / "lessons").mkdir(parents=True)
    (folder / "lessons" / "lesson.yaml").write_text(text)
    return folder


def test_aliases_of_four_byte_characters_count_in_bytes(tmp_path: Path) -> None:
    """5,000 emoji are 20,000 bytes: 51 of them fill in to 1,020,000 bytes, 255,000 characters.

    The same bytes in ASCII get the same message, word for word.
    """
    emoji = _alias_lesson(tmp_path / "emoji", "\U0001f600" * 5_000, 51)
    ascii_ = _alias_lesson(tmp_path / "ascii", "x" * 20_000, 51)
    assert (emoji / "lessons" / "lesson.yaml").stat().st_size < 40_000
    results = [run_medialit(["check"], f, max_memory_bytes=MEMORY_CAP) for f in (emoji, ascii_)]
    for result in results:
        assert result.returncode == 1, result.stdout
        assert result.stderr == (
            "Error: lessons/lesson.yaml:6: the file holds more than 1,000,000 bytes of text "
            "after its aliases (*name) are filled in, more than a lesson may have; write each "
            "text once, without aliases that repeat it.\n1 of 1 lessons have problems.\n"
        ), result.stderr


def test_four_byte_characters_under_the_limit_are_accepted(tmp_path: Path) -> None:
    """49 × 20,000 bytes: 980,000 bytes of text after the aliases, under the limit."""
    folder = _alias_lesson(tmp_path, "\U0001f600" * 5_000, 49)
    result = run_medialit(["check"], folder, max_memory_bytes=MEMORY_CAP)
    assert result.returncode == 0, result.stderr
    assert "OK: 49 statements" in result.stdout


def test_text_handed_to_the_loader_is_measured_in_bytes() -> None:
    """The preview hands text, not a file: 300,000 emoji are 1,200,000 bytes, too many."""
    text = "title: " + "\U0001f600" * 300_000 + "\n"
    with pytest.raises(LessonError) as caught:
        load_yaml(Path("lesson.yaml"), text)
    assert str(caught.value) == (
        "lesson.yaml: the file is larger than the 1,000,000 bytes a lesson may have; check it is "
        "a medialit lesson, and use an excerpt of a long article."
    )
    assert load_yaml(Path("lesson.yaml"), "title: " + "\U0001f600" * 249_000).data is not None
