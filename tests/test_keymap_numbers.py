"""Issue 22: a key that maps the numbers of every sheet of one build, so that a teacher
marking a copy of version B of a selection, or a guided copy in a mixed-level class pack,
finds each statement's number on that copy, on the full sheet and on the other copies.

Real builds with WeasyPrint, read back with pdftotext: each key's map is checked against
the numbers the students' copies themselves print (their sorting tables).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli import main

from .conftest import ROOT

pytestmark = pytest.mark.build

FULL = "Full sheet (no selection, no versions)"
UNSHUFFLED = "This sheet without versions"
# Mixed levels and both versions of each numbered level, and an independent copy.
ROSTER = """name,level,version
Ana Lopez,guided,A
Eve Adams,guided,B
Ben Okafor,,A
Chloé Martin,,B
Dev Patel,independent,B
"""


def lesson_with_a_selection(folder: Path) -> Path:
    """The first lesson with ids, a selection of five statements that the guided level
    prints by default, the selection's own plan and a plan for the full sheet."""
    text = (ROOT / "lessons" / "school-start-time.yaml").read_text()
    count = iter(range(1, 100))
    text = re.sub(r"^  - quote:", lambda _: f"  - id: s{next(count)}\n    quote:", text, flags=re.M)
    plan = """
    minutes: 50
    steps:
      - minutes: 20
        activity: Sorting in pairs.
      - minutes: 30
        activity: Going over the answers, statement 3 first."""
    text += f"""selections:
  short: [s2, s3, s5, s7, s9]
worksheet:
  level_selections:
    guided: short
plan:{plan}
plans:
  short:{plan.replace(chr(10), chr(10) + "  ")}
"""
    lesson = folder / "harbury.yaml"
    lesson.write_text(text)
    return lesson


def built(lesson: Path, out: Path, *args: str) -> Path:
    result = CliRunner().invoke(main, ["build", str(lesson), "--out", str(out), "--quiet", *args])
    assert result.exit_code == 0, result.output
    return out / lesson.stem


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("keymap")
    lesson = lesson_with_a_selection(folder)
    roster = folder / "class.csv"
    roster.write_text(ROSTER)
    return {
        "full": built(lesson, folder / "full"),
        "short": built(lesson, folder / "short", "--select", "short"),
        "short-versions": built(lesson, folder / "short-v", "--select", "short", "--versions", "2"),
        "pack": built(lesson, folder / "pack", "--roster", str(roster), "--versions", "2"),
    }


