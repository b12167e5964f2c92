"""Issue 20's fast saves: an edit that starts from the kept document writes exactly what a
fresh load of the file would have written.

Every repository lesson gets a series of edits (a kind, a Why, a confirm or How to check, a
statement added, re-kinded and deleted, a statement's words shrunk and extended back, a
question added and changed, an undo, refused edits, an edit made in another editor) through
one :class:`LessonEditor`, which keeps the document it last wrote. Before each of them the
file's bytes are copied to a second file, and the same edit is made there by a new editor,
which has nothing loaded ahead and so loads the file then (the path every save took
before): the bytes written must be the same (and the emitter that remembers scalars' analyses must write what
ruamel.yaml's own writes). Most of the kept editor's edits must have
found their document loaded ahead (in the preload thread), or the test tests nothing.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.emitter import RoundTripEmitter

import medialit.preview.kept as kept
from medialit.lesson.reading import CheckedLesson, read_lesson
from medialit.preview.editing import (
    Changes,
    EditRefused,
    LessonEditor,
    Saved,
    Selection,
    read_version,
)
from medialit.preview.partedits import (
    QuestionFields,
    add_question,
    item_at,
    remove,
    set_question,
)
from medialit.preview.statements import Words, set_words
from medialit.preview.yamlstyle import dump_like, yaml_like

from .conftest import LESSONS

Edit = Callable[[LessonEditor, str], Saved]
KINDS = ("evidence", "inference", "assertion")


class Pair:
    """The kept editor's file, and a fresh editor's copy for each edit to compare with."""

    def __init__(self, seed: Path, folder: Path) -> None:
        self.path = folder / seed.name
        self.fresh = folder / "fresh" / seed.name
        self.fresh.parent.mkdir()
        shutil.copy(seed, self.path)
        self.editor = LessonEditor(self.path)
        self.checked = read_lesson(self.path)
        self.edits = 0
        self.loaded_now = 0
        """The kept editor's edits that had to load their document in the request's thread."""

    def same(self, edit: Edit) -> None:
        """``edit`` by the kept editor, and by a fresh one on the same bytes: equal results."""
        before = self.path.read_bytes()
        self.fresh.write_bytes(before)
        loads = len(LOADS)
        saved = edit(self.editor, read_version(self.path).version)
        self.editor.preload()  # as the server does once the edit's answer has gone out
        self.loaded_now += sum(1 for name in LOADS[loads:] if name == "MainThread")
        written = self.path.read_bytes()
        assert written != before
        edit(LessonEditor(self.fresh), read_version(self.fresh).version)
        assert written == self.fresh.read_bytes(), f"edit {self.edits} of {self.path.name}"
        assert_emitters_agree(written.decode("utf-8").removeprefix("\ufeff"))
        self.checked = saved.checked
        self.edits += 1

    def refused(self, edit: Edit) -> None:
        before = self.path.read_bytes()
        with pytest.raises(EditRefused):
            edit(self.editor, read_version(self.path).version)
        assert self.path.read_bytes() == before

    def statement(self, number: int) -> tuple[int, str]:
        statements = self.checked.statements
        chosen = statements[number % len(statements)]
        return chosen.index, chosen.annotation.quote


def assert_emitters_agree(text: str) -> None:
    """The emitter that remembers scalars' analyses writes what ruamel.yaml's own writes."""
    yaml = yaml_like(text)
    data = yaml.load(text)
    plain = yaml_like(text)
    plain.Emitter = RoundTripEmitter
    # The editors' saves have just weighed these scalars: most analyses are remembered ones.
    assert dump_like(yaml, data, text) == dump_like(plain, data, text)


def unmarked(checked: CheckedLesson) -> Selection:
    """Five words of a paragraph that no statement covers."""
    for number, block in enumerate(checked.blocks):
        if block.kind != "paragraph":
            continue
        taken = sorted((s.start, s.end) for s in checked.statements if s.block == number)
        at, gaps = 0, []
        for start, end in taken:
            gaps.append((at, start))
            at = max(at, end)
        gaps.append((at, len(block.text)))
        for start, end in gaps:
            words = block.text[start:end].split()
            if len(words) >= 7:
                first = block.text.index(words[1], start + len(words[0]))
                return Selection(number, first, block.text.index(words[5], first) + len(words[5]))
    raise AssertionError("every sentence is marked")


def change(pair: Pair, number: int, changes: Changes) -> Edit:
    index, quote = pair.statement(number)
    return lambda editor, version: editor.change(version, index, quote, changes)


def other_kind(pair: Pair, number: int) -> Changes:
    kind = pair.checked.statements[number % len(pair.checked.statements)].annotation.kind.value
    return Changes(kind=KINDS[(KINDS.index(kind) + 1) % 3])


def bounds(pair: Pair, number: int, shorter: bool, end: int = 0) -> tuple[Edit, int]:
    index, quote = pair.statement(number)
    placed = next(s for s in pair.checked.statements if s.index == index)
    text = pair.checked.blocks[placed.block].text[placed.start : placed.end]
    new_end = placed.start + max(text.rstrip(".!?\"'”’) ").rfind(" "), 1) if shorter else end
    words = Words(placed.block, placed.start, new_end)
    edit: Edit = lambda editor, version: editor.edit(  # noqa: E731
        version, "the new words", lambda data: set_words(data, index, quote, words)
    )
    return edit, placed.end


def question(edit: Callable[[CommentedMap], None]) -> Edit:
    return lambda editor, version: editor.edit(version, "the question", edit)


def no_questions(data: CommentedMap) -> None:
    """Every question removed: the ``questions:`` key goes with the last one."""
    while "questions" in data:
        remove(data, "questions", 0, "question")


def refuse_after_changing(data: CommentedMap) -> None:
    """An editor's edit that changes the document, then refuses."""
    del data["annotations"][0]
    data["title"] = "Half changed"
    raise EditRefused("refused on purpose")


