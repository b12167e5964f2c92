"""What is at an address a layout asked for: the state a kept layout is checked against.

The fetcher (``fetching.py``) records each address's state from the very bytes it
gave WeasyPrint; the layout cache (``layout_cache.py``) uses a kept layout only if
:func:`fingerprint` finds every address in the state it was in then. So a font,
image or stylesheet changed even while a layout read it is never served stale.
Loads no WeasyPrint: the cache is looked in before any layout.
"""

from __future__ import annotations

import hashlib
import sys
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

# urllib.request's own url2pathname, without importing urllib.request (http.client, ssl,
# email: 10 ms of a rebuild that lays nothing out)
if sys.platform == "win32":
    from nturl2path import url2pathname
else:

    def url2pathname(url: str) -> str:
        return unquote(url)


CHANGED = "changed while it was laid out"
"""The state of an address whose bytes differed between two reads of one layout: it
matches no fingerprint, so that layout is never reused."""


def fingerprint(url: str) -> str:
    """What is at ``url`` now, as far as a layout is concerned.

    A file's resolved place and the hash of its bytes (or that it is missing);
    a medialit package file's hash. Other addresses (``data:`` images, the
    network, which is always refused) carry no state outside the HTML.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "file":
        try:
            path = Path(url2pathname(parts.path)).resolve()
        except (OSError, ValueError):  # a null byte, a loop of links: nothing to read there
            return f"{parts.path}:unreadable"
        return f"{path}:{_file_hash(path)}"
    if scheme == "medialit":
        resource = resources.files("medialit")
        for part in unquote(parts.path).lstrip("/").split("/"):
            resource = resource / part
        try:
            return package_state(resource.read_bytes())
        except (OSError, ValueError):
            return "missing"
    return ""


def file_state(path: Path, data: bytes) -> str:
    """The fingerprint of the file at ``path`` (resolved) when it held ``data``."""
    return f"{path}:{hashlib.sha256(data).hexdigest()}"


def package_state(data: bytes) -> str:
    """The fingerprint of a medialit package file that held ``data``."""
    return hashlib.sha256(data).hexdigest()


def _file_hash(path: Path) -> str:
    # Only regular files are read, in pieces: the fetcher refuses anything else, and a
    # refused address may name a device or a pipe (file:///dev/zero) that never ends.
    try:
        if not path.is_file():
            return "missing" if not path.exists() else "not a file"
        with path.open("rb") as data:
            return hashlib.file_digest(data, "sha256").hexdigest()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return "missing"
    except OSError as exc:
        return f"unreadable {exc.errno}"
