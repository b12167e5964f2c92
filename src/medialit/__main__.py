"""``python -m medialit``: the same as the ``medialit`` command."""

from medialit.cli.main import main

main()
