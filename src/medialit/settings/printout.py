"""The ``medialit config`` printout: the settings in force as TOML, each with its origin."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from medialit.lesson.tables import KeyPath

if TYPE_CHECKING:
    from medialit.settings.layers import ResolvedSettings


def describe(resolved: ResolvedSettings) -> str:
    """The settings in force as TOML, each line saying where its value comes from."""
    lines = []
    table: KeyPath = ()
    for key, value, origin in resolved.values():
        path = tuple(key.split("."))
        if isinstance(value, dict):  # an empty table, such as level_selections = {}
            table = path
            lines.append(f"\n[{key}]\n# empty  ({origin})")
            continue
        if path[:-1] != table:
            table = path[:-1]
            lines.append(f"\n[{'.'.join(table)}]")
        if value is None:
            lines.append(f"# {path[-1]} is not set  ({origin})")
        else:
            lines.append(f"{path[-1]} = {_toml_literal(value)}  # {origin}")
    return "\n".join(lines).strip() + "\n"


def _toml_literal(value: Any) -> str:
    """``value`` as TOML: lists as arrays, text as a basic string (JSON's escapes are TOML's)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_literal(item) for item in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)
