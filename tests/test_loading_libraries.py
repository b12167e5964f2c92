"""WeasyPrint's C libraries are opened by name: importing the layout starts no process
(``layout/loading.py``), and loads the same libraries as WeasyPrint's own search."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Imports the layout in a fresh process, counting the processes it starts (ldconfig,
# gcc and ld for each library name the loader cannot open, before the fix) and noting
# which of WeasyPrint's optional libraries came out loaded.
PROBE = """
import ctypes.util, json, sys, threading
spawned = []
sys.addaudithook(lambda event, args: spawned.append(str(args[0])) if event == "subprocess.Popen" else None)
searching = ctypes.util.find_library
import medialit.layout.pdf
from weasyprint.text import ffi
spawned_by_import = list(spawned)
print(json.dumps({
    "spawned": spawned_by_import,
    "restored": ctypes.util.find_library is searching,
    "subset": ffi.harfbuzz_subset is not None,
    "vector": ffi.harfbuzz_vector is not None,
    "searched_subset": searching("harfbuzz-subset") is not None,
    "searched_vector": searching("harfbuzz-vector") is not None,
}))
"""

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


def probe() -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_the_import_starts_no_process_and_loads_what_the_search_would_find() -> None:
    result = probe()
    assert result["spawned"] == []
    assert result["restored"] is True
    # The optional libraries come out as the search would have found them.
    assert result["subset"] == result["searched_subset"]
    assert result["vector"] == result["searched_vector"]
    assert result["subset"] is True  # Debian's libharfbuzz-subset0, which fonts need


def test_find_library_still_searches_in_other_threads_during_the_import() -> None:
    import threading

    from medialit.layout.loading import libraries_opened_by_name

    found: list[str | None] = []
    import ctypes.util

    with libraries_opened_by_name():
        assert ctypes.util.find_library("c") is None
        thread = threading.Thread(target=lambda: found.append(ctypes.util.find_library("c")))
        thread.start()
        thread.join()
    assert found and found[0] is not None and "libc" in found[0]
    assert ctypes.util.find_library("c") is not None
