"""Hardening, round three: saving in `medialit preview` (issue 26, items 9, 10, 12, 13).

An editor's save that lands while the page's save is written is kept; a lesson moved away
and back is shown as missing, then followed again; a lesson that is a link is written
where it points; what is typed into Why and How to check reads back exactly as typed.
Real files, real renames, real processes; the browser cases are in Chromium.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from playwright.sync_api import Page, expect
from starlette.testclient import TestClient

import medialit.preview.editing as editing
import medialit.preview.saving as saving
from medialit.lesson.reading import read_lesson
from medialit.preview.app import STALE_MESSAGE
from medialit.preview.editing import (
    EDIT_WHILE_MISSING,
    Changes,
    EditRefused,
    LessonEditor,
    StaleWrite,
)
from medialit.preview.fields import unstorable
from medialit.preview.view import FILE_MISSING

from .hardening_support import permissions_hold
from .preview_helpers import ASSERTION, FIRST, INFERENCE, LESSON, MAYOR
from .test_preview_browser import (  # noqa: F401 (fixtures)
    LIVE_SECONDS,
    Served,
    open_preview,
    served,
    wait_for_file,
)
from .test_preview_server import add, client, lesson  # noqa: F401 (fixtures)

# -- item 9: an editor's save during the page's save -----------------------------------------

EDITOR_SAVES = {
    # nano, VS Code: the file is truncated and written in place.
    "in place": "path.write_text(text, encoding='utf-8')",
    # vim, gedit: a new file beside it, renamed over it.
    "renamed over": (
        "tmp = path.with_name('.new.swp'); tmp.write_text(text, encoding='utf-8'); "
        "os.replace(tmp, path)"
    ),
    # emacs and sync tools: the old file renamed to a backup, then a new one written.
    "backup first": (
        "os.rename(path, path.with_name(path.name + '~')); path.write_text(text, encoding='utf-8')"
    ),
}


def editor_saves(path: Path, text: str, how: str) -> None:
    """Another program (a real process) saves ``text`` into ``path`` the way editors do."""
    code = f"import os, sys, pathlib; path = pathlib.Path(sys.argv[1]); text = sys.argv[2]; {how}"
    subprocess.run([sys.executable, "-c", code, str(path), text], check=True)


@pytest.mark.parametrize("how", list(EDITOR_SAVES))
def test_an_editors_save_while_the_page_saves_is_kept(
    client: TestClient,  # noqa: F811
    lesson: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    real_check = editing.check_edited  # the check of a save's new text (its edited tree)

    def check_then_editor_saves(path: Path, data: Any, text: str) -> Any:
        """The worst moment: the page's new text is made and checked, not yet written."""
        checked = real_check(path, data, text)
        if text != path.read_text(encoding="utf-8"):
            editor_saves(path, edited, EDITOR_SAVES[how])
        return checked

    monkeypatch.setattr(editing, "check_edited", check_then_editor_saves)
    for attempt in range(3):
        edited = LESSON.replace("The library hours", f"Saved in the editor {attempt}")
        response = add(client, MAYOR, "evidence", why="Checked.")
        assert response.status_code == 409, response.text
        assert response.json()["message"] == STALE_MESSAGE
        assert response.json()["lesson"]["title"] == f"Saved in the editor {attempt}"
        assert lesson.read_text(encoding="utf-8") == edited
    leftovers = {p.name for p in lesson.parent.iterdir()} - {"lesson.yaml", "lesson.yaml~"}
    assert not leftovers  # no temporary left behind


