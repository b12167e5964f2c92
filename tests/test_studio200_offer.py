"""The why and check offered after a kind change come in the answer of the kind's save
(issue 20: every response under 200 ms; a save and then a question took two requests), read
in a worker process of its own, behind the same gate as every edit."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from starlette.testclient import TestClient

from medialit.drafting.new import new_lesson
from medialit.lesson.model import Kind
from medialit.preview.live import Preview
from medialit.preview.offers import Reader, offer_for
from medialit.preview.pages import make_executor
from medialit.preview.view import lesson_view
from medialit.settings.layers import Configuration

from .conftest import DATA
from .preview_helpers import run_apart
from .test_preview_server import HOST, make_client

T = TypeVar("T")


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    return new_lesson(str(DATA / "news-story.html"), io.BytesIO(), tmp_path, name="story").lesson


@pytest.fixture
def client(lesson: Path) -> Iterator[TestClient]:
    with make_client(lesson) as client:
        yield client


def trucks(view: dict) -> dict:
    return next(
        a for a in view["annotations"] if a["quote"].startswith("Apparently, sales went up")
    )


def test_the_kind_save_answers_with_the_offer_for_the_new_kind(client: TestClient) -> None:
    view = client.get("api/lesson").json()
    first = trucks(view)
    assert first["kind"] == "inference"
    body = {"version": view["version"], "quote": first["quote"], "kind": "assertion"}
    saved = client.post(f"api/annotations/{first['index']}", json=body | {"offer": True})
    assert saved.status_code == 200, saved.text
    answer = saved.json()
    assert trucks(answer["lesson"])["kind"] == "assertion"
    asked = client.get(f"api/queue/{first['index']}/offer", params={"kind": "assertion"}).json()
    assert (
        answer["offer"]
        == asked
        == {
            "version": answer["lesson"]["version"],
            "index": first["index"],
            "kind": "assertion",
            # hedged, not "stated as fact" (a newcomer's run)
            "why": "‘Apparently’ hedges it, but nothing here says where it comes from or how "
            "it is known: a claim given without support.",
            "check": "Ask who says so and how they know, then look for a source that shows it.",
        }
    )
    # Not asked for, or no kind changed: no offer.
    version = answer["lesson"]["version"]
    plain = client.post(
        f"api/annotations/{first['index']}",
        json={"version": version, "quote": first["quote"], "kind": "evidence"},
    ).json()
    assert "offer" not in plain
    confirm = {"version": plain["lesson"]["version"], "quote": first["quote"], "confirm": True}
    confirmed = client.post(f"api/annotations/{first['index']}", json=confirm | {"offer": True})
    assert confirmed.status_code == 200 and "offer" not in confirmed.json()


def test_the_kind_save_with_its_offer_keeps_the_gate(client: TestClient) -> None:
    view = client.get("api/lesson").json()
    first = trucks(view)
    lesson = Path(view["file"])
    before = lesson.read_text("utf-8")
    url = f"api/annotations/{first['index']}"
    body = {"version": view["version"], "quote": first["quote"], "kind": "assertion", "offer": True}
    outsider = TestClient(client.app, base_url=f"http://{HOST}/s/wrong-token/")
    assert outsider.post(url, json=body).status_code == 403
    assert client.post(url, json=body, headers={"Host": "evil.example:8123"}).status_code == 400
    assert client.post(url, json=body, headers={"Origin": "http://evil.example"}).status_code == 403
    stale = client.post(url, json=body | {"version": "an-old-version"})
    assert stale.status_code == 409 and "offer" not in stale.json()
    assert lesson.read_text("utf-8") == before


def test_the_readers_worker_offers_what_the_server_would(lesson: Path) -> None:
    """The worker process (a real one, spawned) answers as the reading in the server does."""
    view = lesson_view(lesson, Configuration())
    first = trucks(view)
    preview = Preview(lesson, Configuration(), make_executor)
    preview.view = view
    preview.pages = {"busy": False, "documents": []}
    reader = Reader(preview)

    async def offered() -> dict:
        stop = asyncio.Event()
        running = asyncio.create_task(reader.run(stop))
        while reader.executor is None:
            await asyncio.sleep(0.05)
        answer = await asyncio.to_thread(reader.offer, view, first["index"], Kind.assertion)
        stop.set()
        await running
        return answer

    answer = run_apart(offered)
    assert reader.executor is not None  # answered by the worker, not in this process
    assert answer == offer_for(view, first["index"], Kind.assertion, lesson)
    assert answer["why"].startswith("‘Apparently’ hedges it")
