"""Read a lesson file into a checked, anchored lesson, or report every problem in it.

This is the first stage of the pipeline: file → plain data (loader) →
``Lesson`` (model) → statements anchored in the article (anchoring).
"""

from __future__ import annotations

import difflib
import itertools
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
        raise LessonError(
            Problem(
                "a lesson file must be a set of fields (title, source, article, annotations), "
                "each on its own line as 'name: value'.",
                file=file,
                line=1,
            )
        )
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


def _did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f'did you mean "{close[0]}"? ' if close else ""


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
                    f'"{key}" is not a field here; {_did_you_mean(key, fields)}'
                    f"(fields: {', '.join(fields)})",
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
                    f'"{value}" is not a kind; {_did_you_mean(str(value), kinds)}'
                    f"(kinds: {', '.join(kinds)})",
                )
            )
        elif kind.startswith("date"):
            problems.append(
                loaded.problem(loc, f'"{value}" is not a date; write it as YYYY-MM-DD.')
            )
        elif kind == "string_too_short":
            problems.append(loaded.problem(loc, "is empty; write some text or remove the field."))
        elif kind == "too_short" and loc == ("annotations",):
            problems.append(loaded.problem(loc, "needs at least one annotation."))
        else:
            problems.append(loaded.problem(loc, f"{error['msg']} (got {_short(value)})."))
    return problems


def _short(value: Any) -> str:
    text = repr(value)
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
    for i, raw in enumerate(annotations):
        if not isinstance(raw, dict) or not isinstance(raw.get("quote"), str):
            continue
        path: PathKey = ("annotations", i, "quote")
        quote = raw["quote"]
        occurrence = raw.get("occurrence")
        if not normalise_quote(quote):
            problems.append(
                loaded.problem(path, "the quote is empty; copy words from the article.")
            )
            continue
        key = f"{normalise_quote(quote)}#{occurrence}"
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
            problems.append(loaded.problem(path, _not_found_message(quote, blocks, index)))
            continue
        if isinstance(occurrence, int) and not isinstance(occurrence, bool):
            if occurrence < 1 or occurrence > len(found):
                times = "once" if len(found) == 1 else f"{len(found)} times"
                problems.append(
                    loaded.problem(
                        ("annotations", i, "occurrence"),
                        f"occurrence {occurrence} is out of range: the quote appears {times}; "
                        f"use a number from 1 to {len(found)}.",
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


def _place_name(blocks: list[Block], block: int) -> str:
    b = blocks[block]
    if b.kind == "heading":
        return f'the heading "{b.text}"'
    return f"paragraph {b.number}"


def _not_found_message(quote: str, blocks: list[Block], index: Any) -> str:
    message = "this quote is not in the article"
    near = closest_passage(quote, index)
    if near is not None and near.score >= 50:
        passage = near.passage if len(near.passage) <= 160 else near.passage[:157] + "..."
        message += f'; did you mean "{passage}" ({_place_name(blocks, near.block)})?'
    else:
        message += "; copy the words exactly from the article."
    return message + " A quote must lie within one paragraph."


def _overlaps(loaded: LoadedYaml, matches: dict[int, Match], blocks: list[Block]) -> list[Problem]:
    problems = []
    placed = sorted(matches.items(), key=lambda item: (item[1].block, item[1].start))
    for (i, a), (j, b) in itertools.pairwise(placed):
        if a.block == b.block and b.start < a.end:
            shared = blocks[a.block].text[b.start : min(a.end, b.end)]
            problems.append(
                loaded.problem(
                    ("annotations", j, "quote"),
                    f'annotations[{j}] overlaps annotations[{i}] on the words "{shared}"; '
                    "shorten one quote so that they do not share words.",
                )
            )
    return problems
