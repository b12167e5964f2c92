"""Reading class rosters: spreadsheet exports that work, and every way one can be wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from medialit.errors import RosterError
from medialit.sheets.roster import MAX_STUDENTS, read_roster


def write(tmp_path: Path, data: str | bytes) -> Path:
    file = tmp_path / "class.csv"
    if isinstance(data, str):
        data = data.encode("utf-8")
    file.write_bytes(data)
    return file


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("name,level,version\nAna López,guided,b\nBen,,\n", id="comma"),
        pytest.param("name;level;version\r\nAna López;Guided;B\r\nBen;;\r\n", id="semicolon-crlf"),
        pytest.param(
            "\ufeffName,Level,Version\nAna López,guided,B\nBen,,\n,,\n", id="bom-and-empty-row"
        ),
        pytest.param(
            '"name","level","version"\n"Ana López","guided","B"\n"Ben","",""\n', id="quoted"
        ),
    ],
)
def test_spreadsheet_exports_are_read(tmp_path: Path, data: str) -> None:
    students = read_roster(write(tmp_path, data))
    assert [(s.name, s.level, s.version) for s in students] == [
        ("Ana López", "guided", "B"),
        ("Ben", None, None),
    ]
    assert [s.line for s in students] == [2, 3]


def test_only_a_name_column_and_duplicates(tmp_path: Path) -> None:
    students = read_roster(write(tmp_path, "name\nAna\nAna\n  Jo   Lee \n"))
    assert [s.name for s in students] == ["Ana", "Ana", "Jo Lee"]


def test_a_quoted_name_with_separator_and_quotes(tmp_path: Path) -> None:
    students = read_roster(write(tmp_path, 'name,version\n"Lee, Jo ""JJ""",A\nBen,B\n'))
    assert [s.name for s in students] == ['Lee, Jo "JJ"', "Ben"]


TOO_MANY = "name\n" + "".join(f"Student {n}\n" for n in range(MAX_STUDENTS + 1))

BAD = [
    pytest.param(
        "", "class.csv: the roster is empty; the first row must name the columns", id="empty"
    ),
    pytest.param(
        "name,level\n",
        "class.csv:1: the roster has no students; add one row per student under the header row.",
        id="header-only",
    ),
    pytest.param(
        "name\n\n,\n",
        "class.csv:1: the roster has no students",
        id="only-blank-rows",
    ),
    pytest.param(
        "student,level\nAna,guided\n",
        "class.csv:1: the first row must name the columns and one of them must be 'name' (found: 'student', 'level').",
        id="no-name-column",
    ),
    pytest.param(
        "name,level\nAna,guided\nBen,standard\nChen,standard\nDee,standard\nEd,standard\n,guided\n",
        "class.csv:7: this row has no name; fill it in or delete the row.",
        id="row-without-name",
    ),
    pytest.param(
        'name,level\nAna,guided\n"Ben,standard\nChen,guided\n',
        "class.csv:4: this row is not valid CSV (unexpected end of data); check its quote marks",
        id="unclosed-quote",
    ),
    pytest.param(
        "name,level\nAna,guided,B\n",
        "class.csv:2: this row has 3 cells but the first row names only 2 columns; remove the extra separator or name the column.",
        id="too-many-cells",
    ),
    pytest.param(
        "name,level\nAna,expert\n",
        "class.csv:2: unknown level 'expert'; use one of guided, standard, independent or leave it empty.",
        id="unknown-level",
    ),
    pytest.param(
        "name,version\nAna,AB\n",
        "class.csv:2: unknown version 'AB'; use a letter (A, B, …) or leave it empty.",
        id="unknown-version",
    ),
    pytest.param(
        "name\n" + "X" * 81 + "\n",
        "class.csv:2: the name has 81 characters, more than the 80 that fit in the header; shorten it.",
        id="name-too-long",
    ),
    pytest.param(
        TOO_MANY,
        f"class.csv:{MAX_STUDENTS + 2}: the roster has more than 2,000 students; split it into several rosters.",
        id="more-than-2000-rows",
    ),
    pytest.param(
        "name\nAna\nJos\xe9\n".encode("latin-1"),
        "class.csv:3: the roster is not UTF-8 text; in your spreadsheet, save it as 'CSV UTF-8'.",
        id="not-utf8",
    ),
]


@pytest.mark.parametrize(("data", "message"), BAD)
def test_bad_roster_names_the_row(tmp_path: Path, data: str | bytes, message: str) -> None:
    with pytest.raises(RosterError) as caught:
        read_roster(write(tmp_path, data))
    assert message in str(caught.value).replace(str(tmp_path) + "/", "")


def test_every_bad_row_is_reported_at_once(tmp_path: Path) -> None:
    with pytest.raises(RosterError) as caught:
        read_roster(write(tmp_path, "name,level\n,guided\nAna,expert\nBen,\n"))
    lines = str(caught.value).replace(str(tmp_path) + "/", "").splitlines()
    assert [line.split(": ")[0] for line in lines] == ["class.csv:2", "class.csv:3"]


def test_missing_roster_file(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="cannot read the roster"):
        read_roster(tmp_path / "nowhere.csv")
