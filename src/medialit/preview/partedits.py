"""Change a lesson's other parts in the round-trip document: questions, glossary, details.

Each function changes the document in place the way a careful teacher would by hand: a
field that did not change is not touched (so its comments, quoting and line breaks stay),
a new field goes where the lesson files put it, a list left empty goes away, and what the
teacher typed is stored so that it reads back exactly (:mod:`.fields`). A refusal raises
:class:`EditRefused` with a sentence for the teacher.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from medialit.drafting.discussion import notes_as_now
from medialit.lesson.model import UNKNOWN, GlossaryEntry, Kind, Question, Source
from medialit.preview.editing import EditRefused
from medialit.preview.fields import scalar, unstorable

# Where the lesson files in lessons/ put each field: a new one goes after those before it.
_TOP = (
    "title genre difficulty language audience objectives source article annotations "
    "questions worksheet selections plan plans glossary marking"
)
TOP_ORDER = tuple(_TOP.split())
SOURCE_ORDER = tuple(Source.model_fields)
QUESTION_ORDER = tuple(Question.model_fields)
ENTRY_ORDER = tuple(GlossaryEntry.model_fields)

SOURCE_LABELS = {
    "author": "The author",
    "outlet": "The outlet",
    "published": "The date published",
    "url": "The address",
    "republished_by": "Republished by",
    "republished": "The date republished",
    "title": "The article's headline",
    "licence": "The licence",
    "notes": "The notes on the source",
}
REQUIRED_SOURCE = ("author", "outlet", "published")

_ROUND_TRIP = YAML(typ="rt")
_ROUND_TRIP.width = 4096
_SAFE = YAML(typ="safe")


def put(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set ``key``, in place if it is there, else after the keys ``order`` puts before it."""
    if key in mapping:
        mapping[key] = value
        return
    before = set(order[: order.index(key)]) if key in order else set(order)
    keys = list(mapping)
    at = max((i + 1 for i, name in enumerate(keys) if name in before), default=0)
    if not keys or at == len(keys):
        mapping[key] = value
    else:
        mapping.insert(at, key, value)


def typed_text(label: str, value: str) -> str:
    """The text as the lesson keeps it (no surrounding space), if a lesson can hold it."""
    problem = unstorable(label, value)
    if problem:
        raise EditRefused(problem)
    return value.strip()


def set_text(
    mapping: CommentedMap,
    key: str,
    value: str,
    label: str,
    order: Sequence[str],
    *,
    required: str = "",
) -> None:
    """Set (or, given nothing, remove) a text field in its old style; ``required``: why not."""
    text = typed_text(label, value)
    if not text:
        if required:
            raise EditRefused(required)
        mapping.pop(key, None)
        return
    if mapping.get(key) == text:
        return
    stored = scalar(text, mapping.get(key))
    _reads_back(label, stored, text)
    put(mapping, key, stored, order)


def _reads_back(label: str, stored: object, text: str) -> None:
    """Refuse text that would not read back as typed (a safety net: none is known)."""
    stream = io.StringIO()
    _ROUND_TRIP.dump({"x": stored}, stream)
    if _SAFE.load(stream.getvalue())["x"] != text:
        raise EditRefused(
            f"This change was not saved, because {label} would not read back exactly as "
            "typed; write it into the lesson file in your text editor instead."
        )


def listed(data: CommentedMap, key: str) -> CommentedSeq:
    """The list at top-level ``key``, made (where lesson files put it) if there is none."""
    items = data.get(key)
    if isinstance(items, CommentedSeq):
        return items
    items = CommentedSeq()
    put(data, key, items, TOP_ORDER)
    return items


def item_at(data: CommentedMap, key: str, index: int, what: str) -> CommentedMap:
    items = data.get(key)
    if not isinstance(items, list) or not 0 <= index < len(items):
        raise EditRefused(f"There is no {what} {index + 1} any more; the page shows them now.")
    item = items[index]
    if not isinstance(item, CommentedMap):
        raise EditRefused(f"{what.capitalize()} {index + 1} is not a table of fields.")
    return item


def move(data: CommentedMap, key: str, index: int, to: int, what: str) -> None:
    """Move item ``index`` of list ``key`` to place ``to``, comments inside it with it."""
    items = data.get(key)
    item_at(data, key, index, what)
    assert isinstance(items, CommentedSeq)
    if not 0 <= to < len(items):
        raise EditRefused(f"{what.capitalize()} {index + 1} cannot move there.")
    if to != index:
        items.insert(to, items.pop(index))


def remove(data: CommentedMap, key: str, index: int, what: str) -> None:
    """Remove item ``index`` of list ``key``; the list itself goes with its last item."""
    item_at(data, key, index, what)
    del data[key][index]
    if not data[key]:
        del data[key]


def accept(item: CommentedMap, what: str) -> None:
    """Accept a suggestion of ``medialit new`` (a question, a plan): its ``draft: true`` goes."""
    if not item.get("draft"):
        raise EditRefused(f"{what[0].upper()}{what[1:]} is accepted already.")
    del item["draft"]


# -- discussion questions ----------------------------------------------------------------


