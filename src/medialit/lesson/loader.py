"""Read a lesson's YAML safely and remember where every value stands.

The YAML is *composed* into nodes, never constructed into objects, so no tag
can run code; we build plain Python data from the nodes ourselves and keep
each node's line and column, keyed by its path (``("annotations", 7, "kind")``).
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tokens import FlowMappingEndToken as MapEnd
from ruamel.yaml.tokens import FlowMappingStartToken as MapStart
from ruamel.yaml.tokens import FlowSequenceEndToken as ListEnd
from ruamel.yaml.tokens import FlowSequenceStartToken as ListStart

from medialit.errors import LessonError, Problem, nearest
from medialit.lesson.text import MAX_FILE_BYTES, read_lesson_text, too_large, utf8_bytes

PathKey = tuple[str | int, ...]

# A lesson holds a few thousand values (500 annotations of a dozen each); a
# file that expands to far more is a "billion laughs" alias bomb or not a
# lesson at all. Kept low so that such a file is refused in a fraction of a second.
MAX_VALUES = 20_000
MAX_DEPTH = 50
# libyaml's parser (from ruamel.yaml.clib), when installed; see _load_fast.
C_PARSER = importlib.util.find_spec("_ruamel_yaml") is not None
# Where libyaml and ruamel's parser are known to disagree: YAML 1.1 line breaks, tabs, document
# markers, directives, block scalar headers followed by other characters, tags, anchors and
# aliases (an & or * before a space is neither, a name cannot be empty: "Hale & Sons" is read
# by libyaml). Characters are found with ``in`` (ten times quicker than re), the patterns one
# by one (one alternation takes ten times longer); the last, "(^|[\s\[{,])(!|[&*](?=\S))", starts
# at the ! & or * and looks back, which re scans five times quicker (1.2 → 0.2 ms, seed lesson).
_DISAGREEING_CHARACTERS = "\t\x85\u2028\u2029"
_DISAGREE = tuple(
    re.compile(pattern, re.MULTILINE)
    for pattern in (
        "^(---|\\.\\.\\.|%)",
        "[|>][-+0-9]*[^-+0-9\\s]",
        "[!&*](?<![^\\s\\[{,].)(?:(?<=!)|(?=\\S))",
    )
)

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
    split_items: dict[PathKey, str] = field(default_factory=dict)
    """Keys without a value in a ``{…}`` that a comma split off the text before them, each
    with that text as it was meant (``details: "Alone, in silence."``)."""

    def place(self, path: PathKey) -> tuple[int | None, int | None]:
        """The 1-based line and column of the value at ``path``.

        Falls back to the nearest enclosing value that has a place, so that a
        missing field is reported at the mapping it is missing from.
        """
        return nearest(self.places, path) or (None, None)

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
    return tag if isinstance(tag, str) else str(getattr(tag, "value", tag))


class _Builder:
    """Turns composed nodes into plain data, recording places and refusing tags."""

    def __init__(self, yaml: YAML, loaded: LoadedYaml) -> None:
        self.yaml = yaml
        self.loaded = loaded
        self.count = 0
        self.bytes = 0
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
        if isinstance(node, ScalarNode):
            # An alias repeats its value without repeating its text: count what it expands to,
            # in UTF-8 bytes, as the file's own size is counted.
            self.bytes += utf8_bytes(node.value)
            if self.bytes > MAX_FILE_BYTES:
                raise _too_large_expanded(self.loaded.file, node.start_mark.line + 1)
        self.loaded.places[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        tag = _tag(node)
        if tag not in _STANDARD_TAGS:
            self.problems.append(self.loaded.problem(path, _tag_message(tag)))
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if tag == "tag:yaml.org,2002:str":  # the constructor's text, without its bookkeeping
            return node.value
        try:
            return self.yaml.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError):
            # A value that looks like a date or number but is not one
            # (2020-13-45, a 5,000-digit number) stays text; the model says why.
            return str(node.value)

    def _mapping(self, node: MappingNode, path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        meant: tuple[str, str] | None = None  # the last text field of a {…}, as meant
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
            if _tag(key_node) not in _STANDARD_TAGS:
                self.problems.append(
                    Problem(
                        _tag_message(_tag(key_node)),
                        file=self.loaded.file,
                        line=key_node.start_mark.line + 1,
                        column=key_node.start_mark.column + 1,
                    )
                )
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
            meant = self._split_off(node, key, value_node, child, meant)
        return result

    def _split_off(
        self,
        node: MappingNode,
        key: str,
        value: Node,
        child: PathKey,
        meant: tuple[str, str] | None,
    ) -> tuple[str, str] | None:
        """In ``{activity: Read., details: Alone, in silence.}`` the comma makes "in silence."
        a key with no value: remember the text it was cut from, for the message."""
        if not node.flow_style or not isinstance(value, ScalarNode):
            return None
        if value.value == "" and _tag(value).endswith(":null") and meant is not None:
            field_name, text = meant[0], f"{meant[1]}, {key}"
            self.loaded.split_items[child] = f'{field_name}: "{text}"'
            return field_name, text
        return (key, str(value.value)) if value.value != "" else None


def load_yaml(file: Path, text: str | None = None) -> LoadedYaml:
    """Read ``file`` (or ``text``, named as ``file``) into plain data with places.

    Raises :class:`LessonError` naming the line for syntax errors, forbidden
    tags, files too large or too deeply nested to be a lesson.
    """
    if text is None:
        text = read_lesson_text(file)
    # A UTF-8 character has at most 4 bytes: most lessons are not encoded to be measured.
    if len(text) * 4 > MAX_FILE_BYTES and utf8_bytes(text) > MAX_FILE_BYTES:
        raise LessonError(too_large(file))
    _refuse_deep_brackets(file, text)
    fast = _load_fast(file, text)
    if fast is not None:
        return fast
    yaml = YAML(typ="safe", pure=True)
    try:
        root = yaml.compose(text)
    except MarkedYAMLError as exc:
        raise LessonError(_syntax_problem(file, exc)) from None
    except ReaderError as exc:
        raise LessonError(_control_character(file, text, exc)) from None
    except YAMLError as exc:
        raise LessonError(Problem(f"YAML error: {exc}", file=file, line=1)) from None
    except RecursionError:
        raise LessonError(_too_deep(file, None)) from None
    loaded = LoadedYaml(file=file, data=None)
    if root is None:
        return loaded
    builder = _Builder(yaml, loaded)
    loaded.data = builder.build(root, ())
    if builder.problems:
        raise LessonError(builder.problems)
    return loaded


def _load_fast(file: Path, text: str) -> LoadedYaml | None:
    """The file read with libyaml's parser (ten times quicker), or None to read it in Python.

    Only a file without a single problem is read this way: any error, from the parser
    or from the checks of :class:`_Builder`, sends the file to the Python parser, whose
    messages (and lines) are the ones medialit has always given. Text where the two
    parsers are known to disagree is read in Python too; tests/test_fuzz.py checks
    that they agree on everything else.
    """
    if not _libyaml_reads_as_ruamel(text):
        return None
    yaml = YAML(typ="safe", pure=False)
    yaml.Resolver = _OneVersionResolver
    loaded = LoadedYaml(file=file, data=None)
    try:
        root = yaml.compose(text)
        if root is None:
            return loaded
        builder = _FastBuilder(yaml, loaded)
        loaded.data = builder.build(root, ())
    except Exception:
        return None
    return None if builder.problems else loaded


@functools.lru_cache(maxsize=1)  # asked twice of each file: the nesting guard, the fast path
def _libyaml_reads_as_ruamel(text: str) -> bool:
    """libyaml's parser is installed, and ``text`` has nothing the two parsers read differently."""
    if not C_PARSER or any(char in text for char in _DISAGREEING_CHARACTERS):
        return False
    return not any(pattern.search(text) for pattern in _DISAGREE)


