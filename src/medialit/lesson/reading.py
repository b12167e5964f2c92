"""Read a lesson file into a checked, anchored lesson, or report every problem in it.

This is the first stage of the pipeline: file → plain data (loader) →
``Lesson`` (model, its errors translated by validation) → statements placed
in the article (anchoring). Every problem of all three is reported at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from medialit.errors import LessonError, MedialitError, Problem, nearest
from medialit.lesson.anchoring import place_statements
from medialit.lesson.article import Block
from medialit.lesson.loader import LoadedYaml, load_yaml
from medialit.lesson.model import KIND_ORDER, Annotation, Kind, Lesson
from medialit.lesson.references import number_paths, reference_problems
from medialit.lesson.tables import KeyPath

MAX_ARTICLE_CHARS = 200_000
MAX_ANNOTATIONS = 500
WORKSHEET = "worksheet"
LESSON_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Statement:
    """An annotation placed in the article; ``number`` follows reading order."""

    number: int
    annotation: Annotation
    index: int  # position in the lesson file's ``annotations`` list
    block: int
    start: int
    end: int
    full_number: int | None = None
    """Its number in the whole lesson, when ``number`` is a selection's."""


@dataclass(frozen=True)
class WorksheetTable:
    """A lesson's ``worksheet:`` settings as written, with the line of each key."""

    file: Path
    values: Mapping[str, Any]
    lines: Mapping[KeyPath, tuple[int, int | None]] = field(default_factory=dict)

    def problem(self, path: KeyPath, message: str) -> Problem:
        """A problem at the setting ``path``, placed in the lesson file."""
        line, column = nearest(self.lines, path) or (None, None)
        dotted = f"{WORKSHEET}.{'.'.join(path)}" if path else None
        return Problem(message, file=self.file, line=line, column=column, field=dotted)


@dataclass(frozen=True)
class CheckedLesson:
    """A lesson that passed every check, with its article split and its statements placed."""

    file: Path
    lesson: Lesson
    blocks: list[Block]
    statements: list[Statement]
    worksheet: WorksheetTable | None = None
    """The lesson's ``worksheet:`` settings, with their lines, if it has any."""
    selection: str | None = None
    """The selection the statements were narrowed to, if any."""
    excerpt: bool = False
    """Only the paragraphs holding the statements are kept (with omission marks)."""

    @property
    def name(self) -> str:
        """The lesson's file name without ``.yaml``: the name of its build folder."""
        return self.file.stem

    @property
    def own_language(self) -> str | None:
        """The lesson's ``language:`` if it writes one (it chooses the sheets' words)."""
        return self.lesson.language if "language" in self.lesson.model_fields_set else None

    def count_by_kind(self) -> dict[Kind, int]:
        counts = dict.fromkeys(KIND_ORDER, 0)
        for statement in self.statements:
            counts[statement.annotation.kind] += 1
        return counts


def find_lessons(paths: Iterable[Path]) -> list[Path]:
    """Lesson files named directly, plus every ``*.yaml`` in named folders (sorted).

    A file named twice (directly and through its folder) is built once.
    """
    found: dict[Path, Path] = {}
    for path in paths:
        if path.is_dir():
            try:
                files = sorted(
                    p for p in path.iterdir() if p.suffix in LESSON_SUFFIXES and p.is_file()
                )
            except OSError as exc:
                raise MedialitError(
                    Problem(
                        f"this folder cannot be read ({exc.strerror}); check its permissions.",
                        file=path,
                    )
                ) from None
        elif path.exists():
            files = [path]
        else:
            raise MedialitError(Problem("no such file or folder; check the path.", file=path))
        for file in files:
            found.setdefault(file.resolve(), file)
    return list(found.values())


def read_lesson(
    file: Path,
    text: str | None = None,
    check_settings: Callable[[WorksheetTable], list[Problem]] | None = None,
) -> CheckedLesson:
    """Load, validate and anchor a lesson; raise one :class:`LessonError` listing every problem.

    The settings stage checks the ``worksheet:`` table (``check_settings``, given by
    :func:`medialit.settings.checks.read_lesson_with_settings`), so that its problems
    are listed with the rest; without it, the table is read but not checked.
    """
    return check_loaded(load_yaml(file, text), check_settings)


