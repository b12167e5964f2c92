"""Read a lesson file into a checked, anchored lesson, or report every problem in it.

This is the first stage of the pipeline: file → plain data (loader) →
``Lesson`` (model) → statements anchored in the article (anchoring).
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .anchoring import Match, closest_passage, find_matches, normalise_quote, searchable
from .article import Block, split_blocks
from .config import Layer, layer_problems, lesson_layer
from .errors import LessonError, Problem
from .loader import LoadedYaml, PathKey, load_yaml
from .model import FIELD_NAMES, KIND_ORDER, Annotation, Kind, Lesson

MAX_ARTICLE_CHARS = 200_000
MAX_ANNOTATIONS = 500
# "Did you mean" is a fuzzy search of the whole article; past a few misses the
# teacher has likely pasted the wrong article, and more searches only cost time.
MAX_SUGGESTIONS = 10


@dataclass(frozen=True)
class Statement:
    """An annotation placed in the article; ``number`` follows reading order."""

    number: int
    annotation: Annotation
    index: int  # position in the lesson file's ``annotations`` list
    block: int
    start: int
    end: int


@dataclass(frozen=True)
class CheckedLesson:
    """A lesson that passed every check, with its article split and its statements placed."""

    file: Path
    lesson: Lesson
    blocks: list[Block]
    statements: list[Statement]
    worksheet: Layer | None = None
    """The lesson's ``worksheet:`` settings, with their lines, if it has any."""

    @property
    def name(self) -> str:
        """The lesson's file name without ``.yaml``: the name of its build folder."""
        return self.file.stem

    @property
    def language_layer(self) -> Layer | None:
        """The lesson's own ``language:`` as a settings layer (it chooses the sheets' words)."""
        if "language" not in self.lesson.model_fields_set:
            return None
        return Layer("lesson", {"language": self.lesson.language}, self.file)

    def count_by_kind(self) -> dict[Kind, int]:
        counts = dict.fromkeys(KIND_ORDER, 0)
        for statement in self.statements:
            counts[statement.annotation.kind] += 1
        return counts


def read_lesson(file: Path, text: str | None = None) -> CheckedLesson:
    """Load, validate and anchor a lesson; raise one :class:`LessonError` listing every problem."""
    loaded = load_yaml(file, text)
    data = loaded.data
    if not isinstance(data, dict):
        raise LessonError(Problem(_not_a_lesson(data), file=file, line=1))
    problems = _size_problems(loaded)
    if problems:
        raise LessonError(problems)
    lesson: Lesson | None = None
    try:
        lesson = Lesson.model_validate(data)
    except ValidationError as exc:
        problems.extend(_validation_problems(loaded, exc))
    blocks, matches, anchor_problems = _anchor(loaded)
    problems.extend(anchor_problems)
    worksheet = _worksheet_layer(loaded)
    if worksheet is not None:
        problems.extend(layer_problems(worksheet))
    if problems or lesson is None:
        raise LessonError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
    order = sorted(matches, key=lambda i: (matches[i].block, matches[i].start))
    statements = [
        Statement(n, lesson.annotations[i], i, matches[i].block, matches[i].start, matches[i].end)
        for n, i in enumerate(order, start=1)
    ]
    return CheckedLesson(file, lesson, blocks, statements, worksheet)


def _worksheet_layer(loaded: LoadedYaml) -> Layer | None:
    """The ``worksheet:`` table as a settings layer placed in the lesson file."""
    table = loaded.data.get("worksheet")
    if not isinstance(table, dict) or not table:
        return None

    def place_of(path: tuple[str, ...]) -> tuple[int | None, int | None]:
        return loaded.key_place(("worksheet", *path))

    return lesson_layer(loaded.file, table, place_of)


def _not_a_lesson(data: Any) -> str:
    fields = (
        "a lesson file must be a set of fields (title, source, article, annotations), "
        "each on its own line as 'name: value'"
    )
    if data is None:
        return f"the file is empty; {fields}."
    if isinstance(data, list):
        return f"the file is a list (lines starting with '- '); {fields}."
    return f"the file holds a single value, not a lesson; {fields}."


