"""What every command shares: the settings options, safe printing, errors to exit codes.

Exit codes: 0 success, 1 a lesson, template or other input is wrong, 2 bad usage.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gc
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

import click

from medialit.errors import MedialitError, escape_controls

if TYPE_CHECKING:
    from medialit.settings.layers import Configuration

# Each command imports the stages it uses when it runs: `medialit check` answers in a
# fraction of a second because it never loads the templates, the build or WeasyPrint
# (see benchmarks/bench_speed.py and tests/test_check_imports.py).

EXIT_INPUT = 1

F = TypeVar("F", bound=Callable[..., Any])


def echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print a line; lesson text and file names in it may hold control characters."""
    click.echo(escape_controls(text), err=err, nl=nl)


@contextlib.contextmanager
def collector_paused() -> Iterator[Callable[[], None]]:
    """Python's cycle collector paused while a command loads its modules and settings.

    They are tens of thousands of objects that live as long as the command: in a
    `medialit check` the collector went over them some seventy times, finding nothing, for
    about a tenth of its time (benchmarks/README.md). The command calls what this yields
    once it has loaded them: they are frozen (``gc.freeze``), so that the collections of
    the work itself leave them out, and the collector runs again. On the way out they are
    unfrozen into the oldest generation, for a process that goes on (a test calling the
    command), and everything is frozen again as Python exits, so that its last collections
    do not go over them either. A command that does not call it (``new``) gets the same on
    the way out.
    """
    if not gc.isenabled() or gc.get_freeze_count():
        yield lambda: None  # someone else looks after the collector
        return
    gc.disable()
    try:
        yield _loaded
    finally:
        # Through the freeze, what was made while paused goes to the oldest generation:
        # turned on as it was, the collector would go over it all at the next allocation.
        gc.freeze()
        gc.enable()
        gc.unfreeze()
        freeze_at_exit()


def _loaded() -> None:
    gc.freeze()
    gc.enable()


def freeze_at_exit() -> None:
    """Everything frozen as Python exits, so that its last collections go over nothing.

    As it exits, Python collects over every object still alive: the modules, classes and
    data a command loaded (pydantic's, trafilatura's), in which nothing is garbage. That
    took a tenth of ``medialit new``'s refusal of an existing lesson, and of a `check`.
    Objects outside cycles are still freed as before; only the search for cycles goes, so
    a command using this writes its files whole and closed first (``files.write_atomically``).
    """
    atexit.unregister(gc.freeze)  # once, however often a command runs in one process
    atexit.register(gc.freeze)


def handle_errors(command: F) -> F:
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
            echo(f"Error: {exc}", err=True)
            sys.exit(getattr(exc, "exit_code", EXIT_INPUT))  # 2: a wrong --set or --theme
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
            echo(
                f"Error: medialit failed unexpectedly ({type(exc).__name__}: {exc}). "
                "Run again with --debug for details, and please report it.",
                err=True,
            )
            sys.exit(EXIT_INPUT)

    return wrapper  # type: ignore[return-value]


WORKING_FOLDER = Path(".")


# A NamedTuple, defined ten times quicker than a frozen dataclass (on every command's path): the
# options as given, read by their fields, never compared, never given to a template.
class SettingsChoice(NamedTuple):
    """What the settings options chose; a command asks it for the settings in force."""

    assignments: tuple[str, ...] = ()
    theme: str | None = None
    template_folder: Path | None = None
    settings_file: Path | None = None

    def configuration(self, paper: str | None = None) -> Configuration:
        """The working folder's settings layers and templates, as the options chose."""
        from medialit.settings.layers import load_configuration

        return load_configuration(
            WORKING_FOLDER,
            self.assignments,
            {"paper": paper, "theme": self.theme},
            self.template_folder,
            self.settings_file,
        )


def settings_options(command: F) -> F:
    """``--set``, ``--theme``, ``--settings`` and ``--templates``, given to ``command`` as one
    :class:`SettingsChoice` named ``settings_choice``."""

    @functools.wraps(command)
    def wrapper(
        *args: Any,
        assignments: tuple[str, ...],
        theme: str | None,
        template_folder: Path | None,
        settings_file: Path | None,
        **kwargs: Any,
    ) -> Any:
        choice = SettingsChoice(assignments, theme, template_folder, settings_file)
        return command(*args, settings_choice=choice, **kwargs)

    options = [
        click.option(
            "--set",
            "assignments",
            multiple=True,
            metavar="KEY=VALUE",
            help="Change one setting, e.g. --set font_size=14pt --set kinds.assertion.label=Claim. "
            "Wins over medialit.toml and the lesson.",
        ),
        click.option(
            "--theme",
            help="A theme: high-readability, default, or a folder of templates, CSS, fonts and "
            "images.",
        ),
        click.option(
            "--settings",
            "settings_file",
            type=click.Path(dir_okay=False, path_type=Path),
            help="A settings file to use instead of ./medialit.toml, e.g. a profile such as "
            "medialit-es.toml.",
        ),
        click.option(
            "--templates",
            "template_folder",
            type=click.Path(file_okay=False, exists=True, path_type=Path),
            help="A folder of templates searched before the theme and the built-in set "
            "(default: ./templates).",
        ),
    ]
    decorated: Callable[..., Any] = wrapper
    for option in reversed(options):
        decorated = option(decorated)
    return cast(F, decorated)
