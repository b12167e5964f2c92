"""Helpers for tests that signal real ``medialit`` processes.

A shell starts a background job (``make test &``, cron, a CI runner) with SIGINT ignored, and
a child inherits an ignored signal, so a process the suite starts would never see Ctrl-C.
:func:`default_signals` gives each such process the dispositions a teacher's terminal gives
it, without touching the test runner's own handlers.
"""

from __future__ import annotations

import os
import signal
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# The signals the tests send (a closed terminal's SIGHUP, which `nohup make test` ignores,
# among them), and SIGCONT (which resumes a process stopped by files' hook).
_DEFAULTED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGCONT)


def default_signals() -> None:
    """A ``preexec_fn``: the child starts with every signal the tests send at its default.

    Python installs its own Ctrl-C handler (KeyboardInterrupt) at start-up only where SIGINT
    is not ignored, so after this the child takes Ctrl-C as it would in a terminal.
    """
    for signum in _DEFAULTED:
        signal.signal(signum, signal.SIG_DFL)


def wait_until_stopped(process: subprocess.Popen[str], timeout: float) -> None:
    """Wait until ``process`` stops itself (``MEDIALIT_TEST_STOP_WHILE_WRITING``).

    Waits on the event (the kernel tells a parent when its child stops), not on a timer;
    the timeout is only a deadline: past it, the process is killed and the test fails.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        waited = pool.submit(os.waitpid, process.pid, os.WUNTRACED)
        try:
            _, status = waited.result(timeout=timeout)
        except TimeoutError:
            process.kill()  # the waiting thread then returns too
            raise AssertionError(f"the process did not start writing in {timeout:.0f} s") from None
    if not os.WIFSTOPPED(status):
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        raise AssertionError(f"the process ended ({process.returncode}) before writing")


def descendants(pid: int) -> list[int]:
    """Every process under ``pid``, each child followed by its own (Linux's ``/proc``)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    found = [int(n) for n in children.read_text().split()] if children.exists() else []
    return [each for child in found for each in (child, *descendants(child))]