def check_loaded(
    loaded: LoadedYaml,
    check_settings: Callable[[WorksheetTable], list[Problem]] | None = None,
    worksheet_lines: Mapping[KeyPath, tuple[int, int | None]] | None = None,
) -> CheckedLesson:
    """:func:`read_lesson` of data already read (the preview's edited document).

    ``worksheet_lines``: the lines of the ``worksheet:`` keys, when ``loaded`` has no
    places (they name the line of a setting's problem).
    """
    file = loaded.file
    data = loaded.data
    if not isinstance(data, dict):
        raise LessonError(Problem(_not_a_lesson(data), file=file, line=1))
    problems = _size_problems(loaded)
    if problems:
        raise LessonError(problems)
    lesson: Lesson | None = None
    # Every check runs on what it can, so that one run reports every problem: the
    # references between fields and the quotes' places even when a field is wrong.
    numbers = number_paths(data)  # told what to write instead, with the references
    try:
        lesson = Lesson.model_validate(data)
    except ValidationError as exc:
        from medialit.lesson.validation import yaml_problems  # for a mistake only

        problems.extend(p for p in yaml_problems(loaded, exc, Lesson) if p.field not in numbers)
    blocks, matches, anchor_problems = place_statements(loaded)
    problems.extend(anchor_problems)
    order = sorted(matches, key=lambda i: (matches[i].block, matches[i].start))
    annotations = data.get("annotations")
    placed_all = isinstance(annotations, list) and len(order) == len(annotations)
    problems.extend(reference_problems(loaded, order if placed_all else None))
    if lesson is not None:
        problems.extend(_question_problems(loaded, lesson, blocks))
    worksheet = _worksheet_table(loaded, worksheet_lines)
    if worksheet is not None and check_settings is not None:
        problems.extend(check_settings(worksheet))
    if problems or lesson is None:
        raise LessonError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
    statements = [
        Statement(n, lesson.annotations[i], i, matches[i].block, matches[i].start, matches[i].end)
        for n, i in enumerate(order, start=1)
    ]
    return CheckedLesson(file, lesson, blocks, statements, worksheet)


def _question_problems(loaded: LoadedYaml, lesson: Lesson, blocks: list[Block]) -> list[Problem]:
    """A question's ``paragraphs`` are paragraph numbers the article has."""
    last = max((block.number for block in blocks if block.number is not None), default=0)
    return [
        loaded.problem(
            ("questions", i, "paragraphs", j),
            f"the article has no paragraph {number} (its paragraphs are numbered 1 to {last}); "
            "give the ¶ number the sheet prints beside the paragraph the question quotes.",
        )
        for i, question in enumerate(lesson.questions)
        for j, number in enumerate(question.paragraphs)
        if number > last
    ]


def _worksheet_table(
    loaded: LoadedYaml, lines: Mapping[KeyPath, tuple[int, int | None]] | None = None
) -> WorksheetTable | None:
    """The ``worksheet:`` table with the line of each key, if the lesson has one."""
    table = loaded.data.get(WORKSHEET)
    if not isinstance(table, dict) or not table:
        return None
    return WorksheetTable(loaded.file, table, worksheet_lines(loaded) if lines is None else lines)


def worksheet_lines(loaded: LoadedYaml) -> dict[KeyPath, tuple[int, int | None]]:
    """The line (and column) of each key of the ``worksheet:`` table, by its path in it."""
    table = loaded.data.get(WORKSHEET) if isinstance(loaded.data, dict) else None
    if not isinstance(table, dict):
        return {}
    return {
        path: (line, column)
        for path in _all_paths(table)
        for line, column in [loaded.key_place((WORKSHEET, *path))]
        if line is not None
    }


def _all_paths(values: Mapping[str, Any], prefix: KeyPath = ()) -> Iterator[KeyPath]:
    for key, value in values.items():
        yield (*prefix, str(key))
        if isinstance(value, Mapping):
            yield from _all_paths(value, (*prefix, str(key)))


def _not_a_lesson(data: Any) -> str:
    fields = (
        "a lesson file must be a set of fields (title, source, article, annotations), "
        "each on its own line as 'name: value'"
    )
    if data is None:
        return f"the file is empty; {fields}."
    if isinstance(data, list):
        return f"the file is a list (lines starting with '- '); {fields}."
    return f"the file holds a single value, not a lesson; {fields}."


def _size_problems(loaded: LoadedYaml) -> list[Problem]:
    data = loaded.data
    problems = []
    article = data.get("article")
    if isinstance(article, str) and len(article) > MAX_ARTICLE_CHARS:
        problems.append(
            loaded.problem(
                ("article",),
                f"the article has {len(article):,} characters, more than the {MAX_ARTICLE_CHARS:,} "
                "a worksheet can hold; use an excerpt.",
            )
        )
    annotations = data.get("annotations")
    if isinstance(annotations, list) and len(annotations) > MAX_ANNOTATIONS:
        problems.append(
            loaded.problem(
                ("annotations",),
                f"{len(annotations)} annotations is more than the {MAX_ANNOTATIONS} a worksheet "
                "can hold; split the article into several lessons.",
            )
        )
    return problems
