"""The round-trip document of the lesson file as the editor last wrote it, kept for the next edit.

ruamel.yaml's round-trip load is most of an edit's time (a tenth of a second on the seed
lesson). The preview is the only writer between two of its saves, and a save must quote the
version it starts from, so the document the last save wrote *is* the file while the file is
at that version: the next edit starts from it instead of loading the file again. It is
handed out once: an edit changes it in place, and only a save that was written gives it back,
so a refused edit never leaves a half-changed document to the next one.
"""

from __future__ import annotations

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from medialit.preview.yamlstyle import yaml_like


class KeptDocument:
    """At most one round-trip document, and the version of the file it is."""

    def __init__(self) -> None:
        self._version: str | None = None
        self._data: CommentedMap | None = None

    def take(self, version: str, text: str) -> tuple[YAML, CommentedMap]:
        """A round-trip YAML in ``text``'s style, and ``text`` (the file at ``version``) loaded.

        The kept document if it is that version's, else ``text`` loaded; either way the
        caller owns it now (nothing is kept until :meth:`keep`).
        """
        data, self._data = self._data, None
        kept, self._version = self._version, None
        yaml = yaml_like(text)
        if data is not None and kept == version:
            return yaml, data
        loaded = yaml.load(text)
        if not isinstance(loaded, CommentedMap):  # the check has passed: cannot happen
            raise TypeError("a lesson file is a mapping")
        return yaml, loaded

    def keep(self, version: str, data: CommentedMap) -> None:
        """``data`` is the file at ``version`` (just written from it)."""
        self._version, self._data = version, data

    def forget(self) -> None:
        self._version, self._data = None, None
