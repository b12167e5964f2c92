"""A reading of the lesson file that started before a save and ends after it does not put the
older lesson back on the page (a browser test saw it: the page opened, asked for the lesson,
and the teacher's first drop came back as the file was before it, "Dropped (0)")."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any, TypeVar

import pytest

import medialit.preview.live as live
from medialit.preview.editing import Changes, read_version
from medialit.preview.live import Preview
from medialit.preview.requests import edit_response
from medialit.settings.layers import Configuration

from .preview_helpers import LESSON, run_apart

T = TypeVar("T")


def test_a_slow_reading_does_not_undo_a_save_on_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "lesson.yaml"
    path.write_text(LESSON, encoding="utf-8")
    preview = Preview(path, Configuration(), None)
    read, finish = threading.Event(), threading.Event()
    real = live.lesson_view

    def slow(*args: Any, **kwargs: Any) -> dict[str, Any]:
        view = real(*args, **kwargs)
        read.set()  # the file is read: now the save comes, then this reading ends
        finish.wait(10)
        return view

    async def scene() -> None:
        await preview.refresh()
        before = preview.view
        monkeypatch.setattr(live, "lesson_view", slow)
        reading = asyncio.create_task(preview.refresh())  # a page asks for the lesson
        await asyncio.to_thread(read.wait, 10)
        first = before["annotations"][0]
        await edit_response(
            preview,
            lambda: preview.editor.change(
                before["version"], first["index"], first["quote"], Changes(why="Saved meanwhile.")
            ),
        )
        finish.set()
        await reading

    run_apart(scene)
    assert preview.view["version"] == read_version(path).version
    assert preview.view["annotations"][0]["why"] == "Saved meanwhile."


def test_a_later_reading_of_the_file_is_shown_even_when_an_earlier_one_ends_after_it_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The page opens (a reading starts), then an editor breaks the file (a second reading
    # starts); the first ends before the second: the broken file's problems must show (a
    # browser test saw the alert never come).
    path = tmp_path / "lesson.yaml"
    path.write_text(LESSON, encoding="utf-8")
    preview = Preview(path, Configuration(), None)
    real = live.lesson_view
    reads: list[threading.Event] = [threading.Event(), threading.Event()]
    go: list[threading.Event] = [threading.Event(), threading.Event()]
    calls: list[int] = []

    def held(*args: Any, **kwargs: Any) -> dict[str, Any]:
        n = len(calls)
        calls.append(n)
        view = real(*args, **kwargs)
        reads[n].set()
        go[n].wait(10)
        return view

    async def scene() -> None:
        await preview.refresh()
        monkeypatch.setattr(live, "lesson_view", held)
        opening = asyncio.create_task(preview.refresh())
        await asyncio.to_thread(reads[0].wait, 10)
        path.write_text(LESSON.replace("    kind: assertion\n", "    kind: [assertion\n"), "utf-8")
        broken = asyncio.create_task(preview.refresh())
        await asyncio.to_thread(reads[1].wait, 10)
        go[0].set()
        await opening  # the older reading ends first and is shown
        go[1].set()
        await broken  # the newer one ends after it: it is shown in its turn

    run_apart(scene)
    assert preview.view["problems"], "the broken file's problems are shown"
