"""A statement's why is printed on each student's feedback sheet after marking (a cold run of
the marking loop found "which earns the top band for the reason" there): it explains the
kind to a student, and says nothing of how a teacher bands a reason, which the lesson's
``marking`` bands say in the key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medialit.lesson.reading import read_lesson

LESSONS = sorted((Path(__file__).parent.parent / "lessons").glob("*.yaml"))


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.stem)
def test_no_why_speaks_of_bands(lesson: Path) -> None:
    for statement in read_lesson(lesson).statements:
        assert not re.search(r"\bbands?\b", statement.annotation.why, re.I), statement.annotation
