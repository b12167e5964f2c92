"""Load WeasyPrint's C libraries by name, without the library search that costs every import
0.15-0.3 s (``pdf.py`` imports WeasyPrint inside :func:`libraries_opened_by_name`)."""

from __future__ import annotations

import contextlib
import ctypes.util
import sys
import threading
from collections.abc import Iterator


@contextlib.contextmanager
def libraries_opened_by_name() -> Iterator[None]:
    """While WeasyPrint loads Pango, HarfBuzz and fontconfig, answer "not found" to cffi's
    ``ctypes.util.find_library`` fallback (in this thread, on Linux).

    WeasyPrint tries several names per library; for each name the dynamic loader cannot
    open, cffi asks ``find_library``, which on Linux starts ldconfig, gcc and ld: 22
    searches and 0.15-0.3 s of every import (Kozea/WeasyPrint#1125), paid by every build,
    test process and preview worker. Each list also holds the library's soname
    (``libpango-1.0.so.0``), which the loader opens directly, honouring LD_LIBRARY_PATH:
    the search only ever found that same soname.
    """
    if not sys.platform.startswith("linux"):
        yield
        return
    searching = ctypes.util.find_library
    importer = threading.get_ident()

    def opened_by_name_only(name: str) -> str | None:
        return None if threading.get_ident() == importer else searching(name)

    ctypes.util.find_library = opened_by_name_only
    try:
        yield
    finally:
        ctypes.util.find_library = searching
