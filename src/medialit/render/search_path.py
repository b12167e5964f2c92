"""Where templates are found: the search path, as Jinja loaders.

Templates are searched in an explicit list of folders, first match wins:
the teacher's folder (``--templates DIR`` or the working folder's
``templates/``), then the theme's folder, then the built-in set. A template
may extend the version of itself that it replaces: ``!theme/student.html``
is the theme's (or the built-in one when the theme has none), and
``!student.html`` the built-in one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2

from medialit.errors import Problem, TemplateError
from medialit.files import decode_text

BUILTIN_PREFIX = "!"
THEME_PREFIX = "!theme/"
NOT_UTF8 = "this template is not UTF-8 text; save it as UTF-8."


class _FolderLoader(jinja2.BaseLoader):
    """Templates in a teacher's folders (or a theme's), first match winning.

    A shared folder is untrusted: a template in it that is a link to a file
    outside the folder is refused, never read, and a template that cannot be
    read is an error rather than silently replaced by the built-in one.
    """

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = list(folders)
        self.listing = jinja2.FileSystemLoader([str(f) for f in folders])

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        places = self.places(template)
        for number, (folder, path) in enumerate(zip(self.folders, places, strict=True)):
            found = _teacher_template(folder, path)
            if found is not None:
                source, name, uptodate = found
                return source, name, _unless_any(places[:number], uptodate)
        raise jinja2.TemplateNotFound(template)

    def places(self, template: str) -> list[Path]:
        """Where ``template`` would be, in each folder in turn."""
        pieces = jinja2.loaders.split_template_path(template)  # refuses ".."
        return [folder.joinpath(*pieces) for folder in self.folders]

    def list_templates(self) -> list[str]:
        return self.listing.list_templates()


class SearchPathLoader(jinja2.BaseLoader):
    """Teacher folders first, then the built-in set.

    ``!theme/name`` starts the search at the theme (then the built-in set);
    ``!name`` goes straight to the built-in set.
    """

    def __init__(self, folders: Sequence[Path], theme: Path | None = None) -> None:
        self.teacher = _FolderLoader(folders)
        self.theme = _FolderLoader([theme] if theme is not None else [])
        self.builtin = jinja2.PackageLoader("medialit", "templates")

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template.startswith(THEME_PREFIX):
            return self._first(environment, template[len(THEME_PREFIX) :], self.theme)
        if template.startswith(BUILTIN_PREFIX):
            return self.builtin.get_source(environment, template[len(BUILTIN_PREFIX) :])
        return self._first(environment, template, self.teacher)

    def _first(
        self, environment: jinja2.Environment, template: str, loader: _FolderLoader
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        try:
            return loader.get_source(environment, template)
        except jinja2.TemplateNotFound:
            source, name, uptodate = self.builtin.get_source(environment, template)
            return source, name, _unless_any(loader.places(template), uptodate)

    def list_templates(self) -> list[str]:
        return sorted(set(self.teacher.list_templates()) | set(self.builtin.list_templates()))

    def is_builtin(self, environment: jinja2.Environment, template: str) -> bool:
        """Whether ``template`` is medialit's own: no teacher's folder has one of that name."""
        found = self.get_source(environment, template)[1]
        return found == self.builtin.get_source(environment, template)[1]


def _unless_any(places: Sequence[Path], uptodate: Callable[[], bool] | None) -> Callable[[], bool]:
    """``uptodate``, and no file come meanwhile at ``places``, which the search looks at
    first: a template a teacher adds while the preview runs replaces the one it compiled."""

    def still() -> bool:
        return not any(os.path.lexists(place) for place in places) and (
            uptodate is None or uptodate()
        )

    return still


def _teacher_template(folder: Path, path: Path) -> tuple[str, str, Callable[[], bool]] | None:
    """The source of ``path`` in a teacher's ``folder``, None if absent; refuse what leaves it."""
    try:
        if not os.path.lexists(path):
            os.listdir(folder)  # an unreadable folder hides its files: say so
            return None
        real = path.resolve()
        if not real.is_relative_to(folder.resolve()):
            raise TemplateError(
                Problem(
                    f"this template is a link to {real}, outside its folder {folder}; a template "
                    "may only use files inside its own folder, so copy the file in instead.",
                    file=path,
                )
            )
        if not real.is_file():
            return None
        data = real.read_bytes()
        modified = real.stat().st_mtime
    except OSError as exc:
        raise TemplateError(
            unreadable(Path(exc.filename) if exc.filename else path, folder, exc.strerror)
        ) from None
    # The one UTF-8 reader: a byte-order mark is dropped, a bad byte is named by its line.
    source = decode_text(data, path, TemplateError, NOT_UTF8)

    def uptodate() -> bool:
        try:
            return real.stat().st_mtime == modified
        except OSError:
            return False

    return source, str(path), uptodate


def unreadable(path: Path, folder: Path, reason: str | None) -> Problem:
    """``path`` (a template, or its ``folder`` itself) cannot be read, for ``reason``."""
    if path == folder:
        return Problem(
            f"this folder of templates cannot be read ({reason}); check its permissions, or "
            "move it away to use the built-in templates.",
            file=folder,
        )
    return Problem(
        f"this template or its folder cannot be read ({reason}); check their permissions, "
        "or move the template away to use the built-in one.",
        file=path,
    )
