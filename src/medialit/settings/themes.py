"""Themes, and the template search path they are part of.

A theme is a folder of templates, stylesheets, fonts and images, with an
optional ``theme.toml`` of settings. Templates are looked for in the
teacher's folder first, then the theme's, then medialit's built-in set;
``default`` is the built-in set alone.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from medialit.errors import closest

DEFAULT_THEME = "default"
THEME_SETTINGS_FILE = "theme.toml"
TEACHER = "teacher's folder"
THEME = "theme"


class NoSuchTheme(LookupError):
    """A theme that is neither built in nor a folder that can be read; the message says why."""


def builtin_themes() -> list[str]:
    """The names of the themes medialit ships (``default`` is the built-in templates alone)."""
    folder = resources.files("medialit") / "themes"
    return [DEFAULT_THEME, *sorted(t.name for t in folder.iterdir() if t.is_dir())]


def no_such_theme(name: str) -> str:
    """What to say of a theme that is neither built in nor a folder: the name as typed (a
    name given on the command line reaches here as a path in the working folder)."""
    given, here = Path(name), Path.cwd()
    bare = given.parent == here  # a name, not a folder's path
    typed = str(given.relative_to(here)) if given.is_relative_to(here) else name
    themes = builtin_themes()
    close = closest(given.name, themes) if bare else None
    if close:
        return f'there is no theme "{typed}"; did you mean "{close}"?'
    return (
        f'there is no theme "{typed}": give a folder of templates, or one of the built-in '
        f"themes ({', '.join(themes)})."
    )


def find_theme(name: str) -> Path | None:
    """The folder of theme ``name`` (a built-in name or a folder), or ``None`` for the default."""
    if name == DEFAULT_THEME:
        return None
    if name in builtin_themes():
        return Path(str(resources.files("medialit") / "themes" / name))
    folder = Path(name)
    if not folder.is_dir():
        raise NoSuchTheme(no_such_theme(name))
    try:
        # Its theme.toml and templates are read later, where less can be said.
        with os.scandir(folder):
            pass
        os.stat(folder / THEME_SETTINGS_FILE)
    except FileNotFoundError:
        pass  # a theme may have no settings
    except OSError as exc:
        raise NoSuchTheme(
            f'the theme folder "{name}" cannot be read ({exc.strerror}); check its permissions, '
            "or choose another theme."
        ) from None
    return folder


# A NamedTuple, defined ten times quicker than a frozen dataclass (on every check's path): read
# by its fields, never compared with other tuples, never given to a template.
class SearchPath(NamedTuple):
    """Where templates are looked for before the built-in set, first match winning."""

    teacher: Path | None = None
    """The teacher's folder: ``--templates DIR`` or the working folder's ``templates/``."""
    theme: Path | None = None
    """The theme's folder; ``None`` for the default theme (the built-in set alone)."""

    def labelled(self) -> list[tuple[str, Path]]:
        """Each folder in search order, with what it is: the teacher's folder or the theme."""
        folders = [(TEACHER, self.teacher), (THEME, self.theme)]
        return [(label, folder) for label, folder in folders if folder is not None]

    def folders(self) -> list[Path]:
        """The folders in search order."""
        return [folder for _, folder in self.labelled()]
