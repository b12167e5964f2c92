"""Change a lesson file's annotations the way a careful teacher would by hand.

ruamel.yaml's round-trip mode keeps the comments, the key order, the quoting
and the line breaks of everything that is not edited. Every edit is checked
before it is written: it must start from the file the page last saw (else it
is a *stale* write, refused so that an edit made in another editor is never
overwritten) and must leave a lesson that ``medialit check`` accepts. The
file is replaced atomically, so no reader ever sees half of it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from ..anchoring import find_matches
from ..article import split_blocks
from ..errors import LessonError
from ..files import write_atomically
from ..lesson import CheckedLesson, read_lesson
from ..lesson_text import MAX_FILE_BYTES, decode_lesson
from ..model import Kind

NOT_EXPLAINED = "Not explained yet: say why this is the kind chosen."
"""The ``why`` of an annotation marked before its explanation is written (kept a draft)."""


class StaleWrite(Exception):
    """The file changed on disk since the page loaded it."""


class EditRefused(Exception):
    """The edit would break the lesson, or the lesson is broken already."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


@dataclass(frozen=True)
class LessonText:
    """A lesson file's text and the version a page must quote to change it.

    ``text`` is ``None`` when the bytes cannot be a lesson (not UTF-8, too large):
    :func:`~medialit.lesson.read_lesson` then reads the file itself and says why.
    """

    text: str | None
    version: str
    bom: bool = False


def version_of(data: bytes) -> str:
    """A short fingerprint of a file's bytes: equal bytes, equal version."""
    return hashlib.sha256(data).hexdigest()[:16]


def read_version(path: Path) -> LessonText:
    """The lesson file as it is on disk now, with its version."""
    with path.open("rb") as stream:
        data = stream.read(MAX_FILE_BYTES + 1)
    text: str | None = None
    if len(data) <= MAX_FILE_BYTES:
        with contextlib.suppress(LessonError):  # read_lesson gives the message, with the line
            text = decode_lesson(data, path)
    return LessonText(text, version_of(data), data.startswith(b"\xef\xbb\xbf"))


@dataclass(frozen=True)
class Saved:
    """A lesson as just written: checked, and its new version."""

    checked: CheckedLesson
    version: str


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


