"""Levels and versions of one lesson's worksheet, built for real and read back (the words
each level's sheets print are checked in their HTML, in tests/test_golden_sheets.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.build.run import BuildOptions, build_lesson
from medialit.cli import main
from medialit.lesson.reading import read_lesson

from .conftest import DATA, pdf_pages, pdf_text

pytestmark = pytest.mark.build


@pytest.fixture(scope="session")
def levels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Guided and independent sheets in two versions, with their HTML."""
    out = tmp_path_factory.mktemp("levels")
    outputs: dict[str, Path] = {}
    for level in ("guided", "independent"):
        options = BuildOptions(out=out, level=level, versions=2, seed=3, write_html=True)  # type: ignore[arg-type]
        outputs.update({p.name: p for p in build_lesson(DATA / "sample.yaml", options).outputs})
    return outputs


def test_file_names(levels: dict[str, Path]) -> None:
    assert sorted(levels) == sorted(
        f"{doc}-{level}-{version}.{ext}"
        for doc in ("student", "key")
        for level in ("guided", "independent")
        for version in "AB"
        for ext in ("pdf", "html")
    )


def test_independent_has_no_marks_and_an_empty_table(levels: dict[str, Path]) -> None:
    html = levels["student-independent-A.html"].read_text()
    text = pdf_text(levels["student-independent-A.pdf"])
    assert 'class="statement"' not in html and 'class="num"' not in html
    assert "data-statement" not in html  # only the never-printed measuring copy marks them
    assert "Sort the statements" not in text and "Find your own examples" in text
    for label in ("Evidence", "Inference", "Assertion"):
        assert html.count(f'<td class="category-col">{label}</td>') == 2  # the default rows
        assert text.count(label) == 3  # the task box, and the table's two empty rows
    assert 'class="line-numbers"' in html
    assert "¶ and line" in text


def test_level_sheets_never_show_answers(levels: dict[str, Path]) -> None:
    checked = read_lesson(DATA / "sample.yaml")
    for name, path in levels.items():
        if not name.startswith("student"):
            continue
        content = path.read_text() if name.endswith(".html") else pdf_text(path)
        for statement in checked.statements:
            assert statement.annotation.why not in content
            for technique in statement.annotation.techniques:
                assert technique not in content
        for kind in ("evidence", "inference", "assertion"):
            assert f"kind-{kind}" not in content
        assert "Also accept" not in content and "Why:" not in content


def test_level_and_version_on_every_page(levels: dict[str, Path]) -> None:
    """Students' copies carry the level's neutral code; the key names the level and the code."""
    for name, label in (
        ("student-guided-B.pdf", "K7 · Version B"),
        ("student-independent-A.pdf", "T5 · Version A"),
        ("key-independent-A.pdf", "Independent (T5) · Version A"),
    ):
        for page in pdf_pages(levels[name]):
            assert label in page
    for name in ("student-guided-B.pdf", "student-independent-A.pdf"):
        text = pdf_text(levels[name])
        assert "Guided" not in text and "Independent" not in text


def test_versions_number_article_and_table_alike(levels: dict[str, Path]) -> None:
    checked = read_lesson(DATA / "sample.yaml")
    orders = []
    for version in "AB":
        text = pdf_text(levels[f"student-guided-{version}.pdf"]).replace("’", "'")
        key = pdf_text(levels[f"key-guided-{version}.pdf"]).replace("’", "'")
        numbers = []
        for statement in checked.statements:
            words = re.escape(" ".join(statement.annotation.quote.replace("’", "'").split()[:4]))
            found = set(re.findall(rf"(\d+) {words}", text))
            assert len(found) == 1  # the article's mark and the table's row agree
            assert set(re.findall(rf"(\d+) “{words}", key)) == found
            numbers.append(found.pop())
        orders.append(numbers)
    assert orders[0] != orders[1]


def test_lesson_sets_the_number_of_rows(tmp_path: Path) -> None:
    lesson = tmp_path / "rows.yaml"
    lesson.write_text((DATA / "sample.yaml").read_text() + "independent_rows: 4\n")
    result = build_lesson(lesson, BuildOptions(out=tmp_path, level="independent", write_html=True))
    html = next(p for p in result.outputs if p.name == "student-independent.html").read_text()
    assert html.count('class="example-row"') == 12


def test_cli_writes_level_files_and_stays_quiet_without_a_terminal(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", str(DATA / "sample.yaml"), "--out", str(tmp_path), "--level", "guided"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "sample").iterdir()) == [
        ".made-by-medialit",
        "key-guided.pdf",
        "student-guided.pdf",
    ]
    assert "Building" not in result.output  # no progress bar when output is not a terminal
