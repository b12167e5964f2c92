"""The ``medialit`` command: parse options, call the core, turn errors into exit codes.

Exit codes: 0 success, 1 a lesson, template or other input is wrong, 2 bad usage.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from . import __version__
from .errors import MedialitError, escape_controls
from .summary import written
from .variants import LEVELS, MAX_VERSIONS, Level

if TYPE_CHECKING:
    from .build import BuildReport
    from .layers import Configuration

# The formats of `medialit export` (exports.export.FORMATS, checked equal by a test), named
# here so that loading the CLI does not load the exports and the build.
EXPORT_FORMATS = ("moodle", "qti")

# Each command imports the stages it uses when it runs: `medialit check` answers in a
# fraction of a second because it never loads the templates, the settings layers or
# WeasyPrint (see benchmarks/bench_speed.py).

EXIT_INPUT = 1

F = TypeVar("F", bound=Callable[..., Any])


def _echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print a line; lesson text and file names in it may hold control characters."""
    click.echo(escape_controls(text), err=err, nl=nl)


def _stop_on_terminate(signum: int, frame: object) -> None:
    # SIGTERM (kill, a closing terminal's session) unwinds like Ctrl-C, so that
    # temporary files are removed on the way out.
    raise KeyboardInterrupt


def _handle_errors(command: F) -> F:
    """Print a :class:`MedialitError` as a message and exit 1; tracebacks only with --debug."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            return command(*args, **kwargs)
        except MedialitError as exc:
            if debug:
                import traceback

                traceback.print_exc()
            _echo(f"Error: {exc}", err=True)
            sys.exit(EXIT_INPUT)
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # The reader stopped early (medialit config | head): nothing went wrong here.
            # Point stdout at nothing so that Python's final flush cannot fail again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_INPUT)
        except Exception as exc:
            if debug:
                raise
            _echo(
                f"Error: medialit failed unexpectedly ({type(exc).__name__}: {exc}). "
                "Run again with --debug for details, and please report it.",
                err=True,
            )
            sys.exit(EXIT_INPUT)

    return wrapper  # type: ignore[return-value]


WORKING_FOLDER = Path(".")


def _settings_options(command: F) -> F:
    """``--set``, ``--theme`` and ``--templates``: the options that choose settings and looks."""
    command = click.option(
        "--templates",
        "template_folder",
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        help="A folder of templates searched before the theme and the built-in set "
        "(default: ./templates).",
    )(command)
    command = click.option(
        "--settings",
        "settings_file",
        type=click.Path(dir_okay=False, path_type=Path),
        help="A settings file to use instead of ./medialit.toml, e.g. a profile such as "
        "medialit-es.toml.",
    )(command)
    command = click.option(
        "--theme",
        help="A theme: high-readability, default, or a folder of templates, CSS, fonts and images.",
    )(command)
    command = click.option(
        "--set",
        "assignments",
        multiple=True,
        metavar="KEY=VALUE",
        help="Change one setting, e.g. --set font_size=14pt --set kinds.assertion.label=Claim. "
        "Wins over medialit.toml and the lesson.",
    )(command)
    return command


def _configuration(
    assignments: tuple[str, ...],
    theme: str | None,
    template_folder: Path | None,
    settings_file: Path | None,
    paper: str | None = None,
) -> Configuration:
    from .layers import load_configuration

    return load_configuration(
        WORKING_FOLDER,
        assignments,
        {"paper": paper, "theme": theme},
        template_folder,
        settings_file,
    )


TEACHERS_ORDER = (
    "new",
    "preview",
    "check",
    "build",
    "export",
    "init",
    "config",
    "templates",
    "clean",
)
"""Commands in the order a teacher meets them: write a lesson, look, check, print, share."""


class TeachersOrderGroup(click.Group):
    """Lists the known commands in a teacher's order, then any others alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = super().list_commands(ctx)
        known = [name for name in TEACHERS_ORDER if name in names]
        return known + [name for name in names if name not in TEACHERS_ORDER]


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    commands = ", ".join(main.list_commands(ctx))
    click.echo(f"medialit, version {__version__}")
    click.echo(f"Commands: {commands} (medialit --help says what each does).")
    ctx.exit()


