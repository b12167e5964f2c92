"""Change a lesson file's annotations the way a careful teacher would by hand.

ruamel.yaml's round-trip mode keeps the comments, the key order, the quoting
and the line breaks of everything that is not edited. Every edit is checked
before it is written: it must start from the file the page last saw (else it
is a *stale* write, refused so that an edit made in another editor is never
overwritten) and must leave a lesson that ``medialit check`` accepts. The
file is replaced atomically, so no reader ever sees half of it (:mod:`.saving`), and
what the teacher typed must read back exactly (:mod:`.fields`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from medialit.errors import LessonError
from medialit.lesson.anchoring import Match, find_matches
from medialit.lesson.article import split_blocks
from medialit.lesson.reading import CheckedLesson
from medialit.lesson.statement_ids import ids_in_use, new_id
from medialit.preview.comment_blocks import comments_kept
from medialit.preview.fields import FIELD_LABELS, scalar, unstorable
from medialit.preview.history import History
from medialit.preview.kept import KeptDocument
from medialit.preview.places import first_shared, numbers, placed
from medialit.preview.queue_file import keeping_comments_above
from medialit.preview.rekind import (
    NOT_EXPLAINED,
    KindRefused,
    change_kind,
    checked_kind,
    set_also_accept,
)
from medialit.preview.saving import ChangedMeanwhile, NotSaved, write_lesson
from medialit.preview.treecheck import check_edited
from medialit.preview.versions import LessonText as LessonText  # its names, kept public here
from medialit.preview.versions import lesson_text
from medialit.preview.versions import read_version as read_version
from medialit.preview.versions import version_of as version_of
from medialit.preview.yamlstyle import dump_like
from medialit.settings.checks import read_lesson_with_settings

EDIT_WHILE_MISSING = (
    "The lesson file is missing (moved, renamed or deleted), so your change was not saved. "
    "Put the file back, and make your change again."
)


class StaleWrite(Exception):
    """The file changed on disk since the page loaded it."""


class EditRefused(Exception):
    """The edit would break the lesson, or the lesson is broken already."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


@dataclass(frozen=True)
class Saved:
    """A lesson as just written: checked, and its new version."""

    checked: CheckedLesson
    version: str
    text: str | None = None
    """The text written (``None``: not at hand), for what reads it besides the check."""


@dataclass(frozen=True)
class Selection:
    """What the teacher selected: characters ``start``–``end`` of article block ``block``."""

    block: int
    start: int
    end: int


@dataclass(frozen=True)
class Changes:
    """Fields to change in an annotation; ``None`` leaves a field as it is."""

    kind: str | None = None
    why: str | None = None
    check: str | None = None
    confirm: bool = False
    """Confirm a draft: remove ``draft: true``."""
    also_accept: list[str] | None = None
    """The other kinds a careful student could defend, as the teacher ticks them."""