def _size_problems(loaded: LoadedYaml) -> list[Problem]:
    data = loaded.data
    problems = []
    article = data.get("article")
    if isinstance(article, str) and len(article) > MAX_ARTICLE_CHARS:
        problems.append(
            loaded.problem(
                ("article",),
                f"the article has {len(article):,} characters, more than the {MAX_ARTICLE_CHARS:,} "
                "a worksheet can hold; use an excerpt.",
            )
        )
    annotations = data.get("annotations")
    if isinstance(annotations, list) and len(annotations) > MAX_ANNOTATIONS:
        problems.append(
            loaded.problem(
                ("annotations",),
                f"{len(annotations)} annotations is more than the {MAX_ANNOTATIONS} a worksheet "
                "can hold; split the article into several lessons.",
            )
        )
    return problems


def _fields_at(loc: tuple[Any, ...]) -> tuple[str, ...]:
    """The valid field names of the mapping at ``loc``."""
    if not loc:
        return FIELD_NAMES["lesson"]
    head = str(loc[0])
    return FIELD_NAMES.get(head, ())


def _did_you_mean(word: str, choices: tuple[str, ...] | list[str], name: str) -> str:
    """``did you mean "quote"? (fields: …)``, or the choices when none is close."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f'did you mean "{close[0]}"? ({name}: {", ".join(choices)})'
    return f"use one of the {name}: {', '.join(choices)}."


def _validation_problems(loaded: LoadedYaml, exc: ValidationError) -> list[Problem]:
    problems = []
    errors = exc.errors()
    # A misspelt key ("qoute") also makes its field missing; the typo's message says it all.
    misspelt = {
        (*error["loc"][:-1], close[0])
        for error in errors
        if error["type"] == "extra_forbidden"
        and (
            close := difflib.get_close_matches(
                str(error["loc"][-1]), _fields_at(error["loc"][:-1]), 1, 0.6
            )
        )
    }
    for error in errors:
        loc: PathKey = tuple(error["loc"])
        kind = error["type"]
        value = error.get("input")
        if kind == "missing" and loc in misspelt:
            continue
        if kind == "extra_forbidden":
            key = str(loc[-1])
            fields = _fields_at(loc[:-1])
            problems.append(
                loaded.problem(
                    loc,
                    f'"{key}" is not a field here; {_did_you_mean(key, fields, "fields")}',
                    at_key=True,
                )
            )
        elif kind == "missing":
            problems.append(loaded.problem(loc, "is required but missing; add it."))
        elif kind == "enum":
            kinds = [k.value for k in KIND_ORDER]
            problems.append(
                loaded.problem(
                    loc,
                    f'"{_shown(value)}" is not a kind; {_did_you_mean(str(value), kinds, "kinds")}',
                )
            )
        elif kind.startswith("date"):
            problems.append(
                loaded.problem(loc, f'"{_shown(value)}" is not a date; write it as YYYY-MM-DD.')
            )
        elif kind == "string_too_short":
            problems.append(loaded.problem(loc, "is empty; write some text or remove the field."))
        elif kind == "too_short" and loc == ("annotations",):
            problems.append(loaded.problem(loc, "needs at least one annotation."))
        else:
            # An empty value has no place of its own; point at its key.
            message = _type_message(kind, value, error)
            problems.append(loaded.problem(loc, message, at_key=value is None))
    return problems


_EXPECTED = {
    "string_type": "text",
    "list_type": "a list, each item on its own line starting with '- '",
    "dict_type": "a set of fields, each on its own indented line as 'name: value'",
    "model_type": "a set of fields, each on its own indented line as 'name: value'",
    "model_attributes_type": "a set of fields, each on its own indented line as 'name: value'",
    "int_type": "a whole number such as 2",
    "int_parsing": "a whole number such as 2",
    "int_from_float": "a whole number such as 2",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
}


def _type_message(kind: str, value: Any, error: Any) -> str:
    """A teacher's sentence for the pydantic errors that the branches above do not cover."""
    if value is None and kind in _EXPECTED:
        return "has no value; write one after the colon, or remove the line if it is optional."
    if kind == "string_type" and isinstance(value, int | float | bool | datetime.date):
        return f'must be text; put it in quotes: "{_shown(value)}".'
    if kind in _EXPECTED:
        return f"must be {_EXPECTED[kind]}, not {_describe(value)}."
    if kind == "greater_than_equal":
        return f"must be {error.get('ctx', {}).get('ge', 1)} or more, not {_shown(value)}."
    if kind == "string_pattern_mismatch":
        return f'"{_shown(value)}" is not a language tag; write one such as en, fr or pt-BR.'
    return f"{error['msg']} (got {_shown(value)}); check this value."


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, datetime.date):
        return f"the date {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return f'the text "{_shown(value)}"'


