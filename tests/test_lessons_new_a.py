"""The two lessons from short releases of the evaluation corpus (issue 22): each builds at the
standard level, its student sheet prints the title and every statement, and no answer, and its
key prints every statement's kind, read back from the PDFs with poppler's pdftotext."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli import main
from medialit.lesson.one_tick import MOST_FOR_ONE_TICK, one_tick_scores
from medialit.lesson.reading import CheckedLesson, read_lesson
from medialit.render.typography import typographic

from .conftest import ROOT

pytestmark = pytest.mark.build

NEW_LESSONS = [
    ROOT / "lessons" / "nci-extreme-obesity-2014.yaml",
    ROOT / "lessons" / "nih-prevention-research-2019.yaml",
]


def pdftotext(pdf: Path) -> str:
    """The PDF's text as poppler reads it, white space folded."""
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


def first_words(text: str, count: int) -> str:
    """The first ``count`` words of ``text`` as the sheet prints them (curly quotes)."""
    return typographic(" ".join(text.split()[:count]))


def statement_opening(checked: CheckedLesson, index: int) -> str:
    statement = checked.statements[index]
    return first_words(checked.blocks[statement.block].text[statement.start : statement.end], 4)


@pytest.fixture(scope="module", params=NEW_LESSONS, ids=lambda p: p.stem)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    lesson: Path = request.param
    out = tmp_path_factory.mktemp(lesson.stem)
    args = ["build", str(lesson), "--out", str(out), "--quiet", "--level", "standard", "--html"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out / lesson.stem


def lesson_of(built: Path) -> CheckedLesson:
    return read_lesson(ROOT / "lessons" / f"{built.name}.yaml")


def test_the_student_sheet_prints_the_title_and_every_statement(built: Path) -> None:
    checked = lesson_of(built)
    text = pdftotext(built / "student.pdf")
    assert typographic(checked.lesson.title) in text
    for index in range(len(checked.statements)):
        assert statement_opening(checked, index) in text


def test_the_student_sheet_prints_no_answer(built: Path) -> None:
    checked = lesson_of(built)
    text = pdftotext(built / "student.pdf")
    html = (built / "student.html").read_text()
    for statement in checked.statements:
        annotation = statement.annotation
        for answer in (annotation.why, annotation.check or ""):
            if answer:
                opening = first_words(answer, 6)
                assert opening not in text and opening not in html, opening
    for question in checked.lesson.questions:
        assert first_words(question.notes or "", 6) not in text
    for kind in ("evidence", "inference", "assertion"):
        assert f"kind-{kind}" not in html
    assert "Also accept" not in text and "half credit" not in text
    assert first_words(checked.lesson.source.notes or "", 6) not in text


def test_the_key_prints_every_statement_and_its_kind(built: Path) -> None:
    checked = lesson_of(built)
    text = pdftotext(built / "key.pdf")
    for index, statement in enumerate(checked.statements):
        assert statement_opening(checked, index) in text
        assert first_words(statement.annotation.why, 6) in text
    assert "Lesson plan: 50 minutes" in text


@pytest.mark.parametrize("lesson", NEW_LESSONS, ids=lambda p: p.stem)
def test_one_tick_everywhere_scores_at_most_half(lesson: Path) -> None:
    annotations = [s.annotation for s in read_lesson(lesson).statements]
    assert all(tick.score <= MOST_FOR_ONE_TICK for tick in one_tick_scores(annotations))