class LessonEditor:
    """Applies the page's edits to one lesson file, and to no other."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # One edit at a time: two racing saves must not both pass the version check.
        self._lock = threading.Lock()
        self.checked_version: str | None = None
        """A version of the file known to pass the check (the server has just read it)."""

    def add(self, version: str, selection: Selection, changes: Changes) -> Saved:
        return self._apply(version, lambda data: _add(data, selection, changes))

    def change(self, version: str, index: int, quote: str, changes: Changes) -> Saved:
        return self._apply(version, lambda data: _change(_annotation(data, index, quote), changes))

    def delete(self, version: str, index: int, quote: str) -> Saved:
        def remove(data: CommentedMap) -> None:
            _annotation(data, index, quote)
            annotations = data["annotations"]
            if len(annotations) == 1:
                raise EditRefused("A lesson needs at least one annotation; add another first.")
            del annotations[index]

        return self._apply(version, remove)

    def _apply(self, version: str, edit: Callable[[CommentedMap], None]) -> Saved:
        """Check the version, edit, check the result, write; give back the checked lesson."""
        with self._lock:
            current = read_version(self.path)
            if current.version != version:
                raise StaleWrite()
            # The safe loader first: the round-trip loader must never see an alias bomb.
            if current.version != self.checked_version or current.text is None:
                try:
                    read_lesson(self.path, current.text)
                except LessonError as exc:
                    raise EditRefused(
                        "The lesson file has problems; fix them in your editor first.",
                        [str(p) for p in exc.problems],
                    ) from None
            assert current.text is not None  # read_lesson read the bytes as a lesson
            yaml = _yaml(*guess_indent(current.text))
            data = yaml.load(current.text)
            edit(data)
            text = _dump(yaml, data, current.text)
            try:
                checked = read_lesson(self.path, text)
            except LessonError as exc:
                raise EditRefused(
                    "This change was not saved, because the lesson would not pass the check:",
                    [p.message for p in exc.problems],
                ) from None
            data_bytes = ("\ufeff" if current.bom else "").encode() + text.encode()
            write_atomically(self.path, data_bytes)
            self.checked_version = version_of(data_bytes)
            return Saved(checked, self.checked_version)


def guess_indent(text: str) -> tuple[int, int, int]:
    """The file's own indentation, as ruamel.yaml's (mapping, sequence, offset).

    Read from the first nested mapping and the first block list, so that a save
    writes every untouched line back as it was (2, 4, 2 is the seed lessons' style).
    """
    mapping: int | None = None
    sequence: tuple[int, int] | None = None
    lines = text.splitlines()
    for parent, line in itertools.pairwise(lines):
        head = parent.split(" #")[0].rstrip()
        stripped = line.lstrip()
        if not head.endswith(":") or head.lstrip().startswith(("-", "#")) or not stripped:
            continue
        indent = len(line) - len(stripped) - (len(parent) - len(parent.lstrip()))
        if stripped.startswith("- ") and sequence is None:
            after_dash = len(stripped) - len(stripped[1:].lstrip()) - 1
            sequence = (indent + 1 + after_dash, indent)
        elif not stripped.startswith(("-", "#")) and mapping is None and indent > 0:
            mapping = indent
    sequence_indent, offset = sequence or (4, 2)
    return mapping or 2, sequence_indent, offset


def _yaml(mapping: int, sequence: int, offset: int) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a teacher's long lines
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: YAML, data: Any, original: str) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    text = stream.getvalue()
    if "\r\n" in original:
        text = text.replace("\n", "\r\n")
    return text


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


def _add(data: CommentedMap, selection: Selection, changes: Changes) -> None:
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
    matches = find_matches(quote, blocks)
    place = [(m.block, m.start) for m in matches]
    if (selection.block, start) not in place:
        raise EditRefused("The selection could not be found in the article; select it again.")
    item = CommentedMap()
    item["quote"] = DoubleQuotedScalarString(quote)
    if len(matches) > 1:
        item["occurrence"] = place.index((selection.block, start)) + 1
    item["kind"] = _kind(changes.kind)
    why = (changes.why or "").strip()
    item["why"] = why or NOT_EXPLAINED
    check = (changes.check or "").strip()
    if check:
        item["check"] = check
    if not why:
        item["draft"] = True
    data["annotations"].append(item)


def _change(item: CommentedMap, changes: Changes) -> None:
    if changes.kind is not None:
        item["kind"] = _kind(changes.kind)
        also = item.get("also_accept")
        if isinstance(also, list) and changes.kind in also:
            also.remove(changes.kind)
            if not also:
                del item["also_accept"]
    if changes.why is not None:
        why = changes.why.strip()
        if not why:
            raise EditRefused("Write why (the key prints it), or delete the annotation.")
        _set_text(item, "why", why)
    if changes.check is not None:
        check = changes.check.strip()
        if check:
            _set_text(item, "check", check)
        elif "check" in item:
            del item["check"]
    if changes.confirm and "draft" in item:
        del item["draft"]


def _set_text(item: CommentedMap, key: str, value: str) -> None:
    """Set a text field in the style the teacher wrote it (folded, quoted…)."""
    old = item.get(key)
    if old == value:
        return
    for style in (
        FoldedScalarString,
        LiteralScalarString,
        DoubleQuotedScalarString,
        SingleQuotedScalarString,
    ):
        if isinstance(old, style):
            item[key] = style(value)
            return
    item[key] = value


def _kind(kind: str | None) -> str:
    if kind not in {k.value for k in Kind}:
        raise EditRefused("Choose a kind: evidence, inference or assertion.")
    return kind
