"""The statement editor's endpoints: a statement's words (its boundaries), techniques and id.

Routes (behind the preview's Guard, like every other edit; see :mod:`.app`):

- ``POST /api/statements/N/bounds``: the words of annotation ``N`` become characters
  ``start``–``end`` of article block ``block`` (a handle dragged, Shift+arrows);
- ``POST /api/statements/N/techniques``: its ``techniques``, as the teacher lists them;
- ``POST /api/statements/N/id``: its ``id``, renamed in every selection that names it;
- ``GET /api/techniques``: technique names to offer (the lesson's own, then ``medialit new``'s).

Every change is made in place by :meth:`LessonEditor.edit`: the annotation keeps its place in
the file, its other fields and the file's comments; a stale page is refused with the file as
it is, and Ctrl+Z undoes it. Kind, why, check and ``also_accept`` are ``app``'s endpoints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from medialit.drafting.wording import load_cues
from medialit.lesson.anchoring import Match, find_matches
from medialit.lesson.article import split_blocks
from medialit.lesson.model import MAX_ITEMS, MAX_LABEL_CHARS, Name
from medialit.preview.editing import EditRefused, Saved, StaleWrite
from medialit.preview.fields import scalar, unstorable
from medialit.preview.live import Preview
from medialit.preview.places import first_shared, numbers, placed
from medialit.preview.requests import (
    BadRequest,
    answer,
    edit_response,
    int_field,
    json_body,
    str_field,
)

_NAME: TypeAdapter[str] = TypeAdapter(Name)
# A new field goes after the ones a teacher writes first, before id, occurrence and draft.
_BEFORE = ("quote", "kind", "also_accept", "why", "check")


def endpoints(preview: Preview) -> list[BaseRoute]:
    """The statement editor's routes for one preview."""

    async def bounds(request: Request) -> Response:
        body = await json_body(request)
        index, quote = _target(request, body)
        words = Words(int_field(body, "block"), int_field(body, "start"), int_field(body, "end"))
        return await _edit(
            preview, body, f"the new words of “{_short(quote)}”",
            lambda data: set_words(data, index, quote, words),
        )  # fmt: skip

    async def techniques(request: Request) -> Response:
        body = await json_body(request)
        index, quote = _target(request, body)
        names = body.get("techniques")
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise BadRequest("'techniques' must be a list of names.")
        return await _edit(
            preview, body, f"the techniques of “{_short(quote)}”",
            lambda data: set_techniques(_statement(data, index, quote), names),
        )  # fmt: skip

    async def rename(request: Request) -> Response:
        body = await json_body(request)
        index, quote = _target(request, body)
        new = str_field(body, "id")
        renamed: list[str] = []
        response = await _edit(
            preview, body, f"the new id of “{_short(quote)}”",
            lambda data: renamed.extend(set_id(data, index, quote, new)),
        )  # fmt: skip
        if response.status_code == 200:
            # The page says where else the id changed ("and in selections: core").
            where = f", and in selections: {', '.join(renamed)}" if renamed else ""
            response = answer(preview, said=f"Renamed the id to “{new.strip()}”{where}.")
        return response

    async def technique_names(request: Request) -> Response:
        return JSONResponse({"techniques": suggested_techniques(preview.view)})

    return [
        Route("/api/statements/{index:int}/bounds", bounds, methods=["POST"]),
        Route("/api/statements/{index:int}/techniques", techniques, methods=["POST"]),
        Route("/api/statements/{index:int}/id", rename, methods=["POST"]),
        Route("/api/techniques", technique_names),
    ]


def _target(request: Request, body: dict[str, Any]) -> tuple[int, str]:
    """The annotation's index in the file, and its quote as the page last saw it."""
    return cast(int, request.path_params["index"]), str_field(body, "quote")


async def _edit(
    preview: Preview, body: dict[str, Any], label: str, edit: Callable[[CommentedMap], None]
) -> Response:
    version = str_field(body, "version")

    def apply() -> Saved:
        return preview.editor.edit(version, label, edit)

    return await edit_response(preview, apply)


def _short(quote: str) -> str:
    words = quote.split()
    return " ".join(words[:6]) + (" …" if len(words) > 6 else "")


def _statement(data: CommentedMap, index: int, quote: str) -> CommentedMap:
    """Annotation ``index``, if it still has the quote the page saw; else the page is stale."""
    annotations = data.get("annotations")
    if (
        not isinstance(annotations, CommentedSeq)
        or not 0 <= index < len(annotations)
        or not isinstance(annotations[index], CommentedMap)
        or annotations[index].get("quote") != quote
    ):
        raise StaleWrite()
    return cast(CommentedMap, annotations[index])


def _insert(item: CommentedMap, key: str, value: object) -> None:
    """Set ``key``, in its place if the annotation has it, else after the fields written first."""
    if key in item:
        item[key] = value
        return
    keys = list(item)
    at = max((keys.index(k) + 1 for k in _BEFORE if k in item), default=len(keys))
    item.insert(at, key, value)


# ---- the words ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Words:
    """Characters ``start``–``end`` of article block ``block``: a statement's new words."""

    block: int
    start: int
    end: int


