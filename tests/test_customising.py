"""Every worked example of docs/customising.md builds, and has the effect the guide shows."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from medialit.build.run import BuildOptions, build_lesson
from medialit.settings.layers import load_configuration

from .conftest import ROOT, assert_no_answers, paint_colours, pdf_fonts, pdf_text, text_sizes

pytestmark = pytest.mark.build

DOCS = ROOT / "docs"
EXAMPLES = DOCS / "examples"
LESSON = EXAMPLES / "lesson.yaml"
GUIDE = DOCS / "customising.md"

Outputs = dict[str, Path]


@pytest.fixture(scope="module")
def default(tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    return build_example(None, tmp_path_factory.mktemp("default"))


def build_example(name: str | None, out: Path) -> Outputs:
    """Build the guide's lesson in example folder ``name``, as ``medialit build`` run there."""
    folder = EXAMPLES / name if name else out
    options = BuildOptions(out=out, configuration=load_configuration(folder), write_html=True)
    result = build_lesson(LESSON, options)
    return {p.name: p for p in result.outputs}


def check_header(built: Outputs, default: Outputs) -> None:
    text = pdf_text(built["student.pdf"])
    assert "RIVERSIDE HIGH SCHOOL" in text.upper()
    assert "MS OKAFOR" in text.upper() and "9B English" in text
    assert "Date:" not in text and "Date:" in pdf_text(default["student.pdf"])
    assert "MS OKAFOR" in pdf_text(built["key.pdf"]).upper()


def check_logo(built: Outputs, default: Outputs) -> None:
    for sheet in ("student.pdf", "key.pdf"):
        assert "#1d3557" in paint_colours(built[sheet])  # the crest's blue
    assert "#1d3557" not in paint_colours(default["student.pdf"])


def check_instructions(built: Outputs, default: Outputs) -> None:
    text = pdf_text(built["student.pdf"])
    assert "Read the article twice. The second time, stop at each numbered statement" in text
    assert "Each underlined statement has a number" not in text
    lines = built["student.html"].read_text().count('<div class="line">')
    assert lines == default["student.html"].read_text().count('<div class="line">') + 3


def check_translate(built: Outputs, default: Outputs) -> None:
    text = pdf_text(built["student.pdf"])
    for words in (
        "FICHE ÉLÈVE",
        "Ta mission",
        "Classe les énoncés",
        "Page 1 sur",
        "Information sourcée",
    ):
        assert words.lower() in text.lower(), words
    assert "Consigne" not in text  # the word the teacher changed
    for words in ("Your task", "Sort the statements", "Evidence", "Page 1 of", "Consigne"):
        assert words not in text, words
    assert "Information sourcée" in pdf_text(built["key.pdf"])


def check_colours(built: Outputs, default: Outputs) -> None:
    colours = paint_colours(built["key.pdf"])
    assert {"#d9f0d3", "#d0b8dc", "#ea9a4a"} <= colours
    assert "#c4dcee" not in colours and "#c4dcee" in paint_colours(default["key.pdf"])
    assert "Claim without support" in pdf_text(built["key.pdf"])
    assert "Claim without support" in pdf_text(built["student.pdf"])


def check_large_print(built: Outputs, default: Outputs) -> None:
    # Every part scales with the base size: the article, the boxes and the sorting table.
    for words in ("Everyone knows that", "Your task", "Information", "(¶2)"):
        before = text_sizes(default["student.pdf"], words)
        after = text_sizes(built["student.pdf"], words)
        assert before and {round(size * 14 / 10.5) for size in before} == {
            round(size) for size in after
        }, words
    assert 14.0 in text_sizes(built["student.pdf"], "Everyone knows that")  # the article
    assert pdf_fonts(built["student.pdf"]) <= {"Andika", "Andika-Bold"}
    lines = built["student.html"].read_text().count('<div class="line">')
    assert lines == default["student.html"].read_text().count('<div class="line">') + 3 + 2


def check_one_block(built: Outputs, default: Outputs) -> None:
    text = pdf_text(built["student.pdf"])
    assert "Detective work" in text and "a clue you can check (Evidence)" in text
    assert "Your task" not in text and "Your task" in pdf_text(default["student.pdf"])
    assert "Sort the statements" in text and "Detective work" not in pdf_text(built["key.pdf"])


def check_theme(built: Outputs, default: Outputs) -> None:
    text = pdf_text(built["student.pdf"])
    assert "Think like a fact-checker" in text
    assert "#23443a" in paint_colours(built["student.pdf"])
    assert "#f4f1de" in paint_colours(built["student.pdf"])  # the chalk image, found by asset()
    assert pdf_fonts(built["student.pdf"]) <= {"Andika", "Andika-Bold"}
    assert "RIVERSIDE HIGH SCHOOL" in text.upper()
    # templates/student.html extends the theme's, which extends the built-in one.
    assert "Bring this sheet to Friday's class debate." in text
    assert text.index("Think like a fact-checker") < text.index("Sort the statements")


CHECKS: dict[str, Callable[[Outputs, Outputs], None]] = {
    "header": check_header,
    "logo": check_logo,
    "instructions": check_instructions,
    "translate": check_translate,
    "colours": check_colours,
    "large-print": check_large_print,
    "one-block": check_one_block,
    "theme": check_theme,
}


@pytest.mark.parametrize("name", CHECKS)
def test_example_builds_with_its_effect(name: str, default: Outputs, tmp_path: Path) -> None:
    built = build_example(name, tmp_path)
    CHECKS[name](built, default)
    assert_no_answers(LESSON, built["student.pdf"], built["student.html"])


def test_every_example_folder_is_checked_and_pictured() -> None:
    folders = {p.name for p in EXAMPLES.iterdir() if p.is_dir()} - {"before"}
    assert folders == set(CHECKS)
    guide = GUIDE.read_text()
    pictures = re.findall(r"\]\((examples/[^)]+\.png)\)", guide)
    assert {Path(p).parent.name for p in pictures} == set(CHECKS) | {"before"}
    for picture in pictures:
        assert (DOCS / picture).stat().st_size > 10_000, picture


def test_guide_shows_the_exact_files() -> None:
    guide = GUIDE.read_text()
    shown = re.findall(r"^File `examples/([^`]+)`:\n\n```\w*\n(.*?)^```$", guide, re.M | re.S)
    assert len(shown) >= 10
    for relative, text in shown:
        assert (EXAMPLES / relative).read_text() == text, relative
    example_files = {
        p.relative_to(EXAMPLES).as_posix()
        for p in EXAMPLES.rglob("*")
        if p.suffix in (".toml", ".html", ".css")
    }
    assert example_files == {relative for relative, _ in shown}
