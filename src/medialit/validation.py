"""Turn pydantic's validation errors into problems a teacher can act on.

The one translator of pydantic errors: a lesson's fields (placed by the
YAML loader) and a layer of settings (placed by the layer's own lines)
both come here, so every message says what is wrong and what to write
instead, with a "did you mean" for a misspelt name.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .errors import Problem, closest
from .loader import LoadedYaml, PathKey
from .model import FIELD_NAMES, KIND_ORDER

if TYPE_CHECKING:
    from pydantic import BaseModel

# The settings models are imported where they are used: `medialit check` of a lesson
# without a worksheet: table never needs them, and building them takes a while.

KeyPath = tuple[str, ...]
PlaceProblem = Callable[[KeyPath, str], Problem]
"""Makes a problem at a setting's path, placed in the file (or option) that gave it."""


def did_you_mean(word: str, choices: Sequence[str], name: str) -> str:
    """``did you mean "quote"? (fields: …)``, or the choices when none is close."""
    close = closest(word, choices)
    if close:
        return f'did you mean "{close}"? ({name}: {", ".join(choices)})'
    return f"use one of the {name}: {', '.join(choices)}."


# -- a lesson ---------------------------------------------------------------------------------


def _fields_at(loc: tuple[Any, ...]) -> tuple[str, ...]:
    """The valid field names of the mapping at ``loc``."""
    names = [part for part in loc if isinstance(part, str)]
    if not names:
        return FIELD_NAMES["lesson"]
    return FIELD_NAMES.get(names[-1], ())


