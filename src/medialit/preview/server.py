"""Start the preview: a loopback socket, a fresh token, Uvicorn, and the browser."""

from __future__ import annotations

import contextlib
import logging
import secrets
import socket
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import uvicorn

from medialit.build.run import find_lessons
from medialit.errors import MedialitError, Problem, escape_controls
from medialit.preview.app import create_app
from medialit.preview.guard import Guard
from medialit.preview.pages import start_workers_early
from medialit.settings.layers import Configuration

LOOPBACK = "127.0.0.1"


def choose_lesson(lesson: Path | None, folder: Path = Path("lessons")) -> Path:
    """The lesson named, or the only one in ``lessons/``."""
    if lesson is not None:
        if not lesson.is_file():
            raise MedialitError(
                Problem(
                    "no such file; check the path (a lesson, or a saved page or text file to "
                    "draft one from).",
                    file=lesson,
                )
            )
        return lesson
    found = find_lessons([folder]) if folder.is_dir() else []
    if len(found) == 1:
        return found[0]
    if not found:
        raise MedialitError("No lesson to preview: name one, e.g. lessons/my-lesson.yaml.")
    names = ", ".join(str(path) for path in found)
    raise MedialitError(f"Several lessons ({names}): name the one to preview.")


def listen(port: int) -> socket.socket:
    """A socket on the loopback address only; port 0 picks a free one."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((LOOPBACK, port))
        # Listen now: a browser opened at once waits in the queue until the server is ready.
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise MedialitError(
            f"Cannot listen on port {port} ({exc.strerror}); choose another with --port, "
            "or leave --port out to use a free one."
        ) from None
    return sock


def serve(
    lesson: Path,
    configuration: Configuration,
    *,
    port: int = 0,
    open_browser: bool = True,
    echo: Callable[[str], None] | None = None,
) -> None:
    """Preview ``lesson`` until Ctrl-C; the first line printed is the address to open."""
    serve_guarded(
        lambda token, hosts: create_app(lesson, configuration, token=token, hosts=hosts),
        port=port,
        open_browser=open_browser,
        echo=echo or _say,
        serving=f"Previewing {lesson}; press Ctrl-C to stop.",
        stopped="Preview stopped.",
        listening=start_workers_early,  # before any thread: the fork server is a fork of this
    )


def serve_guarded(
    make_app: Callable[[str, set[str]], Guard],
    *,
    port: int,
    open_browser: bool,
    echo: Callable[[str], None],
    serving: str,
    stopped: str,
    listening: Callable[[], None] | None = None,
) -> None:
    """Serve the app ``make_app(token, hosts)`` makes on the loopback address until Ctrl-C,
    behind a fresh token: the first line printed is the address to open, then ``serving``."""
    sock = listen(port)
    if listening is not None:  # the port is ours: what the app needs started, started
        listening()
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    hosts = {f"{LOOPBACK}:{port}", f"localhost:{port}"}
    app = make_app(token, hosts)
    origin = f"http://{LOOPBACK}:{port}"
    echo(f"{origin}/?token={token}")
    echo(serving)
    config = uvicorn.Config(
        app, log_level="warning", timeout_graceful_shutdown=2, access_log=False, ws="none"
    )
    logging.getLogger("uvicorn.error").addFilter(_no_websocket_advice)
    server = _Server(config, on_exit=app.on_exit)
    if open_browser:
        # Not the printed address: other accounts can read the launcher's command line.
        once = origin + app.one_time_path()
        threading.Thread(target=webbrowser.open, args=(once,), daemon=True).start()
    with contextlib.suppress(KeyboardInterrupt):  # re-raised by Uvicorn once it has stopped
        server.run(sockets=[sock])
    echo(stopped)


class _Server(uvicorn.Server):
    """Uvicorn, telling the app when Ctrl-C arrives: open event streams then end at once."""

    def __init__(self, config: uvicorn.Config, on_exit: Callable[[], None]) -> None:
        super().__init__(config)
        self.on_exit = on_exit

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self.on_exit()
        super().handle_exit(sig, frame)


def _no_websocket_advice(record: logging.LogRecord) -> bool:
    """Drop Uvicorn's advice to install WebSocket support, meant for developers.

    The preview uses none (``ws="none"``) and the guard refuses an upgrade
    request plainly, but Uvicorn still logs the advice for each one.
    """
    message = record.getMessage()
    return "upgrade request" not in message and "WebSocket library" not in message


def _say(line: str) -> None:
    # At once, even into a pipe: the address is awaited. A file name may hold escapes.
    print(escape_controls(line), flush=True)
