"""Issue 20's response times: a save checks its edited document without reading the text again,
and its answer carries the review queue.

The check of the tree must be the check of the text: for every repository lesson (and one
that ``medialit new`` drafted, whose article has an "&"), the plain values the check sees are
exactly those the lesson loader reads from the text written, edit after edit; a refused edit
gives the same problems, with the same lines, as ``medialit check`` of the text would; and a
document only the text can settle (an anchor) is checked from the text, as before.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml.comments import CommentedMap
from starlette.testclient import TestClient

from medialit.drafting.new import new_lesson
from medialit.errors import LessonError
from medialit.lesson.loader import _libyaml_reads_as_ruamel, load_yaml
from medialit.lesson.reading import worksheet_lines
from medialit.preview import kept
from medialit.preview.editing import Changes, EditRefused, LessonEditor, read_version
from medialit.preview.treecheck import _table_lines, _Unsure, check_edited, plain_lesson
from medialit.settings.checks import read_lesson_with_settings

from .conftest import DATA, LESSONS
from .test_preview_server import make_client

KINDS = ("evidence", "inference", "assertion")


@pytest.fixture
def drafted(tmp_path: Path) -> Path:
    made = new_lesson(str(DATA / "news-story.html"), io.BytesIO(), tmp_path, name="story")
    return made.lesson


def same_as_the_text(path: Path) -> None:
    """The tree of the file as written gives the values the loader reads from its text, and
    the ``worksheet:`` table's own lines give its keys' lines in the whole file."""
    text = read_version(path).text
    assert text is not None
    _, data = kept.load(text)
    plain = plain_lesson(data, text)
    loaded = load_yaml(path, text)
    assert plain == loaded.data
    if "worksheet" in plain:
        assert _table_lines(path, text, plain["worksheet"]) == worksheet_lines(loaded) != {}


def edits(editor: LessonEditor, path: Path) -> None:
    """A kind, a why, a confirm and a check on each of the first statements, as the page
    makes them; every result compared with the text written."""
    checked = read_lesson_with_settings(path)
    for n, statement in enumerate(checked.statements[:4]):
        annotation = statement.annotation
        other = next(k for k in KINDS if k != annotation.kind.value)
        for changes in (
            Changes(kind=other),
            Changes(why=f"Edited {n}: it names no source & gives no date."),
            Changes(confirm=True, check="Look for the council's record."),
        ):
            version = read_version(path).version
            saved = editor.change(version, statement.index, annotation.quote, changes)
            same_as_the_text(path)
            fresh = read_lesson_with_settings(path)
            assert saved.checked.lesson == fresh.lesson
            assert saved.checked.statements == fresh.statements
            assert saved.checked.worksheet == fresh.worksheet or (
                saved.checked.worksheet is not None
                and fresh.worksheet is not None
                and dict(saved.checked.worksheet.lines) == dict(fresh.worksheet.lines)
            )


@pytest.mark.parametrize("seed", LESSONS, ids=lambda p: p.stem)
def test_the_edited_tree_is_what_the_text_says(seed: Path, tmp_path: Path) -> None:
    path = tmp_path / seed.name
    shutil.copy(seed, path)
    same_as_the_text(path)
    edits(LessonEditor(path), path)


def test_a_drafted_lesson_with_an_ampersand_is_read_by_libyaml_and_checked_from_its_tree(
    drafted: Path,
) -> None:
    text = drafted.read_text(encoding="utf-8")
    assert "Hale & Sons" in text  # once a reason to read the whole file in Python
    assert _libyaml_reads_as_ruamel(text)
    edits(LessonEditor(drafted), drafted)


def test_a_refused_edit_names_the_same_problems_and_lines_as_the_check(drafted: Path) -> None:
    editor = LessonEditor(drafted)
    version = read_version(drafted).version

    def break_it(data: CommentedMap) -> None:
        data["source"]["published"] = "someday"
        data["annotations"][1]["kind"] = "opinion"

    with pytest.raises(EditRefused) as refused:
        editor.edit(version, "a broken edit", break_it)
    # The same edit made by hand in the text, checked as medialit check does.
    _, data = kept.load(drafted.read_text(encoding="utf-8"))
    break_it(data)
    out = io.StringIO()
    yaml, _ = kept.load(drafted.read_text(encoding="utf-8"))
    yaml.dump(data, out)
    with pytest.raises(LessonError) as checked:
        read_lesson_with_settings(drafted, out.getvalue())
    expected = [p.message for p in checked.value.problems]
    assert refused.value.problems == expected and len(expected) == 2
    assert all(p.line is not None for p in checked.value.problems)
    assert read_version(drafted).version == version  # nothing written


def test_what_only_the_text_can_settle_is_checked_from_the_text(tmp_path: Path) -> None:
    path = tmp_path / "anchored.yaml"
    seed = (DATA / "good-lesson.yaml").read_text(encoding="utf-8")
    text = seed.replace("title: ", "title: &title ", 1)
    assert text != seed
    path.write_text(text, encoding="utf-8")
    _, data = kept.load(text)
    with pytest.raises(_Unsure):
        plain_lesson(data, text)
    checked = check_edited(path, data, text)  # the text's own check, as before
    assert checked.lesson == read_lesson_with_settings(path).lesson


def post(client: TestClient, url: str, body: dict[str, Any]) -> dict[str, Any]:
    version = client.get("api/lesson").json()["version"]
    answer = client.post(url, json={"version": version, **body})
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_a_saves_answer_carries_the_queue_as_get_api_queue_gives_it(drafted: Path) -> None:
    with make_client(drafted) as client:
        first = client.get("api/queue").json()["drafts"][0]
        confirmed = post(
            client, f"api/annotations/{first['index']}", {"quote": first["quote"], "confirm": True}
        )
        queue = confirmed["lesson"]["queue"]
        assert queue == client.get("api/queue").json()
        assert queue["version"] == confirmed["lesson"]["version"]
        assert first["quote"] not in [d["quote"] for d in queue["drafts"]]
        # A drop: the answer's queue lists it as dropped already.
        second = queue["drafts"][0]
        dropped = post(client, f"api/queue/{second['index']}/drop", {"quote": second["quote"]})
        queue = dropped["lesson"]["queue"]
        assert [d["quote"] for d in queue["dropped"]] == [second["quote"]]
        assert queue == client.get("api/queue").json()
        # Brought back: the answer's queue has it among the drafts again.
        back = post(client, "api/queue/restore", {"id": second["id"]})
        queue = back["lesson"]["queue"]
        assert queue["dropped"] == [] and second["quote"] in [d["quote"] for d in queue["drafts"]]
        # The lesson view the page loads first carries it too.
        assert client.get("api/lesson").json()["queue"] == queue