def lesson_problems(loaded: LoadedYaml, exc: ValidationError) -> list[Problem]:
    """Every field problem of a lesson, placed at its line in the lesson file."""
    problems = []
    errors = exc.errors()
    # A misspelt key ("qoute") also makes its field missing; the typo's message says it all.
    misspelt = {
        (*error["loc"][:-1], close)
        for error in errors
        if error["type"] == "extra_forbidden"
        and (close := closest(str(error["loc"][-1]), _fields_at(error["loc"][:-1])))
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
                    f'"{key}" is not a field here; {did_you_mean(key, fields, "fields")}',
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
                    f'"{_shown(value)}" is not a kind; {did_you_mean(str(value), kinds, "kinds")}',
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
        elif kind in ("too_short", "too_long") and loc == ("marking",):
            problems.append(
                loaded.problem(
                    loc,
                    "needs exactly three bands, lowest first; remove it to use the built-in guide.",
                )
            )
        elif kind == "too_short" and loc == ("plan", "steps"):
            problems.append(loaded.problem(loc, "needs at least one timed step."))
        elif kind == "string_pattern_mismatch" and loc[-1] != "language":
            problems.append(
                loaded.problem(
                    loc,
                    f'"{_shown(value)}" is not a usable name; use letters, digits and dashes '
                    "(up to 40), such as asapov or core.",
                )
            )
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


# -- settings ---------------------------------------------------------------------------------


MAX_SETTING_CHARS = 2_000
MAX_SETTING_ITEMS = 100
# Settings whose values are paths, relative to the file that sets them.
PATH_KEYS = ("logo", "theme")


def settings_problems(
    values: Mapping[str, Any],
    problem_at: PlaceProblem,
    folder: Path | None = None,
    *,
    confined: bool = False,
) -> list[Problem]:
    """Every problem of one layer of settings, checked on top of the defaults, paths included.

    Paths are relative to ``folder`` (the folder of the file that sets them);
    with ``confined`` (a lesson's settings) they must stay inside it.
    """
    too_long = _size_problems(values, problem_at)
    if too_long:
        return too_long
    paths = _path_problems(values, problem_at, folder or Path("."), confined)
    return sorted(_model_problems(values, problem_at) + paths, key=lambda p: p.line or 0)


def leaves(values: Mapping[str, Any], prefix: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    """Every non-table value of ``values`` with the path of keys that leads to it."""
    for key, value in values.items():
        if isinstance(value, Mapping) and value:
            yield from leaves(value, (*prefix, str(key)))
        else:
            yield (*prefix, str(key)), value


def _size_problems(values: Mapping[str, Any], problem_at: PlaceProblem) -> list[Problem]:
    """Settings too long for a sheet: every value reaches a template, so each is bounded."""
    problems = []
    for path, value in leaves(values):
        if isinstance(value, str) and len(value) > MAX_SETTING_CHARS:
            problems.append(
                problem_at(
                    path,
                    f"has {len(value):,} characters, more than the {MAX_SETTING_CHARS:,} a "
                    "setting may have; shorten it.",
                )
            )
        elif isinstance(value, list) and len(value) > MAX_SETTING_ITEMS:
            problems.append(
                problem_at(
                    path,
                    f"has {len(value):,} items, more than the {MAX_SETTING_ITEMS} a setting may "
                    "have; shorten it.",
                )
            )
    return problems


def _path_problems(
    values: Mapping[str, Any], problem_at: PlaceProblem, folder: Path, confined: bool
) -> list[Problem]:
    """Empty, missing or out-of-bounds logo and theme, all at once (``check`` finds them too)."""
    from .themes import builtin_themes

    problems = []
    for key in PATH_KEYS:
        value = values.get(key)
        if not isinstance(value, str):
            continue
        if not value.strip():
            problems.append(
                problem_at((key,), "is empty; give a path, or remove the line to have none.")
            )
            continue
        if key == "theme" and value in builtin_themes():
            continue
        target = (folder / value).resolve()  # links followed: where the file really is
        root = folder.resolve()
        if confined and (not target.is_relative_to(root) or target == root):
            problems.append(
                problem_at(
                    (key,),
                    f"{value} is not inside the lesson's folder {root}; a lesson may only use "
                    "files in its own folder or a folder inside it (links are followed).",
                )
            )
        elif key == "logo" and not target.is_file():
            problems.append(
                problem_at(
                    (key,),
                    f"the logo {target} does not exist; put the image there or correct the "
                    "path (it is relative to the file that sets it).",
                )
            )
        elif key == "theme" and not target.is_dir():
            problems.append(
                problem_at(
                    (key,),
                    f'there is no theme "{value}": give a folder of templates, or one of the '
                    f"built-in themes ({', '.join(builtin_themes())}).",
                )
            )
    return problems


def _model_problems(values: Mapping[str, Any], problem_at: PlaceProblem) -> list[Problem]:
    from .settings import Settings

    merged = merge(Settings().model_dump(mode="json"), values)
    try:
        Settings.model_validate(merged)
    except ValidationError as exc:
        errors = exc.errors()
        # An unknown kind also makes its fields "missing"; its own message says it all.
        unknown_kinds = {_kind_of(e) for e in errors if e["type"] == "enum"} - {None}
        problems = [
            _problem(problem_at, error)
            for error in errors
            if not (error["type"] == "missing" and _kind_of(error) in unknown_kinds)
        ]
        return sorted(problems, key=lambda p: p.line or 0)
    return []


_FONT_HINT = 'a font name; write one name, such as "Andika", without quotes or commas'
_PATTERN_HINTS = {
    "font_size": 'a size; write it as a number and a unit, such as "12pt"',
    "colour": 'a colour; write it as "#b35806" or a colour name such as "orange"',
    "font_family": _FONT_HINT,
    "heading_font_family": _FONT_HINT,
}


def _kind_of(error: Any) -> str | None:
    """The kind name an error is about, for errors inside the ``kinds`` table."""
    loc = error["loc"]
    return str(loc[1]) if len(loc) >= 2 and loc[0] == "kinds" else None


def _problem(problem_at: PlaceProblem, error: Any) -> Problem:
    loc = tuple(str(part) for part in error["loc"])
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden" or (kind == "enum" and loc[:1] == ("kinds",)):
        # An unknown kind name is reported by pydantic as an invalid dictionary key.
        path = loc if kind == "extra_forbidden" else loc[:2]
        choices = valid_keys(path[:-1])
        return problem_at(path, unknown_setting_message(path, choices))
    if kind == "literal_error":
        return problem_at(loc, f'"{value}" is not allowed; {error["msg"].lower()}.')
    if kind == "missing":
        return problem_at(loc, "is required but missing; add it.")
    if kind == "string_pattern_mismatch":
        return problem_at(loc, f'"{value}" is not {_PATTERN_HINTS.get(loc[-1], "allowed here")}.')
    return problem_at(loc, f"{error['msg']} (got {value!r}); see medialit config.")


def unknown_setting_message(path: KeyPath, choices: Sequence[str]) -> str:
    """``"scool" is not a setting; did you mean "school"?`` with the valid names listed."""
    name = path[-1]
    close = closest(name, choices)
    hint = f'did you mean "{close}"? ' if close else ""
    where = f" in [{'.'.join(path[:-1])}]" if len(path) > 1 else ""
    return f'"{name}" is not a setting{where}; {hint}(valid: {", ".join(choices)})'


def valid_keys(path: KeyPath) -> list[str]:
    """The setting names allowed in the table at ``path``."""
    from .settings import KindStyle, Sections, Settings, Words

    model: type[BaseModel] = Settings
    if path == ("kinds",):
        return [kind.value for kind in KIND_ORDER]
    if len(path) == 2 and path[0] == "kinds":
        model = KindStyle
    elif path == ("sections",):
        model = Sections
    elif path == ("words",):
        model = Words
    return list(model.model_fields)


def merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``: tables merge key by key, other values replace."""
    result = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = value
    return result
