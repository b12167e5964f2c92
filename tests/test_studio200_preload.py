"""The next edit's document is loaded ahead once a save's answer has gone out, not while the
answer is made (issue 20: every response under 200 ms; the load held Python's lock while the
save's answer was encoded and sent)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

import medialit.preview.kept as kept

from .preview_helpers import LESSON
from .test_preview_server import HOST, PAGE, make_client


def test_the_load_ahead_starts_after_the_answer_is_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "lesson.yaml"
    path.write_text(LESSON, encoding="utf-8")
    events: list[str] = []
    real = kept.load

    def load(text: str) -> kept.Loaded:
        events.append(f"load in {threading.current_thread().name}")
        return real(text)

    monkeypatch.setattr(kept, "load", load)
    with make_client(path) as plain:
        app = plain.app

        async def watched(scope: Any, receive: Any, send: Any) -> None:
            async def sending(message: dict[str, Any]) -> None:
                await send(message)
                if message["type"] == "http.response.body" and not message.get("more_body"):
                    events.append("answer sent")

            await app(scope, receive, sending)

        client = TestClient(watched, base_url=f"http://{HOST}{PAGE}")
        view = client.get("api/lesson").json()
        quote = view["annotations"][0]["quote"]
        for why in ("A first reason.", "A second reason.", "A third reason."):
            events.clear()
            saved = client.post(
                "api/annotations/0", json={"version": view["version"], "quote": quote, "why": why}
            )
            assert saved.status_code == 200, saved.text
            view = saved.json()["lesson"]
            for _ in range(300):  # the load ahead, in its own thread
                if events[-1:] == ["load in medialit-preload"]:
                    break
                threading.Event().wait(0.01)
            # The edit itself found its document loaded ahead (but the first: the page had
            # only read the file), and the next one's load began once the answer was sent.
            assert events[-2:] == ["answer sent", "load in medialit-preload"], events
            assert "load in medialit-preload" not in events[:-1] or why == "A first reason."
