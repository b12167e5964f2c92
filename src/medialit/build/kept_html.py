"""Keep each sheet's rendered HTML beside the kept layouts, found by everything its rendering
reads, so that a second class (a new roster) neither compiles the templates nor renders them.

A class pack's worksheets and keys are the same HTML whoever is on the roster (only the cover
and the name tags name students, and those are drawn: ``layout/drawn_pack.py``), yet a rebuild
rendered them again to find their layouts: Jinja compiling ten templates, the contexts and
Babel's locale data, a fifth of a 300-student rebuild. An entry is found by a key made of:

- the rendering's inputs as plain data (:func:`canonical`): the lesson as the level prints
  it, the settings, the variant, its versions, the copy's options, the build's numbered
  sheets and the template folders; an input that is not plain data keeps nothing (the sheets
  are rendered, as ever);
- every file in the template folders (the teacher's and the theme's: templates, stylesheets,
  the pictures and fonts ``asset()`` finds) by the hash of its bytes, and each link there
  with where it leads (:func:`folder_state`);
- each of medialit's own files by its size and modification time (its code, its built-in
  templates and files), and the versions of medialit, Jinja, MarkupSafe, Babel and Python,
  and the working folder (relative folders are read from it).

So a changed template, lesson, setting, theme file or medialit misses, and a rendering is
never served stale. The entries are kept as layouts are (``layout/cache.py``: the teacher's
alone, signed, bounded, and removed by ``medialit clean``), in a folder of their own. The
sheets of the independent level are never kept: their key measures each statement's line
with a layout of the student sheet.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path, PurePath
from typing import Any

from pydantic import BaseModel

import medialit
from medialit.layout.cache import LayoutCache, installed_version
from medialit.layout.fingerprints import fingerprint

HTML_FORMAT = "html-1"
"""The folder kept HTML goes in, beside the layouts' (and said and signed in each entry)."""
LIBRARIES = ("jinja2", "markupsafe", "babel")
"""The libraries a rendering runs, whose versions are part of its key."""
MAGIC = b"medialit kept html 1\n"
_DEPTH = 100


class HtmlCache(LayoutCache):
    """The kept HTML: entries as the layout cache keeps them, in a folder of their own."""

    format = HTML_FORMAT
    old_formats: tuple[str, ...] = ()
    suffix = ".html"


class Unkeyable(Exception):
    """An input that is not plain data: its rendering is not kept."""


def canonical(value: object, depth: int = 0) -> Any:
    """``value`` as JSON data that tells apart any two values a template could tell apart:
    each object with its class and every field (a pydantic model's, and which were set),
    dictionaries in their order, floats exactly. Anything else raises :class:`Unkeyable`."""
    if depth > _DEPTH:
        raise Unkeyable("nested too deep")
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        return ["float", repr(value)]
    name = f"{kind.__module__}.{kind.__qualname__}"
    deeper = depth + 1
    if isinstance(value, enum.Enum):
        return ["enum", name, canonical(value.value, deeper)]
    if kind in (list, tuple):
        return [name, [canonical(item, deeper) for item in value]]  # type: ignore[attr-defined]
    if kind is dict:
        pairs = value.items()  # type: ignore[attr-defined]
        return [name, [[canonical(k, deeper), canonical(v, deeper)] for k, v in pairs]]
    if kind in (set, frozenset):
        items = sorted(json.dumps(canonical(item, deeper)) for item in value)  # type: ignore[attr-defined]
        return [name, items]
    if isinstance(value, PurePath):
        return [name, str(value)]
    if isinstance(value, datetime.date | datetime.time):
        return [name, value.isoformat()]
    if isinstance(value, BaseModel):
        fields = [
            [field, canonical(getattr(value, field), deeper)] for field in type(value).model_fields
        ]
        extra = canonical(value.model_extra or {}, deeper)
        private = canonical(value.__pydantic_private__ or {}, deeper)
        return [name, fields, sorted(value.model_fields_set), extra, private]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [
            [field.name, canonical(getattr(value, field.name), deeper)]
            for field in dataclasses.fields(value)
        ]
        return [name, fields]
    raise Unkeyable(f"{name} is not plain data")