def set_words(data: CommentedMap, index: int, quote: str, words: Words) -> None:
    """Give annotation ``index`` the words ``words``: its quote (and occurrence) rewritten."""
    item = _statement(data, index, quote)
    blocks = split_blocks(str(data["article"]))
    places = placed(data, blocks)
    number = numbers(places)
    here = places.get(index)
    if here is None:
        raise StaleWrite()
    name = f"Statement {number[index]}"
    if words.block != here.block:
        raise EditRefused(
            f"{name} stays within its paragraph: a statement cannot run into another one. "
            "To mark words elsewhere, select them there."
        )
    text = blocks[here.block].text
    start, end = max(0, words.start), min(words.end, len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        raise EditRefused(
            f"{name} would have no words left: keep at least one word, or delete the statement."
        )
    shared = first_shared(places, Match(here.block, start, end), text, besides=index)
    if shared is not None:
        other, words_shared = shared
        raise EditRefused(
            f"{name} would then share the words “{_short(words_shared)}” with statement "
            f"{number[other]}, and two statements cannot share words. Shorten statement "
            f"{number[other]} first, or stop before its words."
        )
    new_quote = text[start:end]
    matches = [(m.block, m.start) for m in find_matches(new_quote, blocks)]
    if (here.block, start) not in matches:  # a safety net: the article's own words are found
        raise EditRefused("These words could not be found in the article; select them again.")
    item["quote"] = _quote_like(new_quote, item["quote"])
    if len(matches) > 1:
        occurrence = matches.index((here.block, start)) + 1
        if "occurrence" in item:
            item["occurrence"] = occurrence
        else:
            item.insert(list(item).index("quote") + 1, "occurrence", occurrence)
    else:
        item.pop("occurrence", None)


def _quote_like(quote: str, old: object) -> str:
    """The new words in the old quote's style; a folded quote (``>-``) folded as it was: no
    line longer than its longest (the file is never re-wrapped, so a new one would be one
    line)."""
    new = scalar(quote, old)
    if isinstance(new, FoldedScalarString) and isinstance(old, FoldedScalarString):
        folds = list(getattr(old, "fold_pos", []))
        starts, ends = [0, *(at + 1 for at in folds)], [*folds, len(old)]
        width = max(end - start for start, end in zip(starts, ends, strict=True))
        new.fold_pos = _folds(quote, width)  # type: ignore[attr-defined]
    return new


def _folds(text: str, width: int) -> list[int]:
    """Where to fold ``text`` (at spaces) so that no line is longer than ``width``."""
    folds: list[int] = []
    line_start, last_space = 0, -1
    for at, character in enumerate([*text, " "]):
        if character != " ":
            continue
        if at - line_start > width and last_space >= line_start:
            folds.append(last_space)
            line_start = last_space + 1
        last_space = at
    return [at for at in folds if at < len(text)]


# ---- techniques and id -------------------------------------------------------------------


def set_techniques(item: CommentedMap, names: list[str]) -> None:
    """The statement's techniques, in the teacher's order, each once; none: no field."""
    chosen: list[str] = []
    for raw in names:
        problem = unstorable("A technique", raw)
        if problem:
            raise EditRefused(problem)
        name = " ".join(raw.split())
        if len(name) > MAX_LABEL_CHARS:
            raise EditRefused(
                f"A technique's name is at most {MAX_LABEL_CHARS} characters; "
                f"shorten “{_short(name)}”."
            )
        if name and name.casefold() not in {c.casefold() for c in chosen}:
            chosen.append(name)
    if len(chosen) > MAX_ITEMS:
        raise EditRefused(f"A statement names at most {MAX_ITEMS} techniques; remove some.")
    if not chosen:
        item.pop("techniques", None)
        return
    if list(item.get("techniques") or []) == chosen:
        return
    seq = CommentedSeq(chosen)
    seq.fa.set_flow_style()  # as medialit new and the lessons write them: [a, b]
    _insert(item, "techniques", seq)


def set_id(data: CommentedMap, index: int, quote: str, new: str) -> list[str]:
    """Rename annotation ``index``'s id, and the same id in every selection that names it;
    give the names of those selections."""
    item = _statement(data, index, quote)
    new = new.strip()
    try:
        _NAME.validate_python(new)
    except ValidationError:
        shown = f"“{new}” is not one" if new else "it cannot be empty"
        raise EditRefused(
            "An id is up to 40 letters without accents, digits, dashes (-) and underscores, "
            f"starting with a letter or a digit, such as council-report: {shown}."
        ) from None
    old = item.get("id")
    if new == old:
        return []
    for other, statement in enumerate(data["annotations"]):
        if other != index and statement.get("id") == new:
            blocks = split_blocks(str(data["article"]))
            number = numbers(placed(data, blocks)).get(other, other + 1)
            raise EditRefused(
                f"Statement {number} already has the id “{new}”; choose another, since "
                "selections name statements by their id."
            )
    _insert(item, "id", new)
    renamed: list[str] = []
    selections = data.get("selections")
    if isinstance(old, str) and isinstance(selections, dict):
        for selection, chosen in selections.items():
            if isinstance(chosen, list) and old in chosen:
                for at, value in enumerate(chosen):
                    if value == old:
                        chosen[at] = new
                renamed.append(str(selection))
    return renamed


def suggested_techniques(view: dict[str, Any]) -> list[str]:
    """The lesson's own technique names, most used first; then ``medialit new``'s names."""
    counts: dict[str, int] = {}
    for annotation in view.get("annotations", []):
        for name in annotation.get("techniques", []):
            counts[name] = counts.get(name, 0) + 1
    names = sorted(counts, key=lambda name: -counts[name])
    cues = load_cues(str(view.get("language") or "en"))
    if cues is not None:
        known = {name.casefold() for name in names}
        for family in cues[0]:
            if family.technique.casefold() not in known:
                known.add(family.technique.casefold())
                names.append(family.technique)
    return names
