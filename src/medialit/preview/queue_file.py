"""What the review queue reads from a lesson file and how it takes out and puts back a draft.

``medialit new`` writes ``# how sure: unsure (0.45)`` above each draft and its further
candidates as commented entries at the end of the file. ruamel.yaml keeps a comment with
the value *before* it, so taking out a statement naively would give the next draft the
dropped one's sureness (and lose its own): :func:`take_out` and :func:`put_back` move the
comment lines with the statements they stand above.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.tokens import CommentToken

T = TypeVar("T")

HOW_SURE = re.compile(r"#\s*how sure:\s*([a-z][a-z ]*?)\s*\((\d(?:\.\d+)?)\)")
CANDIDATES_START = "# More candidates found in the article"


@dataclass(frozen=True)
class Sureness:
    """How sure ``medialit new`` was of a draft: a word and a number from 0 to 1."""

    word: str
    value: float


def statement_ids(text: str) -> list[tuple[int, str]]:
    """Each annotation's first line (from 0) and its id (``""`` if none), in the file's order.

    Composed, not loaded: the node tree says where each statement starts, and libyaml
    composes it in a few milliseconds (a round-trip load takes a tenth of a second).
    """
    try:
        root = YAML(typ="safe").compose(text)
    except YAMLError:
        return []
    if not isinstance(root, MappingNode):
        return []
    listed = next((v for k, v in root.value if getattr(k, "value", None) == "annotations"), None)
    if not isinstance(listed, SequenceNode):
        return []
    found = []
    for item in listed.value:
        pairs = item.value if isinstance(item, MappingNode) else []
        named = [v.value for k, v in pairs if k.value == "id" and isinstance(v, ScalarNode)]
        found.append((item.start_mark.line, str(named[0]) if named else ""))
    return found


def sureness_by_id(text: str) -> dict[str, Sureness]:
    """The ``# how sure`` comment just above each annotation that has an id, by its id."""
    lines = text.splitlines()
    found: dict[str, Sureness] = {}
    for first, key in statement_ids(text):
        line = first - 1
        # Up over the comment lines right above the statement's first line.
        while key and 0 <= line < len(lines) and lines[line].lstrip().startswith("#"):
            match = HOW_SURE.search(lines[line])
            if match:
                found[key] = Sureness(match.group(1), float(match.group(2)))
                break
            line -= 1
    return found


