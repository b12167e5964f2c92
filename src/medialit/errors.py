"""One hierarchy of errors, each naming the file, the line and what to do.

The CLI turns any :class:`MedialitError` into a message and exit code 1;
nothing else is expected to reach the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
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


class RosterError(MedialitError):
    """A class roster (CSV) is wrong."""


class RenderError(MedialitError):
    """WeasyPrint could not write the PDF, or refused a resource."""


class MissingGlyphError(MedialitError):
    """With ``--strict``: some text has characters that no installed font can print."""


class OutputError(MedialitError):
    """An output file or folder cannot be written."""
