"""One hierarchy of errors, each naming the file, the line and what to do.

The CLI turns any :class:`MedialitError` into a message and exit code 1;
nothing else is expected to reach the user. The two helpers every message
shares live here too: the closest valid name ("did you mean") and the
nearest known place of a value in its file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple, TypeVar

# How alike a typo and a valid name must be (difflib's ratio) to be offered as "did you mean".
CLOSE_ENOUGH = 0.6

K = TypeVar("K")
V = TypeVar("V")

# C0 and C1 control characters and DEL: a lesson's text or a file's name that
# holds them could clear the teacher's screen or retitle the window when echoed.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def escape_controls(text: str) -> str:
    """``text`` with every control character but the line end shown as ``\\x1b``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


# A NamedTuple, defined ten times quicker than a frozen dataclass (on every command's path):
# read by its fields and printed, never compared with other tuples, never given to a template
# nor kept with a rendering (whose keys and sandbox read a dataclass's fields).
class Problem(NamedTuple):
    """One thing wrong with an input file, with its place."""

    message: str
    file: Path | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str | None = None

    def __str__(self) -> str:
        place = ""
        if self.file is not None:
            place = str(self.file)
            if self.line is not None:
                place += f":{self.line}"
                if self.column is not None:
                    place += f":{self.column}"
            place += ": "
        field = f"{self.field}: " if self.field else ""
        return f"{place}{field}{self.message}"


class MedialitError(Exception):
    """Base of every error medialit reports to a teacher.

    It carries one or more :class:`Problem` so that every mistake in a file
    is reported at once, not only the first.
    """

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = problems
        super().__init__("\n".join(str(p) for p in problems))


class LessonError(MedialitError):
    """A lesson file is wrong: YAML syntax, a field, a quote that is not found."""


class TemplateError(MedialitError):
    """A template is wrong: syntax, an undefined variable, a missing file."""


class SettingsError(MedialitError):
    """A setting (medialit.toml, --set, a lesson's worksheet table) is wrong."""


class CommandLineSettingsError(SettingsError):
    """A setting given on the command line (--set, --theme, --paper) is wrong: bad usage."""

    exit_code = 2


class RosterError(MedialitError):
    """A class roster (CSV) is wrong."""


class RenderError(MedialitError):
    """WeasyPrint could not lay out the PDF, or refused a resource."""


class MissingGlyphError(MedialitError):
    """With ``--strict``: some text has characters that no installed font can print."""


class OutputError(MedialitError):
    """An output file or folder cannot be written."""


def closest(word: str, choices: Sequence[str]) -> str | None:
    """The valid name that ``word`` is most likely a typo of, if any is close enough."""
    import difflib  # only for a typo: every command imports this module

    close = difflib.get_close_matches(word, choices, n=1, cutoff=CLOSE_ENOUGH)
    return close[0] if close else None


def did_you_mean(word: str, choices: Sequence[str], name: str) -> str:
    """``did you mean "quote"? (fields: …)``, or the choices when none is close."""
    close = closest(word, choices)
    if close:
        return f'did you mean "{close}"? ({name}: {", ".join(choices)})'
    return f"use one of the {name}: {', '.join(choices)}."


def nearest(places: Mapping[tuple[K, ...], V], path: tuple[K, ...]) -> V | None:
    """The place of ``path``, or of its nearest enclosing key that has one.

    A missing field has no place of its own; it is reported where the table
    or mapping it is missing from is written.
    """
    for end in range(len(path), -1, -1):
        if path[:end] in places:
            return places[path[:end]]
    return None
