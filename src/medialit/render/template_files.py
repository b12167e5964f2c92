"""The template files themselves, for ``medialit templates``: list them, export the built-ins.

``templates list`` shows which file each template name comes from (the
teacher's folder, the theme, or the built-in set); ``templates export``
copies built-in templates out to start from, never over a teacher's file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from medialit.errors import MedialitError, Problem, TemplateError, closest
from medialit.render.search_path import unreadable

TEMPLATE_SUFFIXES = (".html", ".css")
BUILTIN = "built-in"


def builtin_templates() -> list[str]:
    """The names of the built-in templates and stylesheets."""
    folder = resources.files("medialit") / "templates"
    return sorted(t.name for t in folder.iterdir() if t.name.endswith(TEMPLATE_SUFFIXES))


def template_origins(folders: Sequence[tuple[str, Path]]) -> list[tuple[str, str]]:
    """Every template and stylesheet in use, and where it comes from.

    ``folders`` is the search path before the built-in set, as for
    :func:`make_environment`, each with a label (``teacher's folder``, ``theme``).
    A folder or template that cannot be read is a :class:`TemplateError`, as in a build.
    """
    names = set(builtin_templates())
    problems: list[Problem] = []
    for _, folder in folders:
        try:
            names |= _templates_in(folder)
        except OSError as exc:
            problems.append(unreadable(folder, folder, exc.strerror))
    if problems:
        raise TemplateError(problems)
    result = []
    for name in sorted(names):
        origin = BUILTIN
        for label, folder in folders:
            try:
                if (folder / name).is_file():
                    with (folder / name).open("rb"):
                        pass  # build will read it: say now if it cannot
                    origin = f"{label}: {folder / name}"
                    break
            except OSError as exc:
                problems.append(unreadable(folder / name, folder, exc.strerror))
                break
        result.append((name, origin))
    if problems:
        raise TemplateError(problems)
    return result


def _templates_in(folder: Path) -> set[str]:
    """The templates in a teacher's ``folder`` (or a theme's)."""
    os.listdir(folder)  # rglob passes over a folder it cannot read: say so, as build does
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in TEMPLATE_SUFFIXES
    }


def export_templates(target: Path, names: Sequence[str] = ()) -> list[Path]:
    """Copy built-in templates (all, or ``names``) into ``target`` to start from.

    Refuses to overwrite a file, so a teacher's edits are never lost.
    """
    available = builtin_templates()
    unknown = [n for n in names if n not in available]
    if unknown:
        raise MedialitError(
            [
                Problem(
                    f'there is no built-in template "{name}"; '
                    f"{_did_you_mean(name, available)}Run medialit templates list to see them all."
                )
                for name in unknown
            ]
        )
    chosen = list(names) or available
    try:
        existing = [target / n for n in chosen if (target / n).exists()]
    except OSError as exc:  # a folder on the way that may not be read
        raise MedialitError(_cannot_write(target, exc.strerror)) from None
    if existing:
        raise MedialitError(
            [
                Problem("already exists; move it away or export into another folder.", file=p)
                for p in existing
            ]
        )
    files = {
        name: (resources.files("medialit") / "templates" / name).read_bytes() for name in chosen
    }
    _write_new_files(target, files)
    return [target / name for name in chosen]


def _write_new_files(target: Path, files: dict[str, bytes]) -> None:
    """Write every file, or none: each goes to a temporary first (a full disk leaves nothing)."""
    created = not target.exists()
    staged: list[tuple[Path, Path]] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            handle, temporary_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=target)
            staged.append((Path(temporary_name), target / name))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
        for temporary, final in staged:
            os.replace(temporary, final)
    except OSError as exc:
        raise MedialitError(_cannot_write(target, exc.strerror)) from None
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        if created and target.is_dir() and not any(target.iterdir()):
            target.rmdir()


def _cannot_write(target: Path, reason: str | None) -> Problem:
    return Problem(
        f"cannot write the templates here ({reason}); check the folder's permissions and free "
        "space, or export into another folder.",
        file=target,
    )


def _did_you_mean(name: str, choices: Sequence[str]) -> str:
    close = closest(name, choices)
    return f'did you mean "{close}"? ' if close else ""
