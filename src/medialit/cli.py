"""The ``medialit`` command: the group that gathers the commands, in a teacher's order.

Each command lives in a module by what it is about (``cli_sheets``, ``cli_lessons``,
``cli_folder``) and shares the options, printing and exit codes of ``cli_common``.
Exit codes: 0 success, 1 a lesson, template or other input is wrong, 2 bad usage.
"""

from __future__ import annotations

import signal

import click

from . import __version__
from .cli_folder import clean, config, init, templates
from .cli_lessons import check, new, preview
from .cli_sheets import build, export_quiz


def _stop_on_terminate(signum: int, frame: object) -> None:
    # SIGTERM (kill, a closing terminal's session) unwinds like Ctrl-C, so that
    # temporary files are removed on the way out.
    raise KeyboardInterrupt


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


for command in (new, preview, check, build, export_quiz, init, config, templates, clean):
    main.add_command(command)
