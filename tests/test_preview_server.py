"""The preview server through Starlette's TestClient: the guard, and edits to a real file."""

from __future__ import annotations

import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from starlette.testclient import TestClient

from medialit.errors import LessonError
from medialit.lesson.reading import read_lesson
from medialit.preview import app as preview_app
from medialit.preview.app import CONTENT_SECURITY_POLICY, STALE_MESSAGE, create_app
from medialit.preview.editing import NOT_EXPLAINED
from medialit.preview.server import listen
from medialit.settings.layers import Configuration

from .conftest import ROOT
from .preview_helpers import ASSERTION, FIRST, INFERENCE, LESSON, MAYOR, TWICE

TOKEN = "test-token-0123456789"
HOST = "127.0.0.1:8123"
PAGE = f"/s/{TOKEN}/"  # the page and all it loads live under the secret path


def make_client(lesson: Path, base: str = PAGE) -> TestClient:
    app = create_app(
        lesson,
        Configuration(),
        token=TOKEN,
        hosts={HOST, "localhost:8123"},
        executor_factory=None,  # the pages pane has tests of its own
    )
    return TestClient(app, base_url=f"http://{HOST}{base}", follow_redirects=False)


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    path = tmp_path / "lesson.yaml"
    path.write_text(LESSON, encoding="utf-8")
    return path


@pytest.fixture
def client(lesson: Path) -> TestClient:
    with make_client(lesson) as client:
        yield client


def block_of(view: dict, words: str) -> tuple[int, int, int]:
    """Block index and character range of the first place ``words`` stand."""
    for index, block in enumerate(view["blocks"]):
        at = block["text"].find(words)
        if at != -1:
            return index, at, at + len(words)
    raise AssertionError(words)


def unmarked_words(view: dict) -> tuple[int, int, int]:
    """Five unmarked words of the article, whole: block, start, end."""
    for index, block in enumerate(view["blocks"]):
        text, at = block["text"], 0
        gaps = []
        for mark in block["marks"]:
            gaps.append((at, mark["start"]))
            at = mark["end"]
        gaps.append((at, len(text)))
        for start, end in gaps:
            words = text[start:end].split()
            if len(words) >= 7:
                first = text.index(words[1], start + len(words[0]))
                last = text.index(words[5], first) + len(words[5])
                return index, first, last
    raise AssertionError("every sentence of the article is marked")


def add(client: TestClient, words: str, kind: str, version: str | None = None, **fields: str):
    view = client.get("/api/lesson").json()
    block, start, end = block_of(view, words)
    body = {"version": version or view["version"], "block": block, "start": start, "end": end}
    return client.post("/api/annotations", json={**body, "kind": kind, **fields})


# -- the guard ------------------------------------------------------------------------------


def test_without_the_token_nothing_is_served(lesson: Path) -> None:
    with make_client(lesson, base="/") as client:
        paths = ["/", "/api/lesson", "/static/preview.js", "/events", "/api/pages"]
        for path in [*paths, *(f"/s/wrong{path}" for path in paths), f"/s/{TOKEN[:-1]}/"]:
            response = client.get(path)
            assert response.status_code == 403, path
            assert "Open the address that <code>medialit preview</code> printed" in response.text
        assert client.get("/?token=wrong").status_code == 403
        response = client.post("/api/annotations", json={})
        assert response.status_code == 403
        assert lesson.read_text(encoding="utf-8") == LESSON


def test_the_printed_address_leads_to_the_page_under_its_secret_path(lesson: Path) -> None:
    with make_client(lesson, base="/") as client:
        response = client.get(f"/?token={TOKEN}")
        assert response.status_code == 303
        assert response.headers["location"] == PAGE
        assert "set-cookie" not in response.headers  # a cookie would reach every local port
        assert client.get(PAGE[:-1]).headers["location"] == PAGE
        page = client.get(PAGE)
        assert page.status_code == 200
        assert '<script type="module" src="static/preview.js">' in page.text
        assert client.get(f"{PAGE}static/preview.js").status_code == 200


