"""pydantic's plugin search, without importing ``importlib.metadata`` when no plugin is there.

pydantic looks for plugins (distributions declaring a ``pydantic`` entry point) the first
time it builds a validator, and its loader, ``pydantic.plugin._loader``, imports
``importlib.metadata`` to do so: with ``email``, ``zipfile`` and ``csv`` behind it, about
a tenth of what ``medialit check`` costs, in every run, whatever ``PYDANTIC_DISABLE_PLUGINS``
says. :func:`install` puts a stand-in for that loader in ``sys.modules`` before pydantic
imports it. The stand-in reads the ``entry_points.txt`` of every distribution on
``sys.path`` (a directory listing and a few small files); only when none can declare a
``pydantic`` entry point does it answer "no plugins" itself. Whenever one may (one says
``pydantic``, a zip file is on the path, a finder of distributions other than the standard
one is installed), and for anything else asked of it, it hands over to pydantic's own
loader, so plugins load exactly as before.
"""

from __future__ import annotations

import functools
import os
import sys
import types
from collections.abc import Iterable
from importlib.machinery import PathFinder
from typing import Any

LOADER = "pydantic.plugin._loader"
GROUP = "pydantic"
"""pydantic's entry point group (``PYDANTIC_ENTRY_POINT_GROUP`` in its loader)."""
_DISTRIBUTIONS = (".dist-info", ".egg-info")


def install() -> None:
    """Put the stand-in loader in place, unless pydantic has imported its own already."""
    if LOADER not in sys.modules:
        stand_in = types.ModuleType(LOADER, __doc__)
        vars(stand_in).update(get_plugins=_get_plugins, __getattr__=_real_attribute)
        sys.modules[LOADER] = stand_in


def may_have_plugins() -> bool:
    """Whether a distribution on ``sys.path`` may declare a pydantic plugin (when unsure, yes)."""
    finders = [f for f in sys.meta_path if hasattr(f, "find_distributions")]
    if any(finder is not PathFinder for finder in finders):
        return True  # importlib.metadata would ask this finder too: let it
    for entry in sys.path:
        folder = entry or "."
        if os.path.isdir(folder):
            if any(_declares_plugin(path) for path in _distributions(folder)):
                return True
        elif os.path.exists(folder):
            return True  # a zip file or an egg: importlib.metadata reads inside it
    return False


def _distributions(folder: str) -> Iterable[str]:
    try:
        with os.scandir(folder) as entries:
            names = [e.path for e in entries if e.name.lower().endswith(_DISTRIBUTIONS)]
    except OSError:
        return []
    return names


def _declares_plugin(distribution: str) -> bool:
    """Whether the distribution's ``entry_points.txt`` names the group (or cannot be read)."""
    try:
        with open(os.path.join(distribution, "entry_points.txt"), "rb") as file:
            text = file.read()
    except FileNotFoundError:
        return False
    except OSError:
        return True
    # A section header is "[pydantic]"; any mention of the word counts, to be on the safe side.
    return GROUP.encode() in text


def _get_plugins() -> Iterable[Any]:
    # Asked once a validator: looked for once, as pydantic's loader looks once and keeps them.
    if _may_have_plugins():
        return _real_loader().get_plugins()  # type: ignore[no-any-return]
    return ()


@functools.cache
def _may_have_plugins() -> bool:
    return may_have_plugins()


def _real_loader() -> types.ModuleType:
    """pydantic's own loader, imported in the stand-in's place."""
    module = sys.modules.get(LOADER)
    if module is None or getattr(module, "get_plugins", None) is _get_plugins:
        sys.modules.pop(LOADER, None)
        __import__(LOADER)
        module = sys.modules[LOADER]
    return module


def _real_attribute(name: str) -> Any:
    if name.startswith("__") and name.endswith("__"):
        # The import system asks for __path__ and the like: a module's own, not pydantic's.
        raise AttributeError(name)
    return getattr(_real_loader(), name)