class LessonEditor:
    """Applies the page's edits to one lesson file, and to no other."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # One edit at a time: two racing saves must not both pass the version check.
        self._lock = threading.Lock()
        self.checked_version: str | None = None
        """A version of the file known to pass the check (the server has just read it)."""
        self.history = History()
        self._kept = KeptDocument()
        """The file's round-trip document, loaded ahead for the next edit."""

    def add(self, version: str, selection: Selection, changes: Changes) -> Saved:
        return self._apply(version, lambda data: _add(data, selection, changes), "the new mark")

    def change(self, version: str, index: int, quote: str, changes: Changes) -> Saved:
        return self._apply(
            version,
            lambda data: _change(_annotation(data, index, quote), index, changes),
            f"the change to “{_short(quote)}”",
        )

    def edit(self, version: str, label: str, edit: Callable[[CommentedMap], None]) -> Saved:
        """Any other change to the lesson (a question, the plan, a selection…), made safely.

        ``edit`` changes the round-trip document in place and raises :class:`EditRefused` to
        refuse; the result must pass the check, and is written atomically with its undo
        step labelled ``label`` ("the new question"), exactly as the annotation edits are.
        """

        def apply(data: CommentedMap) -> Typed:
            edit(data)
            return Typed(-1, {})

        return self._apply(version, apply, label)

    def undo(self, version: str) -> tuple[Saved, str]:
        """Put back the file as it was before the page's last save; say what was undone."""
        with self._lock:
            current = self._current(version)
            step = self.history.last(current.version)
            if step is None:
                raise EditRefused(
                    "Nothing to undo: this page has saved nothing since the file last changed."
                )
            try:
                checked = read_lesson_with_settings(self.path, _decoded(step.before))
                write_lesson(self.path, step.before, unless_changed_from=current.data)
            except ChangedMeanwhile:
                raise StaleWrite() from None
            except NotSaved as exc:
                raise EditRefused(str(exc.problem)) from None
            self.history.undone()
            self.checked_version = version_of(step.before)
            self._kept.prepare(
                self.checked_version, lambda: lesson_text(step.before, self.path).text, later=True
            )
            return Saved(checked, self.checked_version, _decoded(step.before)), step.label

    def delete(self, version: str, index: int, quote: str) -> Saved:
        def remove(data: CommentedMap) -> Typed:
            item = _annotation(data, index, quote)
            annotations = data["annotations"]
            if len(annotations) == 1:
                raise EditRefused("A lesson needs at least one annotation; add another first.")
            used_by = _selections_using(data, item.get("id"))
            if used_by:
                raise EditRefused(
                    f"This statement was not deleted: it is used by {used_by}. Untick it under "
                    f'Selections (or remove its id "{item["id"]}" from there in your text '
                    "editor) first, then delete it."
                )
            del annotations[index]
            return Typed(index, {})

        return self._apply(version, remove, f"the delete of “{_short(quote)}”")

    def prepare(self, version: str) -> None:
        """The file at ``version`` has just passed the check: load it ahead for the next edit."""

        def text_of() -> str | None:
            current = read_version(self.path)
            return current.text if current.version == version else None

        self._kept.prepare(version, text_of)

    def preload(self) -> None:
        """Load ahead the file the last edit wrote: called once its answer has gone out."""
        self._kept.start_waiting()

    def _current(self, version: str) -> LessonText:
        """The file as it is, if it is at ``version`` (the page's); else a stale write."""
        try:
            current = read_version(self.path)
        except OSError as exc:
            raise EditRefused(_unreadable_message(exc)) from None
        if current.version != version:
            raise StaleWrite()
        return current

    def _apply(self, version: str, edit: Callable[[CommentedMap], Typed], label: str) -> Saved:
        """Check the version, edit, check the result, write; give back the checked lesson."""
        with self._lock:
            current = self._current(version)
            # The safe loader first: the round-trip loader must never see an alias bomb.
            if current.version != self.checked_version or current.text is None:
                try:
                    read_lesson_with_settings(self.path, current.text)
                except LessonError as exc:
                    raise EditRefused(
                        "The lesson file has problems; fix them in your editor first.",
                        [str(p) for p in exc.problems],
                    ) from None
            assert current.text is not None  # read_lesson read the bytes as a lesson
            yaml, data = self._kept.take(current.version, current.text)
            try:
                # A deleted key or statement must not take the next one's comment with it.
                typed = keeping_comments_above(data, edit)
            except KindRefused as exc:
                raise EditRefused(str(exc)) from None
            # The lines above plan: or glossary:, which ruamel.yaml keeps with the value
            # before them, stay above them (the page edits no comment).
            text = comments_kept(current.text, dump_like(yaml, data, current.text))
            try:
                checked = check_edited(self.path, data, text)  # the tree: no second reading
            except LessonError as exc:
                raise EditRefused(
                    "This change was not saved, because the lesson would not pass the check:",
                    [p.message for p in exc.problems],
                ) from None
            _check_stored(checked, typed)
            data_bytes = ("\ufeff" if current.bom else "").encode() + text.encode()
            try:
                write_lesson(self.path, data_bytes, unless_changed_from=current.data)
            except ChangedMeanwhile:
                raise StaleWrite() from None
            except NotSaved as exc:
                raise EditRefused(str(exc.problem)) from None
            self.checked_version = version_of(data_bytes)
            # What the next edit reads, loaded while the page shows this one (started by
            # preload(), once this answer has gone out: not competing with it).
            self._kept.prepare(
                self.checked_version, lambda: lesson_text(data_bytes, self.path).text, later=True
            )
            self.history.record(label, current.data, self.checked_version)
            return Saved(checked, self.checked_version, text)


def _short(quote: str) -> str:
    words = quote.split()
    return " ".join(words[:6]) + (" …" if len(words) > 6 else "")


def _decoded(data: bytes) -> str:
    return data.decode("utf-8").removeprefix("\ufeff")


