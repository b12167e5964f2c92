"""Run one slow step in a child process: with a time limit, and stopped at once by Ctrl-C.

Finding a page's article (trafilatura) takes time that grows with the square of
the page's elements, inside lxml's C code, where Python delivers no signal: a
hostile page held a teacher's terminal for minutes and ignored SIGTERM. A child
process can be killed at any moment; the parent only waits, and a signal
interrupts waiting.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.context
import os
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from medialit.files import interruptions_held
from medialit.processes import worker_started

A = TypeVar("A")
R = TypeVar("R")


class TimeLimitReached(Exception):
    """The step took longer than its time limit and was stopped."""


class ChildEnded(Exception):
    """The child process ended without an answer (killed, or out of memory)."""


def run_with_time_limit(step: Callable[[A], R], argument: A, seconds: float) -> R:
    """``step(argument)`` in a child process, stopped after ``seconds``.

    Ctrl-C and SIGTERM reach the parent while it waits; the child is killed on
    every way out, and with the parent even by ``kill -9`` (on Linux).
    """
    # fork: the child starts with the step's modules already imported (spawn elsewhere).
    context: multiprocessing.context.ForkContext | multiprocessing.context.SpawnContext = (
        multiprocessing.get_context("fork")
        if sys.platform.startswith("linux")
        else multiprocessing.get_context("spawn")
    )
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(writer, step, argument, os.getpid()), daemon=True)
    try:
        # Held while the child starts: a stop in the middle of the fork was handled inside
        # a fork hook, which swallows its exception, and the parent waited out the limit.
        with interruptions_held():
            child.start()
        writer.close()
        if not reader.poll(seconds):
            raise TimeLimitReached
        try:
            done, value = reader.recv()
        except EOFError:
            raise ChildEnded from None
    finally:
        if child.is_alive():
            child.kill()
        if child.pid is not None:
            child.join()
        reader.close()
        writer.close()
    if not done:
        raise value
    return value  # type: ignore[no-any-return]


def _child(writer: Connection, step: Callable[[Any], Any], argument: Any, parent: int) -> None:
    worker_started(parent, ignore_ctrl_c=True)  # Ctrl-C is the parent's to handle
    # The parent may have paused the cycle collector (`new` does while it drafts): the step
    # runs with it on, over the step's own objects only, not the parent's it started with.
    gc.freeze()
    gc.enable()
    try:
        answer: tuple[bool, Any] = (True, step(argument))
    except Exception as exc:  # the parent raises it, as if the step had run there
        answer = (False, exc)
    try:
        writer.send(answer)
    except Exception:  # an exception that cannot be pickled: its words still can be
        writer.send((False, RuntimeError(f"{type(answer[1]).__name__}: {answer[1]}")))