@click.group(cls=TeachersOrderGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and the commands, then exit.",
)
@click.option("--debug", is_flag=True, help="Show a full traceback when something goes wrong.")
def main(debug: bool) -> None:
    """Turn annotated articles (lessons) into media-literacy worksheets and answer keys."""
    signal.signal(signal.SIGTERM, _stop_on_terminate)


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
    help="Paper size (default: a4, or the paper setting of medialit.toml).",
)
@click.option("--html", "write_html", is_flag=True, help="Also write the HTML that was printed.")
@_settings_options
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
@_handle_errors
def build(
    lessons: tuple[Path, ...],
    out: Path,
    paper: str | None,
    write_html: bool,
    assignments: tuple[str, ...],
    theme: str | None,
    template_folder: Path | None,
    settings_file: Path | None,
    level: str,
    versions: int,
    seed: int,
    roster: Path | None,
    split: bool,
    fillable: bool,
    jobs: int,
    select: str | None,
    excerpt: bool,
    quiet: bool,
    strict: bool,
) -> None:
    """Build the student worksheet and answer key of each LESSON.

    LESSON is a lesson file or a folder of them (default: ./lessons). Writes
    OUT/<lesson>/student.pdf and OUT/<lesson>/key.pdf; with --level or --versions,
    student-<level>-<version>.pdf and key-<level>-<version>.pdf; with --roster,
    class-pack.pdf, cover.pdf and a key per level and version used.
    """
    from .build import BuildOptions, build_lessons
    from .lesson import find_lessons
    from .progress import terminal_progress

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
    configuration = _configuration(assignments, theme, template_folder, settings_file, paper)
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
        jobs=jobs,
        strict=strict,
        select=select,
        excerpt=excerpt,
    )
    report = build_lessons(
        files,
        options,
        terminal_progress(quiet=quiet),
        lambda m: _echo(f"Warning: {m}", err=True),
    )
    _print_report(report, len(files), quiet)


def _print_report(report: BuildReport, lessons: int, quiet: bool, done: str = "built") -> None:
    """What each lesson wrote (unless quiet), then every failure; exit 1 if any lesson failed."""
    for result in report.results:
        for warning in result.warnings:
            _echo(f"Warning: {result.lesson}: {warning}", err=True)
        if not quiet:
            _echo(f"{result.lesson}: {written(result.outputs)}")
    for _, error in report.failures:
        _echo(f"Error: {error}", err=True)
    if report.failures:
        others = f"; the others were {done}" if len(report.failures) < lessons else ""
        _echo(f"{len(report.failures)} of {lessons} lessons failed{others}.", err=True)
        sys.exit(EXIT_INPUT)


@main.command("export")
@click.argument("lessons", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="moodle: a Moodle XML quiz; qti: a QTI 2.1 package for Canvas and others.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder to write into; each lesson gets a sub-folder.",
)
@_settings_options
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
@_handle_errors
def export_quiz(
    lessons: tuple[Path, ...],
    fmt: str,
    out: Path,
    assignments: tuple[str, ...],
    theme: str | None,
    settings_file: Path | None,
    template_folder: Path | None,
    versions: int,
    seed: int,
    select: str | None,
    quiet: bool,
) -> None:
    """Write each LESSON as a quiz to import into a learning platform.

    OUT/<lesson>/moodle.xml or OUT/<lesson>/qti.zip (with --versions, one per
    version: moodle-A.xml…). See "Getting it into Moodle or Canvas" in the README.
    """
    from .exports.export import ExportOptions, export_lessons
    from .lesson import find_lessons

    files = find_lessons(lessons or (Path("lessons"),))
    if not files:
        raise click.UsageError("no lesson files (*.yaml) found; name a lesson or a folder.")
    configuration = _configuration(assignments, theme, template_folder, settings_file)
    options = ExportOptions(fmt, out, configuration, versions, seed, select)
    _print_report(export_lessons(files, options), len(files), quiet, "exported")


@main.command()
@click.argument("lessons", nargs=-1, type=click.Path(path_type=Path))
@_handle_errors
def check(lessons: tuple[Path, ...]) -> None:
    """Check each LESSON (file or folder; default ./lessons) without rendering.

    Prints one line per lesson: its statements by kind, or every problem found.
    """
    from .drafting.review import review_warnings
    from .lesson import find_lessons, read_lesson
    from .model import KIND_ORDER

    files = find_lessons(lessons or (Path("lessons"),))
    if not files:
        raise click.UsageError("no lesson files (*.yaml) found; name a lesson or a folder.")
    # The settings are checked as a build checks them, so check and build agree.
    configuration = _configuration((), None, None, None)
    failed = 0
    for file in files:
        try:
            checked = read_lesson(file)
            configuration.resolve(checked.worksheet, checked.own_language, checked.file)
        except MedialitError as exc:
            failed += 1
            _echo(f"Error: {exc}", err=True)
            continue
        counts = checked.count_by_kind()
        summary = ", ".join(f"{counts[kind]} {kind.value}" for kind in KIND_ORDER)
        _echo(f"{file}: OK: {len(checked.statements)} statements ({summary})")
        for warning in review_warnings(checked):
            _echo(f"Warning: {warning}", err=True)
    if failed:
        _echo(f"{failed} of {len(files)} lessons have problems.", err=True)
        sys.exit(EXIT_INPUT)