LOADS: list[str] = []
"""The thread of each round-trip load, in order."""


@pytest.fixture(autouse=True)
def count_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    real = kept.load

    def load(text: str) -> kept.Loaded:
        LOADS.append(threading.current_thread().name)
        return real(text)

    monkeypatch.setattr(kept, "load", load)


@pytest.mark.parametrize("seed", LESSONS, ids=lambda path: path.stem)
def test_edits_from_the_kept_document_write_what_a_fresh_load_writes(
    seed: Path, tmp_path: Path
) -> None:
    pair = Pair(seed, tmp_path)
    pair.same(change(pair, 0, other_kind(pair, 0)))
    pair.same(change(pair, 1, Changes(why="A longer reason, rewritten " + "again " * 20 + ".")))
    drafts = [s for s in pair.checked.statements if s.annotation.draft]
    if drafts:
        pair.same(change(pair, pair.checked.statements.index(drafts[0]), Changes(confirm=True)))
    pair.same(change(pair, 2, Changes(check="Look it up.")))
    selection = unmarked(pair.checked)
    pair.same(lambda e, v: e.add(v, selection, Changes(kind="evidence", why="A source.")))
    added = len(pair.checked.lesson.annotations) - 1
    number = next(n for n, s in enumerate(pair.checked.statements) if s.index == added)
    pair.same(change(pair, number, other_kind(pair, number)))
    quote = pair.checked.lesson.annotations[added].quote
    pair.same(lambda editor, version: editor.delete(version, added, quote))
    shrink, end = bounds(pair, 3, shorter=True)
    pair.same(shrink)
    pair.same(bounds(pair, 3, shorter=False, end=end)[0])
    pair.same(question(lambda data: add_question(data, QuestionFields(text="Who counted?"))))
    last = len(pair.checked.lesson.questions) - 1
    notes = QuestionFields(notes="Two lines\nof notes.", paragraphs=[1])
    pair.same(question(lambda data: set_question(item_at(data, "questions", last, "q"), notes)))
    # Undo puts back the bytes before the last save; the next edit starts from them.
    before_undo = pair.path.read_bytes()
    pair.editor.undo(read_version(pair.path).version)
    pair.editor.preload()  # as the server does once the undo's answer has gone out
    assert pair.path.read_bytes() != before_undo
    pair.checked = read_lesson(pair.path)
    pair.same(change(pair, 4, Changes(why="After the undo.")))
    # A refused edit leaves nothing half-changed for the next one.
    pair.refused(question(refuse_after_changing))
    pair.refused(question(lambda data: data.__setitem__("annotations", [])))
    pair.same(change(pair, 5, other_kind(pair, 5)))
    # A key removed, then added again (a kept edited document once wrote this one broken).
    pair.same(question(no_questions))
    pair.same(question(lambda data: add_question(data, QuestionFields(text="Who counted?"))))
    # A save from another editor: the kept document is not that file.
    pair.path.write_bytes(pair.path.read_bytes() + b"# Added in a text editor.\n")
    pair.checked = read_lesson(pair.path)
    pair.same(change(pair, 6, Changes(why="After the text editor.")))
    pair.same(change(pair, 7, other_kind(pair, 7)))
    assert pair.edits >= 15
    # Loaded then: the first edit, the one after the refused edits and the one after the text
    # editor's save (no page asked for them here); every other edit found its document ready.
    assert pair.loaded_now == 3