def _unreadable_message(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return EDIT_WHILE_MISSING
    return (
        f"The lesson file cannot be read ({exc.strerror}), so your change was not saved; "
        "check its permissions, then make the change again."
    )


def _annotation(data: CommentedMap, index: int, quote: str) -> CommentedMap:
    annotations = data.get("annotations")
    if (
        not isinstance(annotations, CommentedSeq)
        or not 0 <= index < len(annotations)
        or annotations[index].get("quote") != quote
    ):
        raise StaleWrite()
    item = annotations[index]
    assert isinstance(item, CommentedMap)
    return item


def _selections_using(data: CommentedMap, statement_id: object) -> str:
    """``selections: core`` (or ``selections: core, short``) naming ``statement_id``, or ""."""
    selections = data.get("selections")
    if not isinstance(statement_id, str) or not isinstance(selections, dict):
        return ""
    names = [
        str(name)
        for name, chosen in selections.items()
        if isinstance(chosen, list) and statement_id in chosen
    ]
    return f"`selections: {', '.join(names)}`" if names else ""


def _add(data: CommentedMap, selection: Selection, changes: Changes) -> Typed:
    blocks = split_blocks(str(data["article"]))
    if not 0 <= selection.block < len(blocks):
        raise EditRefused("Select words in the article.")
    text = blocks[selection.block].text
    start, end = max(selection.start, 0), min(selection.end, len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    quote = text[start:end]
    if not quote:
        raise EditRefused("Select some words of the article first.")
    # Said in the statements' numbers, before the check would say it in the file's indexes.
    places = placed(data, blocks)
    shared = first_shared(places, Match(selection.block, start, end), text)
    if shared is not None:
        other, words = shared
        number = numbers(places)[other]
        raise EditRefused(
            f"These words share “{_short(words)}” with statement {number}, and two statements "
            f"cannot share words. Select words outside statement {number}, or shorten it first."
        )
    matches = find_matches(quote, blocks)
    place = [(m.block, m.start) for m in matches]
    if (selection.block, start) not in place:
        raise EditRefused("The selection could not be found in the article; select it again.")
    item = CommentedMap()
    item["quote"] = DoubleQuotedScalarString(quote)
    if len(matches) > 1:
        item["occurrence"] = place.index((selection.block, start)) + 1
    item["kind"] = checked_kind(changes.kind)
    typed: dict[str, str] = {}
    why = _typed("why", changes.why or "")
    if why:
        item["why"] = typed["why"] = scalar(why, None)
    else:
        item["why"] = NOT_EXPLAINED
        item["draft"] = True
    check = _typed("check", changes.check or "")
    if check:
        item["check"] = typed["check"] = scalar(check, None)
    # An id from the start, so that a selection can name the statement (its number changes).
    item["id"] = new_id(quote, ids_in_use(data["annotations"]))
    if item.pop("draft", False):
        item["draft"] = True  # last, as medialit new writes it: deleted to confirm
    data["annotations"].append(item)
    return Typed(len(data["annotations"]) - 1, typed)


def _change(item: CommentedMap, index: int, changes: Changes) -> Typed:
    typed: dict[str, str] = {}
    if changes.kind is not None:
        rewritten = {key for key in ("why", "check") if getattr(changes, key) is not None}
        change_kind(item, checked_kind(changes.kind), rewritten)
    if changes.also_accept is not None:
        set_also_accept(item, changes.also_accept)
    if changes.why is not None:
        why = _typed("why", changes.why)
        if not why:
            raise EditRefused("Write why (the key prints it), or delete the annotation.")
        typed["why"] = _set_text(item, "why", why)
    if changes.check is not None:
        check = _typed("check", changes.check)
        if check:
            typed["check"] = _set_text(item, "check", check)
        elif "check" in item:
            del item["check"]
    if changes.confirm and "draft" in item:
        del item["draft"]
    return Typed(index, typed)


@dataclass(frozen=True)
class Typed:
    """What the teacher typed into annotation ``index``: it must read back exactly."""

    index: int
    fields: dict[str, str]


def _typed(key: str, value: str) -> str:
    """The text as the lesson keeps it (without surrounding space), if a lesson can hold it."""
    problem = unstorable(FIELD_LABELS[key], value)
    if problem:
        raise EditRefused(problem)
    return value.strip()


def _set_text(item: CommentedMap, key: str, value: str) -> str:
    """Set a text field in the style the teacher wrote it (folded, quoted…) where it can be."""
    if item.get(key) != value:
        item[key] = scalar(value, item.get(key))
    return value


def _check_stored(checked: CheckedLesson, typed: Typed) -> None:
    """Refuse a save that would not give back what was typed (a safety net: none is known)."""
    if not typed.fields:
        return
    annotation = checked.lesson.annotations[typed.index]
    for key, value in typed.fields.items():
        if getattr(annotation, key) != value:
            raise EditRefused(
                f"This change was not saved, because {FIELD_LABELS[key]} would not read back "
                "exactly as typed; write it into the lesson file in your text editor instead."
            )
