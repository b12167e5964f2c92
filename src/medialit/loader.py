"""Read a lesson's YAML safely and remember where every value stands.

The YAML is *composed* into nodes, never constructed into objects, so no tag
can run code; we build plain Python data from the nodes ourselves and keep
each node's line and column, keyed by its path (``("annotations", 7, "kind")``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import LessonError, Problem

PathKey = tuple[str | int, ...]

# A lesson holds a few hundred values; a file that expands to far more is a
# "billion laughs" alias bomb or not a lesson at all.
MAX_VALUES = 100_000
MAX_DEPTH = 50

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class LoadedYaml:
    """Plain data from a YAML file, with the line and column of each value."""

    file: Path
    data: Any
    places: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_places: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def place(self, path: PathKey) -> tuple[int | None, int | None]:
        """The 1-based line and column of the value at ``path``.

        Falls back to the nearest enclosing value that has a place, so that a
        missing field is reported at the mapping it is missing from.
        """
        for end in range(len(path), -1, -1):
            key = tuple(path[:end])
            if key in self.places:
                return self.places[key]
        return None, None

    def key_place(self, path: PathKey) -> tuple[int | None, int | None]:
        """Where the *key* of ``path`` is written (for unknown keys)."""
        if path in self.key_places:
            return self.key_places[path]
        return self.place(path)

    def problem(self, path: PathKey, message: str, *, at_key: bool = False) -> Problem:
        """A problem placed at ``path``, with the field written as a teacher reads it."""
        line, column = self.key_place(path) if at_key else self.place(path)
        return Problem(message, file=self.file, line=line, column=column, field=format_path(path))


def format_path(path: PathKey) -> str | None:
    """``("annotations", 7, "kind")`` → ``annotations[7].kind`` (0-based, as in YAML lists)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or None


def _tag(node: Node) -> str:
    tag = node.tag
    return str(getattr(tag, "value", tag))


class _Builder:
    """Turns composed nodes into plain data, recording places and refusing tags."""

    def __init__(self, yaml: YAML, loaded: LoadedYaml) -> None:
        self.yaml = yaml
        self.loaded = loaded
        self.count = 0
        self.problems: list[Problem] = []

    def build(self, node: Node, path: PathKey) -> Any:
        self.count += 1
        if self.count > MAX_VALUES or len(path) > MAX_DEPTH:
            raise LessonError(
                Problem(
                    f"the file expands to more than {MAX_VALUES:,} values or nests deeper than "
                    f"{MAX_DEPTH} levels (often YAML aliases that refer to each other); "
                    "a lesson is never that large, so check the file is a medialit lesson.",
                    file=self.loaded.file,
                    line=node.start_mark.line + 1,
                )
            )
        self.loaded.places[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        tag = _tag(node)
        if tag not in _STANDARD_TAGS:
            self.problems.append(
                self.loaded.problem(
                    path,
                    f"the YAML tag {tag.replace('tag:yaml.org,2002:', '!!')} is not allowed in a "
                    "lesson; write the value as plain text.",
                )
            )
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self.yaml.constructor.construct_object(node, deep=True)

    def _mapping(self, node: MappingNode, path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problems.append(
                    Problem(
                        "a key must be a plain word such as 'quote' or 'kind'.",
                        file=self.loaded.file,
                        line=key_node.start_mark.line + 1,
                    )
                )
                continue
            key = str(key_node.value)
            child = (*path, key)
            self.loaded.key_places[child] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            if key in result:
                self.problems.append(
                    self.loaded.problem(
                        child, f"'{key}' is given twice here; keep one.", at_key=True
                    )
                )
            result[key] = self.build(value_node, child)
        return result


def load_yaml(file: Path, text: str | None = None) -> LoadedYaml:
    """Read ``file`` (or ``text``, named as ``file``) into plain data with places.

    Raises :class:`LessonError` naming the line for syntax errors and
    forbidden tags.
    """
    if text is None:
        try:
            text = file.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise LessonError(Problem("no such file; check the path.", file=file)) from None
        except IsADirectoryError:
            raise LessonError(Problem("this is a folder, not a lesson file.", file=file)) from None
        except UnicodeDecodeError as exc:
            raise LessonError(
                Problem(
                    f"the file is not UTF-8 text (byte {exc.start}); save it as UTF-8.",
                    file=file,
                )
            ) from None
    yaml = YAML(typ="safe", pure=True)
    try:
        root = yaml.compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "the YAML is not valid"
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise LessonError(
            Problem(
                f"YAML syntax error: {what}. Check indentation, and put text containing "
                "': ' or '#' in quotes or after '>-'.",
                file=file,
                line=line,
                column=column,
            )
        ) from None
    except YAMLError as exc:
        raise LessonError(Problem(f"YAML error: {exc}", file=file)) from None
    loaded = LoadedYaml(file=file, data=None)
    if root is None:
        return loaded
    builder = _Builder(yaml, loaded)
    loaded.data = builder.build(root, ())
    if builder.problems:
        raise LessonError(builder.problems)
    return loaded
