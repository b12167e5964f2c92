"""The glance panel's data comes in every lesson view (issue 20: every response under 200 ms;
the page asked GET api/glance after each save, and the glance read the lesson file three more
times): a save's answer carries the glance of the lesson it has just checked, read from no
file, and equal to what GET api/glance says of the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from medialit.drafting import review
from medialit.lesson import text as lesson_text
from medialit.lesson.reading import read_lesson

from .test_preview_server import make_client
from .test_studio_glance_server import STUDIO, tick


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    path = tmp_path / "lesson.yaml"
    # A source detail left unknown: its warning names its line.
    path.write_text(STUDIO.replace("author: Sam Reporter", "author: unknown", 1), "utf-8")
    with make_client(path) as client:
        yield client


def test_a_saves_answer_carries_the_glance_of_what_it_saved(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = client.get("api/lesson").json()
    assert view["glance"]["version"] == view["version"]
    reads: list[Path] = []
    real = lesson_text.read_text

    def counted(file: Path, *args: object, **kwargs: object) -> str:
        reads.append(file)
        return real(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(lesson_text, "read_text", counted)
    saved = tick(client, "core", view["annotations"][0]["quote"])
    assert saved.status_code == 200, saved.text
    lesson = saved.json()["lesson"]
    glance = lesson["glance"]
    assert glance["version"] == lesson["version"] and glance["problems"] is False
    assert [s["name"] for s in glance["selections"]] == ["core"]
    assert reads == []  # counted from the lesson the save checked, not read again
    asked = client.get("api/glance").json()
    assert {k: v for k, v in asked.items() if k != "sizes"} == glance
    assert [w["field"] for w in glance["warnings"] if w["field"].startswith("source")] == [
        "source.author"
    ]


def test_the_review_warnings_take_the_text_read_for_the_check(tmp_path: Path) -> None:
    path = tmp_path / "lesson.yaml"
    text = STUDIO.replace("author: Sam Reporter", "author: unknown", 1)
    path.write_text(text, "utf-8")
    checked = read_lesson(path)
    said = review.review_warnings(checked)
    path.unlink()  # the text given is used: the file is not read again
    assert review.review_warnings(checked, text) == said
    assert review.source_gap_warnings(checked, text) == [
        w for w in said if (w.field or "").startswith("source")
    ]
