"""The commands that make sheets and quizzes: ``medialit build`` and ``medialit export``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from medialit.cli.common import (
    EXIT_INPUT,
    SettingsChoice,
    echo,
    handle_errors,
    settings_options,
)
from medialit.cli.summary import written
from medialit.exports.formats import FORMATS, formats_help
from medialit.sheets.variants import LEVELS, MAX_VERSIONS, Level

if TYPE_CHECKING:
    from medialit.build.run import BuildReport


@click.command()
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
    type=click.Choice(["a4", "letter"], case_sensitive=False),
    help="Paper size (default: a4, or the paper setting of medialit.toml).",
)
@click.option("--html", "write_html", is_flag=True, help="Also write the HTML that was printed.")
@settings_options
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
    "--fillable",
    is_flag=True,
    help="Give the student sheet form fields, to fill in on screen (not with --roster).",
)
@click.option(
    "--markable/--no-markable",
    default=None,
    help="Sheets that 'medialit mark' can read back from scans: a code and corner marks on "
    "every page (default: on for a --roster class pack, off otherwise).",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="How many documents to lay out at once, in parallel processes.",
)
@click.option(
    "--select",
    metavar="NAME",
    help="Build only the statements of the lesson's selection NAME (see 'selections:'), "
    "numbered 1 to n.",
)
@click.option(
    "--excerpt",
    is_flag=True,
    help="Print only the paragraphs that hold the statements, with omission marks.",
)
@click.option(
    "--quiet",
    is_flag=True,
    help="Print nothing when all goes well: no progress bar, no list of files "
    "(warnings and errors still go to standard error).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Stop, writing nothing, if some text has characters no installed font can print.",
)
@handle_errors
def build(
    lessons: tuple[Path, ...],
    out: Path,
    paper: str | None,
    write_html: bool,
    settings_choice: SettingsChoice,
    level: str,
    versions: int,
    seed: int,
    roster: Path | None,
    split: bool,
    fillable: bool,
    markable: bool | None,
    jobs: int,
    select: str | None,
    excerpt: bool,
    quiet: bool,
    strict: bool,
) -> None:
    """Build the student worksheet and answer key of each LESSON.

    LESSON is a lesson file or a folder of them (default: ./lessons). Writes
    OUT/<lesson>/student.pdf and OUT/<lesson>/key.pdf; with --level or --versions,
    student-<level>-<version>.pdf and key-<level>-<version>.pdf; with --select NAME,
    NAME after the level (student-guided-NAME.pdf); with --roster, class-pack.pdf,
    cover.pdf and a key per level and version used.
    """
    from medialit.build.run import BuildOptions, build_lessons
    from medialit.cli.progress import terminal_progress
    from medialit.lesson.reading import find_lessons

    if split and roster is None:
        raise click.UsageError("--split needs --roster: it writes one PDF per student.")
    if fillable and roster is not None:
        raise click.UsageError(
            "--fillable makes one sheet to share on screen; a --roster pack is for printing. "
            "Leave out one of the two."
        )
    files = find_lessons(lessons or (Path("lessons"),))
    if not files:
        raise click.UsageError("no lesson files (*.yaml) found; name a lesson or a folder.")
    configuration = settings_choice.configuration(paper)
    options = BuildOptions(
        out=out,
        configuration=configuration,
        write_html=write_html,
        level=cast(Level, level),  # click.Choice(LEVELS) checked it
        versions=versions,
        seed=seed,
        roster=roster,
        split=split,
        fillable=fillable,
        markable=roster is not None if markable is None else markable,
        jobs=jobs,
        strict=strict,
        select=select,
        excerpt=excerpt,
    )
    report = build_lessons(
        files,
        options,
        terminal_progress(quiet=quiet),
        lambda m: echo(f"Warning: {m}", err=True),
    )
    _print_report(report, len(files), quiet)


def _print_report(report: BuildReport, lessons: int, quiet: bool, done: str = "built") -> None:
    """What each lesson wrote (unless quiet), then every failure; exit 1 if any lesson failed."""
    for result in report.results:
        for warning in result.warnings:
            echo(f"Warning: {result.lesson}: {warning}", err=True)
        if not quiet:
            echo(f"{result.lesson}: {written(result.outputs)}")
    for _, error in report.failures:
        echo(f"Error: {error}", err=True)
    if report.failures:
        others = f"; the others were {done}" if len(report.failures) < lessons else ""
        echo(f"{len(report.failures)} of {lessons} lessons failed{others}.", err=True)
        sys.exit(EXIT_INPUT)


@click.command("export")
@click.argument("lessons", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    required=True,
    help=formats_help(),
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder to write into; each lesson gets a sub-folder.",
)
@settings_options
@click.option(
    "--versions",
    type=click.IntRange(1, MAX_VERSIONS),
    default=1,
    show_default=True,
    help="How many versions, numbered as the worksheets of build --versions.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the shuffles.")
@click.option(
    "--select",
    metavar="NAME",
    help="Only the statements of the lesson's selection NAME, numbered 1 to n, as build --select.",
)
@click.option(
    "--quiet",
    is_flag=True,
    help="Print nothing when all goes well (warnings and errors still go to standard error).",
)
@handle_errors
def export_quiz(
    lessons: tuple[Path, ...],
    fmt: str,
    out: Path,
    settings_choice: SettingsChoice,
    versions: int,
    seed: int,
    select: str | None,
    quiet: bool,
) -> None:
    """Write each LESSON as a quiz to import into a learning platform.

    OUT/<lesson>/moodle.xml, OUT/<lesson>/qti.zip or OUT/<lesson>/canvas.zip (with
    --versions, one per version: moodle-A.xml…). See "Getting it into Moodle or Canvas"
    in the README.
    """
    from medialit.exports.export import ExportOptions, export_lessons
    from medialit.lesson.reading import find_lessons

    files = find_lessons(lessons or (Path("lessons"),))
    if not files:
        raise click.UsageError("no lesson files (*.yaml) found; name a lesson or a folder.")
    configuration = settings_choice.configuration()
    options = ExportOptions(fmt, out, configuration, versions, seed, select)
    _print_report(export_lessons(files, options), len(files), quiet, "exported")