def accept_suggested_question(data: CommentedMap, index: int, what: str) -> None:
    """Accept a question ``medialit new`` suggested, its notes written for its statement as the
    lesson has it now: a kind or a why changed since would print the old one in the key."""
    item = item_at(data, "questions", index, what)
    accept(item, what)
    notes = item.get("notes")
    annotations = data.get("annotations")
    if not isinstance(notes, str) or not isinstance(annotations, list):
        return
    statements = [
        (a["quote"], Kind(a["kind"]), str(a.get("why") or ""), str(a.get("check") or ""))
        for a in annotations
        if isinstance(a, dict) and isinstance(a.get("quote"), str) and a.get("kind") in set(Kind)
    ]
    now = notes_as_now(notes, str(data.get("language") or "en"), statements)
    if now != notes:
        set_text(item, "notes", now, "The notes", QUESTION_ORDER)


@dataclass(frozen=True)
class QuestionFields:
    """A question's fields as the page sends them; ``None`` leaves one as it is."""

    text: str | None = None
    notes: str | None = None
    paragraphs: list[int] | None = None


def add_question(data: CommentedMap, fields: QuestionFields) -> None:
    item = CommentedMap()
    set_question(item, fields, new=True)
    listed(data, "questions").append(item)


def set_question(item: CommentedMap, fields: QuestionFields, *, new: bool = False) -> None:
    if fields.text is not None or new:
        required = "Write the question (students read it), or remove it."
        set_text(item, "text", fields.text or "", "The question", QUESTION_ORDER, required=required)
    if fields.notes is not None:
        set_text(item, "notes", fields.notes, "The notes", QUESTION_ORDER)
    if fields.paragraphs is not None:
        set_numbers(item, "paragraphs", fields.paragraphs, QUESTION_ORDER)


def set_numbers(item: CommentedMap, key: str, numbers: list[int], order: Sequence[str]) -> None:
    """A short list of numbers, written on one line (``[7, 13]``) as lesson files do."""
    if not numbers:
        item.pop(key, None)
        return
    if list(item.get(key) or []) == numbers:
        return
    seq = CommentedSeq(numbers)
    seq.fa.set_flow_style()
    put(item, key, seq, order)


# -- the glossary ------------------------------------------------------------------------


def add_entry(data: CommentedMap, term: str, definition: str) -> None:
    item = CommentedMap()
    set_entry(item, term, definition)
    listed(data, "glossary").append(item)


def set_entry(item: CommentedMap, term: str | None, definition: str | None) -> None:
    if term is not None or "term" not in item:
        required = "Write the word or name to explain, or remove the entry."
        set_text(item, "term", term or "", "The word", ENTRY_ORDER, required=required)
    if definition is not None or "definition" not in item:
        required = "Write what the word means (a short, neutral explanation)."
        set_text(
            item, "definition", definition or "", "The definition", ENTRY_ORDER, required=required
        )


# -- the lesson's details ----------------------------------------------------------------


def set_details(data: CommentedMap, details: dict[str, Any]) -> None:
    """The lesson's title, audience, language, objectives and source fields that were sent."""
    if "title" in details:
        required = "Give the lesson a title (every sheet prints it)."
        set_text(data, "title", details["title"], "The title", TOP_ORDER, required=required)
    if "audience" in details:
        set_text(data, "audience", details["audience"], "The audience", TOP_ORDER)
    if "language" in details:
        language = typed_text("The language", details["language"])
        if not language:
            raise EditRefused("Give the article's language as a tag: en, fr, de, pt-BR…")
        if data.get("language") != language:
            put(data, "language", language, TOP_ORDER)
    if "objectives" in details:
        set_strings(data, "objectives", details["objectives"], "An objective", TOP_ORDER)
    for key, value in details.get("source", {}).items():
        set_source(data, key, value)


def set_strings(
    mapping: CommentedMap, key: str, values: list[str], label: str, order: Sequence[str]
) -> None:
    """A list of texts, changed item by item (each in its old style); empty items dropped."""
    texts = [text for text in (typed_text(label, value) for value in values) if text]
    if not texts:
        mapping.pop(key, None)
        return
    old = mapping.get(key)
    if not isinstance(old, CommentedSeq):
        old = CommentedSeq()
        put(mapping, key, old, order)
    for i, text in enumerate(texts):
        if i < len(old) and old[i] == text:
            continue
        stored = scalar(text, old[i] if i < len(old) else None)
        _reads_back(label, stored, text)
        if i < len(old):
            old[i] = stored
        else:
            old.append(stored)
    del old[len(texts) :]


def set_source(data: CommentedMap, key: str, value: str) -> None:
    source = data.get("source")
    if not isinstance(source, CommentedMap):
        raise EditRefused("The lesson's source is not a table of fields; fix it in your editor.")
    label = SOURCE_LABELS[key]
    required = f"{label} is needed: write it, or write {UNKNOWN} if you cannot find it."
    if key in ("published", "republished"):
        text = typed_text(label, value)
        if not text and key == "published":
            raise EditRefused(required)
        if not text:
            source.pop(key, None)
        elif str(source.get(key)) != text:
            put(source, key, _date(text, source.get(key)), SOURCE_ORDER)
        return
    set_text(
        source,
        key,
        value,
        label,
        SOURCE_ORDER,
        required=required if key in REQUIRED_SOURCE else "",
    )


def _date(text: str, old: object) -> object:
    """A whole date as YAML writes dates (``2024-03-01``), other text as text."""
    try:
        return datetime.date.fromisoformat(text) if len(text) == 10 else scalar(text, old)
    except ValueError:
        return scalar(text, old)
