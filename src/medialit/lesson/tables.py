"""Nested tables of values (a lesson's ``worksheet:``, a settings file): the path of keys to
each value, and one table laid over another.

Apart from :mod:`medialit.lesson.validation`, whose translator of pydantic's errors only a
table with a mistake needs: a check of a valid lesson never loads it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

KeyPath = tuple[str, ...]


def leaves(values: Mapping[str, Any], prefix: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    """Every non-table value of ``values`` with the path of keys that leads to it."""
    for key, value in values.items():
        if isinstance(value, Mapping) and value:
            yield from leaves(value, (*prefix, str(key)))
        else:
            yield (*prefix, str(key)), value


def merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``: tables merge key by key, other values replace."""
    result = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = value
    return result
