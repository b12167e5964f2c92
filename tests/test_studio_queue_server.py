"""The review queue's endpoints (issue 20) through Starlette's TestClient, on a lesson that
`medialit new` drafted from a saved page: the drafts least sure first, drop, bring back,
a candidate added, undo of several steps, and the same gate as every other edit."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from medialit.drafting.new import new_lesson
from medialit.settings.checks import read_lesson_with_settings

from .conftest import DATA
from .test_preview_server import HOST, PAGE, make_client


@pytest.fixture
def drafted(tmp_path: Path) -> Path:
    made = new_lesson(str(DATA / "news-story.html"), io.BytesIO(), tmp_path, name="story")
    return made.lesson


@pytest.fixture
def client(drafted: Path) -> TestClient:
    with make_client(drafted) as client:
        yield client


def comments(text: str) -> list[tuple[str, str]]:
    """Each ``# how sure`` comment with the id of the statement just below it."""
    return re.findall(r"# how sure: ([a-z ]+ \([\d.]+\))\n  - id: ([\w-]+)", text)


def queue(client: TestClient) -> dict[str, Any]:
    answer = client.get("api/queue")
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_the_drafts_come_least_sure_first_with_how_sure(client: TestClient, drafted: Path) -> None:
    drafts = queue(client)["drafts"]
    text = drafted.read_text(encoding="utf-8")
    written = {key: sure for sure, key in comments(text)}
    assert len(drafts) == text.split("\nquestions:")[0].count("\n    draft: true") >= 10
    shown = [d["sure"] for d in drafts]
    assert shown == sorted(shown)
    for draft in drafts:
        assert written[draft["id"]] == f"{draft['sureness']} ({draft['sure']:.2f})"
        assert draft["quote"] in text and draft["draft"] is True