def candidates(text: str) -> list[dict[str, Any]]:
    """The commented candidates at the end of a file ``medialit new`` wrote, as plain data."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if line.startswith(CANDIDATES_START)), None)
    if start is None:
        return []
    entries: list[str] = []
    for line in lines[start + 1 :]:
        if line.startswith("#   "):
            entries.append(line[2:])
        elif not line.startswith("# ") or entries:
            break
    try:
        loaded = YAML(typ="safe").load("\n".join(entries)) if entries else None
    except YAMLError:
        return []  # edited by hand into something else: nothing to offer
    if not isinstance(loaded, list):
        return []
    return [
        entry
        for entry in loaded
        if isinstance(entry, dict) and isinstance(entry.get("quote"), str) and entry.get("kind")
    ]


def take_out(data: CommentedMap, index: int) -> str:
    """Remove annotation ``index``; give back the comment lines that stood above it."""
    annotations: CommentedSeq = data["annotations"]
    own = _before(data, index)
    following = _before(data, index + 1)
    del annotations[index]
    _shift_items(annotations, index, -1)
    _set_before(data, index, following)
    return own


def put_back(data: CommentedMap, index: int, item: CommentedMap, comment: str) -> None:
    """Insert ``item`` as annotation ``index`` with ``comment`` lines above it."""
    annotations: CommentedSeq = data["annotations"]
    index = min(index, len(annotations))
    following = _before(data, index)
    slot = _tail_slot(item)
    if slot and slot[0][2]:  # the lines it had below it belong to another statement now
        slot[0][2] = CommentToken(_split(slot[0][2].value)[0], CommentMark(0), None)
    _shift_items(annotations, index, 1)
    annotations.insert(index, item)
    _set_before(data, index, comment)
    _set_before(data, index + 1, following)


# ---- the comment lines above annotation N, wherever ruamel.yaml keeps them ------------------


def _before(data: CommentedMap, index: int) -> str:
    """The whole-line comments above annotation ``index`` (after the last one: below it)."""
    annotations: CommentedSeq = data["annotations"]
    own = annotations.ca.items.get(index)
    text = _lines(own[1]) if own and own[1] else ""
    if index == 0:
        head = annotations.ca.comment
        return text + (_lines(head[1]) if head and len(head) > 1 and head[1] else "")
    slot = _tail_slot(annotations[index - 1])
    return (_split(slot[0][2].value)[1] if slot and slot[0][2] else "") + text


def _set_before(data: CommentedMap, index: int, comment: str) -> None:
    annotations: CommentedSeq = data["annotations"]
    annotations.ca.items.pop(index, None)  # any comment the loader kept on the item itself
    if index == 0:
        tokens = [_token(line) for line in comment.splitlines(keepends=True)] or None
        annotations.ca.comment = [None, tokens]
        above = data.ca.items.get("annotations")
        if above and len(above) > 3:
            above[3] = tokens
        return
    if index > len(annotations):
        return
    slot = _tail_slot(annotations[index - 1])
    if slot is None:
        return
    items, key = slot
    eol = _split(items[2].value)[0] if items[2] else "\n"
    if comment or items[2]:
        items[2] = CommentToken(eol + comment, CommentMark(0), None)
    del key


def _tail_slot(item: object) -> tuple[list[Any], object] | None:
    """The comment slot after an annotation's last scalar value (where the next's lines go)."""
    if not isinstance(item, CommentedMap) or not item:
        return None
    key = list(item.keys())[-1]
    slot = item.ca.items.setdefault(key, [None, None, None, None])
    return slot, key


def _shift_items(annotations: CommentedSeq, index: int, by: int) -> None:
    """Keep comments the loader stored per item with their items when one comes or goes."""
    items = annotations.ca.items
    moved = {(n + by if n >= index else n): value for n, value in items.items() if n != index}
    if by > 0 and index in items:
        moved[index + by] = items[index]
    items.clear()
    items.update(moved)


def _lines(tokens: list[CommentToken]) -> str:
    """Comment tokens as the lines they were, indented."""
    return "".join(" " * token.start_mark.column + token.value for token in tokens)


def _split(value: str) -> tuple[str, str]:
    """A comment slot's text: the end-of-line part (up to its line end) and the lines after."""
    end = value.find("\n")
    return (value, "") if end == -1 else (value[: end + 1], value[end + 1 :])


def _token(line: str) -> CommentToken:
    text = line.lstrip(" ")
    return CommentToken(text, CommentMark(len(line) - len(text)), None)


def keeping_comments_above(data: CommentedMap, edit: Callable[[CommentedMap], T]) -> T:
    """Apply ``edit``, then put back the comment lines above each annotation that it moved.

    A key deleted from a statement (``draft``, when it is confirmed) or a statement deleted
    takes with it the comment lines below it, which stand above the next statement (its
    ``# how sure``); only the comments that moved are written again, so an edit that moves
    none leaves every other byte as it was.
    """
    annotations = data.get("annotations")
    if not isinstance(annotations, CommentedSeq):
        return edit(data)
    above = {id(item): _before(data, index) for index, item in enumerate(annotations)}
    below = _before(data, len(annotations))
    result = edit(data)
    annotations = data.get("annotations")
    if not isinstance(annotations, CommentedSeq):
        return result
    for index, item in enumerate(annotations):
        wanted = above.get(id(item))  # a statement the edit added has what the edit gave it
        if wanted is None and index >= len(above) and _before(data, index) == below:
            wanted = ""  # appended: the lines below the list stay below it, not above this one
        if wanted is not None and _before(data, index) != wanted:
            _set_before(data, index, wanted)
    if _before(data, len(annotations)) != below:
        _set_before(data, len(annotations), below)
    return result
