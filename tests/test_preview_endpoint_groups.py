"""The hooks the studio's editors build on: ``LessonEditor.edit`` and ``ENDPOINT_GROUPS``."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml.comments import CommentedMap
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from starlette.testclient import TestClient

from medialit.preview import app as preview_app
from medialit.preview.editing import EditRefused, LessonEditor, read_version
from medialit.preview.live import Preview
from medialit.preview.requests import edit_response, json_body, str_field
from medialit.settings.layers import Configuration

from .preview_helpers import LESSON
from .test_preview_server import HOST, PAGE, TOKEN


def test_an_edit_of_any_part_is_checked_written_and_undone(tmp_path: Path) -> None:
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text(LESSON, encoding="utf-8")
    editor = LessonEditor(lesson)

    def retitle(data: CommentedMap) -> None:
        data["title"] = "A new title"

    saved = editor.edit(read_version(lesson).version, "the new title", retitle)
    assert saved.checked.lesson.title == "A new title"
    assert "A new title" in lesson.read_text(encoding="utf-8")

    def break_it(data: CommentedMap) -> None:
        del data["article"]

    with pytest.raises(EditRefused, match="would not pass the check"):
        editor.edit(saved.version, "the broken lesson", break_it)
    assert "A new title" in lesson.read_text(encoding="utf-8")

    _, label = editor.undo(saved.version)
    assert label == "the new title"
    assert lesson.read_text(encoding="utf-8") == LESSON


def test_an_endpoint_group_is_served_behind_the_same_gate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text(LESSON, encoding="utf-8")

    def group(preview: Preview) -> list[BaseRoute]:
        async def retitle(request: Request) -> Response:
            body = await json_body(request)

            def edit(data: CommentedMap) -> None:
                data["title"] = str_field(body, "title")

            return await edit_response(
                preview,
                lambda: preview.editor.edit(str_field(body, "version"), "the title", edit),
            )

        return [Route("/api/title", retitle, methods=["POST"])]

    monkeypatch.setattr(preview_app, "ENDPOINT_GROUPS", [group])
    app = preview_app.create_app(
        lesson, Configuration(), token=TOKEN, hosts={HOST}, executor_factory=None
    )
    with TestClient(app, base_url=f"http://{HOST}{PAGE}") as client:
        version = client.get("api/lesson").json()["version"]
        answer = client.post("api/title", json={"version": version, "title": "Retitled"})
        assert answer.status_code == 200, answer.text
        assert answer.json()["lesson"]["title"] == "Retitled"
        assert answer.json()["undo"] == "the title"
        stale = client.post("api/title", json={"version": version, "title": "Again"})
        assert stale.status_code == 409
    with TestClient(app, base_url=f"http://{HOST}/s/wrong-token/") as outsider:
        assert (
            outsider.post("api/title", json={"version": version, "title": "X"}).status_code == 403
        )
