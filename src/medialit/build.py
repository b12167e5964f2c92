"""Chain the stages: lesson file → checked lesson → context → HTML → PDF → files.

The CLI and the tests both call :func:`build_lesson` and :func:`build_lessons`.
Every output is written to a temporary file and moved into place only when
all of a lesson's documents rendered, so a failed build never leaves a
half-written PDF or destroys the previous one.

The only date in a PDF is its creation date, taken from ``SOURCE_DATE_EPOCH``
when that is set (the reproducible-builds convention), so that two builds of
the same lesson are byte-identical.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Configuration
from .context import KeyContext, WorksheetContext, key_context, student_context
from .errors import MedialitError, OutputError, Problem, SettingsError
from .lesson import CheckedLesson, read_lesson
from .settings import Settings
from .templates import make_environment, render

LESSON_SUFFIXES = (".yaml", ".yml")
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def creation_time(environ: dict[str, str] | None = None) -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) when set, otherwise now."""
    environ = dict(os.environ) if environ is None else environ
    epoch = environ.get(SOURCE_DATE_EPOCH, "").strip()
    if not epoch:
        return datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    try:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    except (ValueError, OverflowError, OSError):
        raise SettingsError(
            f"{SOURCE_DATE_EPOCH}={epoch} is not a date; set it to a whole number of seconds "
            "since 1970 (for example the date of the last commit: git log -1 --format=%ct), "
            "or unset it."
        ) from None


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where to write, which settings and templates, and the PDFs' date."""

    out: Path = Path("build")
    configuration: Configuration = field(default_factory=Configuration)
    write_html: bool = False
    created: datetime.datetime = field(default_factory=creation_time)


@dataclass
class BuildResult:
    """What one lesson's build wrote, and any resources it refused to load."""

    lesson: Path
    outputs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildReport:
    """The outcome of building several lessons: every success and every failure."""

    results: list[BuildResult] = field(default_factory=list)
    failures: list[tuple[Path, MedialitError]] = field(default_factory=list)


def find_lessons(paths: Iterable[Path]) -> list[Path]:
    """Lesson files named directly, plus every ``*.yaml`` in named folders (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.iterdir() if p.suffix in LESSON_SUFFIXES and p.is_file())
            )
        elif path.exists():
            found.append(path)
        else:
            raise MedialitError(Problem("no such file or folder; check the path.", file=path))
    return found


def template_variables(context: WorksheetContext) -> dict[str, Any]:
    """The context's fields as top-level template variables (shallow: objects stay typed)."""
    return {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}


def render_html(
    checked: CheckedLesson, settings: Settings, template_folders: Sequence[Path] = ()
) -> dict[str, str]:
    """The HTML of each document of the lesson, by output name (``student``, ``key``)."""
    env = make_environment(template_folders)
    contexts: dict[str, tuple[str, WorksheetContext | KeyContext]] = {
        "student": ("student.html", student_context(checked, settings)),
        "key": ("key.html", key_context(checked, settings)),
    }
    return {
        name: render(env, template, template_variables(context))
        for name, (template, context) in contexts.items()
    }


def build_lesson(lesson_file: Path, options: BuildOptions) -> BuildResult:
    """Build one lesson's student worksheet and answer key into ``out/<lesson name>/``."""
    from .pdf import (
        html_to_pdf,  # imported late: WeasyPrint is slow to load, `check` needs none of it
    )

    checked = read_lesson(lesson_file)
    resolved = options.configuration.resolve(checked.worksheet)
    folders = options.configuration.template_folders(resolved)
    result = BuildResult(lesson=lesson_file)
    # The logo is named by the teacher's own settings, so its folder may be read too.
    logo = [Path(resolved.settings.logo).parent] if resolved.settings.logo else []
    allowed = [*folders, lesson_file.parent, *logo]
    files: dict[str, bytes] = {}
    for name, html in render_html(checked, resolved.settings, folders).items():
        pdf, refused = html_to_pdf(
            html, base_folder=lesson_file.parent, allowed_folders=allowed, created=options.created
        )
        result.warnings.extend(f"{name}.pdf: {message}" for message in refused)
        files[f"{name}.pdf"] = pdf
        if options.write_html:
            files[f"{name}.html"] = html.encode("utf-8")
    target = options.out / checked.name
    write_all(target, files)
    result.outputs.extend(target / filename for filename in files)
    return result


def build_lessons(lesson_files: Sequence[Path], options: BuildOptions) -> BuildReport:
    """Build every lesson; a failure is recorded and the others still build."""
    report = BuildReport()
    for lesson_file in lesson_files:
        try:
            report.results.append(build_lesson(lesson_file, options))
        except MedialitError as exc:
            report.failures.append((lesson_file, exc))
    return report


def write_all(folder: Path, files: dict[str, bytes]) -> None:
    """Write every file to a temporary beside its target, then move them all into place.

    Nothing is replaced until every file has been written in full, so a full disk
    or a folder in the way leaves the previous outputs as they were.
    """
    _prepare_folder(folder)
    staged: list[tuple[Path, Path]] = []
    try:
        for filename, data in files.items():
            target = folder / filename
            if target.exists() and not target.is_file():
                raise OutputError(
                    Problem("this is not a file, so it cannot be replaced; move it away.", target)
                )
            staged.append((_write_temporary(target, data), target))
        for temporary, target in staged:
            os.replace(temporary, target)
    except OSError as exc:
        raise OutputError(
            Problem(f"cannot write here ({exc.strerror}); check the folder and free space.", folder)
        ) from None
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def write_atomically(target: Path, data: bytes) -> None:
    """Write one file through a temporary, so it is never seen half-written."""
    write_all(target.parent, {target.name: data})


def _prepare_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputError(
            Problem(
                "a file is in the way of this output folder; move it away or choose another "
                "--out folder.",
                folder,
            )
        ) from None
    except OSError as exc:
        raise OutputError(
            Problem(f"cannot make this folder ({exc.strerror}); check --out.", folder)
        ) from None


def _write_temporary(target: Path, data: bytes) -> Path:
    """``data`` in a hidden temporary file beside ``target``, readable like any new file."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes files only the owner can read; outputs follow the umask.
        os.chmod(temporary, 0o666 & ~_umask())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