@main.command()
@click.argument("source")
@click.option("--name", help="The lesson's file name, without .yaml (default: from the title).")
@click.option("--no-suggest", is_flag=True, help="Write no suggested statements.")
@click.option(
    "--language", default="en", show_default=True, help="The article's language (BCP 47 tag)."
)
@_handle_errors
def new(source: str, name: str | None, no_suggest: bool, language: str) -> None:
    """Draft lessons/<name>.yaml from SOURCE: a saved web page, a .txt or .md file, or - (stdin).

    Keeps SOURCE unchanged in seeds/ and suggests statements, each marked draft: true.
    """
    from .drafting.new import new_lesson  # trafilatura and pysbd load only for this command

    made = new_lesson(
        source,
        sys.stdin.buffer,
        WORKING_FOLDER,
        name=name,
        with_suggestions=not no_suggest,
        language=language,
    )
    _echo(
        f"wrote {made.lesson} ({len(made.suggestions)} draft statements; "
        f"source kept as {made.seed})"
    )
    gaps = f", fill in {', '.join(made.gaps)}" if made.gaps else ""
    task = "confirm or change each draft statement" if made.suggestions else "add statements"
    _echo(
        f"Next: read {made.lesson}, {task}{gaps}, "
        f"then run: medialit check {made.lesson} && medialit build {made.lesson}"
    )


@main.command()
@click.argument("lesson", required=False, type=click.Path(dir_okay=False, path_type=Path))
@_settings_options
@_handle_errors
def config(
    lesson: Path | None,
    assignments: tuple[str, ...],
    theme: str | None,
    template_folder: Path | None,
    settings_file: Path | None,
) -> None:
    """Print the settings in force and where each value comes from.

    With a LESSON, include its worksheet: table and its language's words. Origins:
    default, language (a built-in catalogue of words), theme, file (medialit.toml or
    --settings), lesson, command line (--set, --theme). The output is TOML that can be
    pasted into a settings file.
    """
    from .layers import describe
    from .lesson import read_lesson

    configuration = _configuration(assignments, theme, template_folder, settings_file)
    checked = read_lesson(lesson) if lesson else None
    resolved = (
        configuration.resolve(checked.worksheet, checked.own_language, checked.file)
        if checked
        else configuration.resolve()
    )
    _echo(describe(resolved), nl=False)


@main.command()
@click.argument("folder", type=click.Path(file_okay=True, path_type=Path))
@_handle_errors
def init(folder: Path) -> None:
    """Make FOLDER a new working folder: lessons/, seeds/, templates/ and medialit.toml."""
    from .starter import ADVANCED_LESSON, FIRST_LESSON, make_working_folder

    created = make_working_folder(folder)
    _echo(
        f"Made {folder} with {len(created)} files: lessons/, seeds/, templates/ and medialit.toml."
    )
    _echo(f"Start with {Path('lessons', FIRST_LESSON)}, a short local news story.")
    _echo(
        f"{Path('lessons', ADVANCED_LESSON)} is a long, advanced example: an opinion piece "
        "on the war in Syria, from outlets that the US government describes as part of Russia's "
        "disinformation network; it mentions deaths and executions. Read lessons/README.md "
        "before teaching it."
    )
    _echo(f"Next: cd {folder} and run medialit build.")


@main.command()
@click.argument(
    "folder", required=False, default=".", type=click.Path(file_okay=False, path_type=Path)
)
@click.option("--quiet", is_flag=True, help="Say nothing when all went well.")
@_handle_errors
def clean(folder: Path, quiet: bool) -> None:
    """Remove FOLDER's outputs (build/) and the layouts its builds kept in the cache.

    FOLDER is a working folder (default: the current one). The next build lays
    every document out again.
    """
    from .clean import clean_working_folder

    for line in clean_working_folder(folder).summary():
        if not quiet:
            _echo(line)


@main.command()
@click.argument("lesson", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port (default: any free).")
@click.option("--no-open", is_flag=True, help="Do not open the browser.")
@_settings_options
@_handle_errors
def preview(
    lesson: Path | None,
    port: int,
    no_open: bool,
    assignments: tuple[str, ...],
    theme: str | None,
    template_folder: Path | None,
    settings_file: Path | None,
) -> None:
    """Show LESSON's article and pages in the browser; mark statements there; live on save."""
    from .preview import choose_lesson, serve  # the web server loads only for this command

    configuration = _configuration(assignments, theme, template_folder, settings_file)
    serve(choose_lesson(lesson), configuration, port=port, open_browser=not no_open)


@main.group()
def templates() -> None:
    """See and copy the templates that shape the sheets."""


@templates.command("list")
@_settings_options
@_handle_errors
def list_templates(
    assignments: tuple[str, ...],
    theme: str | None,
    template_folder: Path | None,
    settings_file: Path | None,
) -> None:
    """Every template and stylesheet in use, and where it comes from."""
    from .template_files import template_origins

    configuration = _configuration(assignments, theme, template_folder, settings_file)
    folders = configuration.labelled_template_folders(configuration.resolve())
    origins = template_origins(folders)
    width = max(len(name) for name, _ in origins)
    for name, origin in origins:
        _echo(f"{name:<{width}}  {origin}")


@templates.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.argument("names", nargs=-1)
@_handle_errors
def export(folder: Path, names: tuple[str, ...]) -> None:
    """Copy the built-in templates (all, or NAMES) into FOLDER to start from."""
    from .template_files import export_templates

    _echo(written(export_templates(folder, names)))