def pages(pdf: Path, *, layout: bool = False) -> list[str]:
    """The PDF's pages as pdftotext reads them."""
    done = subprocess.run(
        ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split("\f")


def sorting_table(text: str) -> dict[int, str]:
    """A student copy's numbers, each with the first four words of its statement, read from
    the copy's sorting table ("1  The whole thing is a gimmick (¶7)")."""
    # without the page furniture, which a row broken across pages would take in: the footer
    # (the source, then "Page 2 of 3"), the stamped name and the copy's label
    kept: list[str] = []
    for line in (line.strip() for line in text.splitlines()):
        if re.fullmatch(r"Page \d+ of \d+", line):
            while kept and not kept[-1]:
                kept.pop()
            kept = kept[:-1]
        elif not re.match(r"Name: |[A-Z]\d( · Version [A-Z])?$", line):
            kept.append(line)
    text = " ".join(" ".join(kept).split())
    table = text[text.index("Sort the statements") : text.index("Discuss")]
    rows = re.findall(r"(\d+) ([^()]+?) \(¶\d+\)", table)
    numbers = {int(n): " ".join(words.replace("…", " ").split()[:4]) for n, words in rows}
    assert len(set(numbers.values())) == len(numbers), numbers  # four words tell them apart
    return numbers


def copies(pack: Path) -> dict[str, dict[int, str]]:
    """Each copy's sorting table in the class pack, by the label its pages print
    (``K7 · Version B``); copies with the same label must number alike."""
    found: dict[str, dict[int, str]] = {}
    copy: list[str] = []
    for page in [*pages(pack), "STUDENT WORKSHEET"]:
        if "STUDENT WORKSHEET" in page and copy:
            found_label = re.search(r"[A-Z]\d · Version [A-Z]", copy[0])  # the stamped name first
            assert found_label, copy[0][:200]
            label = found_label.group()
            if "Sort the statements" in "".join(copy):  # the independent copy numbers none
                table = sorting_table("\n".join(copy))
                assert found.setdefault(label, table) == table, label
            copy = []
        copy.append(page)
    return found


def number_map(key: Path) -> tuple[str, dict[str, list[int | None]], set[str]]:
    """A key's label (``Guided (K7) · Version B``), its map's rows by sheet (tables of many
    columns joined) and the rows marked * (the plan's numbers)."""
    text = "\n".join(pages(key, layout=True)[:2])
    label = text.strip().splitlines()[0].strip()
    lines = [" ".join(line.split()) for line in text.splitlines()]
    rows: dict[str, list[int | None]] = {}
    planned: set[str] = set()
    at = lines.index("The same statements on the other sheets") + 1
    while match := re.fullmatch(r"(.+?)( \*)?((?: (?:\d+|–))+)", lines[at]):
        sheet = match.group(1)
        if match.group(2):
            planned.add(sheet)
        numbers = [None if n == "–" else int(n) for n in match.group(3).split()]
        rows.setdefault(sheet, []).extend(numbers)
        at += 1
    return label, rows, planned


def copy_label(sheet: str) -> str:
    """The label a copy prints for the sheet a key row names: ``Guided (K7) · Version B`` is
    ``K7 · Version B`` on the students' copies."""
    return re.sub(r"^\w+ \((\w+)\)", r"\1", sheet)


def check_map(
    key: Path, this: dict[int, str], sheets: dict[str, dict[int, str]]
) -> dict[str, list[int | None]]:
    """Every row of ``key``'s map gives, for each statement of the copy whose numbers are
    ``this``, the number that the sheet of the row (``sheets``) prints for it, or "–"
    exactly where that sheet does not print it."""
    _, rows, _ = number_map(key)
    assert rows["This sheet"] == sorted(this), rows
    for sheet, numbers in rows.items():
        table = sheets[sheet]
        where = {words: n for n, words in table.items()}
        for mine, theirs in zip(rows["This sheet"], numbers, strict=True):
            assert mine is not None
            assert theirs == where.get(this[mine]), (key.name, sheet, mine, theirs)
    return rows


def test_a_selection_s_versions_map_to_the_full_sheet(builds: dict[str, Path]) -> None:
    full = sorting_table("".join(pages(builds["full"] / "student.pdf")))
    short = sorting_table("".join(pages(builds["short"] / "student-short.pdf")))
    folder = builds["short-versions"]
    a = sorting_table("".join(pages(folder / "student-short-A.pdf")))
    b = sorting_table("".join(pages(folder / "student-short-B.pdf")))
    assert a != b  # the versions are shuffled
    label, rows, planned = number_map(folder / "key-short-B.pdf")
    assert label == "Standard (M3) · Version B"
    assert list(rows) == ["This sheet", UNSHUFFLED, FULL, "Standard (M3) · Version A"]
    sheets = {"This sheet": b, UNSHUFFLED: short, FULL: full, "Standard (M3) · Version A": a}
    check_map(folder / "key-short-B.pdf", b, sheets)
    # the selection's own plan numbers as the sheet without versions does
    assert planned == {UNSHUFFLED}
    # and version A's key maps the same way, to B
    sheets = {"This sheet": a, UNSHUFFLED: short, FULL: full, "Standard (M3) · Version B": b}
    check_map(folder / "key-short-A.pdf", a, sheets)


def test_a_mixed_pack_s_keys_map_every_level_and_version(builds: dict[str, Path]) -> None:
    full = sorting_table("".join(pages(builds["full"] / "student.pdf")))
    guided_unshuffled = sorting_table("".join(pages(builds["short"] / "student-short.pdf")))
    folder = builds["pack"]
    printed = copies(folder / "class-pack.pdf")
    # the four numbered sheets of the pack, and the independent one, which numbers nothing
    assert set(printed) >= {"K7 · Version A", "K7 · Version B", "M3 · Version A", "M3 · Version B"}
    for key, own in [
        ("key-guided-A.pdf", "K7 · Version A"),
        ("key-guided-B.pdf", "K7 · Version B"),
        ("key-A.pdf", "M3 · Version A"),
        ("key-B.pdf", "M3 · Version B"),
    ]:
        label, rows, planned = number_map(folder / key)
        assert copy_label(label) == own
        others = sorted(set(printed) - {own})
        sheets = {"This sheet": printed[own], FULL: full, UNSHUFFLED: guided_unshuffled}
        sheets |= {
            sheet: printed[copy_label(sheet)] for sheet in rows if copy_label(sheet) in others
        }
        rows = check_map(folder / key, printed[own], sheets)
        # a row for every other numbered copy in the pack
        assert sorted(copy_label(s) for s in rows if copy_label(s) in printed) == others, rows
        if own.startswith("K7"):
            # the guided level prints the selection, whose own plan numbers it unshuffled
            assert list(rows)[:3] == ["This sheet", UNSHUFFLED, FULL]
            assert planned == {UNSHUFFLED}
            assert None not in rows["Standard (M3) · Version A"]
        else:
            assert UNSHUFFLED not in rows and planned == {FULL}
            assert rows["Guided (K7) · Version B"].count(None) == 4  # 9 statements, 5 guided


def test_the_independent_key_and_a_plain_build_print_no_map(builds: dict[str, Path]) -> None:
    for key in (builds["pack"] / "key-independent-B.pdf", builds["full"] / "key.pdf"):
        text = " ".join("".join(pages(key)).split())
        assert "The same statements on the other sheets" not in text, key.name


def test_a_selection_s_key_without_versions_maps_to_the_full_sheet_only(
    builds: dict[str, Path],
) -> None:
    full = sorting_table("".join(pages(builds["full"] / "student.pdf")))
    short = sorting_table("".join(pages(builds["short"] / "student-short.pdf")))
    key = builds["short"] / "key-short.pdf"
    _, rows, planned = number_map(key)
    assert list(rows) == ["This sheet", FULL]
    check_map(key, short, {"This sheet": short, FULL: full})
    # the selection's own plan numbers as this sheet does: no row is marked
    assert planned == set()
    assert "the numbers the lesson plan uses" not in " ".join("".join(pages(key)).split())
