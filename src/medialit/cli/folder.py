"""The commands about a working folder: start one, see its settings and templates, clean it."""

from __future__ import annotations

from pathlib import Path

import click

from medialit.cli.common import (
    SettingsChoice,
    echo,
    handle_errors,
    settings_options,
)
from medialit.cli.summary import written


@click.command()
@click.argument("lesson", required=False, type=click.Path(dir_okay=False, path_type=Path))
@settings_options
@handle_errors
def config(
    lesson: Path | None,
    settings_choice: SettingsChoice,
) -> None:
    """Print the settings in force and where each value comes from.

    With a LESSON, include its worksheet: table and its language's words. Origins:
    default, language (a built-in catalogue of words), theme, file (medialit.toml or
    --settings), lesson, command line (--set, --theme). The output is TOML that can be
    pasted into a settings file.
    """
    from medialit.settings.checks import read_lesson_with_settings
    from medialit.settings.printout import describe

    configuration = settings_choice.configuration()
    checked = read_lesson_with_settings(lesson) if lesson else None
    resolved = (
        configuration.resolve(checked.worksheet, checked.own_language, checked.file)
        if checked
        else configuration.resolve()
    )
    echo(describe(resolved), nl=False)


@click.command()
@click.argument("folder", type=click.Path(file_okay=True, path_type=Path))
@handle_errors
def init(folder: Path) -> None:
    """Make FOLDER a new working folder: lessons/, seeds/, templates/ and medialit.toml."""
    from medialit.cli.starter import ADVANCED_LESSON, FIRST_LESSON, make_working_folder

    created = make_working_folder(folder)
    made = "this folder" if folder == Path(".") else folder
    echo(f"Made {made} with {len(created)} files: lessons/, seeds/, templates/ and medialit.toml.")
    echo(f"Start with {Path('lessons', FIRST_LESSON)}, a short local news story.")
    echo(
        f"{Path('lessons', ADVANCED_LESSON)} is a long, advanced example: an opinion piece "
        "on the war in Syria, from outlets that the US government describes as part of Russia's "
        "disinformation network; it mentions deaths and executions. Read lessons/README.md "
        "before teaching it."
    )
    here = folder.resolve() == Path.cwd().resolve()
    echo("Next: run medialit build." if here else f"Next: cd {folder} and run medialit build.")


@click.command()
@click.argument(
    "folder", required=False, default=".", type=click.Path(file_okay=False, path_type=Path)
)
@click.option("--quiet", is_flag=True, help="Say nothing when all went well.")
@handle_errors
def clean(folder: Path, quiet: bool) -> None:
    """Remove FOLDER's outputs (build/) and the layouts its builds kept in the cache.

    FOLDER is a working folder (default: the current one). Only the lesson folders
    medialit made in build/ are removed; anything else there is left and named. The
    next build lays every document out again.
    """
    from medialit.build.clean import clean_working_folder

    cleaned = clean_working_folder(folder)
    for line in cleaned.summary():
        if not quiet:
            echo(line)
    for warning in cleaned.warnings:
        echo(f"Warning: {warning}", err=True)


@click.group()
def templates() -> None:
    """See and copy the templates that shape the sheets."""


@templates.command("list")
@settings_options
@handle_errors
def list_templates(
    settings_choice: SettingsChoice,
) -> None:
    """Every template and stylesheet in use, and where it comes from."""
    from medialit.render.template_files import template_origins

    configuration = settings_choice.configuration()
    folders = configuration.labelled_template_folders(configuration.resolve())
    origins = template_origins(folders)
    width = max(len(name) for name, _ in origins)
    for name, origin in origins:
        echo(f"{name:<{width}}  {origin}")


@templates.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.argument("names", nargs=-1)
@handle_errors
def export(folder: Path, names: tuple[str, ...]) -> None:
    """Copy the built-in templates (all, or NAMES) into FOLDER to start from."""
    from medialit.render.template_files import export_templates

    echo(written(export_templates(folder, names)))
