"""A lesson file's own YAML style, kept by every save: its indentation, its long lines, its
line ends."""

from __future__ import annotations

import io
import itertools
from typing import Any

from ruamel.yaml import YAML


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
    return yaml


def dump_like(yaml: YAML, data: Any, original: str) -> str:
    """``data`` as text, with ``original``'s line ends."""
    stream = io.StringIO()
    yaml.dump(data, stream)
    text = stream.getvalue()
    if "\r\n" in original:
        text = text.replace("\n", "\r\n")
    return text