def test_every_module_the_page_imports_is_served(client: TestClient) -> None:
    # As the browser does: the page's module scripts, then what each imports, by its address.
    scripts = re.findall(r'<script type="module" src="static/([\w.]+)">', client.get("/").text)
    served: set[str] = set()
    while scripts:
        name = scripts.pop()
        if name in served:
            continue
        response = client.get(f"/static/{name}")
        assert response.status_code == 200, name
        assert "javascript" in response.headers["content-type"], name
        served.add(name)
        scripts += re.findall(r'^import [^;]*? from "\./([\w.]+)";', response.text, re.MULTILINE)
    static = Path(preview_app.__file__).parent / "static"
    assert served == {path.name for path in static.glob("*.js")}  # none missing, none left over


def test_a_foreign_host_header_is_refused_even_with_the_token(client: TestClient) -> None:
    # DNS rebinding: evil.example resolves to 127.0.0.1, and the browser sends its name.
    for host in ("evil.example:8123", "127.0.0.1:9999", "127.0.0.1", "localhost.evil.example:8123"):
        response = client.get("/api/lesson", headers={"Host": host})
        assert response.status_code == 400, host
        assert response.text == f"This preview answers only at http://{HOST}/."
    assert client.get("/api/lesson", headers={"Host": "localhost:8123"}).status_code == 200


def test_every_response_carries_the_content_security_policy(client: TestClient) -> None:
    paths = ["/", "/static/preview.js", "/static/preview.css", "/api/lesson", "/nowhere"]
    responses = [client.get(path) for path in paths]
    responses.append(client.get("/", headers={"Host": "evil.example:8123"}))
    stranger = TestClient(client.app, base_url=f"http://{HOST}")
    responses.append(stranger.get("/s/wrong/"))
    for response in responses:
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in CONTENT_SECURITY_POLICY