@pytest.mark.parametrize("how", list(EDITOR_SAVES))
def test_an_editors_save_just_before_the_swap_is_given_back(
    lesson: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    # Later still: the file was read back unchanged, and the editor saves before the swap.
    real_exchange = saving._exchange
    edited = LESSON.replace("The library hours", "Saved in the editor")
    swaps: list[Path] = []

    def editor_saves_then_swap(first: Path, second: Path) -> bool:
        if not swaps:
            editor_saves(lesson, edited, EDITOR_SAVES[how])
        swaps.append(first)
        return real_exchange(first, second)

    monkeypatch.setattr(saving, "_exchange", editor_saves_then_swap)
    editor = LessonEditor(lesson)
    with pytest.raises(StaleWrite):
        editor.change(editing.read_version(lesson).version, 0, FIRST, Changes(why="New."))
    assert swaps  # the swap was made, then undone
    assert lesson.read_text(encoding="utf-8") == edited
    assert not [p for p in lesson.parent.iterdir() if p.name.endswith(".tmp")]


def test_where_files_cannot_be_swapped_the_check_before_the_replace_holds(
    client: TestClient,  # noqa: F811
    lesson: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(saving, "_renameat2", None)  # as on macOS, or a file system without it
    assert add(client, MAYOR, "evidence", why="Checked.").status_code == 200
    assert "why: Checked." in lesson.read_text(encoding="utf-8")
    real_check = editing.check_edited  # the check of a save's new text (its edited tree)
    edited = LESSON.replace("The library hours", "Saved in the editor")

    def check_then_editor_saves(path: Path, data: Any, text: str) -> Any:
        checked = real_check(path, data, text)
        if text != path.read_text(encoding="utf-8"):
            editor_saves(path, edited, EDITOR_SAVES["renamed over"])
        return checked

    monkeypatch.setattr(editing, "check_edited", check_then_editor_saves)
    response = add(client, INFERENCE, "inference", why="It guesses.")
    assert response.status_code == 409
    assert lesson.read_text(encoding="utf-8") == edited


# -- item 10: a lesson moved away and back -------------------------------------------------


def test_a_lesson_moved_away_is_shown_missing_and_edits_are_refused(
    client: TestClient,  # noqa: F811
    lesson: Path,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    view = client.get("/api/lesson").json()
    away = tmp_path_factory.mktemp("elsewhere") / "lesson.yaml"
    lesson.rename(away)
    missing = client.get("/api/lesson")
    assert missing.status_code == 200
    assert missing.json()["message"] == FILE_MISSING
    assert missing.json()["problems"] == [f"{lesson}: no such file; check the path."]
    body = {"version": view["version"], "block": 2, "start": 0, "end": 24, "kind": "evidence"}
    refused = client.post("/api/annotations", json=body)
    assert refused.status_code == 422
    assert refused.json()["message"] == EDIT_WHILE_MISSING
    assert not lesson.exists()  # nothing written in its place
    away.rename(lesson)
    back = client.get("/api/lesson").json()
    assert back["problems"] == [] and back["title"] == "The library hours"
    assert add(client, MAYOR, "evidence", why="Checked.").status_code == 200


@pytest.mark.browser
def test_the_page_says_a_moved_lesson_is_missing_and_follows_it_back(
    page: Page,
    served: Served,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    open_preview(page, served)
    alert = page.get_by_role("alert")
    away = tmp_path_factory.mktemp("elsewhere") / "lesson.yaml"
    path = served.lesson
    for round_ in range(2):
        path.rename(away)  # mv lessons/x.yaml /tmp
        expect(alert).to_contain_text(FILE_MISSING, timeout=LIVE_SECONDS * 1000)
        expect(alert.locator("li")).to_have_text([f"{path}: no such file; check the path."])
        away.rename(path)  # mv /tmp/x.yaml lessons/
        expect(alert).to_be_hidden(timeout=LIVE_SECONDS * 1000)
        # An editor's save by backup: rename the file, write a new one.
        title = f"Edited after the move {round_}"
        path.rename(path.with_name("lesson.yaml.bak"))
        path.write_text(LESSON.replace("The library hours", title), encoding="utf-8")
        expect(page.locator("#title")).to_have_text(title, timeout=LIVE_SECONDS * 1000)
    # Edits made on the page still reach the file.
    page.locator("#article mark.hl", has_text="Everyone knows").first.click()
    page.get_by_label("Why").fill("Nothing supports it.")
    page.get_by_role("button", name="Save", exact=True).click()
    text = wait_for_file(path, lambda t: "Nothing supports it." in t)
    assert "why: Nothing supports it.\n" in text


# -- item 12: a lesson that is a link ------------------------------------------------------


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    shared = tmp_path / "shared" / "library-hours.yaml"
    shared.parent.mkdir()
    shared.write_text(LESSON, encoding="utf-8")
    shared.chmod(0o664)  # shared with a group: it stays so
    link = tmp_path / "lessons" / "linked.yaml"
    link.parent.mkdir()
    link.symlink_to(shared)
    return link, shared


def test_saving_into_a_link_writes_the_shared_file_and_keeps_the_link(
    linked: tuple[Path, Path],
) -> None:
    link, shared = linked
    editor = LessonEditor(link)
    version = editing.read_version(link).version
    editor.change(version, 0, FIRST, Changes(why="Anyone can check the council's website."))
    assert link.is_symlink() and link.resolve() == shared
    assert "Anyone can check the council's website." in shared.read_text(encoding="utf-8")
    assert shared.stat().st_mode & 0o777 == 0o664
    assert sorted(p.name for p in shared.parent.iterdir()) == ["library-hours.yaml"]


def test_saving_into_a_link_to_a_folder_not_writable_says_so(linked: tuple[Path, Path]) -> None:
    link, shared = linked
    shared.parent.chmod(0o555)
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from medialit.preview.editing import Changes, EditRefused, LessonEditor, read_version
        link = Path({str(link)!r})
        try:
            LessonEditor(link).change(read_version(link).version, 0, {FIRST!r}, Changes(why="New."))
        except EditRefused as exc:
            print(exc.message)
        """
    )
    try:
        run = subprocess.run(
            [sys.executable, "-c", code],
            preexec_fn=permissions_hold(),
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        shared.parent.chmod(0o755)
    assert run.stdout.strip() == (
        f"{link}: this lesson is a link to {shared}, and that file cannot be written there "
        "(Permission denied), so your change was not saved; ask whoever shares it for write "
        "access, or copy it into your lessons folder and preview the copy."
    ), run.stderr
    assert link.is_symlink() and shared.read_text(encoding="utf-8") == LESSON


# -- item 13: what is typed reads back exactly -------------------------------------------------

# The characters that broke saves, and the ones around them that must keep working.
AWKWARD = ["\u2028", "\u2029", "\x85", "\r", "\r\n", "\n", "\t", " ", "  ", "#", ":", "'", '"']
TYPED = st.lists(
    st.sampled_from(AWKWARD) | st.text(st.characters(codec="utf-8"), min_size=1, max_size=4),
    min_size=1,
    max_size=12,
).map("".join)


def storable(text: str) -> bool:
    return unstorable("Why", text) is None and bool(text.strip())


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> LessonEditor:
    return LessonEditor(tmp_path_factory.mktemp("typed") / "lesson.yaml")


@given(why=TYPED.filter(storable), check=TYPED.filter(storable))
def test_what_is_typed_reads_back_exactly(sandbox: LessonEditor, why: str, check: str) -> None:
    # Annotation 0's why is folded (>-), annotation 1's plain (as a new one's is).
    for index, quote in ((0, FIRST), (1, ASSERTION)):
        sandbox.path.write_text(LESSON, encoding="utf-8")
        version = editing.read_version(sandbox.path).version
        sandbox.change(version, index, quote, Changes(why=why, check=check))
        annotation = read_lesson(sandbox.path).lesson.annotations[index]
        assert (annotation.why, annotation.check) == (why.strip(), check.strip())


def test_a_line_separator_is_stored_and_a_new_line_adds_no_blank_line(
    client: TestClient,  # noqa: F811
    lesson: Path,  # noqa: F811
) -> None:
    version = client.get("/api/lesson").json()["version"]
    why = "It names its source\u2028(the council's website),\rso anyone can look it up."
    response = client.post(
        "/api/annotations/0", json={"version": version, "quote": FIRST, "why": why}
    )
    assert response.status_code == 200, response.text
    assert response.json()["lesson"]["annotations"][0]["why"] == why
    assert "    why: \"It names its source\\L(the council's website),\\rso anyone" in (
        lesson.read_text(encoding="utf-8")
    )
    version = response.json()["lesson"]["version"]
    why = "It names its source.\nAnyone can look it up."
    response = client.post(
        "/api/annotations/0", json={"version": version, "quote": FIRST, "why": why}
    )
    assert response.status_code == 200, response.text
    assert "    why: |-\n      It names its source.\n      Anyone can look it up.\n" in (
        lesson.read_text(encoding="utf-8")
    )
    assert read_lesson(lesson).lesson.annotations[0].why == why
    why, check = "Said as a fact\u2029without a source.", "Ask the mayor's office\x85by email."
    assert add(client, MAYOR, "assertion", why=why, check=check).status_code == 200
    added = read_lesson(lesson).lesson.annotations[-1]
    assert (added.why, added.check) == (why, check)


def test_a_character_no_lesson_can_hold_is_named(
    client: TestClient,  # noqa: F811
    lesson: Path,  # noqa: F811
) -> None:
    version = client.get("/api/lesson").json()["version"]
    response = client.post(
        "/api/annotations/1",
        json={"version": version, "quote": ASSERTION, "check": "Ask\x1b[31m the mayor."},
    )
    assert response.status_code == 422
    assert response.json()["message"] == (
        "How to check contains the invisible control character U+001B, which a lesson file "
        "cannot hold; delete it (it often comes from copying out of a PDF or a word processor)."
    )
    assert lesson.read_text(encoding="utf-8") == LESSON
    with pytest.raises(EditRefused, match=re.escape("Why contains half of a character (U+D83D)")):
        LessonEditor(lesson).change(version, 1, ASSERTION, Changes(why="A smile \ud83d."))


@pytest.mark.browser
def test_text_typed_in_the_browser_is_saved_as_typed(
    page: Page,
    served: Served,  # noqa: F811
) -> None:
    open_preview(page, served)
    page.locator("#article mark.hl", has_text="The council's website").first.click()
    why = "It names its source:\u2028the council's website.\u2029\n  Anyone can look it up."
    page.get_by_label("Why").fill(why)
    page.get_by_role("button", name="Save", exact=True).click()
    wait_for_file(served.lesson, lambda t: "\\P\\n  Anyone" in t)
    assert read_lesson(served.lesson).lesson.annotations[0].why == why.strip()
    expect(page.get_by_role("alert")).to_be_hidden()
