"""Issue 27 item 2, round three: what `medialit check` does before it reads a lesson.

The time itself is benchmarks/bench_speed.py's; these tests guard the causes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_args

from pydantic import BaseModel

from medialit.lesson.model import Lesson
from medialit.settings.schema import Settings


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[type[BaseModel]]:
    """``model`` and every model its fields hold, however nested (lists, tables, ``| None``)."""
    if model in seen:
        return
    seen.add(model)
    yield model
    for field in model.model_fields.values():
        for inner in _types(field.annotation):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                yield from _models(inner, seen)


def _types(annotation: Any) -> Iterator[Any]:
    yield annotation
    for argument in get_args(annotation):
        yield from _types(argument)


def test_no_default_factory_is_a_builtin() -> None:
    # Building a validator, pydantic reads each default factory's signature; a builtin's
    # (list, dict) is parsed with Python's tokenizer, whose pattern is compiled on first
    # use: 2.7 ms of a check's model building (benchmarks/README.md, issue 27 round three).
    seen: set[type[BaseModel]] = set()
    builtin = [
        f"{model.__name__}.{name}"
        for root in (Lesson, Settings)
        for model in _models(root, seen)
        for name, field in model.model_fields.items()
        if field.default_factory in (list, dict, set, tuple)
    ]
    assert len(seen) == 12  # the lesson's eight models and the settings' four
    assert builtin == []


def test_the_empty_defaults_are_new_each_time() -> None:
    first, second = Settings(), Settings()
    first.excerpt_selections.append("core")
    first.level_selections["guided"] = "core"
    assert second.excerpt_selections == [] and second.level_selections == {}
