"""The review queue remembers a drop even when a reading of the file from before it ends after.

CI once showed "Dropped (0)" next to "Dropped statement 3": the page's own reading of the lesson
(started before the drop, finished after it) saw the draft still in its view and took it off the
dropped list, as if Ctrl+Z had put it back.
"""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pytest

from medialit.drafting.new import new_lesson
from medialit.preview import queue
from medialit.preview.live import Preview
from medialit.preview.queue import Dropped, QueueState, _drop, drop_draft, queue_view
from medialit.preview.queue_file import Sureness
from medialit.preview.view import lesson_view
from medialit.settings.layers import Configuration

from .conftest import DATA


def test_a_view_read_before_a_drop_keeps_the_drop(tmp_path: Path) -> None:
    made = new_lesson(str(DATA / "news-story.html"), io.BytesIO(), tmp_path, name="story")
    preview = Preview(made.lesson, Configuration(), None)
    state = QueueState()
    before = lesson_view(made.lesson, Configuration())  # read before the drop
    first = queue_view(before, preview, state)["drafts"][0]
    taken: list[Dropped] = []
    preview.editor.edit(
        before["version"],
        "the drop",
        lambda data: taken.append(_drop(data, first["index"], first["quote"])),
    )
    state.dropped.append(taken[0])
    # The older reading finishes now: its view still has the draft.
    assert queue_view(before, preview, state)["dropped"] == []
    after = lesson_view(made.lesson, Configuration())
    dropped = queue_view(after, preview, state)["dropped"]
    assert [d["quote"] for d in dropped] == [first["quote"]]
    # Put back by hand (as Ctrl+Z does): a view of the file as it is says it is no longer dropped.
    made.lesson.write_text(preview.editor.history.last(after["version"]).before.decode(), "utf-8")
    again = lesson_view(made.lesson, Configuration())
    assert queue_view(again, preview, state)["dropped"] == []
    assert state.dropped == []


def test_a_view_being_made_while_a_draft_is_dropped_keeps_the_drop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A page's reading (read the file's version, then take back off the list the drafts its
    # view still has) and a drop (write, then put the draft on the list) in two threads: the
    # reading's view is of the file before the drop, and must not undo the drop's note.
    made = new_lesson(str(DATA / "news-story.html"), io.BytesIO(), tmp_path, name="story")
    preview = Preview(made.lesson, Configuration(), None)
    state = QueueState()
    before = lesson_view(made.lesson, Configuration())
    first = queue_view(before, preview, state)["drafts"][0]
    inside = threading.Event()
    real = queue.sureness_by_id

    def slowly(text: str) -> dict[str, Sureness]:
        inside.set()  # the reading has read the file's version: the drop comes now
        time.sleep(0.5)
        return real(text)

    monkeypatch.setattr(queue, "sureness_by_id", slowly)
    reading = threading.Thread(target=queue_view, args=(before, preview, state))
    reading.start()
    assert inside.wait(30)
    drop_draft(preview, state, before["version"], first["index"], first["quote"])
    reading.join(30)
    monkeypatch.undo()
    after = lesson_view(made.lesson, Configuration())
    assert [d["quote"] for d in queue_view(after, preview, state)["dropped"]] == [first["quote"]]
