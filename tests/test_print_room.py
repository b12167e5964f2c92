"""A new teacher's first hour at the printer: the room the student sheets give for writing.

Real sheets of one small lesson, laid out with WeasyPrint and read back with pdftotext's word
boxes (``-bbox``), in points from the top left of the page.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .conftest import DATA, pdf_pages, run_cli

pytestmark = pytest.mark.build

PT_PER_MM = 72 / 25.4
WORD = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


class Word:
    """A word as pdftotext places it on its page."""

    def __init__(self, page: int, text: str, box: tuple[float, float, float, float]) -> None:
        self.page, self.text = page, text
        self.x0, self.y0, self.x1, self.y1 = box

    def __repr__(self) -> str:
        return f"{self.text!r}@p{self.page}({self.x0:.0f},{self.y0:.0f})"


def words(pdf: Path) -> list[Word]:
    """Every word of the PDF, page by page, in pdftotext's reading order."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found: list[Word] = []
    for number, page in enumerate(xml.split("<page ")[1:], start=1):
        for m in WORD.finditer(page):
            box = (float(m[1]), float(m[2]), float(m[3]), float(m[4]))
            found.append(Word(number, m[5], box))
    return found


def phrases(found: list[Word], phrase: str) -> list[Word]:
    """The first word of each place where ``phrase`` is printed, word after word."""
    wanted = phrase.split()
    return [
        found[n]
        for n in range(len(found) - len(wanted) + 1)
        if [w.text for w in found[n : n + len(wanted)]] == wanted
    ]


def built(folder: Path, *args: str) -> Path:
    """The small test lesson built with ``args`` into ``folder``; its output folder."""
    lesson = folder / "lesson.yaml"
    lesson.write_text((DATA / "good-lesson.yaml").read_text(), encoding="utf-8")
    done = run_cli(["build", lesson, "--out", folder / "build", "--quiet", *args], folder)
    assert done.returncode == 0, done.stderr
    return folder / "build" / "lesson"


def test_each_guided_prompt_starts_its_own_lines_with_room_to_write(tmp_path: Path) -> None:
    found = words(built(tmp_path, "--level", "guided") / "student-guided.pdf")
    labels = phrases(found, "How do you know? What would you check?")
    reasons = phrases(found, "This is ________ because…")
    checks = phrases(found, "To check this I would…")
    assert len(labels) == len(reasons) == len(checks) == 2  # one of each a statement
    for label, reason, check in zip(labels, reasons, checks, strict=True):
        assert label.page == reason.page == check.page
        # the label on a line of its own, above the first prompt
        assert reason.y0 > label.y1, (label, reason)
        # each prompt at the start of its line, under the label, not half-way across
        assert abs(reason.x0 - label.x0) < 1 and abs(check.x0 - label.x0) < 1, (label, check)
        # each prompt has its own lines (two, the writing_lines setting), 8-9 mm apart
        spacing = (check.y0 - reason.y0) / 2 / PT_PER_MM
        assert 8 <= spacing <= 9.5, spacing


def test_the_independent_sheet_s_writing_columns_get_the_room(tmp_path: Path) -> None:
    # Spanish: the long header of the statement column took the room of the reasons
    found = words(
        built(tmp_path, "--level", "independent", "--set", "language=es")
        / ("student-independent.pdf")
    )
    # the header row, the first time (a page the table runs onto repeats it)
    kind = phrases(found, "Tipo El fragmento")[0]
    statement = phrases(found, "El fragmento (cópialo")[0]
    where = phrases(found, "¶ y línea")[0]
    why = phrases(found, "¿Cómo lo sabes?")[0]
    right = max(w.x1 for w in found if w.page == why.page)  # the table ends at the margin
    widths = {
        "kind": statement.x0 - kind.x0,
        "statement": where.x0 - statement.x0,
        "where": why.x0 - where.x0,
        "why": right - why.x0,
    }
    mm = {name: round(width / PT_PER_MM) for name, width in widths.items()}
    assert mm["why"] >= 65 and mm["statement"] >= 55, mm  # were 38 and 98
    assert mm["kind"] <= 25 and mm["where"] <= 20, mm


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A class pack of the small lesson, one version: a standard copy and a guided one."""
    folder = tmp_path_factory.mktemp("pack")
    roster = folder / "class.csv"
    roster.write_text("name,level\nAna Lopez,\nBen Okafor,guided\n", encoding="utf-8")
    return built(folder, "--roster", str(roster), "--no-markable")


def test_a_class_pack_s_key_names_its_level_as_the_other_keys_do(
    pack: Path, tmp_path: Path
) -> None:
    # the standard level with one version: its copies print M3, and so does its key
    assert " M3 " in pdf_pages(pack / "class-pack.pdf")[0]  # Ana's copy
    for key, label in [("key.pdf", "Standard (M3)"), ("key-guided.pdf", "Guided (K7)")]:
        pages = pdf_pages(pack / key)
        assert all(label in page for page in pages), (key, [page[-80:] for page in pages])
    # a plain build's key, like its sheet, names no level
    plain = built(tmp_path)
    assert not any("(M3)" in page for page in pdf_pages(plain / "key.pdf"))


def test_a_class_pack_s_cover_has_no_version_column_for_one_version(pack: Path) -> None:
    (cover,) = pdf_pages(pack / "cover.pdf")
    assert "No. Name Level 1 Ana Lopez Standard (M3) 2 Ben Okafor Guided (K7)" in cover, cover
    assert "Version" not in cover and "–" not in cover


def number_map_lines(key: Path) -> list[str]:
    """The lines of the key's table of numbers on the other sheets (empty: it has none)."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(key), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    if "The same statements on the other sheets" not in lines:
        return []
    at = lines.index("The same statements on the other sheets") + 1
    return lines[at : next(n for n in range(at, len(lines)) if "Evidence ·" in lines[n])]


