"""Issue 26, the preview server: the token stays with this server, out of command lines.

Every case runs the real `medialit preview` in a subprocess on 127.0.0.1 and reads
what the teacher's terminal shows; the cookie case drives the system Chromium.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from .preview_helpers import LESSON
from .process_support import default_signals

pytestmark = pytest.mark.build

NO_TOKEN = "Open the address that <code>medialit preview</code> printed"
NO_WEBSOCKETS = "This preview does not use WebSockets."
USED = "This address opened the preview once and works no more"


@dataclass
class Running:
    """A `medialit preview` process and the two lines it printed first."""

    process: subprocess.Popen[str]
    url: str
    previewing: str
    errors: str = ""

    @property
    def origin(self) -> str:
        return self.url.split("/?")[0]

    @property
    def token(self) -> str:
        return self.url.rpartition("?token=")[2]

    def stop(self) -> str:
        """Ctrl-C; what the terminal showed on stderr."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGINT)
            _, self.errors = self.process.communicate(timeout=20)
            assert self.process.returncode == 0, self.errors
        return self.errors


def start_preview(lesson: Path, *, browser: Path | None = None) -> Running:
    env = {key: value for key, value in os.environ.items() if key != "BROWSER"}
    args = [sys.executable, "-m", "medialit", "preview", str(lesson)]
    if browser is None:
        args.insert(4, "--no-open")
    else:
        env["BROWSER"] = str(browser)  # Python's webbrowser runs this with the address
    process = subprocess.Popen(
        args,
        cwd=lesson.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_signals,
    )
    assert process.stdout is not None
    url = process.stdout.readline().rstrip("\n")
    previewing = process.stdout.readline().rstrip("\n")
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{20,}", url), (url, previewing)
    served = Running(process, url, previewing)
    # Answered once Uvicorn serves (and handles Ctrl-C): the socket queues it until then.
    httpx.get(served.origin + "/favicon.ico", timeout=30)
    return served


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    path = tmp_path / "lesson.yaml"
    path.write_text(LESSON, encoding="utf-8")
    return path


@pytest.fixture
def running(lesson: Path) -> Iterator[Running]:
    served = start_preview(lesson)
    yield served
    assert "Traceback" not in served.stop()


def raw_request(origin: str, head: str) -> bytes:
    """Send ``head`` (a request without body, closing the connection); return the answer."""
    host, port = origin.removeprefix("http://").split(":")
    if "\nConnection:" not in head:
        head = head.replace("\n\n", "\nConnection: close\n\n")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(head.replace("\n", "\r\n").encode("utf-8") + b"\r\n")
        answer = b""
        deadline = time.monotonic() + 30
        while chunk := conn.recv(65536):
            answer += chunk
            assert time.monotonic() < deadline, "the answer never ended"
    return answer


# -- 6: no cookie reaches other services on the loopback address ------------------------------


@dataclass
class Listener:
    """Another web service on this computer: it records every request it receives."""

    sock: socket.socket
    requests: list[bytes] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn, contextlib.suppress(OSError):  # a browser may preconnect and say nothing
                conn.settimeout(5)
                data = b""
                while b"\r\n\r\n" not in data and (chunk := conn.recv(65536)):
                    data += chunk
                if data:
                    self.requests.append(data)
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 14\r\n"
                    b"Connection: close\r\n\r\n<p>another app"
                )


@pytest.fixture
def listener() -> Iterator[Listener]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    other = Listener(sock)
    thread = threading.Thread(target=other.serve, daemon=True)
    thread.start()
    yield other
    sock.close()


@pytest.mark.browser
def test_another_local_web_app_never_receives_the_token(
    page: Any, running: Running, listener: Listener
) -> None:
    from playwright.sync_api import expect

    page.goto(running.url)
    expect(page.locator("#title")).to_have_text("The library hours")
    expect(page.get_by_alt_text(re.compile(r"^Student sheet, page 1 of \d+$"))).to_be_visible(
        timeout=30_000
    )
    page.goto(listener.origin + "/")  # the teacher visits another local web app
    page.goto(listener.origin + "/api/lesson")
    assert len(listener.requests) >= 2
    for request in listener.requests:
        assert running.token.encode() not in request, request
        assert b"cookie" not in request.lower(), request
    assert page.context.cookies() == []


