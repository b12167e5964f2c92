"""The command line: a thin layer over the stages; ``medialit.cli:main`` is the entry point."""

from medialit.cli.main import main

__all__ = ["main"]
