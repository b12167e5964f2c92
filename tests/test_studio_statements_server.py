"""The statement editor's endpoints (issue 20): a statement's words, techniques and id,
through Starlette's TestClient on a real lesson file, behind the same gate as every edit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from medialit.lesson.reading import read_lesson
from medialit.preview.app import STALE_MESSAGE

from .conftest import ROOT
from .preview_helpers import ASSERTION, FIRST, LESSON, MAYOR
from .test_preview_server import make_client

# The preview tests' lesson, with a statement named by a selection, and their comments.
STATEMENTS = (
    LESSON
    + """\
  - quote: "The mayor did not answer."
    kind: assertion
    why: Nothing says who reports it.
    id: mayor  # named by the core selection
selections:
  # the short version
  core: [mayor]
"""
)


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    path = tmp_path / "lesson.yaml"
    path.write_text(STATEMENTS, encoding="utf-8")
    return path


@pytest.fixture
def client(lesson: Path) -> Iterator[TestClient]:
    with make_client(lesson) as client:
        yield client


def annotation(view: dict[str, Any], quote: str) -> dict[str, Any]:
    return next(a for a in view["annotations"] if a["quote"] == quote)


def words(view: dict[str, Any], text: str, *, nth: int = 1) -> dict[str, int]:
    """``block``, ``start``, ``end`` of the ``nth`` place ``text`` stands in the article."""
    seen = 0
    for index, block in enumerate(view["blocks"]):
        at = block["text"].find(text)
        while at != -1:
            seen += 1
            if seen == nth:
                return {"block": index, "start": at, "end": at + len(text)}
            at = block["text"].find(text, at + 1)
    raise AssertionError(text)


def bounds(client: TestClient, quote: str, place: dict[str, int], **extra: Any) -> Any:
    view = client.get("api/lesson").json()
    index = annotation(view, quote)["index"]
    body = {"version": view["version"], "quote": quote, **place, **extra}
    return client.post(f"api/statements/{index}/bounds", json=body)


def test_shrinking_and_extending_rewrite_the_quote_in_place(
    client: TestClient, lesson: Path
) -> None:
    view = client.get("api/lesson").json()
    shorter = "The council's website says the library closes"
    answer = bounds(client, FIRST, words(view, shorter))
    assert answer.status_code == 200, answer.text
    assert answer.json()["undo"] == "the new words of “The council's website says the library …”"
    text = lesson.read_text(encoding="utf-8")
    assert text == STATEMENTS.replace(
        f'  - quote: "{FIRST}"', f'  - quote: "{shorter}"'
    )  # kind, why (folded), the comments and the order: all as they were
    first = annotation(answer.json()["lesson"], shorter)
    assert (first["index"], first["kind"], first["number"]) == (0, "evidence", 1)
    # Extended again, past the end of the sentence it stops at (spaces are left out).
    place = words(view, FIRST)
    answer = bounds(client, shorter, {**place, "end": place["end"] + 1})
    assert answer.status_code == 200, answer.text
    assert lesson.read_text(encoding="utf-8") == STATEMENTS


def test_words_that_appear_twice_get_an_occurrence_and_lose_it_when_unique(
    client: TestClient, lesson: Path
) -> None:
    view = client.get("api/lesson").json()
    # "Some readers complained." stands in ¶2 and ¶3: the mayor's statement takes the second.
    place = words(view, "Some readers complained. The mayor did not answer.")
    answer = bounds(client, MAYOR, {**place, "end": place["start"] + len("Some readers")})
    assert answer.status_code == 200, answer.text
    text = lesson.read_text(encoding="utf-8")
    assert '  - quote: "Some readers"\n    occurrence: 2\n    kind: assertion\n' in text
    assert "    id: mayor  # named by the core selection\n" in text
    checked = read_lesson(lesson)
    moved = next(s for s in checked.statements if s.annotation.id == "mayor")
    assert (moved.block, moved.start) == (place["block"], place["start"])
    # Back to the mayor's words: found once, so the occurrence goes.
    assert bounds(client, "Some readers", words(view, MAYOR)).status_code == 200
    assert lesson.read_text(encoding="utf-8") == STATEMENTS


def test_a_boundary_that_overlaps_or_leaves_nothing_is_refused(
    client: TestClient, lesson: Path
) -> None:
    view = client.get("api/lesson").json()
    start = words(view, FIRST)["start"]
    overlapping = {**words(view, ASSERTION), "start": start}
    answer = bounds(client, FIRST, {**overlapping, "end": overlapping["start"] + 9})
    assert answer.status_code == 200  # "The counc" is still its own words
    view = client.get("api/lesson").json()
    answer = bounds(client, "The counc", {**words(view, ASSERTION), "start": start})
    assert answer.status_code == 422
    assert answer.json()["message"] == (
        "Statement 1 would then share the words “Everyone knows the old hours were …” "
        "with statement 2, and two statements cannot share words. Shorten statement 2 first, "
        "or stop before its words."
    )
    nothing = {"block": 0, "start": start + 3, "end": start + 4}  # a space: no word
    answer = bounds(client, "The counc", nothing)
    assert answer.status_code == 422
    assert answer.json()["message"] == (
        "Statement 1 would have no words left: keep at least one word, or delete the statement."
    )
    elsewhere = bounds(client, "The counc", words(view, "So the new hours"))
    assert elsewhere.status_code == 422
    assert elsewhere.json()["message"].startswith("Statement 1 stays within its paragraph")
    assert '- quote: "The counc"' in lesson.read_text(encoding="utf-8")


def test_techniques_are_written_in_order_once_each_and_removed_when_none(
    client: TestClient, lesson: Path
) -> None:
    view = client.get("api/lesson").json()
    index = annotation(view, ASSERTION)["index"]

    def send(names: Any) -> Any:
        version = client.get("api/lesson").json()["version"]
        body = {"version": version, "quote": ASSERTION, "techniques": names}
        return client.post(f"api/statements/{index}/techniques", json=body)

    answer = send(["vague attribution", "  loaded   language ", "Vague attribution", ""])
    assert answer.status_code == 200, answer.text
    assert annotation(answer.json()["lesson"], ASSERTION)["techniques"] == [
        "vague attribution",
        "loaded language",
    ]
    text = lesson.read_text(encoding="utf-8")
    assert (
        "    why: No support is given.\n"
        "    techniques: [vague attribution, loaded language]\n"
        "    draft: true\n"
    ) in text
    assert (
        send(["\x1b[1mbold"])
        .json()["message"]
        .startswith("A technique contains the invisible control character U+001B")
    )
    assert send(["x" * 301]).status_code == 422
    assert send("vague attribution").status_code == 400
    assert send([]).status_code == 200
    assert lesson.read_text(encoding="utf-8") == STATEMENTS
    names = client.get("api/techniques").json()["techniques"]
    assert {"vague attribution", "hedging", "loaded language"} <= set(names)


def test_an_id_is_renamed_with_every_selection_that_names_it(
    client: TestClient, lesson: Path
) -> None:
    view = client.get("api/lesson").json()
    mayor = annotation(view, MAYOR)
    assert mayor["id"] == "mayor"

    def send(quote: str, new: str) -> Any:
        latest = client.get("api/lesson").json()
        index = annotation(latest, quote)["index"]
        body = {"version": latest["version"], "quote": quote, "id": new}
        return client.post(f"api/statements/{index}/id", json=body)

    answer = send(MAYOR, "mayor-silent")
    assert answer.status_code == 200, answer.text
    assert answer.json()["said"] == "Renamed the id to “mayor-silent”, and in selections: core."
    assert annotation(answer.json()["lesson"], MAYOR)["id"] == "mayor-silent"
    text = lesson.read_text(encoding="utf-8")
    assert "    id: mayor-silent # named by the core selection\n" in text  # the comment kept
    assert "  # the short version\n  core: [mayor-silent]\n" in text
    # A statement with no id yet gets one, after its fields, before draft.
    answer = send(ASSERTION, "old-hours")
    assert answer.status_code == 200, answer.text
    assert answer.json()["said"] == "Renamed the id to “old-hours”."
    assert "    why: No support is given.\n    id: old-hours\n    draft: true\n" in (
        lesson.read_text(encoding="utf-8")
    )
    duplicate = send(FIRST, "old-hours")
    assert duplicate.status_code == 422
    assert duplicate.json()["message"] == (
        "Statement 2 already has the id “old-hours”; choose another, since selections name "
        "statements by their id."
    )
    bad = send(FIRST, "council website")
    assert bad.status_code == 422
    assert "“council website” is not one" in bad.json()["message"]
    assert "it cannot be empty" in send(FIRST, "  ").json()["message"]


# -- the gate, and a stale page: the same as for every edit -----------------------------


def test_a_stale_page_is_refused_and_the_other_edit_kept(client: TestClient, lesson: Path) -> None:
    view = client.get("api/lesson").json()
    edited_elsewhere = STATEMENTS.replace("title: 'The library hours'", "title: 'Library hours'")
    lesson.write_text(edited_elsewhere, encoding="utf-8")
    index = annotation(view, FIRST)["index"]
    sends = {
        "bounds": words(view, "The council's website"),
        "techniques": {"techniques": ["named record"]},
        "id": {"id": "council"},
    }
    for path, fields in sends.items():
        body = {"version": view["version"], "quote": FIRST, **fields}
        answer = client.post(f"api/statements/{index}/{path}", json=body)
        assert answer.status_code == 409, path
        assert answer.json()["message"] == STALE_MESSAGE
        assert answer.json()["lesson"]["title"] == "Library hours"
    # A quote the page saw that is no longer there: the same.
    latest = client.get("api/lesson").json()["version"]
    body = {"version": latest, "quote": "The council's", "id": "council"}
    assert client.post(f"api/statements/{index}/id", json=body).status_code == 409
    assert lesson.read_text(encoding="utf-8") == edited_elsewhere


def test_the_gate_refuses_no_token_a_foreign_host_and_a_foreign_origin(lesson: Path) -> None:
    body = {"version": "x", "quote": FIRST, "id": "council"}
    with make_client(lesson, base="/") as outsider:
        for path in ("/api/statements/0/id", "/s/wrong/api/statements/0/id"):
            assert outsider.post(path, json=body).status_code == 403
        assert outsider.get("/api/techniques").status_code == 403
    with make_client(lesson) as client:
        version = client.get("api/lesson").json()["version"]
        body["version"] = version
        for path in ("id", "techniques", "bounds"):
            foreign = client.post(
                f"api/statements/0/{path}", json=body, headers={"Origin": "http://evil.example"}
            )
            assert foreign.status_code == 403
            rebound = client.post(
                f"api/statements/0/{path}", json=body, headers={"Host": "evil.example:8123"}
            )
            assert rebound.status_code == 400
        assert (
            client.get("api/techniques", headers={"Host": "evil.example:8123"}).status_code == 400
        )
    assert lesson.read_text(encoding="utf-8") == STATEMENTS


def test_each_change_is_undone_with_ctrl_z(client: TestClient, lesson: Path) -> None:
    view = client.get("api/lesson").json()
    answer = bounds(client, FIRST, words(view, "The council's website"))
    assert answer.status_code == 200
    undone = client.post("api/undo", json={"version": answer.json()["lesson"]["version"]})
    assert (
        undone.json()["undone"]
        == "Undid the new words of “The council's website says the library …”."
    )
    assert lesson.read_text(encoding="utf-8") == STATEMENTS


def test_a_folded_quote_of_a_real_lesson_stays_folded_and_nothing_else_changes(
    tmp_path: Path,
) -> None:
    original = (ROOT / "lessons" / "nci-extreme-obesity-2014.yaml").read_text(encoding="utf-8")
    lesson = tmp_path / "nci.yaml"
    lesson.write_text(original, encoding="utf-8")
    with make_client(lesson) as client:
        view = client.get("api/lesson").json()
        pooled = next(a for a in view["annotations"] if a["id"] == "pooled-analysis")
        ending = ", according to results of an analysis"
        cut = pooled["quote"].index(ending)
        place = words(view, pooled["quote"])
        answer = bounds(client, pooled["quote"], {**place, "end": place["start"] + cut})
        assert answer.status_code == 200, answer.text
        text = lesson.read_text(encoding="utf-8")
        assert text.replace(
            "    quote: >-\n"
            "      Adults with extreme obesity have increased risks of dying at a young age from "
            "cancer and\n"
            "      many other causes including heart disease, stroke, diabetes, and kidney and "
            "liver\n"
            "      diseases\n",
            "",
        ) == original.replace(
            "    quote: >-\n"
            "      Adults with extreme obesity have increased risks of dying at a young age from "
            "cancer and\n"
            "      many other causes including heart disease, stroke, diabetes, and kidney and "
            "liver\n"
            "      diseases, according to results of an analysis of data pooled from 20 large "
            "studies of\n"
            "      people from three countries.\n",
            "",
        )
        assert (
            read_lesson(lesson).lesson.annotations[pooled["index"]].quote == (pooled["quote"][:cut])
        )
        # And back: the file as it was, byte for byte.
        again = bounds(client, pooled["quote"][:cut], place)
        assert again.status_code == 200, again.text
    assert lesson.read_text(encoding="utf-8") == original
