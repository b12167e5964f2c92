"""What the preview's fork server holds before it forks a worker (``pages._workers_context``).

Imported by the fork server alone: the modules the workers run (the pages, the counts, the
reader's offers), WeasyPrint among them, and the built-in templates compiled, so that each
worker forked from it starts with them instead of importing and compiling for itself.
"""

from __future__ import annotations

import importlib

from medialit.render.templates import compile_builtin

WORKER_MODULES = [
    "medialit.cli.main",  # by name: the preview's own modules never import the commands
    "medialit.layout.pdf",
    "medialit.preview.pages",
    "medialit.preview.sizes",
    "medialit.drafting.rekinding",
]
"""What the preview's workers run (the pages, the counts, the reader's offers)."""

for _name in WORKER_MODULES:
    importlib.import_module(_name)
compile_builtin()