# ruamel's resolver asks libyaml's parser for the YAML version twice a value, finding none by
# two exceptions (half the compose time); asked once a file, it is 1.2 (directives go to Python).
class _OneVersionResolver(VersionedResolver):
    @functools.cached_property
    def versioned_resolver(self) -> Any:
        return super().versioned_resolver


class _EmptyValue(Exception):
    """libyaml places an empty value elsewhere than ruamel does: read such a file in Python."""


class _FastBuilder(_Builder):
    def build(self, node: Node, path: PathKey) -> Any:
        if isinstance(node, ScalarNode) and node.value == "":
            raise _EmptyValue
        return super().build(node, path)


def _syntax_problem(file: Path, exc: MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    what = ", ".join(part for part in (exc.context, exc.problem) if part) or "it is not valid"
    if "another document" in what:
        advice = "A lesson file holds one lesson; remove the line '---' or '...' and what follows"
    else:
        advice = (
            "Check the indentation, and put a value in quotes if it contains ': ' or ' #' "
            "or starts with one of * & ! % @ ` [ {"
        )
    return Problem(
        f"YAML syntax error: {what.rstrip('.')}. {advice}.",
        file=file,
        line=mark.line + 1 if mark else 1,
        column=mark.column + 1 if mark else None,
    )


def _tag_message(tag: str) -> str:
    return (
        f"the YAML tag {tag.replace('tag:yaml.org,2002:', '!!')} is not allowed in a "
        "lesson; write the value as plain text."
    )


def _too_large_expanded(file: Path, line: int) -> LessonError:
    return LessonError(
        Problem(
            f"the file holds more than {MAX_FILE_BYTES:,} bytes of text after its aliases "
            "(*name) are filled in, more than a lesson may have; write each text once, without "
            "aliases that repeat it.",
            file=file,
            line=line,
        )
    )


def _too_deep(file: Path, line: int | None) -> Problem:
    return Problem(
        f"the file nests lists or mappings more than {MAX_DEPTH} levels deep; a lesson "
        "never does, so check the file is a medialit lesson.",
        file=file,
        line=line,
    )


def _refuse_deep_brackets(file: Path, text: str) -> None:
    """Refuse ``[[[[…`` before parsing: ruamel takes seconds over deep flow nesting.

    Each list or mapping in brackets opens at a ``[`` or ``{``, so few of those cannot nest
    deeply; otherwise the YAML tokens are scanned (which stops at the first level too deep),
    so that brackets in prose, such as the interval "[10k, 20k)", are not taken for nesting.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    if _libyaml_reads_as_ruamel(text):
        # libyaml scans the same tokens fifteen times quicker (the seed lesson: 50 ms → 3 ms).
        try:
            _refuse_deep_tokens(file, YAML(typ="safe", pure=False).scan(text))
            return
        except LessonError:
            raise
        except Exception:
            pass  # an error: ruamel's own scanner decides, as it always has
    try:
        _refuse_deep_tokens(file, YAML(typ="safe", pure=True).scan(text))
    except YAMLError:
        return  # a syntax error: composing reports it with its place


def _refuse_deep_tokens(file: Path, tokens: Iterable[Any]) -> None:
    depth = 0
    for token in tokens:
        if isinstance(token, ListStart | MapStart):
            depth += 1
            if depth > MAX_DEPTH:
                raise LessonError(_too_deep(file, token.start_mark.line + 1))
        elif isinstance(token, ListEnd | MapEnd):
            depth -= 1


def _control_character(file: Path, text: str, exc: ReaderError) -> Problem:
    position = min(max(exc.position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    return Problem(
        f"the file contains the invisible control character U+{code:04X}, which YAML does not "
        "allow; delete it (it often comes from copying out of a PDF or a word processor).",
        file=file,
        line=line,
        column=column,
    )