# -- 7: the browser's command line holds a one-time address ----------------------------------


def test_the_browser_opens_an_address_that_works_once(lesson: Path, tmp_path: Path) -> None:
    argv = tmp_path / "browser-argv.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(
        f"#!/bin/sh\nprintf '%s\\n' \"$@\" > '{argv}.part' && mv '{argv}.part' '{argv}'\n"
    )
    browser.chmod(browser.stat().st_mode | stat.S_IXUSR)
    served = start_preview(lesson, browser=browser)
    try:
        deadline = time.monotonic() + 20
        while not argv.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        opened = argv.read_text(encoding="utf-8").strip()  # what /proc/PID/cmdline showed
        assert served.token not in opened
        assert re.fullmatch(re.escape(served.origin) + r"/open/[\w-]{20,}", opened), opened
        with httpx.Client(timeout=10) as client:
            assert client.head(opened).status_code == 403  # only a GET uses it up
            first = client.get(opened)
            assert first.status_code == 303
            page = client.get(served.origin + first.headers["location"])
            assert page.status_code == 200 and "<title>medialit preview</title>" in page.text
            again = client.get(opened)
            assert again.status_code == 403
            assert USED in again.text
            assert NO_TOKEN in again.text  # what to do: open the address in the terminal
            for _ in range(2):  # the printed address keeps working
                assert client.get(served.url).status_code == 303
    finally:
        errors = served.stop()
    assert "Traceback" not in errors


# -- 8: a token or cookie that is not ASCII ------------------------------------------------


def test_a_token_or_cookie_that_is_not_ascii_is_refused_plainly(running: Running) -> None:
    port = running.origin.rpartition(":")[2]
    host = f"Host: 127.0.0.1:{port}"
    for target, cookie in [
        ("/?token=%C3%A9", ""),
        ("/?token=%FF%FE", ""),
        ("/s/%C3%A9/api/lesson", ""),
        ("/open/%C3%A9", ""),
        ("/", f"\nCookie: medialit-preview-{port}=é"),
        ("/api/lesson", f"\nCookie: medialit-preview-{port}=\u2028; other=ü"),
    ]:
        answer = raw_request(running.origin, f"GET {target} HTTP/1.1\n{host}{cookie}\n\n")
        assert answer.startswith(b"HTTP/1.1 403 "), (target, answer[:200])
        assert b"medialit preview" in answer
    assert "Traceback" not in running.stop()


# -- 11: the lesson's file name in the terminal --------------------------------------------


def test_the_previewing_line_shows_escapes_in_a_file_name_as_text(tmp_path: Path) -> None:
    lesson = tmp_path / "a\x1b]0;pwned\x07b.yaml"
    lesson.write_text(LESSON, encoding="utf-8")
    served = start_preview(lesson)
    try:
        shown = str(lesson).replace("\x1b", "\\x1b").replace("\x07", "\\x07")
        assert served.previewing == f"Previewing {shown}; press Ctrl-C to stop."
    finally:
        assert "Traceback" not in served.stop()


# -- 21: a WebSocket upgrade -----------------------------------------------------------------


def test_a_websocket_upgrade_gets_a_plain_refusal_and_no_advice(running: Running) -> None:
    host = running.origin.removeprefix("http://")
    for target in (f"/s/{running.token}/events", "/"):
        answer = raw_request(
            running.origin,
            f"GET {target} HTTP/1.1\nHost: {host}\nConnection: Upgrade, close\nUpgrade: websocket\n"
            "Sec-WebSocket-Version: 13\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\n\n",
        )
        assert answer.startswith(b"HTTP/1.1 400 "), answer[:200]
        assert answer.endswith(NO_WEBSOCKETS.encode())
    errors = running.stop()
    assert "pip install" not in errors and "WebSocket" not in errors
    assert "upgrade" not in errors.lower()
