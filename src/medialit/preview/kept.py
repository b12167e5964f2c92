"""The round-trip document of the lesson file, loaded ahead while the teacher reads the page.

ruamel.yaml's round-trip load is half of an edit's time (a tenth of a second on the seed
lesson, more on a busy machine). The file the next edit starts from is almost always the
one the preview has just written (or read and checked), so it is loaded in a thread as
soon as it is known, and the edit takes it ready. It is exactly the load an edit would make
(the same text, the same :func:`~.yamlstyle.yaml_like`), only made earlier; so what a save
writes is byte for byte what it was. It is handed out once and only for its own version
(the bytes' fingerprint): an edit changes it in place, and a refused edit's half-changed
document is never used again. Only text that passed the check is loaded (the round-trip
loader must never see an alias bomb).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from medialit.preview.yamlstyle import yaml_like

Loaded = tuple[YAML, CommentedMap]


def load(text: str) -> Loaded:
    """``text`` loaded for editing, with the round-trip YAML that will write it back."""
    yaml = yaml_like(text)
    data = yaml.load(text)
    if not isinstance(data, CommentedMap):  # the check has passed: a lesson is a mapping
        raise TypeError("a lesson file is a mapping")
    return yaml, data


class KeptDocument:
    """At most one document loaded ahead, and the version of the file it is."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: str | None = None
        self._future: Future[Loaded] | None = None
        self._waiting: Callable[[], None] | None = None
        """A load prepared ``later``, not started yet (see :meth:`start_waiting`)."""

    def prepare(
        self, version: str, text_of: Callable[[], str | None], *, later: bool = False
    ) -> None:
        """Load ``text_of()`` (the checked file at ``version``; ``None``: not that any more)
        in a thread, for the next edit; ``later``: once :meth:`start_waiting` is called (a
        save's answer has gone out: the load would hold Python's lock while it is made)."""

        def work() -> Loaded:
            text = text_of()
            if text is None:
                raise LookupError("the file changed meanwhile")
            return load(text)

        self._start(version, work, later)

    def start_waiting(self) -> None:
        """Start the load prepared ``later``, if it is still waiting."""
        with self._lock:
            run, self._waiting = self._waiting, None
        if run is not None:
            threading.Thread(target=run, name="medialit-preload", daemon=True).start()

    def take(self, version: str, text: str) -> Loaded:
        """``text`` (the file at ``version``) loaded: the one loaded ahead if it is that
        version's (waiting for it if need be), else loaded now. Nothing is kept after."""
        with self._lock:
            future, kept, waiting = self._future, self._version, self._waiting
            self._future = self._version = self._waiting = None
        if future is not None and kept == version:
            if waiting is not None:  # prepared, not started: made here, now
                waiting()
            try:
                return future.result()
            except Exception:  # the file changed meanwhile, say: load it now
                pass
        return load(text)

    def _start(self, version: str, work: Callable[[], Loaded], later: bool) -> None:
        with self._lock:
            if self._version == version and self._future is not None:
                return  # already loading or loaded, or waiting to
            future: Future[Loaded] = Future()
            self._version, self._future = version, future

            def run() -> None:
                try:
                    future.set_result(work())
                except BaseException as exc:  # handed to take, which loads again
                    future.set_exception(exc)

            self._waiting = run if later else None
        if not later:
            threading.Thread(target=run, name="medialit-preload", daemon=True).start()
