"""The Jinja environment: where templates are found, and how their errors are reported.

Templates are searched in an explicit list of folders, first match wins:
the teacher's folders (``--templates DIR``, the working folder's
``templates/``, a theme), then the built-in set. A template may extend the
built-in version of itself with a leading ``!``: ``{% extends "!student.html" %}``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
import markupsafe
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import Problem, TemplateError

BUILTIN_PREFIX = "!"


class _BuiltinFirstLoader(jinja2.BaseLoader):
    """Teacher folders first; names starting with ``!`` go straight to the built-in set."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.teacher = jinja2.FileSystemLoader([str(f) for f in folders])
        self.builtin = jinja2.PackageLoader("medialit", "templates")

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template.startswith(BUILTIN_PREFIX):
            return self.builtin.get_source(environment, template[len(BUILTIN_PREFIX) :])
        try:
            return self.teacher.get_source(environment, template)
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


def make_environment(folders: Sequence[Path] = ()) -> jinja2.Environment:
    """A strict, sandboxed environment: autoescaped HTML, undefined variables raise.

    Teachers share template folders, so a template is untrusted: the sandbox stops
    ``{{ cycler.__init__.__globals__.os }}`` and the like from running code.
    """
    env = ImmutableSandboxedEnvironment(
        loader=_BuiltinFirstLoader(folders),
        autoescape=jinja2.select_autoescape(["html", "htm"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    env.filters["paragraphs"] = paragraphs
    return env


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
                f"the template failed: {type(exc).__name__}: {exc}. Fix this line, or remove "
                "the template to use the built-in one.",
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


def template_origins(folders: Sequence[Path]) -> list[tuple[str, str]]:
    """Every template in use and where it comes from (a folder's path, or ``built-in``)."""
    env = make_environment(folders)
    loader = env.loader
    assert isinstance(loader, _BuiltinFirstLoader)
    result = []
    for name in loader.list_templates():
        try:
            _, filename, _ = loader.teacher.get_source(env, name)
            result.append((name, str(filename)))
        except jinja2.TemplateNotFound:
            result.append((name, "built-in"))
    return result
