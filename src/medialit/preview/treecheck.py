"""Check an edited lesson from the document the edit changed, without reading its text again.

A save used to write the edited document out as text and then read that text back for the
check: on a lesson whose text the fast YAML parser must leave to the Python one (an "&" in
the article, say), that reading was two thirds of a save. The edited round-trip document
already holds the values the text says, so they are checked as they are: the same model,
the same anchoring, the same references and settings, by :func:`check_loaded`. Only what
the text alone can say is left to the full check of the text, exactly as before: the lines
of the problems (a check that finds any runs again on the text, for messages with lines),
and anything the plain values cannot show for sure (anchors and aliases, tags, keys that
are not text, dates with a time, a file too large or too deep). The lines of a lesson's
``worksheet:`` settings are read from the text only if a message needs one.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml.anchor import Anchor
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.tag import Tag

from medialit.errors import LessonError
from medialit.lesson.loader import MAX_DEPTH, MAX_VALUES, LoadedYaml, load_yaml
from medialit.lesson.reading import WORKSHEET, CheckedLesson, check_loaded, worksheet_lines
from medialit.lesson.tables import KeyPath
from medialit.lesson.text import MAX_FILE_BYTES, utf8_bytes
from medialit.settings.checks import read_lesson_with_settings, worksheet_problems

_TOP_WORKSHEET = re.compile(f"^{WORKSHEET}[ \\t]*:", re.MULTILINE)


class _Unsure(Exception):
    """The document holds something only the text can settle: check the text."""


def check_edited(path: Path, data: CommentedMap, text: str) -> CheckedLesson:
    """The check of ``text`` (``data`` dumped), made on ``data``: the same lesson, or the
    same :class:`LessonError` (with its lines) as ``read_lesson_with_settings(path, text)``."""
    try:
        plain = plain_lesson(data, text)
    except _Unsure:
        return read_lesson_with_settings(path, text)
    table = plain.get(WORKSHEET)
    try:
        return check_loaded(
            LoadedYaml(file=path, data=plain),
            worksheet_problems,
            _WorksheetLines(path, text, table) if isinstance(table, dict) else None,
        )
    except LessonError:
        return read_lesson_with_settings(path, text)  # the same problems, with their lines


def plain_lesson(data: CommentedMap, text: str) -> dict[str, Any]:
    """``data`` as plain values, as the lesson loader builds them from ``text``.

    Raises :class:`_Unsure` where the two could differ (see the module's docstring).
    """
    if len(text) * 4 > MAX_FILE_BYTES and utf8_bytes(text) > MAX_FILE_BYTES:
        raise _Unsure
    counter = [0]
    plain = _plain(data, 0, counter, set())
    if not isinstance(plain, dict):
        raise _Unsure
    return plain


def _plain(value: Any, depth: int, counter: list[int], seen: set[int]) -> Any:
    counter[0] += 1
    if counter[0] > MAX_VALUES or depth > MAX_DEPTH:
        raise _Unsure
    if _anchored_or_tagged(value):
        raise _Unsure
    if isinstance(value, CommentedMap | CommentedSeq):
        if id(value) in seen:  # an alias: the loader counts what it expands to
            raise _Unsure
        seen.add(id(value))
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            # The loader keys by the key's text: 1, true or ~ as keys are told by the text.
            if not isinstance(key, str):
                raise _Unsure
            result[str(key)] = _plain(item, depth + 1, counter, seen)
        return result
    if isinstance(value, list):
        return [_plain(item, depth + 1, counter, seen) for item in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if type(value) is datetime.date:
        return value
    raise _Unsure  # a date with a time (its zone), a tagged value, anything else


def _anchored_or_tagged(value: Any) -> bool:
    # Read where ruamel.yaml keeps them: its ``anchor`` and ``tag`` properties add them.
    anchor = getattr(value, Anchor.attrib, None)
    tag = getattr(value, Tag.attrib, None)
    return getattr(anchor, "value", None) is not None or getattr(tag, "value", None) is not None


class _WorksheetLines(Mapping[KeyPath, tuple[int, int | None]]):
    """The line of each ``worksheet:`` key, read from the text the first time one is asked
    (settings are resolved with the line each comes from)."""

    def __init__(self, path: Path, text: str, table: dict[str, Any]) -> None:
        self._path, self._text, self._table = path, text, table
        self._lines: dict[KeyPath, tuple[int, int | None]] | None = None

    def _read(self) -> dict[KeyPath, tuple[int, int | None]]:
        if self._lines is None:
            lines = _table_lines(self._path, self._text, self._table)
            if lines is None:  # not found on its own: the whole file, as the check reads it
                lines = worksheet_lines(load_yaml(self._path, self._text))
            self._lines = lines
        return self._lines

    def __getitem__(self, key: KeyPath) -> tuple[int, int | None]:
        return self._read()[key]

    def __iter__(self) -> Iterator[KeyPath]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())


def _table_lines(
    path: Path, text: str, table: dict[str, Any]
) -> dict[KeyPath, tuple[int, int | None]] | None:
    """The lines of the ``worksheet:`` table's keys, from its own lines of the text (a few,
    against the whole file): the top-level ``worksheet:`` line and those indented under it,
    read as a file of their own, then placed where they stand. ``None`` unless what they say
    is exactly ``table``."""
    found = _TOP_WORKSHEET.search(text)
    if found is None:
        return None
    first = text.count("\n", 0, found.start())
    lines = text[found.start() :].split("\n")
    end = 1
    while end < len(lines) and (not lines[end] or lines[end][0] in " \t#"):
        end += 1
    try:
        loaded = load_yaml(path, "\n".join(lines[:end]) + "\n")
    except LessonError:
        return None
    if loaded.data != {WORKSHEET: table}:
        return None
    return {key: (line + first, column) for key, (line, column) in worksheet_lines(loaded).items()}
