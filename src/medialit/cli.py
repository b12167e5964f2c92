"""The ``medialit`` command: parse options, call the core, turn errors into exit codes.

Exit codes: 0 success, 1 a lesson, template or other input is wrong, 2 bad usage.
"""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from . import __version__
from .build import BuildOptions, build_lessons, find_lessons
from .errors import MedialitError
from .lesson import read_lesson
from .model import KIND_ORDER
from .pack import MAX_VERSIONS
from .progress import terminal_progress
from .settings import LEVELS, Level, Settings

EXIT_INPUT = 1

F = TypeVar("F", bound=Callable[..., Any])


def _handle_errors(command: F) -> F:
    """Print a :class:`MedialitError` as a message and exit 1; tracebacks only with --debug."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            return command(*args, **kwargs)
        except MedialitError as exc:
            if debug:
                traceback.print_exc()
            click.echo(f"Error: {exc}", err=True)
            sys.exit(EXIT_INPUT)
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt):
            raise
        except Exception as exc:
            if debug:
                raise
            click.echo(
                f"Error: medialit failed unexpectedly ({type(exc).__name__}: {exc}). "
                "Run again with --debug for details, and please report it.",
                err=True,
            )
            sys.exit(EXIT_INPUT)

    return wrapper  # type: ignore[return-value]


def _working_templates() -> list[Path]:
    """The working folder's ``templates/`` (the current folder's), when it exists."""
    folder = Path("templates")
    return [folder] if folder.is_dir() else []


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medialit")
@click.option("--debug", is_flag=True, help="Show a full traceback when something goes wrong.")
def main(debug: bool) -> None:
    """Turn annotated articles (lessons) into media-literacy worksheets and answer keys."""


@main.command()
@click.argument("lessons", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder to write into; each lesson gets a sub-folder.",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help="Paper size.",
)
@click.option("--html", "write_html", is_flag=True, help="Also write the HTML that was printed.")
@click.option(
    "--templates",
    "template_folder",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="A folder of templates that replace the built-in ones (default: ./templates).",
)
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    default="standard",
    show_default=True,
    help="How much the worksheet does for the student (with a roster: for rows without one).",
)
@click.option(
    "--versions",
    type=click.IntRange(1, MAX_VERSIONS),
    default=1,
    show_default=True,
    help="How many versions (A, B…) with the statements numbered in a different order.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the shuffles.")
@click.option(
    "--roster",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A class list (CSV with a 'name' column): one named copy per student.",
)
@click.option("--split", is_flag=True, help="With --roster, also write one PDF per student.")
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="How many documents to lay out at once, in parallel processes.",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@_handle_errors
def build(
    lessons: tuple[Path, ...],
    out: Path,
    paper: str,
    write_html: bool,
    template_folder: Path | None,
    level: str,
    versions: int,
    seed: int,
    roster: Path | None,
    split: bool,
    jobs: int,
    quiet: bool,
) -> None:
    """Build the student worksheet and answer key of each LESSON.

    LESSON is a lesson file or a folder of them (default: ./lessons). Writes
    OUT/<lesson>/student.pdf and OUT/<lesson>/key.pdf; with --level or --versions,
    student-<level>-<version>.pdf and key-<level>-<version>.pdf; with --roster,
    class-pack.pdf, cover.pdf and a key per level and version used.
    """
    if split and roster is None:
        raise click.UsageError("--split needs --roster: it writes one PDF per student.")
    files = find_lessons(lessons or (Path("lessons"),))
    if not files:
        raise click.UsageError("no lesson files (*.yaml) found; name a lesson or a folder.")
    folders = [template_folder] if template_folder else _working_templates()
    options = BuildOptions(
        out=out,
        settings=Settings(paper=paper),
        template_folders=folders,
        write_html=write_html,
        level=cast(Level, level),  # click.Choice(LEVELS) checked it
        versions=versions,
        seed=seed,
        roster=roster,
        split=split,
        jobs=jobs,
    )
    report = build_lessons(files, options, terminal_progress(quiet=quiet))
    for result in report.results:
        for warning in result.warnings:
            click.echo(f"Warning: {result.lesson}: {warning}", err=True)
        click.echo(f"{result.lesson}: wrote {', '.join(str(p) for p in result.outputs)}")
    for _, error in report.failures:
        click.echo(f"Error: {error}", err=True)
    if report.failures:
        click.echo(
            f"{len(report.failures)} of {len(files)} lessons failed; the others were built.",
            err=True,
        )
        sys.exit(EXIT_INPUT)


@main.command()
@click.argument("lessons", nargs=-1, type=click.Path(path_type=Path))
@_handle_errors
def check(lessons: tuple[Path, ...]) -> None:
    """Check each LESSON (file or folder; default ./lessons) without rendering.

    Prints one line per lesson: its statements by kind, or every problem found.
    """
    files = find_lessons(lessons or (Path("lessons"),))
    if not files:
        raise click.UsageError("no lesson files (*.yaml) found; name a lesson or a folder.")
    failed = 0
    for file in files:
        try:
            checked = read_lesson(file)
        except MedialitError as exc:
            failed += 1
            click.echo(f"Error: {exc}", err=True)
            continue
        counts = checked.count_by_kind()
        summary = ", ".join(f"{counts[kind]} {kind.value}" for kind in KIND_ORDER)
        click.echo(f"{file}: OK: {len(checked.statements)} statements ({summary})")
    if failed:
        click.echo(f"{failed} of {len(files)} lessons have problems.", err=True)
        sys.exit(EXIT_INPUT)
