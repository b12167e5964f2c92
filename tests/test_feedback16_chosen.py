"""What a feedback sheet says the student ticked, when no kind counted (a cold run of the
marking loop): two ticks the teacher decided as none read "You ticked: no kind ticked", which
tells a student who ticked twice that they ticked nothing."""

from __future__ import annotations

from medialit.lesson.model import Kind
from medialit.marking.feedback import FeedbackRow
from medialit.marking.results import StatementMark, TickState


def _chosen(ticks: dict[Kind, TickState], answer: Kind | None = None) -> str:
    mark = StatementMark(1, "s1", Kind.evidence, ticks=ticks, answer=answer, resolved=True)
    return FeedbackRow(mark, None, "wrong", None).chosen


def test_what_the_student_ticked_is_said_as_it_was() -> None:
    empty: dict[Kind, TickState] = {kind: "empty" for kind in Kind}
    assert _chosen(empty) == "no kind ticked"
    assert _chosen({**empty, Kind.evidence: "ticked", Kind.assertion: "ticked"}) == (
        "more than one kind ticked: none counted"
    )
    assert _chosen({**empty, Kind.inference: "unsure"}) == "no clear tick: none counted"
    assert _chosen({**empty, Kind.inference: "unsure"}, Kind.inference) == Kind.inference
