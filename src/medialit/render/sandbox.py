"""What a template may reach: data, never methods.

Teachers share templates, so a template is untrusted. Jinja's sandbox stops the
classic escapes (``__class__``, ``__globals__``) but lets a template call any
public method of any object it is given, and a pydantic model's
``parse_raw(..., allow_pickle=True)`` unpickles text and so runs any command.
This sandbox turns the rule round: a template may read only what is listed
here (a context object's data fields, and a few read-only methods of text,
lists and mappings), and call only those methods, its own macros and blocks,
and the functions medialit and Jinja give every template. Anything else stops
the build with the template's file and line (see :func:`medialit.render.templates.render`).
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
from collections.abc import Mapping
from typing import Any, NoReturn

import markupsafe
from jinja2.environment import TemplateModule
from jinja2.exceptions import SecurityError
from jinja2.runtime import BlockReference, Context, LoopContext, Macro, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace
from pydantic import BaseModel

# Rendering limits: a shared template that writes gigabytes is stopped with a message
# naming it. The built-in templates render a lesson at the size limits into a few megabytes.
MAX_RENDER_CHARS = 50_000_000

# Read-only methods of text: each gives new text, a list or an answer. Left out: those
# that build text of any size from a number (center, ljust, rjust, zfill, expandtabs),
# and encode/translate/maketrans, which no sheet needs. format and format_map are
# Jinja's sandboxed versions, which look fields up through these same rules.
TEXT_METHODS = frozenset(
    (
        *("lower", "upper", "title", "capitalize", "casefold", "swapcase"),
        *("strip", "lstrip", "rstrip", "removeprefix", "removesuffix", "replace", "join"),
        *("split", "rsplit", "splitlines", "partition", "rpartition"),
        *("startswith", "endswith", "count", "find", "rfind", "index", "rindex"),
        *("isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower"),
        *("isnumeric", "isprintable", "isspace", "istitle", "isupper"),
        *("format", "format_map"),
    )
)
MARKUP_METHODS = TEXT_METHODS | {"striptags", "unescape"}
SEQUENCE_METHODS = frozenset({"count", "index"})
MAPPING_METHODS = frozenset({"get", "items", "keys", "values"})
ENUM_ATTRIBUTES = frozenset({"name", "value"})
# What Jinja's own objects offer: ``loop.index``, ``cycler.next()``, ``self.block.super()``.
LOOP_ATTRIBUTES = frozenset(
    (
        *("index", "index0", "revindex", "revindex0", "first", "last", "length"),
        *("depth", "depth0", "previtem", "nextitem", "cycle", "changed"),
    )
)
CYCLER_ATTRIBUTES = frozenset({"current", "next", "reset"})


def readable(obj: Any, attribute: str) -> bool:
    """Whether a template may read ``obj.attribute``: data, or a method on the lists above."""
    cls: type = type(obj)
    names = _readable_names(cls)
    return names is None or attribute in names


@functools.cache
def _readable_names(cls: type) -> frozenset[str] | None:
    """The attributes a template may read on an object of class ``cls``; None for any name.

    The rules are per class, so each class is looked at once.
    """
    if issubclass(cls, type):
        return frozenset()  # a class offers constructors and class methods, never data
    if issubclass(cls, BaseModel):
        return frozenset(cls.model_fields)
    if dataclasses.is_dataclass(cls):
        return frozenset(f.name for f in dataclasses.fields(cls))
    if issubclass(cls, Namespace | TemplateModule):
        return None  # what the template itself stored ({% set ns.x %}) or exported (macros)
    extra = ENUM_ATTRIBUTES if issubclass(cls, enum.Enum) else frozenset()
    for kind, names in _METHODS:
        if issubclass(cls, kind):
            return names | extra
    return extra


_METHODS: tuple[tuple[type, frozenset[str]], ...] = (
    (markupsafe.Markup, MARKUP_METHODS),
    (str, TEXT_METHODS),
    (list, SEQUENCE_METHODS),
    (tuple, SEQUENCE_METHODS),
    (Mapping, MAPPING_METHODS),
    (LoopContext, LOOP_ATTRIBUTES),
    (Cycler, CYCLER_ATTRIBUTES),
    (BlockReference, frozenset({"super"})),
)


def _what(obj: Any) -> str:
    """``a Settings object``, ``the class Cycler``: what a template reached into, for a message."""
    if isinstance(obj, type):
        return f"the class {obj.__name__}"
    name = type(obj).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name} object"


def _short_name(obj: Any) -> str:
    """A callable's name for a message (a pydantic model's repr runs to pages)."""
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    return name if isinstance(name, str) else _what(obj)


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, reading and calling only what this module allows.

    ``*`` and ``**`` cannot build a value too large to hold.
    """

    intercepted_binops = frozenset({"*", "**"})

    @functools.cached_property
    def _format_code(self) -> types.CodeType:
        """The code of Jinja's stand-in for ``str.format`` (one function, made per call)."""
        wrapper = self.wrap_str_format("".format)
        assert isinstance(wrapper, types.FunctionType)
        return wrapper.__code__

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decided: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # Every rule, these and Jinja's, looks at the object's class and the name only, so
        # each pair is decided once (rendering asks thousands of times).
        key = (type(obj), attr)
        decided = self._decided.get(key)
        if decided is None:
            decided = readable(obj, attr) and super().is_safe_attribute(obj, attr, value)
            self._decided[key] = decided
        return decided

    def is_safe_callable(self, obj: Any) -> bool:
        if isinstance(obj, Undefined):
            return True  # calling it raises its own "is undefined" error
        if not super().is_safe_callable(obj):
            return False
        if isinstance(obj, Macro | BlockReference | Joiner | LoopContext):
            return True  # the template's own macros and blocks, joiner(), a recursive loop
        if any(obj is value for value in self.globals.values()):
            return True  # asset(), and Jinja's range, dict, cycler, joiner, namespace, lipsum
        if isinstance(obj, types.FunctionType) and obj.__code__ is self._format_code:
            return True  # Jinja's str.format, which reads fields through this same getattr
        owner = getattr(obj, "__self__", None)
        bound = isinstance(obj, types.BuiltinMethodType | types.MethodType)
        return bound and owner is not None and readable(owner, obj.__name__)

    def unsafe_undefined(self, obj: Any, attribute: str) -> NoReturn:
        # Stop at once, rather than hand back a value that fails only when printed.
        raise SecurityError(f'"{attribute}" of {_what(obj)} is not data a template may read')

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        # Positional only: a template's keyword arguments pass through whatever their names.
        if not self.is_safe_callable(obj):
            raise SecurityError(f"{_short_name(obj)} is not something a template may call")
        return context.call(obj, *args, **kwargs)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                countable = isinstance(sequence, str | list | tuple) and isinstance(times, int)
                if countable and len(sequence) * times > MAX_RENDER_CHARS:
                    raise SecurityError("a value too large to print")
        if operator == "**" and isinstance(right, int) and abs(right) > 1_000:
            raise SecurityError("a number too large to print")
        return super().call_binop(context, operator, left, right)
