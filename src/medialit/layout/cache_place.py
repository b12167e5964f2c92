"""Where the layout cache is kept, and how large it may grow (``MEDIALIT_CACHE_MAX_MB``).

Read before the cache is opened (``cache.py``), so that a bound that is not a size stops a
build before anything is done.
"""

from __future__ import annotations

import os
from pathlib import Path

from medialit.errors import SettingsError

MAX_BYTES = 500 * 1024 * 1024
"""The default size bound; ``MEDIALIT_CACHE_MAX_MB`` changes it."""
MAX_BYTES_VARIABLE = "MEDIALIT_CACHE_MAX_MB"


def cache_folder(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_CACHE_HOME/medialit``, or ``~/.cache/medialit`` when it is unset or relative."""
    environ = dict(os.environ) if environ is None else environ
    base = environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "medialit"


def max_bytes() -> int:
    """``MEDIALIT_CACHE_MAX_MB`` in bytes, or the default; a value that is not a size stops."""
    value = os.environ.get(MAX_BYTES_VARIABLE, "").strip()
    if not value:
        return MAX_BYTES
    try:
        megabytes = float(value)
        if not megabytes >= 0:  # negative, or nan
            raise ValueError(value)
        return int(megabytes * 1024 * 1024)
    except (ValueError, OverflowError):  # not a number, or infinite (inf, 1e400)
        raise SettingsError(
            f"{MAX_BYTES_VARIABLE}={value} is not a size; set it to the most megabytes "
            "of laid-out documents to keep (a number such as 500, or 0 to keep none), "
            "or unset it."
        ) from None