def _shown(value: Any) -> str:
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _anchor(loaded: LoadedYaml) -> tuple[list[Block], dict[int, Match], list[Problem]]:
    """Place each annotation's quote; runs on raw data, so even when a field is wrong."""
    data = loaded.data
    article = data.get("article")
    annotations = data.get("annotations")
    if not isinstance(article, str) or not isinstance(annotations, list):
        return [], {}, []
    blocks = split_blocks(article)
    index = searchable(blocks)
    problems: list[Problem] = []
    matches: dict[int, Match] = {}
    seen_quotes: dict[str, int] = {}
    missed = 0
    for i, raw in enumerate(annotations):
        if not isinstance(raw, dict) or not isinstance(raw.get("quote"), str):
            continue
        path: PathKey = ("annotations", i, "quote")
        quote = raw["quote"]
        occurrence = raw.get("occurrence")
        if not quote.strip() or not _valid_occurrence(occurrence):
            continue  # the model already reports an empty quote or a bad occurrence
        normalised = normalise_quote(quote)
        if not normalised:
            problems.append(
                loaded.problem(path, "the quote is empty; copy words from the article.")
            )
            continue
        key = f"{normalised}#{occurrence}"
        if key in seen_quotes:
            problems.append(
                loaded.problem(
                    path,
                    f"annotations[{i}] repeats the quote of annotations[{seen_quotes[key]}]; "
                    "remove one of them.",
                )
            )
            continue
        seen_quotes[key] = i
        found = find_matches(quote, index)
        if not found:
            suggest = missed < MAX_SUGGESTIONS
            missed += 1
            problems.append(loaded.problem(path, _not_found_message(quote, blocks, index, suggest)))
            continue
        if isinstance(occurrence, int):
            if occurrence > len(found):
                if len(found) == 1:
                    advice = "the quote appears once; remove 'occurrence'."
                else:
                    n = len(found)
                    advice = f"the quote appears {n} times; use a number from 1 to {n}."
                problems.append(
                    loaded.problem(
                        ("annotations", i, "occurrence"),
                        f"occurrence {occurrence} is out of range: {advice}",
                    )
                )
                continue
            match = found[occurrence - 1]
        elif len(found) > 1:
            where = ", ".join(_place_name(blocks, m.block) for m in found)
            problems.append(
                loaded.problem(
                    path,
                    f"the quote appears {len(found)} times ({where}); add 'occurrence: N' "
                    "to say which one, or quote more words.",
                )
            )
            continue
        else:
            match = found[0]
        matches[i] = match
    problems.extend(_overlaps(loaded, matches, blocks))
    return blocks, matches, problems


def _valid_occurrence(occurrence: Any) -> bool:
    """None, or a whole number from 1 (what the model accepts)."""
    if occurrence is None:
        return True
    return isinstance(occurrence, int) and not isinstance(occurrence, bool) and occurrence >= 1


def _place_name(blocks: list[Block], block: int) -> str:
    b = blocks[block]
    if b.kind == "heading":
        return f'the heading "{b.text}"'
    return f"paragraph {b.number}"


def _not_found_message(quote: str, blocks: list[Block], index: Any, suggest: bool) -> str:
    message = "this quote is not in the article"
    near = closest_passage(quote, index) if suggest else None
    if near is not None and near.score >= 50:
        passage = near.passage if len(near.passage) <= 160 else near.passage[:157] + "..."
        message += f'; did you mean "{passage}" ({_place_name(blocks, near.block)})?'
    else:
        message += "; copy the words exactly from the article."
    return message + " A quote must lie within one paragraph."


def _overlaps(loaded: LoadedYaml, matches: dict[int, Match], blocks: list[Block]) -> list[Problem]:
    """Each quote that shares words with an earlier one; compared with the one reaching
    furthest, so that a long quote covering two short ones is reported for both."""
    problems = []
    placed = sorted(matches.items(), key=lambda item: (item[1].block, item[1].start))
    reach: tuple[int, Match] | None = None
    for j, b in placed:
        if reach is not None and reach[1].block == b.block and b.start < reach[1].end:
            i, a = reach
            shared = blocks[a.block].text[b.start : min(a.end, b.end)]
            problems.append(
                loaded.problem(
                    ("annotations", j, "quote"),
                    f'annotations[{j}] overlaps annotations[{i}] on the words "{shared}"; '
                    "shorten one quote so that they do not share words.",
                )
            )
        if reach is None or reach[1].block != b.block or b.end > reach[1].end:
            reach = (j, b)
    return problems
