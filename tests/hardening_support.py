"""Helpers for the hardening tests: real ``medialit`` processes, with permissions or limits.

Some failures (a folder the user may not read, a disk that fills up) cannot be
provoked with ``chmod`` alone when the tests run as root, because root
overrides file permissions. So the process is started without the two
capabilities that do that (``CAP_DAC_OVERRIDE``, ``CAP_DAC_READ_SEARCH``),
and permissions then hold for it as for any teacher; "full" is a file-size
limit (``RLIMIT_FSIZE``), which makes a write fail midway exactly as a full
disk does.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import GOOD

GUARD_SECONDS = 120
_PR_CAPBSET_DROP = 24
_OVERRIDE_CAPABILITIES = (1, 2)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH

__all__ = ["GOOD", "pdf_text", "run_medialit"]


def _drop_override() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in _OVERRIDE_CAPABILITIES:
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def permissions_hold() -> Callable[[], None] | None:
    """A ``preexec_fn`` that makes permissions hold for root; None when not root.

    Skips the test, saying why, when the machine does not let root drop them.
    """
    if os.geteuid() != 0:
        return None
    probe = subprocess.run(["true"], preexec_fn=_drop_override, capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("running as root and unable to drop CAP_DAC_OVERRIDE, so chmod cannot bite")
    return _drop_override


def run_medialit(
    args: list[str],
    cwd: Path,
    *,
    permissions: bool = False,
    max_file_bytes: int | None = None,
    max_memory_bytes: int | None = None,
    prelude: str = "",
    timeout: float = GUARD_SECONDS,
) -> subprocess.CompletedProcess[str]:
    """Run ``medialit ARGS`` in a real process in ``cwd``.

    ``prelude`` is Python run before the CLI (to lower a limit so that a test
    does not wait for the real one).
    """
    drop = permissions_hold() if permissions else None

    def prepare() -> None:
        if max_file_bytes is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write then fails with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))
        if max_memory_bytes is not None:
            resource.setrlimit(resource.RLIMIT_AS, (max_memory_bytes, max_memory_bytes))
        if drop is not None:
            drop()

    code = f"{prelude}\nfrom medialit.cli.main import main\nmain(prog_name='medialit')"
    env = {**os.environ, "HOME": str(cwd), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=prepare,
        env=env,
    )


def pdf_text(pdf: Path) -> str:
    """The text of a PDF as poppler's pdftotext reads it, white space folded."""
    result = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())
