"""A lesson file's own YAML style, kept by every save: its indentation, its long lines, its
line ends.

A save writes the whole file again, and ruamel.yaml's emitter weighs every scalar anew
(which styles it may take) and writes it out character by character, although almost all
are those of the last save: both answers, pure functions of the text and the emitter's
settings and position, are remembered (:class:`_Emitter`).
"""

from __future__ import annotations

import copy
import io
import itertools
import operator
from collections.abc import Callable
from typing import Any, TypeVar

from ruamel.yaml import YAML
from ruamel.yaml.emitter import RoundTripEmitter, ScalarAnalysis

ANALYSES_KEPT = 20_000
"""Scalars whose analysis, or written form, is remembered (a long lesson has about 3,000);
then it starts again."""
_analyses: dict[tuple[object, ...], ScalarAnalysis] = {}
Written = tuple[str, tuple[tuple[str, Any], ...], int]
"""A scalar as written: its characters, the attributes it changed, the lines it ended."""
_written: dict[tuple[object, ...], Written] = {}
_SIMPLE = (str, int, float, type(None))  # bool is an int
_T = TypeVar("_T")
WRITERS_READ = (
    "column",
    "whitespace",
    "indention",
    "open_ended",
    "no_newline",
    "indent",
    "requested_indent",
    "root_context",
    "best_width",
    "best_line_break",
    "allow_unicode",
    "encoding",
)
"""The emitter's attributes that its scalar writers read or change, but the stream and the
line count (:func:`tests.test_saves9_written` reads ruamel.yaml's writers to keep it so)."""


def _remembered(
    store: dict[tuple[object, ...], _T], key: tuple[object, ...], make: Callable[[], _T]
) -> _T:
    """``store[key]``, made by ``make()`` the first time; a full store starts again."""
    found = store.get(key)
    if found is None:
        if len(store) >= ANALYSES_KEPT:
            store.clear()
        found = store[key] = make()
    return found


class _Emitter(RoundTripEmitter):
    """ruamel.yaml's round-trip emitter, remembering each scalar's analysis and written form."""

    def analyze_scalar(self, scalar: Any) -> Any:
        key = (
            type(scalar),
            scalar,
            self.serializer.use_version,
            self.allow_unicode,
            self.unicode_supplementary,
            self.allow_space_break,
        )
        analyse = super().analyze_scalar
        # A copy: the emitter changes the one it is given (allow_block, for a key).
        return copy.copy(_remembered(_analyses, key, lambda: analyse(scalar)))

    def write_plain(self, text: Any, split: Any = True) -> None:
        self._write_remembered(super().write_plain, text, split)

    def write_double_quoted(self, text: Any, split: Any = True) -> None:
        self._write_remembered(super().write_double_quoted, text, split)

    def write_single_quoted(self, text: Any, split: Any = True) -> None:
        self._write_remembered(super().write_single_quoted, text, split)

    def write_folded(self, text: Any, comment: Any) -> None:
        self._write_remembered(super().write_folded, text, comment)

    def write_literal(self, text: Any, comment: Any = None) -> None:
        self._write_remembered(super().write_literal, text, comment)

    def _write_remembered(self, write: Callable[[Any, Any], None], text: Any, option: Any) -> None:
        """``write(text, option)``, or what it wrote last time from the same state.

        A scalar writer reads only the text, the option and :data:`WRITERS_READ` (the
        column, indent, whitespace flags, width, line break…), and changes only those, the
        line count and the stream: so the same inputs give the same characters and the same
        changes. The line count only goes up by the lines written: not part of the key.
        """
        if self.encoding or not isinstance(text, str) or not isinstance(option, _SIMPLE):
            write(text, option)
            return
        before = _state_of(self)
        key = (write.__name__, type(text), text, option, before)
        characters, changes, lines = _remembered(
            _written, key, lambda: self._write_aside(write, text, option, before)
        )
        for name, value in changes:
            setattr(self, name, value)
        self.line += lines
        self.stream.write(characters)

    def _write_aside(
        self, write: Callable[[Any, Any], None], text: Any, option: Any, before: tuple[Any, ...]
    ) -> Written:
        """``write(text, option)`` into a stream of its own, the emitter put back as it was."""
        stream, line = self.stream, self.line
        self.stream = io.StringIO()
        try:
            write(text, option)
            characters = self.stream.getvalue()
            changes = tuple(
                (name, new)
                for name, old, new in zip(WRITERS_READ, before, _state_of(self), strict=True)
                if new != old
            )
            return characters, changes, self.line - line
        finally:
            self.stream, self.line = stream, line
            for name, old in zip(WRITERS_READ, before, strict=True):
                setattr(self, name, old)


_state_of = operator.attrgetter(*WRITERS_READ)


def guess_indent(text: str) -> tuple[int, int, int]:
    """The file's own indentation, as ruamel.yaml's (mapping, sequence, offset).

    Read from the first nested mapping and the first block list, so that a save
    writes every untouched line back as it was (2, 4, 2 is the seed lessons' style).
    """
    mapping: int | None = None
    sequence: tuple[int, int] | None = None
    lines = text.splitlines()
    for parent, line in itertools.pairwise(lines):
        head = parent.split(" #")[0].rstrip()
        stripped = line.lstrip()
        if not head.endswith(":") or head.lstrip().startswith(("-", "#")) or not stripped:
            continue
        indent = len(line) - len(stripped) - (len(parent) - len(parent.lstrip()))
        if stripped.startswith("- ") and sequence is None:
            after_dash = len(stripped) - len(stripped[1:].lstrip()) - 1
            sequence = (indent + 1 + after_dash, indent)
        elif not stripped.startswith(("-", "#")) and mapping is None and indent > 0:
            mapping = indent
    sequence_indent, offset = sequence or (4, 2)
    return mapping or 2, sequence_indent, offset


def yaml_like(text: str) -> YAML:
    """A round-trip YAML that writes in the style of ``text``."""
    mapping, sequence, offset = guess_indent(text)
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a teacher's long lines
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.Emitter = _Emitter
    return yaml


def dump_like(yaml: YAML, data: Any, original: str) -> str:
    """``data`` as text, with ``original``'s line ends."""
    stream = io.StringIO()
    yaml.dump(data, stream)
    text = stream.getvalue()
    if "\r\n" in original:
        text = text.replace("\n", "\r\n")
    return text
