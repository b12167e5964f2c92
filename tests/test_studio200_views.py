"""A reading of the lesson file that started before a save and ends after it does not put the
older lesson back on the page (a browser test saw it: the page opened, asked for the lesson,
and the teacher's first drop came back as the file was before it, "Dropped (0)")."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest

import medialit.preview.live as live
from medialit.preview.editing import Changes, read_version
from medialit.preview.live import Preview
from medialit.preview.requests import edit_response
from medialit.settings.layers import Configuration

from .preview_helpers import LESSON

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


def run_apart(scene: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """``asyncio.run(scene())`` in a thread of its own: the browser tests' Playwright keeps an
    event loop running in this one when they run in the same session."""
    done: list[T] = []
    thread = threading.Thread(target=lambda: done.append(asyncio.run(scene())))
    thread.start()
    thread.join()
    assert done, "the scene failed (its error is above)"
    return done[0]
