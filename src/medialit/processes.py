"""Child processes that never outlive the command that started them.

The layout workers and ``medialit new``'s time-limited step both run in child
processes; a teacher who closes the terminal, or a ``kill -9``, must not leave
them running. A pool's workers are stopped by :func:`stop_workers` (a build
interrupted, the preview stopped) without waiting for their work.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import multiprocessing.connection
import multiprocessing.util
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, InvalidStateError
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")
_log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """In a child: Linux kills it when its parent ends (``PR_SET_PDEATHSIG``); elsewhere nothing.

    The signal is set for the parent alive now: a child whose parent ended before
    this call should check ``os.getppid()`` itself.
    """
    with contextlib.suppress(OSError, AttributeError):  # not Linux
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def can_fork_here() -> bool:
    """Whether this process may fork a child that goes on running Python without starting a
    program: on Linux, with no thread but this one (the main thread), whose locks no other
    thread can be holding. (macOS's system libraries do not survive a fork without exec.)"""
    return (
        sys.platform.startswith("linux")
        and threading.current_thread() is threading.main_thread()
        and threading.active_count() == 1
        and _threads_of_this_process() == 1
    )


def _threads_of_this_process() -> int:
    """Every thread Linux counts in this process, a library's own among them (Python's count
    knows only its own)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii", errors="replace")
    except OSError:
        return 0  # no /proc to ask: not known to be alone
    for line in status.splitlines():
        if line.startswith("Threads:"):
            return int(line.split()[1])
    return 0


@contextlib.contextmanager
def helper_forked_here(command_names: str) -> Iterator[None]:
    """While it lasts, the helper program multiprocessing would start whose command names
    ``command_names`` (``multiprocessing.forkserver``) is a fork of this process instead,
    which runs that same command: it starts with every module this process has imported
    (the preview's: 0.4 s of CPU less at every opening) and without a new Python. Only where
    :func:`can_fork_here`; elsewhere, and for every other helper, a program as before."""
    started = multiprocessing.util.spawnv_passfds

    def spawn(path: Any, args: Sequence[str], passfds: Sequence[int]) -> int:
        if command_names not in args[-1] or not can_fork_here():
            return started(path, args, passfds)
        for stream in (sys.stdout, sys.stderr):  # else the child prints them again
            with contextlib.suppress(Exception):
                stream.flush()
        # Every signal held across the fork: a SIGTERM in the child before its handlers are
        # a new program's would run this program's own (KeyboardInterrupt, back into it).
        held = signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())
        try:
            pid = os.fork()
            if pid == 0:
                _run_forked(args[-1], passfds, started)  # never returns
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        return pid

    multiprocessing.util.spawnv_passfds = cast(Any, spawn)
    try:
        yield
    finally:
        multiprocessing.util.spawnv_passfds = started


def _run_forked(command: str, passfds: Sequence[int], spawn: Callable[..., int]) -> None:
    """In the forked helper, every signal held: what the new program would have had (a
    program's handlers, only the descriptors passed to it, none of multiprocessing's state of
    the parent's helpers, no signal held), then its command; it ends there, never returning to
    the caller's code."""
    code = 1
    try:
        for number in signal.valid_signals():  # a program's handlers: an ignored one stays
            handler = signal.getsignal(number)
            if callable(handler) and handler is not signal.default_int_handler:
                signal.signal(number, signal.SIG_DFL)  # the command's own, for SIGTERM
        _close_all_but(passfds)
        _forget_the_parents_helpers(spawn)
        signal.pthread_sigmask(signal.SIG_SETMASK, set())
        exec(command, {"__name__": "__main__"})  # multiprocessing's own command, as given
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
    except BaseException:
        with contextlib.suppress(Exception):
            traceback.print_exc()
    finally:
        os._exit(code)


def _close_all_but(passfds: Sequence[int]) -> None:
    """Close every descriptor but the standard three and ``passfds``, by the list Linux keeps
    (a loop up to the limit of open files, which may be a billion, took minutes)."""
    keep = {0, 1, 2, *passfds}
    for name in os.listdir("/proc/self/fd"):
        if int(name) not in keep:
            with contextlib.suppress(OSError):  # the listing's own descriptor, closed already
                os.close(int(name))


def _forget_the_parents_helpers(spawn: Callable[..., int]) -> None:
    """multiprocessing's state as a new program has it: the parent's fork server was being
    started under its lock (held for ever in the child), the resource tracker is the parent's
    (its descriptor closed here), and spawning is multiprocessing's own again."""
    from multiprocessing import forkserver, resource_tracker

    multiprocessing.util.spawnv_passfds = spawn
    helpers: list[Any] = [forkserver._forkserver, resource_tracker._resource_tracker]
    for helper in helpers:
        lock = getattr(helper, "_lock", None)
        if lock is not None:
            reentrant = isinstance(lock, type(threading.RLock()))
            helper._lock = threading.RLock() if reentrant else threading.Lock()
    tracker = resource_tracker._resource_tracker
    for name in ("_fd", "_pid"):
        if hasattr(tracker, name):
            setattr(tracker, name, None)


def worker_started(parent: int | None, *, ignore_ctrl_c: bool = False) -> None:
    """In a child process as it starts (a pool's initializer, a process's first call).

    - SIGTERM ends it at once, even inside C code (``terminate()``; a command's own handler
      turned it into a KeyboardInterrupt and a traceback);
    - Ctrl-C is ignored with ``ignore_ctrl_c`` (the parent's to handle);
    - the signals its parent held while starting it (``files.interruptions_held``: a stop in
      the middle of a fork is otherwise lost in a fork hook) are received again;
    - it ends with its parent (:func:`die_with_parent`), at once if the parent is gone already;
      with ``parent`` None (forked by a fork server, which outlives the process that asked
      for it), it ends with that process instead (:func:`_end_with_starter`).
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if ignore_ctrl_c:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _take_held_signals()
    if parent is None:
        _end_with_starter()
        return
    die_with_parent()
    if os.getppid() != parent:  # the parent ended before die_with_parent took effect
        os._exit(1)


def _end_with_starter() -> None:
    """In a worker a fork server started: exit as soon as the process that asked for it ends.

    Its parent is the fork server, which ends only when every process holding its pipe has
    (the worker too): a parent-death signal would never come. The pipe the worker's job came
    through closes when its starter ends, ``kill -9`` or not, already or later.
    """
    starter = multiprocessing.parent_process()
    if starter is None:  # not a child of multiprocessing: nothing to watch
        return

    def watch() -> None:
        starter.join()  # returns once the starter's end of the pipe is closed
        os._exit(1)

    threading.Thread(target=watch, name="medialit-end-with-starter", daemon=True).start()


def _take_held_signals() -> None:
    """Receive Ctrl-C and SIGTERM again, as the held mask is inherited.

    A Ctrl-C the terminal sent to every process meanwhile is the parent's to act on: it is
    dropped here (a signal ignored while pending is discarded), not raised in the child's
    start-up, where a pool printed it as a traceback.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: nothing was held
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    signal.signal(signal.SIGINT, previous)


IDLE_WORKER_SECONDS = 1.0
"""How long stopping waits for idle workers to leave by themselves."""
STOP_GRACE_SECONDS = 0.5
"""How long a pool whose worker died waits to hear that its owner is stopping before it
starts another: a SIGTERM to the whole group (``timeout``, a service manager) ends the worker
a moment before the preview hears of it, and "stopped unexpectedly" was said as it stopped."""


class RenewedPool(Executor):
    """A pool made anew when its worker dies (killed for want of memory, say), where the
    job it was doing is given once more to the new one.

    A preview's worker killed so left its pages "being laid out" for ever, and nothing was
    said. A job that kills its second worker too fails with ``BrokenProcessPool``, for the
    caller to say so; the next job gets a new worker again. Once stopped
    (:func:`stop_workers`, ``shutdown``) it starts none: renewing and stopping take turns
    under one lock, so a pool made while the preview stops is never left running.
    """

    def __init__(self, make: Callable[[], Executor]) -> None:
        self._make = make
        self.lock = threading.Lock()
        self.pool = make()
        self.stopped = False
        self.stopping = threading.Event()
        """Set by the owner as it starts to stop (its signal handler): no worker is started
        again from then on, and the jobs of a worker that died with it fail quietly."""

    def _again(
        self, broken: Executor, error: BaseException, give: Callable[[Executor], Future[T]]
    ) -> tuple[Executor, Future[T]]:
        """The job given (``give``) to a new pool if ``broken`` is still the one in use, else
        to the one that replaced it, and that pool; ``BrokenProcessPool`` once stopped."""
        with self.lock:
            if self.stopped or self.stopping.is_set():
                raise BrokenProcessPool("the workers were stopped") from error
            if self.pool is broken:
                _log.warning("A worker of the preview stopped unexpectedly; starting another.")
                _log.debug("The worker's pool said:", exc_info=error)
                self.pool = self._make()
                threading.Thread(target=stop_workers, args=(broken,), daemon=True).start()
            return self.pool, give(self.pool)

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        answer: _Answer[T] = _Answer()

        def give(pool: Executor) -> Future[T]:
            return pool.submit(fn, *args, **kwargs)

        def follow(pool: Executor, job: Future[T], again: bool) -> None:
            answer.job = job

            def done(job: Future[T]) -> None:
                if answer.done():
                    return
                error = None if job.cancelled() else job.exception()
                if (
                    isinstance(error, BrokenProcessPool)
                    and again
                    and not answer.unwanted
                    and not self.stopping.wait(STOP_GRACE_SECONDS)
                ):
                    try:
                        follow(*self._again(pool, error, give), again=False)
                        return
                    except Exception as failed:  # no new worker (memory, the fork server)
                        error = failed
                with contextlib.suppress(InvalidStateError):  # cancelled meanwhile
                    if job.cancelled() and error is None:
                        answer.cancel()
                    elif error is not None:
                        answer.set_exception(error)
                    else:
                        answer.set_result(job.result())

            job.add_done_callback(done)

        pool = self.pool
        try:
            job = give(pool)
        except BrokenProcessPool as error:  # broken before this job came
            pool, job = self._again(pool, error, give)
        follow(pool, job, again=True)
        return answer

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self.lock:
            self.stopped = True
            pool = self.pool
        pool.shutdown(wait=wait, cancel_futures=cancel_futures)


class _Answer(Future[T]):
    """A job's future as its caller sees it, whichever worker runs the job: running while the
    job runs there, and cancelled only while it is still waiting (as a pool's own is)."""

    job: Future[T] | None = None
    unwanted = False
    """Cancelled while running: its answer is wanted no more, so it is not run again."""

    def running(self) -> bool:
        return self.job is not None and self.job.running() and not self.done()

    def cancel(self) -> bool:
        self.unwanted = True
        if self.job is not None and not self.done() and not self.job.cancel():
            return False  # running already: it goes on, as in a pool of its own
        return super().cancel()


def stop_workers(executor: Executor) -> None:
    """Stop ``executor`` and its worker without waiting for the layout it is doing.

    Python waits for a worker's job as it exits: Ctrl-C left the preview running for the
    key's layout (7-17 s on a loaded computer). An idle worker is given a second to leave by
    itself; a busy one is stopped at once. A worker only lays out and sends images back; it
    writes no file, so nothing is left half-written.
    """
    if isinstance(executor, RenewedPool):
        with executor.lock:  # not while a new pool is being made: that one is stopped too
            executor.stopped = True
            executor = executor.pool
    results = getattr(executor, "_result_queue", None)  # shutdown forgets it too
    terminate = getattr(executor, "terminate_workers", None)  # Python 3.14 and later
    if terminate is not None:
        terminate()
        _no_more_results(results)
        return
    # Before 3.14 the pool's own table of its processes is the only way to them; should it
    # go, the preview stops as before, only later.
    workers = list((getattr(executor, "_processes", None) or {}).values())
    # A job given to a worker and not answered yet: that worker is stopped at once, not
    # waited for (a browser test's preview stopped a second later than it had to).
    busy = bool(getattr(executor, "_pending_work_items", None))
    manager = getattr(executor, "_executor_manager_thread", None)  # shutdown forgets it
    executor.shutdown(wait=False, cancel_futures=True)
    # An idle worker leaves by itself once told; only one still laying out is stopped.
    deadline = time.monotonic() + (0.0 if busy else IDLE_WORKER_SECONDS)
    for worker in workers:
        if not _ended(worker, max(0.0, deadline - time.monotonic())):
            worker.terminate()
            if not _ended(worker, IDLE_WORKER_SECONDS):  # SIGTERM blocked where it started
                worker.kill()
                _ended(worker, IDLE_WORKER_SECONDS)
    _no_more_results(results)
    # The pool's own thread closes its wake-up pipe as it ends; Python 3.11 writes to that
    # pipe at exit without a lock, so a preview stopped while it was closing printed a
    # traceback ("Bad file descriptor"). Waiting for the thread leaves nothing to race.
    if manager is not None:
        manager.join(IDLE_WORKER_SECONDS)


def _ended(worker: BaseProcess, timeout: float) -> bool:
    """Whether ``worker`` has ended, waiting at most ``timeout`` seconds.

    Its exit status is left for the pool's thread to read: a fork server sends it once,
    and two threads reading it raced (the second read nothing, and set 255).
    """
    return bool(multiprocessing.connection.wait([worker.sentinel], timeout))


def _no_more_results(results: object) -> None:
    """Close the pool's own end for writing results, once its workers are gone.

    A worker stopped half-way through sending its result (a page's images are megabytes)
    left the pool's thread reading the rest for ever: the pool holds a writing end of the
    same pipe, so the read never ended, and Python waits for that thread as it exits (a
    preview that did not stop on Ctrl-C). With no writing end left, the read ends.
    """
    writer = getattr(results, "_writer", None)
    if writer is not None:
        writer.close()