def test_drop_keeps_every_other_comment_and_bring_back_restores_the_file(
    client: TestClient, drafted: Path
) -> None:
    before = drafted.read_text(encoding="utf-8")
    # A draft that new put in the core selection: dropping it takes it out of core too.
    core = re.search(r"core: \[([^\]]*)\]", before)
    assert core is not None
    drafts = queue(client)["drafts"]
    first = next(d for d in drafts if d["id"] in core.group(1).split(", "))
    version = client.get("api/lesson").json()["version"]
    answer = client.post(
        f"api/queue/{first['index']}/drop", json={"version": version, "quote": first["quote"]}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["undo"].startswith("the drop of “")
    after = drafted.read_text(encoding="utf-8")
    assert f"quote: {first['quote']}" not in after.split("# More candidates")[0]
    assert first["id"] not in re.search(r"core: \[([^\]]*)\]", after).group(1)  # type: ignore[union-attr]
    # Every other draft keeps its own comment: none took the dropped one's.
    assert comments(after) == [pair for pair in comments(before) if pair[1] != first["id"]]
    listed = queue(client)
    assert [d["id"] for d in listed["dropped"]] == [first["id"]]
    assert first["id"] not in [d["id"] for d in listed["drafts"]]

    version = answer.json()["lesson"]["version"]
    back = client.post("api/queue/restore", json={"version": version, "id": first["id"]})
    assert back.status_code == 200, back.text
    assert drafted.read_text(encoding="utf-8") == before  # byte for byte
    assert queue(client)["dropped"] == []


def test_several_steps_undone_then_a_stale_save_refused(client: TestClient, drafted: Path) -> None:
    before = drafted.read_text(encoding="utf-8")
    drafts = queue(client)["drafts"]
    version = client.get("api/lesson").json()["version"]
    one, two, three = drafts[0], drafts[1], drafts[2]
    other = next(k for k in ("evidence", "inference", "assertion") if k != one["kind"])
    steps = [
        (f"api/annotations/{one['index']}", {"quote": one["quote"], "kind": other}),
        (f"api/annotations/{two['index']}", {"quote": two["quote"], "confirm": True}),
        (f"api/queue/{three['index']}/drop", {"quote": three["quote"]}),
    ]
    for url, body in steps:
        answer = client.post(url, json={**body, "version": version})
        assert answer.status_code == 200, answer.text
        version = answer.json()["lesson"]["version"]
    stale = client.post(
        f"api/queue/{one['index']}/drop",
        json={"version": "0" * 16, "quote": one["quote"]},
    )
    assert stale.status_code == 409
    assert stale.json()["lesson"]["version"] == version
    undone = []
    for _ in steps:
        answer = client.post("api/undo", json={"version": version})
        assert answer.status_code == 200, answer.text
        undone.append(answer.json()["undone"])
        version = answer.json()["lesson"]["version"]
    assert undone[0].startswith("Undid the drop of “")
    assert drafted.read_text(encoding="utf-8") == before
    assert queue(client)["dropped"] == []  # undone: it is back, no longer "dropped"


def test_a_candidate_of_new_becomes_a_draft(client: TestClient, drafted: Path) -> None:
    listed = queue(client)
    candidate = listed["candidates"][0]
    # Its reason comes with it, to judge it by (a newcomer saw the words alone).
    assert candidate["why"] and candidate["why"] in drafted.read_text(encoding="utf-8")
    version = client.get("api/lesson").json()["version"]
    answer = client.post("api/queue/candidates", json={"version": version, **candidate})
    assert answer.status_code == 200, answer.text
    text = drafted.read_text(encoding="utf-8")
    lesson = read_lesson_with_settings(drafted, text).lesson
    added = next(a for a in lesson.annotations if a.quote == candidate["quote"])
    assert added.draft and added.kind.value == candidate["kind"]
    assert f"  - id: {candidate['id']}\n    quote: {candidate['quote']}" in text
    listed = queue(client)
    assert candidate["quote"] not in [c["quote"] for c in listed["candidates"]]
    assert candidate["quote"] in [d["quote"] for d in listed["drafts"]]


def test_every_queue_endpoint_has_the_gate(client: TestClient, drafted: Path) -> None:
    before = drafted.read_text(encoding="utf-8")
    draft = queue(client)["drafts"][0]
    version = client.get("api/lesson").json()["version"]
    posts = [
        (f"api/queue/{draft['index']}/drop", {"quote": draft["quote"]}),
        ("api/queue/restore", {"id": draft["id"]}),
        ("api/queue/candidates", {"quote": draft["quote"]}),
    ]
    outsider = TestClient(client.app, base_url=f"http://{HOST}/s/wrong-token/")
    assert outsider.get("api/queue").status_code == 403
    assert client.get("api/queue", headers={"Host": "evil.example:8123"}).status_code == 400
    for url, body in posts:
        body = {**body, "version": version}
        assert outsider.post(url, json=body).status_code == 403, url
        assert client.post(url, json=body, headers={"Host": "evil.example:8123"}).status_code == 400
        foreign = client.post(url, json=body, headers={"Origin": "http://evil.example"})
        assert foreign.status_code == 403, url
        assert client.post(url, data={"version": version}).status_code == 415, url
    assert drafted.read_text(encoding="utf-8") == before
    assert PAGE in str(client.base_url)


def test_every_edit_keeps_each_comment_with_its_statement(
    client: TestClient, drafted: Path
) -> None:
    """Confirming, changing a kind, deleting and adding: no ``# how sure`` moves or goes."""
    before = drafted.read_text(encoding="utf-8")
    core = re.search(r"core: \[([^\]]*)\]", before)
    assert core is not None
    view = client.get("api/lesson").json()
    version = view["version"]
    by_index = sorted(view["annotations"], key=lambda a: a["index"])
    ids = {d["quote"]: d["id"] for d in queue(client)["drafts"]}
    in_core = core.group(1).split(", ")
    one, two = by_index[0], by_index[1]
    # The page's Delete refuses a statement a selection names: one that core does not name.
    three = next(a for a in by_index[2:] if ids[a["quote"]] not in in_core)
    other = next(k for k in ("evidence", "inference", "assertion") if k != two["kind"])
    steps = [
        (f"api/annotations/{one['index']}", {"quote": one["quote"], "confirm": True}),
        (f"api/annotations/{two['index']}", {"quote": two["quote"], "kind": other}),
        (f"api/annotations/{three['index']}/delete", {"quote": three["quote"]}),
    ]
    for url, body in steps:
        answer = client.post(url, json={**body, "version": version})
        assert answer.status_code == 200, answer.text
        version = answer.json()["lesson"]["version"]
    words = "Other owners were more hopeful"  # a candidate in a comment, not a draft
    block, start, end = next(
        (index, block["text"].find(words), block["text"].find(words) + len(words))
        for index, block in enumerate(answer.json()["lesson"]["blocks"])
        if words in block["text"]
    )
    added = client.post(
        "api/annotations",
        json={"version": version, "block": block, "start": start, "end": end, "kind": "evidence"},
    )
    assert added.status_code == 200, added.text
    after = drafted.read_text(encoding="utf-8")
    gone = ids[three["quote"]]
    assert comments(after) == [pair for pair in comments(before) if pair[1] != gone]
    # The comment above selections stays there, not above the statement added last.
    assert (
        "each kind. Build it with --select core; change the list as you like.\nselections:" in after
    )
    assert f'    draft: true\n  - quote: "{words}"' in after


def test_a_drop_that_would_empty_a_selection_is_refused(client: TestClient, drafted: Path) -> None:
    draft = queue(client)["drafts"][0]
    text = drafted.read_text(encoding="utf-8")
    text = text.replace("\nselections:\n", f"\nselections:\n  alone: [{draft['id']}]\n", 1)
    drafted.write_text(text, encoding="utf-8")
    version = client.get("api/lesson").json()["version"]
    answer = client.post(
        f"api/queue/{draft['index']}/drop", json={"version": version, "quote": draft["quote"]}
    )
    assert answer.status_code == 422
    assert answer.json()["message"] == (
        "This draft was not dropped: it is the only statement of the selection “alone”; add "
        "another statement to it first."
    )
    assert drafted.read_text(encoding="utf-8") == text
    assert queue(client)["dropped"] == []


def test_undoing_the_drop_of_a_short_sentence_says_so_with_one_full_stop(
    client: TestClient,
) -> None:
    short = next(d for d in queue(client)["drafts"] if d["quote"] == "Not everyone is convinced.")
    version = client.get("api/lesson").json()["version"]
    body = {"version": version, "quote": short["quote"]}
    dropped = client.post(f"api/queue/{short['index']}/drop", json=body)
    assert dropped.status_code == 200, dropped.text
    version = dropped.json()["lesson"]["version"]
    answer = client.post("api/undo", json={"version": version})
    assert answer.status_code == 200, answer.text
    assert answer.json()["undone"] == "Undid the drop of “Not everyone is convinced.”"