def test_changes_must_be_json_from_the_page_itself(client: TestClient, lesson: Path) -> None:
    view = client.get("/api/lesson").json()
    body = {"version": view["version"], "block": 0, "start": 0, "end": 10, "kind": "evidence"}
    form = client.post("/api/annotations", data={"kind": "evidence"})
    assert form.status_code == 415
    foreign = client.post("/api/annotations", json=body, headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403
    assert lesson.read_text(encoding="utf-8") == LESSON


# -- edits --------------------------------------------------------------------------------


def test_marking_a_sentence_writes_it_and_keeps_the_rest_of_the_file(
    client: TestClient, lesson: Path
) -> None:
    response = add(client, INFERENCE, "inference", why="It concludes from the new hours.")
    assert response.status_code == 200, response.text
    text = lesson.read_text(encoding="utf-8")
    assert text.startswith(LESSON)  # comments, quoting, order: every old byte as it was
    assert text[len(LESSON) :] == (
        '  - quote: "So the new hours will surely drive readers away."\n'
        "    kind: inference\n"
        "    why: It concludes from the new hours.\n"
        "    id: new-hours-surely\n"  # for selections: ids are written when a statement is made
    )
    view = response.json()["lesson"]
    assert [a["quote"] for a in view["annotations"]] == [FIRST, ASSERTION, INFERENCE]


def test_a_mark_without_why_is_saved_as_a_draft(client: TestClient, lesson: Path) -> None:
    assert add(client, MAYOR, "assertion").status_code == 200
    text = lesson.read_text(encoding="utf-8")
    assert text.endswith(
        '  - quote: "The mayor did not answer."\n'
        "    kind: assertion\n"
        f"    why: '{NOT_EXPLAINED}'\n"
        "    id: mayor-did-not\n"
        "    draft: true\n"
    )


def test_a_quote_found_twice_gets_its_occurrence(client: TestClient, lesson: Path) -> None:
    view = client.get("/api/lesson").json()
    second = next(i for i, b in enumerate(view["blocks"]) if b["text"].startswith(TWICE))
    start = 0
    body = {"version": view["version"], "block": second, "start": start, "end": len(TWICE)}
    response = client.post("/api/annotations", json={**body, "kind": "evidence", "why": "Seen."})
    assert response.status_code == 200, response.text
    assert lesson.read_text(encoding="utf-8").endswith(
        '  - quote: "Some readers complained."\n    occurrence: 2\n    kind: evidence\n'
        "    why: Seen.\n    id: some-readers-complained\n"
    )


def test_changing_confirming_and_deleting(client: TestClient, lesson: Path) -> None:
    version = client.get("/api/lesson").json()["version"]
    changed = client.post(
        "/api/annotations/0",
        json={"version": version, "quote": FIRST, "kind": "inference", "why": "A new reason."},
    )
    assert changed.status_code == 200, changed.text
    text = lesson.read_text(encoding="utf-8")
    # The value changes; the comment after it and the folded style of "why" stay.
    line = next(line for line in text.splitlines() if "# a comment after a value" in line)
    assert line.split("#")[0].strip() == "kind: inference"
    assert "    why: >-\n      A new reason.\n" in text
    version = changed.json()["lesson"]["version"]
    confirmed = client.post(
        "/api/annotations/1", json={"version": version, "quote": ASSERTION, "confirm": True}
    )
    assert confirmed.status_code == 200
    assert "draft" not in lesson.read_text(encoding="utf-8")
    version = confirmed.json()["lesson"]["version"]
    deleted = client.post(
        "/api/annotations/1/delete", json={"version": version, "quote": ASSERTION}
    )
    assert deleted.status_code == 200
    text = lesson.read_text(encoding="utf-8")
    assert ASSERTION not in text.split("annotations:")[1]
    assert text.startswith("# A teacher's comment at the top: kept by every save.\n")
    assert "  # --- Paragraph 1 ---\n" in text


def test_adding_then_deleting_gives_back_the_seed_lesson_byte_for_byte(tmp_path: Path) -> None:
    seed = next((ROOT / "lessons").glob("*.yaml"))
    lesson = tmp_path / seed.name
    shutil.copy(seed, lesson)
    with make_client(lesson) as client:
        view = client.get("/api/lesson").json()
        block, start, end = unmarked_words(view)
        body = {"version": view["version"], "block": block, "start": start, "end": end}
        added = client.post("/api/annotations", json={**body, "kind": "inference"})
        assert added.status_code == 200, added.text
        after = added.json()["lesson"]
        added_annotation = max(after["annotations"], key=lambda a: a["index"])
        deleted = client.post(
            f"/api/annotations/{added_annotation['index']}/delete",
            json={"version": after["version"], "quote": added_annotation["quote"]},
        )
        assert deleted.status_code == 200, deleted.text
    assert lesson.read_bytes() == seed.read_bytes()


def test_a_stale_write_is_refused_and_the_other_edit_kept(client: TestClient, lesson: Path) -> None:
    old = client.get("/api/lesson").json()["version"]
    edited_elsewhere = LESSON.replace("title: 'The library hours'", "title: 'Library hours'")
    lesson.write_text(edited_elsewhere, encoding="utf-8")
    response = add(client, MAYOR, "evidence", version=old, why="Checked.")
    assert response.status_code == 409
    assert response.json()["message"] == STALE_MESSAGE
    assert response.json()["lesson"]["title"] == "Library hours"  # the page reloads
    assert lesson.read_text(encoding="utf-8") == edited_elsewhere


@pytest.fixture
def live_server(lesson: Path) -> Iterator[str]:
    """The app served by a real Uvicorn on the loopback, in a thread."""
    sock = listen(0)
    port = sock.getsockname()[1]
    app = create_app(
        lesson, Configuration(), token=TOKEN, hosts={f"127.0.0.1:{port}"}, executor_factory=None
    )
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]})
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "Uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}{PAGE}"
    server.should_exit = True
    thread.join(timeout=10)


