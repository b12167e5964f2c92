"""A class set from one lesson file: selections, excerpts, the key's grid, plan, glossary and
marking guide, and the independent key's lines. Built for real and read back from the PDFs;
the words the sheets print are checked in their HTML in tests/test_golden_sheets.py."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from medialit.cli import main
from medialit.lesson.reading import read_lesson
from medialit.render.typography import typographic

from .conftest import ROOT, pdf_pages, pdf_text

pytestmark = pytest.mark.build

SEED_LESSON = ROOT / "lessons" / "washington-isis-syria-2017.yaml"

LESSON = """\
title: The bridge "debate"
source:
  author: A. Writer
  title: The bridge will close
  outlet: The Paper
  published: 2020-01-02
  url: https://example.org/bridge
article: |
  The mayor said on Monday that the bridge will close. Therefore traffic will get worse.

  Everyone agrees the bridge is ugly. It's been there for fifty years.

  The council's report says repairs would cost 2 million pounds. So the bridge must go.

  Nobody will miss it. Drivers will find another way.
annotations:
  - quote: The mayor said on Monday that the bridge will close.
    id: mayor
    kind: evidence
    why: A named person and a date.
  - quote: Therefore traffic will get worse.
    id: traffic
    kind: inference
    also_accept: [assertion]
    why: Drawn from the closure, with "Therefore".
  - quote: Everyone agrees the bridge is ugly.
    id: ugly
    kind: assertion
    why: No support.
  - quote: The council's report says repairs would cost 2 million pounds.
    id: report
    kind: evidence
    why: A named report and a figure.
  - quote: So the bridge must go.
    id: must-go
    kind: inference
    why: Drawn from the cost.
  - quote: Nobody will miss it.
    id: nobody
    kind: assertion
    why: No support.
selections:
  short: [mayor, traffic, report, must-go]
glossary:
  - term: council
    definition: The town's elected government.
plan:
  minutes: 30
  content_note: Nothing difficult.
  steps:
    - {minutes: 10, activity: Read., details: Alone.}
    - {minutes: 20, activity: Sort., details: In pairs.}
