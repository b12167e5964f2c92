"""Every statement has an id from the moment it is made (issue 24, item 3).

``medialit new`` writes one for each draft and the preview for each statement it adds,
so a selection can name them at once; a delete the selection would break is refused
with the selection named.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from medialit.lesson.statement_ids import new_id

from .conftest import DATA
from .preview_helpers import FIRST, INFERENCE, LESSON
from .test_preview_server import add, make_client


def test_an_id_is_made_from_the_quote_and_is_unique() -> None:
    quote = "The council's report, published in March, says that 40% of pupils skip lunch."
    assert new_id(quote, set()) == "council-report-published"
    assert new_id(quote, {"council-report-published"}) == "council-report-published-2"
    assert new_id("Así lo dijo el alcalde.", set()) == "asi-lo-dijo"
    assert new_id("لم يرد رئيس البلدية.", set()) == "statement"
    assert new_id("لم يرد رئيس البلدية.", {"statement"}) == "statement-2"
    long = new_id("Extraordinarily " * 3, set())
    assert len(long) <= 40 and long[0].isalnum()


def _medialit(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "medialit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.build
def test_new_writes_an_id_for_every_draft_and_a_selection_can_use_them(tmp_path: Path) -> None:
    made = _medialit(tmp_path, "new", str(DATA / "news-story.html"), "--name", "story")
    assert made.returncode == 0, made.stderr
    lesson = tmp_path / "lessons" / "story.yaml"
    data = YAML(typ="safe", pure=True).load(lesson.read_text(encoding="utf-8"))
    ids = [annotation["id"] for annotation in data["annotations"]]
    assert len(ids) >= 3 and len(set(ids)) == len(ids)
    # The teacher's next step: a short version, named by the ids that are there.
    text = lesson.read_text(encoding="utf-8")
    mine = f"  short: [{ids[0]}, {ids[2]}]\n"
    if "\nselections:\n" in text:  # new suggests a core selection of its own
        text = text.replace("\nselections:\n", "\nselections:\n" + mine, 1)
    else:
        text += "selections:\n" + mine
    lesson.write_text(text, encoding="utf-8")
    checked = _medialit(tmp_path, "check", "lessons/story.yaml")
    assert checked.returncode == 0, checked.stderr
    assert "lessons/story.yaml: OK" in checked.stdout


def test_the_preview_writes_an_id_and_a_delete_names_the_selection(tmp_path: Path) -> None:
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text(LESSON, encoding="utf-8")
    with make_client(lesson) as client:
        added = add(client, INFERENCE, "inference", why="It concludes from the new hours.")
        assert added.status_code == 200, added.text
        assert lesson.read_text(encoding="utf-8").endswith("    id: new-hours-surely\n")
        # The teacher names it in a selection, in a text editor.
        with lesson.open("a", encoding="utf-8") as file:
            file.write("selections:\n  core: [new-hours-surely]\n  short: [new-hours-surely]\n")
        before = lesson.read_text(encoding="utf-8")
        view = client.get("/api/lesson").json()
        index = next(a["index"] for a in view["annotations"] if a["quote"] == INFERENCE)
        refused = client.post(
            f"/api/annotations/{index}/delete",
            json={"version": view["version"], "quote": INFERENCE},
        )
        assert refused.status_code == 422
        assert refused.json()["message"] == (
            "This statement was not deleted: it is used by `selections: core, short`. Untick "
            'it under Selections (or remove its id "new-hours-surely" from there in your text '
            "editor) first, then delete it."
        )
        assert lesson.read_text(encoding="utf-8") == before
        # A statement no selection uses is deleted as before.
        first = next(a["index"] for a in view["annotations"] if a["quote"] == FIRST)
        deleted = client.post(
            f"/api/annotations/{first}/delete", json={"version": view["version"], "quote": FIRST}
        )
        assert deleted.status_code == 200, deleted.text
