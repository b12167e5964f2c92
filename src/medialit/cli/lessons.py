"""The commands that draft a lesson (``new``) and show it (``preview``); ``check`` is
:mod:`medialit.cli.check`'s, so that a check defines none of their options."""

from __future__ import annotations

import filecmp
import sys
from pathlib import Path

import click

from medialit.cli.common import (
    WORKING_FOLDER,
    SettingsChoice,
    collector_paused,
    echo,
    handle_errors,
    settings_options,
)
from medialit.errors import MedialitError, Problem


def _checked(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--name`` and ``--language`` checked before the source is read: a usage error."""
    from medialit.drafting.naming import language_problem, name_problem

    if value is None:
        return None
    problem = name_problem(value) if param.name == "name" else language_problem(value)
    if problem:
        raise click.BadParameter(problem, ctx, param)
    return value


# One definition each, for preview and for new --preview, so both mean the same.
port_option = click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="Port (default: any free)."
)
no_open_option = click.option("--no-open", is_flag=True, help="Do not open the browser.")


@click.command()
@click.argument("source")
@click.option(
    "--name",
    callback=_checked,
    help="The lesson's file name, without .yaml (default: from the title).",
)
@click.option("--no-suggest", is_flag=True, help="Write no suggested statements.")
@click.option(
    "--statements",
    type=click.IntRange(min=1),
    metavar="N",
    help="How many draft statements to suggest (default: about 12, 8 to 12 on a short article, "
    "more on a long one; the rest are kept as candidates).",
)
@click.option(
    "--language",
    default="en",
    show_default=True,
    callback=_checked,
    help="The article's language (BCP 47 tag).",
)
@click.option("--offline", is_flag=True, help="Fetch nothing: refuse a web address.")
@click.option(
    "--allow-local",
    is_flag=True,
    help="Also fetch from this computer or a private network (127.0.0.1, 192.168.x.x…).",
)
@click.option(
    "--preview",
    "then_preview",
    is_flag=True,
    help="Then open the new lesson in medialit preview, to review its drafts there "
    "(--port and --no-open as for medialit preview).",
)
@port_option
@no_open_option
@handle_errors
def new(
    source: str,
    name: str | None,
    no_suggest: bool,
    statements: int | None,
    language: str,
    offline: bool,
    allow_local: bool,
    then_preview: bool,
    port: int,
    no_open: bool,
) -> None:
    """Draft lessons/<name>.yaml from SOURCE: a web address (https://…), a saved web page,
    a .txt or .md file, or - (stdin).

    Keeps SOURCE unchanged in seeds/ (a web page as the site sent it) and suggests
    statements, each marked draft: true.
    """
    from medialit.drafting.new import Fetching, new_lesson  # trafilatura loads only for this

    if not then_preview and (port or no_open):
        given = "--port" if port else "--no-open"
        raise click.UsageError(f"{given} is for the preview: add --preview, or leave {given} out.")
    from medialit.drafting.reading import is_web_address

    forbidden = "--offline" if offline else None
    # The settings are read only for an address: a saved file needs none of them.
    if not forbidden and is_web_address(source) and _offline_setting():
        forbidden = "offline = true in medialit.toml"
    # Drafting loads trafilatura, pysbd and the cues: the collector is paused while it does
    # (it would go over their objects again and again, finding nothing), and left out of
    # Python's collections at exit.
    with collector_paused():
        made = new_lesson(
            source,
            sys.stdin.buffer,
            WORKING_FOLDER,
            name=name,
            with_suggestions=not no_suggest,
            language=language,
            statements=statements,
            fetching=Fetching(forbidden, allow_local),
        )
    if made.fetched is not None:
        fetched = made.fetched
        via = f", redirected from {fetched.requested}" if fetched.url != fetched.requested else ""
        echo(f"fetched {fetched.url} ({len(fetched.data):,} bytes{via})")
    if made.blocked:
        echo(
            f"Warning: {made.blocked}: the page may hold only the start of the article; if "
            "so, open it in your browser (logged in), save it there and run medialit new on "
            "the saved file.",
            err=True,
        )
    echo(
        f"wrote {made.lesson} ({len(made.suggestions)} draft statements; "
        f"source kept as {made.seed})"
    )
    if twin := _drafted_before(made.seed, made.lesson):
        echo(
            f"Note: {twin} was drafted from the same source before; {made.lesson} is a second "
            "lesson beside it (delete one if that was not meant).",
            err=True,
        )
    if not no_suggest and not made.suggestions:
        _say_if_no_cues(language, made.lesson)
    if made.left_out:
        echo(
            f"Warning: {made.left_out:,} more statements asked for were not drafted: a "
            f"lesson holds at most {len(made.suggestions):,} statements; to draft them all, "
            "split the article into several lessons.",
            err=True,
        )
    gaps = f", fill in {', '.join(made.gaps)}" if made.gaps else ""
    task = "confirm or change each draft statement" if made.suggestions else "add statements"
    if made.questions or made.plan:
        task += ", accept or change the suggested discussion questions and plan"
    # With --preview the teacher does it in the page, not in the file; with --no-open too,
    # where nothing opens (a newcomer waited for a page "that opens").
    page = "in the page that opens" if not no_open else "in the page at the address below"
    where = page if then_preview else f"read {made.lesson}"
    stop = ", stop the preview (Ctrl-C)" if then_preview else ""
    echo(
        f"Next: {where}, {task}{gaps}{stop}, "
        f"then run: medialit check {made.lesson} && medialit build {made.lesson}"
    )
    if then_preview:
        from medialit.preview import serve

        serve(
            made.lesson,
            SettingsChoice().configuration(),
            port=port,
            open_browser=not no_open,
            echo=echo,
        )


def _say_if_no_cues(language: str, lesson: Path) -> None:
    """Say why a lesson got no drafts when no cues file reads its language."""
    from importlib import resources

    from medialit.drafting.wording import CUES_FOLDER, load_cues
    from medialit.settings.languages import join_list

    if load_cues(language, WORKING_FOLDER) is not None:
        return
    folders = [resources.files("medialit").joinpath(CUES_FOLDER), WORKING_FOLDER / CUES_FOLDER]
    known = sorted(
        {
            file.name.removesuffix(".yaml")
            for folder in folders
            if folder.is_dir()
            for file in folder.iterdir()
            if file.name.endswith(".yaml")
        }
    )
    base = language.split("-")[0].lower()
    echo(
        f"Warning: medialit new drafts statements only in {join_list(known, 'en')} (one "
        f"cues/<language>.yaml file each), not in {language}: {lesson} was made without "
        f"draft statements. Add its statements in medialit preview {lesson}, or write "
        f"cues/{base}.yaml in this folder (docs/customising.md says how), move {lesson} "
        "away and run medialit new again.",
        err=True,
    )


def _offline_setting() -> bool:
    return SettingsChoice().configuration().resolve().settings.offline


@click.command()
@click.argument("lesson", required=False, type=click.Path(dir_okay=False, path_type=Path))
@port_option
@no_open_option
@settings_options
@handle_errors
def preview(
    lesson: Path | None,
    port: int,
    no_open: bool,
    settings_choice: SettingsChoice,
) -> None:
    """Show LESSON's article and pages in the browser; mark statements there; live on save.

    LESSON may also be a saved web page or a text file: medialit new drafts a lesson from it
    first (into lessons/), and the preview shows that.
    """
    from medialit.preview import choose_lesson, serve  # the web server loads only for this command

    configuration = settings_choice.configuration()
    if lesson is not None and lesson.suffix.lower() not in LESSON_SUFFIXES and lesson.is_file():
        lesson = _drafted(lesson)
    serve(choose_lesson(lesson), configuration, port=port, open_browser=not no_open, echo=echo)


LESSON_SUFFIXES = (".yaml", ".yml")


def _drafted(source: Path) -> Path:
    """The lesson ``medialit new`` drafts from ``source`` (a saved page, a text file)."""
    from medialit.drafting.new import LessonExists, new_lesson

    try:
        made = new_lesson(str(source), sys.stdin.buffer, WORKING_FOLDER)
    except LessonExists as exc:
        raise MedialitError(
            Problem(
                f"this lesson exists already (drafted from {source} before, perhaps), and "
                "medialit new never overwrites one; to go on with it, run: medialit preview "
                f"{exc.path} (for a fresh draft, move it away and run this again).",
                exc.path,
            )
        ) from None
    echo(
        f"{source} is not a lesson file, so medialit new drafted one from it: wrote "
        f"{made.lesson} ({len(made.suggestions)} draft statements; source kept as {made.seed})"
    )
    return made.lesson


def _drafted_before(seed: Path, lesson: Path) -> Path | None:
    """Another lesson of ``lesson``'s folder whose kept source has ``seed``'s bytes: ``new
    --name`` on a page drafted before makes a second lesson without a word otherwise."""
    for other in sorted(seed.parent.iterdir()):
        twin = lesson.with_name(other.stem + lesson.suffix)
        if other == seed or twin == lesson or not twin.is_file() or not other.is_file():
            continue
        if filecmp.cmp(other, seed, shallow=False):  # sizes first, then the bytes
            return twin
    return None
