"""Child processes that never outlive the command that started them.

The layout workers and ``medialit new``'s time-limited step both run in child
processes; a teacher who closes the terminal, or a ``kill -9``, must not leave
them running.
"""

from __future__ import annotations

import contextlib
import ctypes
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """In a child: Linux kills it when its parent ends (``PR_SET_PDEATHSIG``); elsewhere nothing.

    The signal is set for the parent alive now: a child whose parent ended before
    this call should check ``os.getppid()`` itself.
    """
    with contextlib.suppress(OSError, AttributeError):  # not Linux
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
