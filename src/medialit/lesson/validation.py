"""Turn pydantic's validation errors into problems a teacher can act on.

The one translator of pydantic errors (:func:`translate`): a lesson's or a
cues file's fields (placed by the YAML loader) and a layer of settings
(placed by the layer's own lines, :mod:`medialit.settings.checks`) all come here,
so every message says what is wrong and what to write instead, with a "did you
mean" for a misspelt name. Nothing here knows the settings: the settings stage
passes its model and its words in.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from medialit.errors import Problem, closest, did_you_mean
from medialit.lesson.loader import LoadedYaml, PathKey
from medialit.lesson.model import KIND_ORDER, keys_at
from medialit.lesson.tables import KeyPath

PlaceProblem = Callable[[KeyPath, str], Problem]
"""Makes a problem at a setting's path, placed in the file (or option) that gave it."""


# -- the one translator ------------------------------------------------------------------------


Place = Callable[[PathKey, str, bool], Problem]
"""Makes a problem at a path of the checked data (``True``: at its key rather than its value)."""


# NamedTuples, defined ten times quicker than frozen dataclasses (on every check's path): the
# translator's own bundles, read by their fields, never compared, never given to a template.
class Wording(NamedTuple):
    """What differs between the files the translator words problems for."""

    model: type[BaseModel]
    """The model checked: it tells which names are allowed at each path."""
    unknown_key: Callable[[PathKey, Sequence[str]], str]
    """The message for a name that is not allowed, given the names that are."""
    type_message: Callable[[str, Any, Any], str]
    """The message for the errors that the shared branches do not cover."""


def translate(exc: ValidationError, place: Place, wording: Wording) -> list[Problem]:
    """Every error of ``exc`` as a problem a teacher can act on, in pydantic's order.

    A field reported missing is dropped when its parent already has a clearer
    error: a misspelt key ("qoute") is reported as a typo of the field it stands
    for, and a table under an unknown name (``[kinds.asertion]``) as that name.
    """
    errors = [_Error.of(error) for error in exc.errors()]
    told = _told(errors, wording.model)
    return [_problem(error, place, wording) for error in errors if not _told_already(error, told)]


def _told_already(error: _Error, told: set[PathKey]) -> bool:
    """A missing field whose own path, or a parent's, is reported by a clearer error."""
    path = error.path
    return error.kind == "missing" and any(path[:end] in told for end in range(1, len(path) + 1))


class _Error(NamedTuple):
    """One pydantic error, its path the field or key it is about."""

    path: PathKey
    kind: str
    value: Any
    details: Any
    on_key: bool
    """About a table's key (pydantic's ``[key]``), not its value."""

    @classmethod
    def of(cls, error: Any) -> _Error:
        loc = tuple(error["loc"])
        on_key = bool(loc) and loc[-1] == "[key]"
        path = loc[:-1] if on_key else loc
        return cls(path, error["type"], error.get("input"), error, on_key)

    def unknown_key(self, model: type[BaseModel]) -> bool:
        """A name that is not allowed here: a key not in the model, or not one of a table's keys."""
        if self.kind == "extra_forbidden":
            return True
        return (
            self.on_key
            and self.kind in ("enum", "literal_error")
            and bool(keys_at(model, self.path[:-1]))
        )


def _told(errors: list[_Error], model: type[BaseModel]) -> set[PathKey]:
    """The paths a teacher is told about already: each unknown key and the field it is a typo of."""
    told = set()
    for error in errors:
        if error.unknown_key(model):
            told.add(error.path)
            guess = closest(str(error.path[-1]), keys_at(model, error.path[:-1]))
            if guess:
                told.add((*error.path[:-1], guess))
    return told


def _problem(error: _Error, place: Place, wording: Wording) -> Problem:
    path, kind, value = error.path, error.kind, error.value
    if error.unknown_key(wording.model):
        choices = keys_at(wording.model, path[:-1])
        return place(path, wording.unknown_key(path, choices), True)
    if kind == "missing":
        return place(path, "is required but missing; add it.", False)
    if kind == "enum":
        kinds = [k.value for k in KIND_ORDER]
        message = f'"{_shown(value)}" is not a kind; {did_you_mean(str(value), kinds, "kinds")}'
        return place(path, message, error.on_key)
    if kind == "literal_error":
        return place(
            path, f'"{value}" is not allowed; {error.details["msg"].lower()}.', error.on_key
        )
    if kind == "date_partial":  # published: the month or the year alone may be all one knows
        return place(
            path,
            f'"{_shown(value)}" is not a date; write it as YYYY-MM-DD, or YYYY-MM or YYYY when '
            "that is all you know, or unknown.",
            False,
        )
    if kind.startswith("date"):
        return place(path, f'"{_shown(value)}" is not a date; write it as YYYY-MM-DD.', False)
    if kind == "string_too_short":
        return place(path, "is empty; write some text or remove the field.", False)
    if (kind, path) in _PARTICULAR:
        return place(path, _PARTICULAR[kind, path], False)
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(str(path[-1]) if not error.on_key else "", _NAME_HINT)
        return place(path, f'"{_shown(value)}" is not {hint}.', error.on_key)
    # An empty value has no place of its own; point at its key.
    return place(path, wording.type_message(kind, value, error.details), value is None)


_BANDS = "needs exactly three bands, lowest first; remove it to use the built-in guide."
_PARTICULAR: dict[tuple[str, PathKey], str] = {
    ("too_short", ("annotations",)): "needs at least one annotation.",
    ("too_short", ("marking",)): _BANDS,
    ("too_long", ("marking",)): _BANDS,
    ("too_short", ("plan", "steps")): "needs at least one timed step.",
}
"""Messages for one field of a lesson, where pydantic's general one would not say what to do."""

_FONT_HINT = 'a font name; write one name, such as "Andika", without quotes or commas'
_NAME_HINT = "a usable name; use letters, digits and dashes (up to 40), such as asapov or core"
_PATTERN_HINTS = {
    "language": "a language tag; write one such as en, fr or pt-BR",
    "font_size": 'a size; write it as a number and a unit, such as "12pt"',
    "colour": 'a colour; write it as "#b35806" or a colour name such as "orange"',
    "font_family": _FONT_HINT,
    "heading_font_family": _FONT_HINT,
}
"""What a value checked by a pattern must look like, by field; any other is a name (an id)."""


# -- a YAML file: a lesson, a cues file ---------------------------------------------------------


def _not_a_field(path: PathKey, choices: Sequence[str]) -> str:
    key = str(path[-1])
    return f'"{key}" is not a field here; {did_you_mean(key, choices, "fields")}'


def yaml_problems(
    loaded: LoadedYaml, exc: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    """Every field problem of a YAML file (a lesson, a cues file), placed at its line."""

    def unknown_key(path: PathKey, choices: Sequence[str]) -> str:
        split = loaded.split_items.get(path)
        if split is None:
            return _not_a_field(path, choices)
        return (
            f'"{path[-1]}" is not a field here; a comma inside {{…}} or […] starts a new item: '
            f"put the text in quotes ({split})."
        )

    wording = Wording(model, unknown_key, _type_message)
    return translate(
        exc, lambda path, message, at_key: loaded.problem(path, message, at_key=at_key), wording
    )


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
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length", 0)
        return f"has {len(str(value)):,} characters; it may have at most {limit:,}, so shorten it."
    if kind == "too_long":
        limit = error.get("ctx", {}).get("max_length", 0)
        return f"has {len(value):,} items; it may have at most {limit:,}, so remove some."
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
