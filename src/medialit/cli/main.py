"""The ``medialit`` command: the group that gathers the commands, in a teacher's order.



Exit codes: 0 success, 1 a lesson, template or other input is wrong, 2 bad usage.
"""

from __future__ import annotations

import importlib
import signal
from collections.abc import Mapping
from typing import Any, cast

import click

from medialit import __version__


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
    "mark",
    "marks",
    "init",
    "config",
    "templates",
    "clean",
)
"""Commands in the order a teacher meets them: write a lesson, look, check, print, share,
mark."""

COMMANDS = {
    "new": "medialit.cli.lessons:new",
    "preview": "medialit.cli.lessons:preview",
    "check": "medialit.cli.check:check",
    "build": "medialit.cli.sheets:build",
    "export": "medialit.cli.sheets:export_quiz",
    "mark": "medialit.cli.marking:mark",
    "marks": "medialit.cli.marks:marks",
    "init": "medialit.cli.folder:init",
    "config": "medialit.cli.folder:config",
    "templates": "medialit.cli.folder:templates",
    "clean": "medialit.cli.folder:clean",
}
"""Where each command is defined: a command's module is imported only when it runs (or for
--help), so that `medialit check` does not define every other command's options."""


class TeachersOrderGroup(click.Group):
    """Lists the known commands in a teacher's order, then any others alphabetically.

    ``lazy_commands`` names commands as ``module:attribute`` in this package, loaded on use.
    """

    def __init__(
        self, *args: Any, lazy_commands: Mapping[str, str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = sorted({*super().list_commands(ctx), *self.lazy_commands})
        known = [name for name in TEACHERS_ORDER if name in names]
        return known + [name for name in names if name not in TEACHERS_ORDER]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands:
            self._load(cmd_name)
        elif cmd_name not in self.commands:
            for name in self.lazy_commands:  # an unknown name: "did you mean" needs them all
                self._load(name)
        return super().get_command(ctx, cmd_name)

    def _load(self, name: str) -> None:
        if name not in self.commands:
            module, attribute = self.lazy_commands[name].split(":")
            command = getattr(importlib.import_module(module), attribute)
            self.add_command(cast(click.Command, command), name)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    commands = ", ".join(main.list_commands(ctx))
    click.echo(f"medialit, version {__version__}")
    click.echo(f"Commands: {commands} (medialit --help says what each does).")
    ctx.exit()


@click.group(
    cls=TeachersOrderGroup,
    lazy_commands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
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
