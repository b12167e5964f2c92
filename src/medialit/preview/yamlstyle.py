"""A lesson file's own YAML style, kept by every save: its indentation, its long lines, its
line ends.

A save writes the whole file again, and ruamel.yaml's emitter weighs every scalar anew
(which styles it may take) although almost all are those of the last save: the answer,
a pure function of the text and the emitter's settings, is remembered (:class:`_Emitter`).
"""

from __future__ import annotations

import copy
import io
import itertools
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.emitter import RoundTripEmitter, ScalarAnalysis

ANALYSES_KEPT = 20_000
"""Scalars whose analysis is remembered (a long lesson has about 3,000); then it starts again."""
_analyses: dict[tuple[object, ...], ScalarAnalysis] = {}


class _Emitter(RoundTripEmitter):
    """ruamel.yaml's round-trip emitter, remembering each scalar's analysis."""

    def analyze_scalar(self, scalar: Any) -> Any:
        key = (
            type(scalar),
            scalar,
            self.serializer.use_version,
            self.allow_unicode,
            self.unicode_supplementary,
            self.allow_space_break,
        )
        found = _analyses.get(key)
        if found is None:
            if len(_analyses) >= ANALYSES_KEPT:
                _analyses.clear()
            found = _analyses[key] = super().analyze_scalar(scalar)
        # A copy: the emitter changes the one it is given (allow_block, for a key).
        return copy.copy(found)


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