def test_two_racing_saves_never_overwrite_each_other(live_server: str, lesson: Path) -> None:
    client = httpx.Client(base_url=live_server)
    view = client.get("/api/lesson").json()
    bodies = []
    for words, kind in ((INFERENCE, "inference"), (MAYOR, "evidence")):
        block, start, end = block_of(view, words)
        bodies.append(
            {"version": view["version"], "block": block, "start": start, "end": end, "kind": kind}
        )
    results: list[int] = []
    barrier = threading.Barrier(2)

    def post(body: dict) -> None:
        with httpx.Client(base_url=live_server) as raw:
            barrier.wait()
            results.append(raw.post("/api/annotations", json=body).status_code)

    threads = [threading.Thread(target=post, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200, 409]
    text = lesson.read_text(encoding="utf-8")
    assert text.startswith(LESSON)
    marked = text[len(LESSON) :]
    assert (INFERENCE in marked) != (MAYOR in marked)  # one saved, the other refused, none lost


def test_an_edit_that_would_break_the_lesson_is_refused(client: TestClient, lesson: Path) -> None:
    """Words that a statement has already: refused in the statements' numbers, as the page
    shows them (a newcomer read "annotations[3] overlaps annotations[12]", the file's
    indexes from 0, for statement 6 and a statement with no number yet)."""
    response = add(client, "the library closes", "evidence", why="Overlaps.")
    assert response.status_code == 422
    assert response.json()["message"] == (
        "These words share “the library closes” with statement 1, and two statements cannot "
        "share words. Select words outside statement 1, or shorten it first."
    )
    response = add(client, "Saturdays. Everyone knows", "inference", why="Overlaps both.")
    assert "“Saturdays.” with statement 1" in response.json()["message"]
    assert lesson.read_text(encoding="utf-8") == LESSON
    # Numbered in reading order, whatever the file's order: the inference, added last, is 3.
    assert add(client, TWICE, "evidence", why="A count.").status_code == 200
    assert add(client, INFERENCE, "inference", why="It rests on the hours.").status_code == 200
    message = add(client, "readers away. Some", "evidence", why="Both.").json()["message"]
    assert "“readers away.” with statement 3" in message


def test_a_broken_lesson_shows_the_checks_messages_and_is_not_edited(
    client: TestClient, lesson: Path
) -> None:
    broken = LESSON.replace("    kind: assertion\n", "    kind: asertion\n")
    lesson.write_text(broken, encoding="utf-8")
    view = client.get("/api/lesson").json()
    line = broken.splitlines().index("    kind: asertion") + 1
    assert view["problems"] == [
        f'{lesson}:{line}:11: annotations[1].kind: "asertion" is not a kind; did you mean '
        '"assertion"? (kinds: evidence, inference, assertion)'
    ]
    body = {"version": view["version"], "block": 0, "start": 0, "end": 10, "kind": "evidence"}
    response = client.post("/api/annotations", json=body)
    assert response.status_code == 422
    assert response.json()["message"].startswith("The lesson file has problems")
    assert lesson.read_text(encoding="utf-8") == broken


def test_edits_touch_only_the_lesson_file(client: TestClient, lesson: Path) -> None:
    neighbour = lesson.parent / "other.yaml"
    neighbour.write_text(LESSON, encoding="utf-8")
    assert add(client, MAYOR, "evidence", why="Checked.").status_code == 200
    assert sorted(p.name for p in lesson.parent.iterdir()) == ["lesson.yaml", "other.yaml"]
    assert neighbour.read_text(encoding="utf-8") == LESSON


def test_a_lesson_that_is_not_utf8_gets_the_checks_message(
    client: TestClient, lesson: Path
) -> None:
    lesson.write_bytes(LESSON.replace("Sam Reporter", "Sam Caf\xe9").encode("latin-1"))
    with pytest.raises(LessonError) as expected:
        read_lesson(lesson)
    view = client.get("/api/lesson").json()
    assert view["problems"] == [str(problem) for problem in expected.value.problems]
    assert "is not UTF-8 text" in view["problems"][0]
