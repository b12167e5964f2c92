"""The Jinja environment: a strict sandbox over the template search path, and rendering.

The environment finds templates through :mod:`medialit.render.search_path`
(teacher's folder, then theme, then the built-in set) and gives them the
filters and functions of :mod:`medialit.render.filters`. Rendering is
bounded (a template that writes too much or runs too long is stopped), and
every mistake in a template is reported with its file and line.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError

from medialit.errors import Problem, TemplateError
from medialit.render.filters import asset_finder, css_string, paragraphs, quoted
from medialit.render.sandbox import MAX_RENDER_CHARS, TemplateSandbox
from medialit.render.search_path import SearchPathLoader

# A shared template that loops for hours is stopped with a message naming it. The
# built-in templates render a lesson at the size limits in about a second.
RENDER_SECONDS = 60.0


class _RenderStopped(Exception):
    """A template ran past a rendering limit."""


class _CompiledOnce(jinja2.BytecodeCache):
    """Each template's compiled code, kept in this process for every environment.

    An environment is made per search path (:func:`environment`), and each compiled the
    built-in templates afresh: 0.2 s of CPU a build, a check or a preview's worker, and a
    preview's workers are forked from one process that compiles them before (see
    ``preview/forked.py``). Kept by the environment's class and the template's name, file
    and source (Jinja's key and checksum), in memory only: nothing is read back from disk,
    where anyone who could write to the cache would run code. Every environment here has
    the same settings, which is what the code depends on.
    """

    LIMIT = 256  # a teacher editing a template in the preview adds one a save

    def __init__(self) -> None:
        self._code: dict[tuple[type, str, str], Any] = {}
        self._lock = threading.Lock()  # the preview renders in several threads

    @staticmethod
    def _key(bucket: jinja2.bccache.Bucket) -> tuple[type, str, str]:
        # The environment's class too: a sandbox's code calls through its checks.
        return (type(bucket.environment), bucket.key, bucket.checksum)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        bucket.code = self._code.get(self._key(bucket))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with self._lock:
            if len(self._code) >= self.LIMIT:
                self._code.pop(next(iter(self._code)), None)
            self._code[self._key(bucket)] = bucket.code


_COMPILED = _CompiledOnce()


def make_environment(folders: Sequence[Path] = (), theme: Path | None = None) -> jinja2.Environment:
    """A strict, sandboxed environment: autoescaped HTML, undefined variables raise.

    ``folders`` is the search path before the built-in set, first match winning:
    the teacher's templates folder, then the theme's (``theme``, which
    ``!theme/`` names). Teachers share template folders, so a template is
    untrusted: the sandbox (:mod:`medialit.render.sandbox`) lets it read data
    and call only a short list of harmless methods, so that
    ``{{ settings.parse_raw(...) }}`` or ``{{ cycler.__init__.__globals__.os }}``
    cannot run code.
    """
    env = TemplateSandbox(
        loader=SearchPathLoader(folders, theme),
        autoescape=jinja2.select_autoescape(["html", "htm"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_COMPILED,
    )
    env.filters["css_string"] = css_string
    env.filters["paragraphs"] = paragraphs
    env.filters["quoted"] = quoted
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


def compile_builtin() -> None:
    """Compile every built-in template now (for a process that forks others that use them)."""
    env = environment()
    for name in env.list_templates():
        env.get_template(name)


def builtin_templates_only(env: jinja2.Environment, names: Sequence[str]) -> bool:
    """Whether each of ``names`` is medialit's own template (none is the teacher's)."""
    loader = env.loader
    return isinstance(loader, SearchPathLoader) and all(
        loader.is_builtin(env, name) for name in names
    )


def template_variables(context: Any) -> dict[str, Any]:
    """A context's fields as top-level template variables (shallow: objects stay typed)."""
    return {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}


def render_context(env: jinja2.Environment, name: str, context: Any) -> str:
    """Render template ``name`` with a typed context's fields as its variables."""
    return render(env, name, template_variables(context))


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the code inside after ``seconds`` (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise _RenderStopped(f"it ran for more than {seconds:g} seconds")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _render_bounded(template: jinja2.Template, context: dict[str, Any]) -> str:
    """Render, stopping a template that writes too much or runs too long."""
    deadline = time.monotonic() + RENDER_SECONDS
    parts: list[str] = []
    size = 0
    with _time_limit(RENDER_SECONDS):
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_RENDER_CHARS:
                raise _RenderStopped(f"it wrote more than {MAX_RENDER_CHARS:,} characters")
            if time.monotonic() > deadline:
                raise _RenderStopped(f"it ran for more than {RENDER_SECONDS:g} seconds")
            parts.append(chunk)
    return "".join(parts)


def render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render template ``name``; a mistake in it becomes a :class:`TemplateError`."""
    template: jinja2.Template | None = None
    try:
        template = env.get_template(name)
        return _render_bounded(template, context)
    except _RenderStopped as exc:
        file, line = _template_frame(exc.__traceback__)
        if file is None:  # stopped between two pieces of output: name the template
            file = Path(template.filename if template and template.filename else name)
        raise TemplateError(
            Problem(
                f"the template was stopped: {exc}. A worksheet never needs that; fix the "
                "template's loops, or remove it to use the built-in one.",
                file=file,
                line=line,
            )
        ) from None
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
