"""Issue 22: the lesson from the 1918 influenza corpus builds, prints its statements, and
keeps its answers off the student sheets.

Real builds with WeasyPrint, read back with pdftotext: the title and every statement print on
the student sheet and the key; no "why", "how to check", teacher note or answer label prints
on a student sheet, at the standard level or the guided one (which adds the glossary).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli import main
from medialit.lesson.reading import read_lesson

from .conftest import ROOT

pytestmark = pytest.mark.build

NEW = [ROOT / "lessons" / "nyt-influenza-cables-1918.yaml"]


def pdftotext(pdf: Path) -> str:
    """The PDF's text as poppler reads it, white space folded, quotes made straight."""
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    text = " ".join(done.stdout.split())
    return text.replace("“", '"').replace("”", '"').replace("’", "'")


def words(text: str, n: int) -> str:
    """The first ``n`` words of ``text``, white space folded, quotes made straight."""
    folded = " ".join(text.split()[:n])
    return folded.replace("“", '"').replace("”", '"').replace("’", "'")


@pytest.fixture(scope="module", params=NEW, ids=lambda p: p.stem)
def sheets(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    lesson: Path = request.param
    out = tmp_path_factory.mktemp(lesson.stem)
    for level in ("standard", "guided"):
        run = ["build", str(lesson), "--out", str(out), "--quiet", "--level", level]
        result = CliRunner().invoke(main, run)
        assert result.exit_code == 0, result.output
    return out / lesson.stem


def test_title_and_statements_print_on_the_student_sheet_and_the_key(sheets: Path) -> None:
    lesson = read_lesson(ROOT / "lessons" / f"{sheets.name}.yaml").lesson
    for pdf in ("student.pdf", "key.pdf", "student-guided.pdf"):
        text = pdftotext(sheets / pdf)
        assert words(lesson.title, 6) in text, pdf
        for annotation in lesson.annotations:
            assert words(annotation.quote, 5) in text, (pdf, annotation.id)
    key = pdftotext(sheets / "key.pdf")
    for annotation in lesson.annotations:  # the key gives each answer
        assert words(annotation.why, 6) in key, annotation.id


def test_no_answer_prints_on_a_student_sheet(sheets: Path) -> None:
    lesson = read_lesson(ROOT / "lessons" / f"{sheets.name}.yaml").lesson
    secrets = [words(a.why, 6) for a in lesson.annotations]
    secrets += [words(a.check, 6) for a in lesson.annotations if a.check]
    secrets += [words(q.notes, 6) for q in lesson.questions if q.notes]
    assert lesson.source.notes and lesson.plan and lesson.plan.content_note
    secrets += [words(lesson.source.notes, 6), words(lesson.plan.steps[0].details or "", 6)]
    secrets += [words(lesson.plan.content_note, 6)]
    secrets += ["Also accept", "Answers at a glance", "How to check", "Answer key"]
    for pdf in ("student.pdf", "student-guided.pdf"):
        text = pdftotext(sheets / pdf)
        assert [s for s in secrets if s in text] == [], pdf
        assert "Evidence" in text and "Assertion" in text  # the tick boxes, not answers
    guided = pdftotext(sheets / "student-guided.pdf")
    assert all(entry.term in guided for entry in lesson.glossary)  # hard and old words explained
