"""Settings written as TOML: a settings file read with the line of each key; ``--set`` values.

tomllib keeps no positions, so the lines of keys and tables are found in the text,
for messages that name the line to correct.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from medialit.errors import Problem, SettingsError
from medialit.files import SAVE_AS_UTF8, read_text
from medialit.lesson.tables import KeyPath


def read_settings_toml(path: Path) -> tuple[dict[str, Any], dict[KeyPath, tuple[int, int | None]]]:
    """The values of settings file ``path``, and the line (and column) of each key."""
    text = read_text(
        path,
        SettingsError,
        unreadable="could not read the settings file ({reason}).",
        not_utf8="the settings file is not UTF-8 text (byte {byte} cannot be read); "
        f"{SAVE_AS_UTF8} (in the editor's Save As dialog, choose the encoding UTF-8).",
    )
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _toml_error_line(str(exc))
        raise SettingsError(
            Problem(
                f"TOML syntax error: {exc}. Write each setting as name = value, "
                'with text in quotes: school = "Riverside High School".',
                file=path,
                line=line,
            )
        ) from None
    return values, _toml_lines(text)


def toml_value(raw: str) -> Any:
    """``3`` → 3, ``false`` → False, ``"a b"`` → a b; anything else is kept as text."""
    try:
        return tomllib.loads(f"value = {raw}")["value"]
    except tomllib.TOMLDecodeError:
        return raw


_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_.\"' -]+?)\s*=")


def _toml_lines(text: str) -> dict[KeyPath, tuple[int, int | None]]:
    """The line of each key and table, for messages (tomllib keeps no positions)."""
    lines: dict[KeyPath, tuple[int, int | None]] = {}
    table: KeyPath = ()
    for number, line in enumerate(text.splitlines(), start=1):
        if match := _TABLE.match(line):
            table = _dotted(match.group(1))
            lines.setdefault(table, (number, None))
        elif match := _KEY.match(line):
            lines.setdefault((*table, *_dotted(match.group(1))), (number, match.start(1) + 1))
    return lines


def _dotted(key: str) -> KeyPath:
    return tuple(part.strip().strip("\"'") for part in key.split("."))


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"at line (\d+)", message)
    return int(match.group(1)) if match else None
