"""The commands about one lesson: draft it (``new``), check it, preview it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from medialit.cli.common import (
    EXIT_INPUT,
    WORKING_FOLDER,
    SettingsChoice,
    echo,
    handle_errors,
    settings_options,
)
from medialit.errors import MedialitError


@click.command()
@click.argument("lessons", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--strict",
    is_flag=True,
    help="Fail, as build --strict does, if some text has characters no installed font can print.",
)
@handle_errors
def check(lessons: tuple[Path, ...], strict: bool) -> None:
    """Check each LESSON (file or folder; default ./lessons) as a build would, without laying out.

    Reads the lesson and its settings, renders your own templates and theme, and looks for
    text no installed font can print. Prints one line per lesson: its statements by kind,
    or every problem found.
    """
    from medialit.build.checking import check_lesson
    from medialit.drafting.review import review_warnings
    from medialit.lesson.model import KIND_ORDER
    from medialit.lesson.reading import find_lessons

    files = find_lessons(lessons or (Path("lessons"),))
    if not files:
        raise click.UsageError("no lesson files (*.yaml) found; name a lesson or a folder.")
    # The settings are checked as a build checks them, so check and build agree.
    configuration = SettingsChoice().configuration()
    failed = 0
    for file in files:
        try:
            settled = check_lesson(file, configuration, strict)
        except MedialitError as exc:
            failed += 1
            echo(f"Error: {exc}", err=True)
            continue
        for message in settled.warnings:  # as build says them, before anything else
            echo(f"Warning: {message}", err=True)
        checked = settled.checked
        counts = checked.count_by_kind()
        summary = ", ".join(f"{counts[kind]} {kind.value}" for kind in KIND_ORDER)
        echo(f"{file}: OK: {len(checked.statements)} statements ({summary})")
        for warning in review_warnings(checked):
            echo(f"Warning: {warning}", err=True)
    if failed:
        echo(f"{failed} of {len(files)} lessons have problems.", err=True)
        sys.exit(EXIT_INPUT)


def _checked(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--name`` and ``--language`` checked before the source is read: a usage error."""
    from medialit.drafting.naming import language_problem, name_problem

    if value is None:
        return None
    problem = name_problem(value) if param.name == "name" else language_problem(value)
    if problem:
        raise click.BadParameter(problem, ctx, param)
    return value


@click.command()
@click.argument("source")
@click.option(
    "--name",
    callback=_checked,
    help="The lesson's file name, without .yaml (default: from the title).",
)
@click.option("--no-suggest", is_flag=True, help="Write no suggested statements.")
@click.option(
    "--language",
    default="en",
    show_default=True,
    callback=_checked,
    help="The article's language (BCP 47 tag).",
)
@handle_errors
def new(source: str, name: str | None, no_suggest: bool, language: str) -> None:
    """Draft lessons/<name>.yaml from SOURCE: a saved web page, a .txt or .md file, or - (stdin).

    Keeps SOURCE unchanged in seeds/ and suggests statements, each marked draft: true.
    """
    from medialit.drafting.new import new_lesson  # trafilatura and pysbd load only for this command

    made = new_lesson(
        source,
        sys.stdin.buffer,
        WORKING_FOLDER,
        name=name,
        with_suggestions=not no_suggest,
        language=language,
    )
    echo(
        f"wrote {made.lesson} ({len(made.suggestions)} draft statements; "
        f"source kept as {made.seed})"
    )
    if made.left_out:
        echo(
            f"Warning: {made.left_out:,} more sentences with cue words were not suggested: a "
            f"lesson holds at most {len(made.suggestions):,} statements; to draft them all, "
            "split the article into several lessons.",
            err=True,
        )
    gaps = f", fill in {', '.join(made.gaps)}" if made.gaps else ""
    task = "confirm or change each draft statement" if made.suggestions else "add statements"
    echo(
        f"Next: read {made.lesson}, {task}{gaps}, "
        f"then run: medialit check {made.lesson} && medialit build {made.lesson}"
    )


@click.command()
@click.argument("lesson", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port (default: any free).")
@click.option("--no-open", is_flag=True, help="Do not open the browser.")
@settings_options
@handle_errors
def preview(
    lesson: Path | None,
    port: int,
    no_open: bool,
    settings_choice: SettingsChoice,
) -> None:
    """Show LESSON's article and pages in the browser; mark statements there; live on save."""
    from medialit.preview import choose_lesson, serve  # the web server loads only for this command

    configuration = settings_choice.configuration()
    serve(choose_lesson(lesson), configuration, port=port, open_browser=not no_open, echo=echo)
