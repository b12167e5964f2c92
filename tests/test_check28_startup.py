"""Issue 27 item 2, round three: what `medialit check` does before it reads a lesson.

The time itself is benchmarks/bench_speed.py's; these tests guard the causes.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel

from medialit.lesson.model import Lesson
from medialit.settings.schema import Settings

from .conftest import ROOT
from .test_check27_new import run_probed


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


def _strptime_answer(text: str) -> str | None:
    """What the lesson's date check answered before, with datetime.strptime."""
    parts = text.split("-")
    formats = {1: "%Y", 2: "%Y-%m", 3: "%Y-%m-%d"}
    if len(parts) in formats and len(parts[0]) == 4:
        try:
            datetime.datetime.strptime(text, formats[len(parts)])
            return text
        except ValueError:
            pass
    return None


def test_a_partial_date_is_accepted_as_strptime_accepted_it() -> None:
    # strptime's first call builds the locale's month and day names: 8 ms of a check.
    from pydantic_core import PydanticCustomError

    from medialit.lesson.model import _partial_date

    draw = random.Random(27)
    alphabet = "0123456789-- \t\u0661\u0662x"
    cases = ["2017", "2017-5", "2017-05- 3", "2016-02-29", "2017-02-29", "0000", "2017-13"]
    for _ in range(20_000):
        tail = "".join(draw.choice(alphabet) for _ in range(draw.randint(0, 7)))
        cases.append(f"{draw.randint(0, 2999):04d}{tail}" if draw.random() < 0.7 else tail)
    for text in cases:
        try:
            answer: str | None = _partial_date(text)
        except PydanticCustomError:
            answer = None
        assert answer == _strptime_answer(text.strip()), text


def test_checking_a_lesson_dated_by_its_month_loads_no_strptime_nor_variants(
    tmp_path: Path,
) -> None:
    lesson = tmp_path / "month.yaml"
    text = (ROOT / "lessons" / "nyt-influenza-cables-1918.yaml").read_text("utf-8")
    assert "\n  published: 1918-06\n" in text
    lesson.write_text(text, "utf-8")
    done = run_probed(ROOT, "check", str(lesson))
    # Nor the sheets' variants (their dataclasses cost 1 ms): the levels are the model's.
    loaded = [m for m in ("_strptime", "medialit.sheets.variants") if m in done.modules]
    assert "OK:" in done.stdout and (done.code, loaded) == (0, []), done.stderr


def test_the_quicker_tag_and_anchor_pattern_finds_what_the_old_one_found() -> None:
    import re

    from medialit.lesson.loader import _DISAGREE

    old = re.compile(r"(^|[\s\[{,])(!|[&*](?=\S))", re.MULTILINE)
    quick = _DISAGREE[-1]
    draw = random.Random(28)
    alphabet = " \n\t\u2028[{,]!&*ab:-"
    seed_lesson = (ROOT / "lessons" / "washington-isis-syria-2017.yaml").read_text("utf-8")
    texts = [seed_lesson, "Hale & Sons", "&anchor", "x: *alias", "a!b", "!tag", "[&a", "\n*b"]
    texts += [
        "".join(draw.choice(alphabet) for _ in range(draw.randint(0, 9))) for _ in range(50_000)
    ]
    for text in texts:
        assert bool(quick.search(text)) == bool(old.search(text)), repr(text)


def test_the_characters_of_a_font_are_its_glyph_maps_keys() -> None:
    # characters() reads the codes alone (the glyph check of every check); glyph_map() each
    # code's glyph (the drawn pages): the same character map, read two ways.
    from medialit import sfnt
    from medialit.layout.glyphs import font_files

    system = sorted(Path("/usr/share/fonts").rglob("*.[ot]tf"))[:60]
    read = 0
    for path in [*font_files([]), *system]:
        data = path.read_bytes()
        found, glyphs = sfnt.characters(data), sfnt.glyph_map(data)
        assert (found is None) == (glyphs is None), path
        if found is not None and glyphs is not None:
            assert found == set(glyphs), path
            read += 1
    assert read >= 6  # the bundled fonts at least
