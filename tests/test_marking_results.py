"""The marks record: scores as the Moodle export gives them, and a faithful round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from medialit.marking.results import Box, ClassMarks, CopyMarks, PageScan, StatementMark


def statement(answer: str | None, *, unsure: bool = False) -> StatementMark:
    return StatementMark(
        number=1,
        statement_id="council-report",
        key_kind="evidence",
        also_accept=["inference"],
        answer=answer,  # type: ignore[arg-type]
        unsure=unsure,
    )


def test_scores_full_half_and_none() -> None:
    assert statement("evidence").score == 1.0
    assert statement("inference").score == 0.5
    assert statement("assertion").score == 0.0
    assert statement(None).score == 0.0
    waiting = statement("evidence", unsure=True)
    assert waiting.waiting and waiting.score == 0.0
    waiting.resolved = True
    assert not waiting.waiting and waiting.score == 1.0


def test_marks_json_reads_back_as_written(tmp_path: Path) -> None:
    marks = ClassMarks(
        lesson="school-start-time",
        title="Later school start",
        copies=[
            CopyMarks(
                copy=3,
                version="B",
                name="Ana López",
                pages=[PageScan(page=1, source="tray.pdf, page 2", image="pages/003-1.png")],
                statements=[
                    StatementMark(
                        number=2,
                        statement_id="council-report",
                        key_kind="evidence",
                        ticks={"evidence": "ticked", "inference": "unsure", "assertion": "empty"},
                        answer="evidence",
                        unsure=True,
                        reason_box=Box(page=1, x=50.0, y=400.5, width=480.0, height=60.0),
                        reason_image="reasons/003-2.png",
                        band=2,
                    )
                ],
            )
        ],
    )
    path = tmp_path / "marks" / "marks.json"
    marks.save(path)
    assert ClassMarks.load(path) == marks
    assert marks.waiting == 1
    assert [p.name for p in path.parent.iterdir()] == ["marks.json"]  # no temporary left


def test_another_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "marks.json"
    path.write_text('{"lesson": "x"}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a medialit marks file"):
        ClassMarks.load(path)
