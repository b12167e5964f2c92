"""The marking page's saves, the guide's statement names and marks.csv's cells, in process.

Quick tests on the real lesson and real files; the browser and the PDFs are tested in
test_marking_review.py and test_marking_outputs.py.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from medialit.marking.csvfiles import marks_csv, statement_ids
from medialit.marking.guide import read_guide
from medialit.marking.results import ClassMarks, CopyMarks, StatementMark
from medialit.marking.store import BadDecision, MarksFile, StaleMarks

from .marking_report_support import LESSON


def small_class(path: Path, name: str = "Ana López") -> ClassMarks:
    marks = ClassMarks(
        lesson=LESSON.stem,
        title="A later start at Harbury High",
        copies=[
            CopyMarks(
                copy=1,
                version="A",
                name=name,
                statements=[
                    StatementMark(
                        number=4,
                        statement_id="since-survey-shows",
                        key_kind="inference",
                        ticks={"evidence": "ticked", "inference": "ticked", "assertion": "empty"},
                        unsure=True,
                    ),
                    StatementMark(
                        number=1, statement_id="according-survey-results", key_kind="evidence"
                    ),
                ],
            )
        ],
    )
    marks.save(path)
    return marks


def test_each_decision_is_saved_and_a_stale_one_refused(tmp_path: Path) -> None:
    path = tmp_path / "marks.json"
    small_class(path)
    store = MarksFile(path)
    first = store.read()
    assert first.marks.waiting == 1
    saved = store.decide(first.version, 1, "since-survey-shows", answer="inference")
    assert saved.marks.waiting == 0 and saved.version != first.version
    assert ClassMarks.load(path).copies[0].statements[0].score == 1.0
    before = path.read_bytes()
    with pytest.raises(StaleMarks):  # made on the file as it was before that save
        store.decide(first.version, 1, "since-survey-shows", band=3)
    assert path.read_bytes() == before
    store.decide(saved.version, 1, "according-survey-results", band=2)
    assert ClassMarks.load(path).copies[0].statements[1].band == 2
    assert [p.name for p in tmp_path.iterdir()] == ["marks.json"]  # no temporary left


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"band": 4}, "A band is 1, 2 or 3, not 4."),
        ({"band": True}, "A band is 1, 2 or 3, not True."),
        ({"answer": "opinion"}, "Choose evidence, inference, assertion or none, not 'opinion'."),
    ],
)
def test_a_decision_out_of_range_is_refused(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    path = tmp_path / "marks.json"
    small_class(path)
    store = MarksFile(path)
    loaded = store.read()
    before = path.read_bytes()
    with pytest.raises(BadDecision) as refused:
        store.decide(loaded.version, 1, "since-survey-shows", **change)
    assert str(refused.value) == message
    assert path.read_bytes() == before
    with pytest.raises(BadDecision, match="Copy 2 has no statement"):
        store.decide(loaded.version, 2, "since-survey-shows", band=1)


def test_a_statement_is_found_by_any_name_the_reader_may_give_it() -> None:
    guide = read_guide(LESSON)
    fourth = guide.find("since-survey-shows")
    assert fourth is not None and fourth.number == 4 and fourth.kind == "inference"
    assert guide.find("s4") == fourth and guide.find("4") == fourth
    assert fourth.why.startswith("“Since” shows a conclusion")
    assert guide.find("council-report") is None
    assert [b.name for b in guide.bands] == ["Beginning", "Developing", "Secure"]


def test_marks_csv_keeps_a_formula_as_text(tmp_path: Path) -> None:
    marks = small_class(tmp_path / "marks.json", name="=HYPERLINK(1)")
    marks.copies[0].statements[0].resolved = True
    marks.copies[0].statements[0].answer = "evidence"
    rows = list(
        csv.reader(io.StringIO(marks_csv(marks, statement_ids(marks, read_guide(LESSON))).decode()))
    )
    assert rows == [
        [
            "name",
            "version",
            "score according-survey-results",
            "score since-survey-shows",
            "band according-survey-results",
            "band since-survey-shows",
            "total",
        ],
        ["'=HYPERLINK(1)", "A", "0", "0", "", "", "0"],
    ]


def test_an_image_outside_the_marks_folder_is_refused(tmp_path: Path) -> None:
    from medialit.errors import MedialitError
    from medialit.marking.results import PageScan
    from medialit.marking.store import load_marks

    path = tmp_path / "marks.json"
    marks = small_class(path)
    marks.copies[0].pages = [PageScan(1, "tray.pdf, page 1", "../../secret.png")]
    marks.copies[0].statements[1].reason_image = "/etc/passwd.png"
    marks.save(path)
    with pytest.raises(MedialitError) as refused:
        load_marks(path)
    assert str(refused.value).splitlines() == [
        f"{path}: copy 1, page 1: the image '../../secret.png' is not inside the marks folder.",
        f"{path}: copy 1, statement according-survey-results: the image '/etc/passwd.png' is "
        "not inside the marks folder.",
    ]
