"""Issue 27 item 4: a save remembers how each scalar was written, and writes the same bytes.

The preview's emitter (:mod:`medialit.preview.yamlstyle`) replays a scalar's written form
when the text, the option and the emitter's state (:data:`WRITERS_READ`) are those of an
earlier write. These tests hold it to ruamel.yaml's own emitter on the scalars whose form
depends on where they are written (a column, an indent, a line too long, kept line ends),
each written at several places in one file and written twice; and they read ruamel.yaml's
scalar writers to keep :data:`WRITERS_READ` complete when ruamel.yaml changes.
"""

from __future__ import annotations

import inspect
import re

from ruamel.yaml.emitter import Emitter, RoundTripEmitter
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

import medialit.preview.yamlstyle as yamlstyle
from medialit.preview.yamlstyle import WRITERS_READ, dump_like, yaml_like

from .conftest import ROOT

LONG = (
    "A sentence long enough to be folded, so that its next lines are indented as deep as "
    "the place it is written at: "
) * 3
WRITERS = (
    "write_plain",
    "write_single_quoted",
    "write_double_quoted",
    "write_folded",
    "write_literal",
)
HELPERS = ("write_indicator", "write_indent", "write_line_break", "determine_block_hints")


def styled() -> dict[str, object]:
    folded = FoldedScalarString(LONG)
    folded.fold_pos = [80, 160]  # type: ignore[attr-defined]
    return {
        "plain": LONG,
        "single": SingleQuotedScalarString(LONG + "it's"),
        "double": DoubleQuotedScalarString(LONG + '"quoted" \\ and a tab\t'),
        "folded": folded,
        "literal": LiteralScalarString("First line\n\n  indented\nlast, kept ends\n\n"),
    }


def ruamel_dump(text: str, data: object) -> str:
    plain = yaml_like(text)
    plain.Emitter = RoundTripEmitter
    return dump_like(plain, data, text)


def test_each_scalar_is_written_as_ruamel_yaml_writes_it_wherever_it_is() -> None:
    source = "a:\n  b: 1\nc:\n    - d\n"  # the seed lessons' indentation
    yaml = yaml_like(source)
    data = yaml.load("x: 1\n")
    values = styled()
    data.clear()
    for key in ("plain", "single", "double", "folded", "literal"):
        data[key] = values[key]
    data["annotations"] = [
        {"quote": value, "why": value, "more": [value], "deeper": {"at": [[value]]}}
        for value in values.values()
    ]
    yamlstyle._written.clear()
    expected = ruamel_dump(source, data)
    first = dump_like(yaml, data, source)
    remembered = len(yamlstyle._written)
    again = dump_like(yaml, data, source)
    assert first == expected
    assert again == expected
    # The second dump replayed what the first wrote, and each value was written at more
    # than one place (a key's value, a list item, deeper): several forms each.
    assert len(yamlstyle._written) == remembered
    assert sum(1 for key in yamlstyle._written if key[2] == LONG) >= 3


def test_a_lesson_written_twice_with_crlf_gives_ruamel_yaml_s_bytes() -> None:
    text = (ROOT / "lessons" / "washington-isis-syria-2017.yaml").read_text(encoding="utf-8")
    text = text.replace("\n", "\r\n")
    yaml = yaml_like(text)
    data = yaml.load(text)
    data["annotations"][0]["kind"] = "inference"  # a save's change
    for _ in range(2):
        written = dump_like(yaml, data, text)
        assert written == ruamel_dump(text, data)
    assert written.count("\r\n") == text.count("\r\n")


def self_attributes(method: object) -> set[str]:
    return set(re.findall(r"self\.([A-Za-z_]+)", inspect.getsource(method)))  # type: ignore[arg-type]


def test_ruamel_yaml_s_writers_read_nothing_the_key_leaves_out() -> None:
    """A new attribute read by ruamel.yaml's writers would make a replay wrong: fail here."""
    read: set[str] = set()
    for name in WRITERS + HELPERS:
        read |= self_attributes(getattr(Emitter, name))
    methods = {name for name in read if callable(getattr(Emitter, name, None))}
    assert methods <= set(HELPERS), "a writer calls a method this test does not read"
    kept_out = {"stream", "line", "ESCAPE_REPLACEMENTS"}  # the output, a count, a constant
    assert read - methods - kept_out <= set(WRITERS_READ)
    # Each writer of the preview's emitter goes through the remembering one.
    for name in WRITERS:
        assert "_write_remembered" in inspect.getsource(getattr(yamlstyle._Emitter, name))