def folder_state(folder: Path) -> Iterator[str]:
    """Every file below ``folder`` by its bytes' hash, every link with where it leads (and
    what is there), every folder that cannot be read with why: what a template can read."""
    stack = [folder]
    yield f"{folder} {folder.resolve()}"
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as found:
                entries = sorted(found, key=lambda entry: entry.name)
        except OSError as exc:
            yield f"{current} unreadable {exc.errno}"
            continue
        for entry in entries:
            path = Path(entry.path)
            state = fingerprint(path.absolute().as_uri())  # a file's hash, or why it has none
            if entry.is_symlink():
                yield f"{path} link {os.readlink(path)} {state}"
            elif entry.is_dir(follow_symlinks=False):
                yield f"{path} folder"
                stack.append(path)
            else:
                yield f"{path} {state}"


def package_state() -> Iterator[str]:
    """Each of medialit's own files by its size and modification time (its code, its
    built-in templates, themes and fonts): an edited or reinstalled medialit misses."""
    package = Path(medialit.__file__).parent
    for folder, folders, files in os.walk(package):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            try:
                status = os.lstat(os.path.join(folder, name))
            except OSError as exc:
                yield f"{folder}/{name} unreadable {exc.errno}"
                continue
            yield f"{folder}/{name} {status.st_size} {status.st_mtime_ns}"


class KeptHtml:
    """The rendered HTML of one build's sheets: found in the cache, or rendered and kept."""

    def __init__(self, cache: LayoutCache) -> None:
        self.cache = HtmlCache(cache.root, Path(cache.owner), cache.max_bytes)
        self._states: dict[tuple[str, ...], str] = {}

    def rendered(
        self,
        inputs: Sequence[object],
        folders: Sequence[Path],
        render: Callable[[], dict[str, str]],
    ) -> dict[str, str]:
        """What ``render()`` gives (each sheet's HTML by its name), kept under ``inputs`` (every
        value the rendering is made from) and the state of the template ``folders``."""
        try:
            key = self._key(inputs, folders)
        except (Unkeyable, RecursionError):
            return render()
        found = self.cache.get(key)
        if found is not None:
            html = _html(found.pages)
            if html is not None:
                return html
            self.cache.forget(key)  # damaged: rendered and kept again
        html = render()
        self.cache.put(key, MAGIC + json.dumps(html).encode(), (), ())
        return html

    def _key(self, inputs: Sequence[object], folders: Sequence[Path]) -> str:
        data = json.dumps(canonical(list(inputs)), ensure_ascii=False, separators=(",", ":"))
        digest = hashlib.sha256()
        for part in (
            HTML_FORMAT,
            medialit.__version__,
            *(installed_version(name) for name in LIBRARIES),
            sys.version,
            os.getcwd(),
            self._state(folders),
            data,
        ):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        return digest.hexdigest()

    def _state(self, folders: Sequence[Path]) -> str:
        """The template folders' and medialit's state, taken once per build."""
        names = tuple(str(folder) for folder in folders)
        if names not in self._states:
            digest = hashlib.sha256()
            for line in (*package_state(), *(s for f in folders for s in folder_state(f))):
                digest.update(line.encode("utf-8", "surrogatepass") + b"\n")
            self._states[names] = digest.hexdigest()
        return self._states[names]


def _html(pages: bytes) -> dict[str, str] | None:
    """Kept HTML read back; None if it is not what :meth:`KeptHtml.rendered` keeps."""
    if not pages.startswith(MAGIC):
        return None
    try:
        html = json.loads(pages[len(MAGIC) :])
    except (ValueError, RecursionError):
        return None
    if not isinstance(html, dict) or not all(
        isinstance(name, str) and isinstance(text, str) for name, text in html.items()
    ):
        return None
    return html
