"""The review queue remembers a drop even when a reading of the file from before it ends after.

CI once showed "Dropped (0)" next to "Dropped statement 3": the page's own reading of the lesson
(started before the drop, finished after it) saw the draft still in its view and took it off the
dropped list, as if Ctrl+Z had put it back.
"""

from __future__ import annotations

import io
from pathlib import Path

from medialit.drafting.new import new_lesson
from medialit.preview.live import Preview
from medialit.preview.queue import Dropped, QueueState, _drop, queue_view
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