"""


def build(lesson: Path, out: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", str(lesson), "--out", str(out), *args])
    return result.exit_code, result.output


def pages(pdf: Path) -> list[str]:
    return pdf_pages(pdf)


@pytest.fixture(scope="module")
def lesson(tmp_path_factory: pytest.TempPathFactory) -> Path:
    file = tmp_path_factory.mktemp("class-set") / "bridge.yaml"
    file.write_text(LESSON)
    return file


@pytest.fixture(scope="module")
def seed_core(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed-core")
    code, output = build(SEED_LESSON, out, "--select", "core", "--html")
    assert code == 0, output
    return out / SEED_LESSON.stem


def test_seed_core_fits_a_50_minute_lesson(seed_core: Path) -> None:
    student, key = seed_core / "student-core.pdf", seed_core / "key-core.pdf"
    assert len(PdfReader(student).pages) <= 5
    text = pdf_text(student)
    # nine statements, numbered 1 to 9, and no others
    numbers = [int(n) for n in re.findall(r"(\d+) [^(]{5,80}\(¶\d+\) Evidence Inference", text)]
    assert numbers == list(range(1, 10)), numbers
    # (assert_no_answers would trip on the lesson's title, "Evidence, inference or assertion?")
    html = (seed_core / "student-core.html").read_text()
    for statement in read_lesson(SEED_LESSON).statements:
        why = typographic(" ".join(statement.annotation.why.split()[:6]))
        assert why not in text and why not in html
        for technique in statement.annotation.techniques:
            assert f"{technique}" not in text
    assert "kind-" not in html and "Also accept" not in text and "data-statement" not in html
    first = pages(key)[0]
    assert first.index("Answers at a glance · selection “core”") < first.index(
        "Lesson plan: 50 minutes"
    )
    assert "1 A Assertion or I" in first  # number, badge, kind, also accepted
    assert "Content note" in pdf_text(key) and "Marking guide" in pdf_text(key)


def test_printed_quotes_are_typographic_and_the_footer_is_one_line(seed_core: Path) -> None:
    for name in ("student-core.pdf", "key-core.pdf"):
        text = pdf_text(seed_core / name)
        assert '"' not in text and "'" not in text, name
    student = pages(seed_core / "student-core.pdf")
    title = "How Washington Found Itself in Bed with ISIS"
    # the header and the excerpt's citation (core prints as an excerpt), not a footer line
    cited = f"Alexander Orlov, “{title}”, New Eastern Outlook"
    assert sum(page.count(title) - page.count(cited) for page in student) == 1
    assert all("republished by Global Research, 20 December 2017" in p for p in student)


def test_selection_with_levels_and_versions(lesson: Path, tmp_path: Path) -> None:
    code, output = build(
        lesson, tmp_path, "--select", "short", "--level", "guided", "--versions", "2"
    )
    assert code == 0, output
    folder = tmp_path / "bridge"
    for version in "AB":
        student = pdf_text(folder / f"student-guided-short-{version}.pdf")
        assert "Everyone agrees" in student  # the article is whole...
        assert "Everyone agrees the bridge is ugly. (¶" not in student  # ...the table is not
        assert "Words and names" in student and "council:" in student  # guided: glossary
        assert f"K7 · Version {version}" in student and "Guided" not in student
        key = pages(folder / f"key-guided-short-{version}.pdf")
        assert f"Answers at a glance · Version {version} · selection “short”" in key[0]
        grid = key[0][key[0].index("Answers at a glance") : key[0].index("“or” lists")]
        cells = re.findall(r"\b(\d+) [EIA] (?:Evidence|Inference|Assertion)", grid)
        assert sorted(int(n) for n in cells) == [1, 2, 3, 4], grid
        assert "Guided (K7) · Version" in key[0]
    # each key also carries the other version's grid: key A's "Version B" line is key B's grid
    grids = {}
    for version in "AB":
        first = pages(folder / f"key-guided-short-{version}.pdf")[0]
        grid = first[first.index("Answers at a glance") : first.index("“or” lists")]
        grids[version] = dict(re.findall(r"\b(\d+) ([EIA]) (?:Evidence|Inference|Assertion)", grid))
    key_a = pages(folder / "key-guided-short-A.pdf")[0]
    line_b = key_a[key_a.index("Version B:") : key_a.index("“or” lists")]
    assert dict(re.findall(r"(\d+) ?([EIA])", line_b)) == grids["B"], line_b


def test_unknown_selection_is_an_error_with_did_you_mean(lesson: Path, tmp_path: Path) -> None:
    code, output = build(lesson, tmp_path, "--select", "shrt")
    assert code == 1 and "Traceback" not in output
    assert '--select names the selection "shrt", which the lesson does not define; ' in output
    assert 'did you mean "short"?' in output
    assert not (tmp_path / "bridge").exists()
    code, output = build(
        lesson, tmp_path, "--set", "level_selections.guided=core", "--level", "guided"
    )
    assert code == 1 and "the setting level_selections.guided names the selection" in output


def test_independent_key_gives_paragraph_and_line(lesson: Path, tmp_path: Path) -> None:
    long_lesson = lesson.parent / "long.yaml"
    filler = "This sentence only fills the line so that the next one wraps. " * 6
    long_lesson.write_text(LESSON.replace("  Everyone agrees", f"  {filler}Everyone agrees"))
    code, output = build(long_lesson, tmp_path, "--level", "independent")
    assert code == 0, output  # the message says why, if a build ever fails here
    key = pdf_text(tmp_path / "long" / "key-independent.pdf")
    assert "The mayor said on Monday that the bridge will close.” (¶ 1, line 1)" in key
    found = re.search(r"Everyone agrees the bridge is ugly\.” \(¶ 2, line (\d+)\)", key)
    assert found and int(found.group(1)) >= 4, key
    # the student sheet numbers that line: the statement starts on the line so numbered
    layout = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "long" / "student-independent.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(row for row in layout.splitlines() if "Everyone agrees" in row)
    assert line.rstrip().endswith(found.group(1)), line
