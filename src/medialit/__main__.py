"""``python -m medialit``: the same as the ``medialit`` command."""

from .cli import main

main()
