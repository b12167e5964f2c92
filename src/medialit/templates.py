"""The Jinja environment: where templates are found, and how their errors are reported.

Templates are searched in an explicit list of folders, first match wins:
the teacher's folder (``--templates DIR`` or the working folder's
``templates/``), then the theme's folder, then the built-in set. A template
may extend the version of itself that it replaces: ``!theme/student.html``
is the theme's (or the built-in one when the theme has none), and
``!student.html`` the built-in one. Fonts and images are found the same way
by the ``asset()`` function that templates call.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import shutil
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
import markupsafe
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import MedialitError, Problem, TemplateError, closest

BUILTIN_PREFIX = "!"
THEME_PREFIX = "!theme/"
TEMPLATE_SUFFIXES = (".html", ".css")
BUILTIN = "built-in"


class _SearchPathLoader(jinja2.BaseLoader):
    """Teacher folders first, then the built-in set.

    ``!theme/name`` starts the search at the theme (then the built-in set);
    ``!name`` goes straight to the built-in set.
    """

    def __init__(self, folders: Sequence[Path], theme: Path | None = None) -> None:
        self.teacher = jinja2.FileSystemLoader([str(f) for f in folders])
        self.theme = jinja2.FileSystemLoader([str(theme)] if theme is not None else [])
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
        self, environment: jinja2.Environment, template: str, loader: jinja2.BaseLoader
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        try:
            return loader.get_source(environment, template)
        except jinja2.TemplateNotFound:
            return self.builtin.get_source(environment, template)

    def list_templates(self) -> list[str]:
        return sorted(set(self.teacher.list_templates()) | set(self.builtin.list_templates()))


# Quote marks, backslashes and line ends would end the string; "<" and ">"
# could close the <style> element the CSS sits in ("</style>") and start HTML.
_CSS_UNSAFE = re.compile(r'["\\\n\r<>&]')


def css_string(value: Any) -> str:
    """Quote ``value`` as a CSS string, e.g. for ``content:`` in page footers.

    Safe inside an HTML ``<style>`` element: every character that could end the
    string or the element is written as a CSS escape.
    """
    text = _CSS_UNSAFE.sub(lambda m: f"\\{ord(m.group()):x} ", str(value))
    return f'"{text}"'


def paragraphs(value: Any) -> markupsafe.Markup:
    """Text with a paragraph per line (YAML's ``>-`` keeps blank lines as line breaks), escaped."""
    parts = [part.strip() for part in str(value).splitlines() if part.strip()]
    return markupsafe.Markup("").join(markupsafe.Markup("<p>{}</p>").format(part) for part in parts)


def asset_finder(folders: Sequence[Path]) -> Callable[[str], str]:
    """``asset("fonts/x.ttf")``: the URL of a file in the first folder that has it.

    Falls back to medialit's own files (``medialit:fonts/...``), which the PDF
    fetcher serves; every folder searched is one the fetcher allows.
    """

    def asset(path: str) -> str:
        parts = Path(path).parts
        if not parts or Path(path).is_absolute() or ".." in parts:
            raise LookupError(f'asset("{path}") must name a file inside a templates folder.')
        for folder in folders:
            candidate = folder / path
            if candidate.is_file():
                return candidate.resolve().as_uri()
        if resources.files("medialit").joinpath(*parts).is_file():
            return f"medialit:{Path(path).as_posix()}"
        raise LookupError(
            f'asset("{path}") found no such file in the templates folder, the theme or '
            "medialit's own files; check the name and where the file is."
        )

    return asset


def make_environment(folders: Sequence[Path] = (), theme: Path | None = None) -> jinja2.Environment:
    """A strict, sandboxed environment: autoescaped HTML, undefined variables raise.

    ``folders`` is the search path before the built-in set, first match winning:
    the teacher's templates folder, then the theme's (``theme``, which
    ``!theme/`` names). Teachers share template folders, so a template is
    untrusted: the sandbox stops ``{{ cycler.__init__.__globals__.os }}`` and the
    like from running code.
    """
    env = ImmutableSandboxedEnvironment(
        loader=_SearchPathLoader(folders, theme),
        autoescape=jinja2.select_autoescape(["html", "htm"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    env.filters["paragraphs"] = paragraphs
    env.globals["asset"] = asset_finder(folders)
    return env


@functools.cache
def _cached_environment(
    working_folder: str, folders: tuple[Path, ...], theme: Path | None
) -> jinja2.Environment:
    return make_environment(folders, theme)


def environment(folders: Sequence[Path] = (), theme: Path | None = None) -> jinja2.Environment:
    """:func:`make_environment`, made once per search path so templates compile once per process.

    Keyed by the working folder too: the folders may be relative (messages name
    them as the teacher wrote them), and ``templates/`` differs between folders.
    """
    return _cached_environment(os.getcwd(), tuple(folders), theme)


def template_variables(context: Any) -> dict[str, Any]:
    """A context's fields as top-level template variables (shallow: objects stay typed)."""
    return {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}


def render_context(env: jinja2.Environment, name: str, context: Any) -> str:
    """Render template ``name`` with a typed context's fields as its variables."""
    return render(env, name, template_variables(context))


def render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render template ``name``; a mistake in it becomes a :class:`TemplateError`."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            Problem(
                f"template syntax error: {exc.message}. Fix the template, or remove it to use "
                "the built-in one.",
                file=Path(exc.filename) if exc.filename else Path(exc.name or name),
                line=exc.lineno,
            )
        ) from None
    except jinja2.TemplateNotFound as exc:
        file, line = _template_frame(exc.__traceback__)
        raise TemplateError(
            Problem(
                f'template "{exc.name}" was not found in the templates folders or the built-in '
                "set; check the name in {% extends %}, {% include %} or {% import %}.",
                file=file,
                line=line,
            )
        ) from None
    except SecurityError as exc:
        file, line = _template_frame(exc.__traceback__)
        what = str(exc).rstrip(".")
        raise TemplateError(
            Problem(
                f"the template tried something templates may not do ({what}). Use only the "
                "variables in docs/template-context.md, and remove this template if you do not "
                "know where it came from.",
                file=file,
                line=line,
            )
        ) from None
    except jinja2.UndefinedError as exc:
        file, line = _template_frame(exc.__traceback__)
        raise TemplateError(
            Problem(
                f"{exc.message}. See docs/template-context.md for the variables a template "
                "receives.",
                file=file,
                line=line,
            )
        ) from None
    except TemplateError:
        raise
    except Exception as exc:  # a filter or expression failed inside the template
        file, line = _template_frame(exc.__traceback__)
        if file is None:
            raise
        raise TemplateError(
            Problem(
                f"the template failed: {str(exc).rstrip('.')} ({type(exc).__name__}). Fix this "
                "line, or remove the template to use the built-in one.",
                file=file,
                line=line,
            )
        ) from None


def _template_frame(tb: TracebackType | None) -> tuple[Path | None, int | None]:
    """The innermost traceback frame that belongs to a template (Jinja rewrites them)."""
    found: tuple[Path | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".htm", ".css", ".j2")):
            found = (Path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return found


def builtin_templates() -> list[str]:
    """The names of the built-in templates and stylesheets."""
    folder = resources.files("medialit") / "templates"
    return sorted(t.name for t in folder.iterdir() if t.name.endswith(TEMPLATE_SUFFIXES))


def template_origins(folders: Sequence[tuple[str, Path]]) -> list[tuple[str, str]]:
    """Every template and stylesheet in use, and where it comes from.

    ``folders`` is the search path before the built-in set, as for
    :func:`make_environment`, each with a label (``teacher's folder``, ``theme``).
    """
    names = set(builtin_templates())
    for _, folder in folders:
        names |= {
            p.relative_to(folder).as_posix()
            for p in folder.rglob("*")
            if p.is_file() and p.suffix in TEMPLATE_SUFFIXES
        }
    result = []
    for name in sorted(names):
        origin = next(
            (f"{label}: {folder / name}" for label, folder in folders if (folder / name).is_file()),
            BUILTIN,
        )
        result.append((name, origin))
    return result


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
    existing = [target / n for n in chosen if (target / n).exists()]
    if existing:
        raise MedialitError(
            [
                Problem("already exists; move it away or export into another folder.", file=p)
                for p in existing
            ]
        )
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in chosen:
        source = resources.files("medialit") / "templates" / name
        with resources.as_file(source) as path:
            shutil.copyfile(path, target / name)
        written.append(target / name)
    return written


def _did_you_mean(name: str, choices: Sequence[str]) -> str:
    close = closest(name, choices)
    return f'did you mean "{close}"? ' if close else ""