def test_the_number_map_gives_each_numbering_one_row(pack: Path, tmp_path: Path) -> None:
    # every copy numbers as the others: no table at all (it repeated "1 2" under "This sheet")
    assert number_map_lines(pack / "key.pdf") == []
    assert number_map_lines(pack / "key-guided.pdf") == []
    # the guided copies print a selection: the standard copies are the full sheet, one row
    lesson = (
        (DATA / "good-lesson.yaml").read_text().replace("  - quote:", "  - id: s{}\n    quote:")
    )
    lesson = lesson.format(1, 2) + "selections:\n  short: [s2]\nworksheet:\n"
    lesson += "  level_selections:\n    guided: short\n"
    (tmp_path / "short").mkdir()
    (tmp_path / "short" / "good-lesson.yaml").write_text(lesson, encoding="utf-8")
    out = tmp_path / "short" / "build"
    roster = pack.parent.parent / "class.csv"
    done = run_cli(
        ["build", "good-lesson.yaml", "--roster", roster, "--no-markable", "--out", out],
        tmp_path / "short",
    )
    assert done.returncode == 0, done.stderr
    rows = number_map_lines(out / "good-lesson" / "key-guided.pdf")
    # The sheets that number alike share a row, joined by "=" (a review read the second name
    # as a row of its own, with no numbers).
    assert rows == ["This sheet 1", "Full sheet (no selection, no versions) 2", "= Standard (M3)"]
    rows = number_map_lines(out / "good-lesson" / "key.pdf")
    assert rows[:2] == ["This sheet 1 2", "Guided (K7) – 1"], rows


SHORTENED = """\
title: Shortened statements
source:
  author: A. Writer
  outlet: The Paper
  published: 2020-01-02
article: |
  Without the columns of the newspapers and magazines wherein to exploit themselves, the frauds would fade. According to the estimate of the prominent advertising firm, above 90 per cent. of their earnings pay for advertising.

  While once a relatively uncommon condition, the prevalence of extreme obesity is on the rise.

  In the study, researchers classified participants according to their body mass index.
annotations:
  - quote: Without the columns of the newspapers and magazines wherein to exploit themselves, the frauds would fade.
    kind: assertion
    why: No source.
  - quote: According to the estimate of the prominent advertising firm, above 90 per cent. of their earnings pay for advertising.
    kind: assertion
    why: The firm is not named.
  - quote: While once a relatively uncommon condition, the prevalence of extreme obesity is on the rise.
    kind: assertion
    why: No source.
  - quote: In the study, researchers classified participants according to their body mass index.
    kind: evidence
    why: The study is named.
"""


def test_a_shortened_statement_keeps_its_paragraph_mark_with_its_last_word(
    tmp_path: Path,
) -> None:
    (tmp_path / "lesson.yaml").write_text(SHORTENED, encoding="utf-8")
    done = run_cli(["build", "lesson.yaml", "--quiet"], tmp_path)
    assert done.returncode == 0, done.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "build" / "lesson" / "student.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    table = text[text.index("Sort the statements") :]
    marks = re.findall(r"\S+ … \(¶\d\)", table)  # as printed, on one line each
    assert len(marks) == 4, table
    alone = [line for line in table.splitlines() if re.match(r"\s*(…\s*)?\(¶\d\)", line)]
    assert alone == [], alone
    # and the line is broken at its last space that fits, not after the first word
    firsts = re.findall(r"^\s*\d\s+(.+?)\s+Evidence", table, flags=re.M)
    assert len(firsts) == 4 and all(len(first.split()) >= 5 for first in firsts), firsts
