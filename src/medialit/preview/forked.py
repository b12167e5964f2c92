"""What the preview's fork server holds before it forks a worker (``pages._workers_context``).

Imported by the fork server alone: the modules the workers run (the pages, the counts, the
reader's offers), WeasyPrint among them, and the built-in templates compiled, so that each
worker forked from it starts with them instead of importing and compiling for itself. Each
is only a head start: one that fails is left to the workers, which say what went wrong.
"""

from __future__ import annotations

import importlib
import logging

from medialit.render.templates import compile_builtin

WORKER_MODULES = [
    "medialit.cli.main",  # by name: the preview's own modules never import the commands
    "medialit.layout.pdf",
    "medialit.preview.pages",
    "medialit.preview.sizes",
    "medialit.drafting.rekinding",
]
"""What the preview's workers run (the pages, the counts, the reader's offers)."""


def _prepare() -> None:
    for name in WORKER_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # the fork server must live: a worker imports it and says why
            logging.getLogger(__name__).debug("Not imported ahead: %s", name, exc_info=True)
    try:
        compile_builtin()
    except Exception:
        logging.getLogger(__name__).debug("Templates not compiled ahead", exc_info=True)


_prepare()
