"""Check one layer of settings: sizes, paths, and the settings model's names and types.

Every layer comes here (``medialit.toml``, ``--set``, a theme's settings, a
lesson's ``worksheet:`` table), so each problem reads the same wherever it was
written, and all of a layer's problems are reported at once. The lesson reader
leaves its ``worksheet:`` table to this stage (:func:`read_lesson_with_settings`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from medialit.errors import Problem, did_you_mean
from medialit.lesson.loader import PathKey
from medialit.lesson.reading import CheckedLesson, WorksheetTable, read_lesson
from medialit.lesson.tables import leaves, merge

if TYPE_CHECKING:
    from medialit.lesson.validation import PlaceProblem

# The settings models are imported where they are used: a lesson without a
# worksheet: table never needs them, and building them takes a while.

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
    from medialit.settings.themes import builtin_themes, no_such_theme

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
            problems.append(problem_at((key,), no_such_theme(str(value))))
    return problems


def _model_problems(values: Mapping[str, Any], problem_at: PlaceProblem) -> list[Problem]:
    if not values:  # a file of comments: the defaults alone, which need no check
        return []
    from medialit.settings.schema import Settings

    merged = merge(Settings().model_dump(mode="json"), values)
    try:
        Settings.model_validate(merged)
    except ValidationError as exc:
        from medialit.lesson.validation import Wording, translate  # for a mistake only

        wording = Wording(Settings, unknown_setting_message, _pydantic_message)
        problems = translate(
            exc,
            lambda path, message, _: problem_at(tuple(str(part) for part in path), message),
            wording,
        )
        return sorted(problems, key=lambda p: p.line or 0)
    return []


def _pydantic_message(kind: str, value: Any, error: Any) -> str:
    """Settings keep pydantic's words, and point to ``medialit config`` for the values in force."""
    return f"{error['msg']} (got {value!r}); see medialit config."


def unknown_setting_message(path: PathKey, choices: Sequence[str]) -> str:
    """``"scool" is not a setting; did you mean "school"?`` with the valid names listed."""
    name = str(path[-1])
    where = f" in [{'.'.join(str(part) for part in path[:-1])}]" if len(path) > 1 else ""
    return f'"{name}" is not a setting{where}; {did_you_mean(name, choices, "settings")}'


def worksheet_problems(table: WorksheetTable) -> list[Problem]:
    """Every problem of a lesson's ``worksheet:`` table, placed in the lesson file.

    A lesson's paths stay inside its folder: a shared lesson cannot widen its reach.
    """
    return settings_problems(table.values, table.problem, table.file.parent, confined=True)


def read_lesson_with_settings(file: Path, text: str | None = None) -> CheckedLesson:
    """:func:`~medialit.lesson.reading.read_lesson`, with its ``worksheet:`` table checked."""
    return read_lesson(file, text, check_settings=worksheet_problems)
