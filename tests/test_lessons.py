"""Every lesson in lessons/ keeps its promises, and builds (the words its key prints are
checked in the key's HTML, in tests/test_golden_sheets.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from medialit.lesson.model import KIND_ORDER
from medialit.lesson.reading import read_lesson
from medialit.render.typography import typographic

from .conftest import LESSONS, pdf_text

pytestmark = pytest.mark.build

SEED_LESSON = Path(__file__).resolve().parent.parent / "lessons" / "washington-isis-syria-2017.yaml"
FIRST_LESSONS = {"school-start-time"}
"""Short lessons to start from: 8-12 statements and 3 questions, instead of 20-30 and 5."""
SHORT_RELEASES = {
    "nci-extreme-obesity-2014",
    "nih-prevention-research-2019",
    "adams-fundamental-fakes-1906",
}
"""Short texts from the evaluation corpus: 8-15 statements and 3 questions. The rule decides
each kind, and a short text that draws few conclusions in its own words holds few inferences,
so two kinds need three statements each (the one-tick check guards the key's balance)."""
# And any lesson without selections is taught whole in one lesson: a short one too.


def test_there_are_lessons() -> None:
    assert SEED_LESSON in LESSONS


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_is_complete(lesson: Path) -> None:
    checked = read_lesson(lesson)
    counts = checked.count_by_kind()
    short = lesson.stem in SHORT_RELEASES
    assert sum(counts[kind] >= 3 for kind in KIND_ORDER) >= (2 if short else 3), counts
    # A long article may have many statements; a selection gives the class a short version.
    first = lesson.stem in FIRST_LESSONS or not checked.lesson.selections
    fewest, most = (8, 15) if short else (8, 12) if first else (20, 40)
    assert fewest <= len(checked.statements) <= most
    for statement in checked.statements:
        annotation = statement.annotation
        assert len(annotation.why.split()) >= 15, annotation.quote
        assert annotation.check, annotation.quote
        assert annotation.kind not in annotation.also_accept
    assert len(checked.lesson.questions) >= (3 if first or short else 5)
    assert all(q.notes for q in checked.lesson.questions)
    assert checked.lesson.objectives and checked.lesson.audience
    assert checked.lesson.source.notes


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_annotations_cover_beginning_middle_and_end(lesson: Path) -> None:
    checked = read_lesson(lesson)
    # The last paragraph of prose: a closing list (a release's table of classes) is reference.
    last = max(b.number for b in checked.blocks if b.kind == "paragraph" and b.number is not None)
    used = {checked.blocks[s.block].number or 0 for s in checked.statements}
    thirds = [
        any(n <= last / 3 for n in used),
        any(last / 3 < n <= 2 * last / 3 for n in used),
        any(n > 2 * last / 3 for n in used),
    ]
    assert all(thirds), (used, last)
    assert last in used  # the closing paragraph too


@pytest.fixture(scope="module")
def seed_build(built_lessons: dict[Path, dict[str, Path]]) -> dict[str, Path]:
    return built_lessons[SEED_LESSON]


def test_seed_student_sheet_has_statements_and_no_answers(seed_build: dict[str, Path]) -> None:
    checked = read_lesson(SEED_LESSON)
    text = pdf_text(seed_build["student.pdf"])
    html = seed_build["student.html"].read_text()
    folded = " ".join(text.split())
    for statement in checked.statements:
        opening = typographic(
            " ".join(
                checked.blocks[statement.block].text[statement.start : statement.end].split()[:5]
            )
        )
        assert opening in folded, opening
        why_start = typographic(" ".join(statement.annotation.why.split()[:8]))
        assert why_start not in folded and why_start not in html
        if statement.annotation.check:
            check_start = typographic(" ".join(statement.annotation.check.split()[:8]))
            assert check_start not in folded
    for kind in KIND_ORDER:
        assert f"kind-{kind.value}" not in html
    assert "Also accept" not in folded and "Techniques" not in folded
    notes = checked.lesson.source.notes or ""
    assert typographic(" ".join(notes.split()[:8])) not in folded


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_lesson_builds(lesson: Path, built_lessons: dict[Path, dict[str, Path]]) -> None:
    outputs = built_lessons[lesson]
    assert "Sort the statements" in pdf_text(outputs["student.pdf"])
    assert "Answers" in pdf_text(outputs["key.pdf"])
