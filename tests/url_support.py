"""A real HTTP server for the ``medialit new <address>`` tests, in a thread of the test process.

Each path plays one kind of site: a page, a redirect, a slow or huge page, a refusal, a login
page. The server counts the requests it gets, so a test can show that nothing was fetched.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .conftest import DATA

STORY = (DATA / "news-story.html").read_bytes()
LOGIN_PAGE = b"""<!doctype html><html><head><title>Log in | The Valley Courier</title></head>
<body><h1>Subscribers only</h1><form action="/login" method="post">
<label>Email <input type="email" name="email"></label>
<label>Password <input type="password" name="password"></label>
<button>Log in</button></form></body></html>"""
# A teaser with the markup Google asks paywalled sites for (isAccessibleForFree: false).
PAYWALL_SCRIPT = b"""<script type="application/ld+json">{"@context": "https://schema.org",
"@type": "NewsArticle", "isAccessibleForFree": "False",
"hasPart": {"@type": "WebPageElement", "isAccessibleForFree": "False",
"cssSelector": ".paywall"}}</script></head>"""
PAYWALLED_STORY = STORY.replace(b"</head>", PAYWALL_SCRIPT, 1)
# Many sites have a login form in a menu: with the article there, that is no paywall.
MENU_LOGIN = b'<form class="login"><input type="password" name="password"></form></header>'
STORY_WITH_LOGIN_MENU = STORY.replace(b"</header>", MENU_LOGIN, 1)
HUGE_BYTES = 6_000_000


@dataclass
class Site:
    """The running server: its address and the paths asked for."""

    base: str
    requests: list[str] = field(default_factory=list)
    routes: dict[str, Callable[[http.server.BaseHTTPRequestHandler], None]] = field(
        default_factory=dict
    )


def _send(handler: http.server.BaseHTTPRequestHandler, status: int, body: bytes, kind: str) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", kind)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _redirect(to: str) -> Callable[[http.server.BaseHTTPRequestHandler], None]:
    def route(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", to)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


def _slow(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    for _ in range(120):  # a byte every half second: never a pause long enough to time out
        try:
            handler.wfile.write(b" ")
            handler.wfile.flush()
        except OSError:
            return
        time.sleep(0.5)


def _huge(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()  # no length said: the size shows only while reading
    chunk = b"<p>" + b"words " * 10_000 + b"</p>\n"
    sent = 0
    try:
        while sent < HUGE_BYTES:
            handler.wfile.write(chunk)
            sent += len(chunk)
    except OSError:
        pass


def _routes(
    site: Site, other: str
) -> dict[str, Callable[[http.server.BaseHTTPRequestHandler], None]]:
    def page(
        body: bytes, kind: str = "text/html; charset=utf-8", status: int = 200
    ) -> Callable[[http.server.BaseHTTPRequestHandler], None]:
        return lambda handler: _send(handler, status, body, kind)

    latin1 = STORY.replace(b'<meta charset="utf-8">', b"").decode("utf-8").encode("cp1252")
    return {
        "/story.html": page(STORY),
        "/moved": _redirect("/story.html"),
        "/moved-twice": _redirect(f"{site.base}/moved"),
        "/loop": _redirect("/loop"),
        "/to-ftp": _redirect("ftp://127.0.0.1/story.html"),
        "/to-private": _redirect(f"{other}/story.html"),
        "/slow": _slow,
        "/huge": _huge,
        "/forbidden": page(b"<html><body><h1>403 Forbidden</h1></body></html>", status=403),
        "/login": page(LOGIN_PAGE),
        "/paywall": page(PAYWALLED_STORY),
        "/menu-login": page(STORY_WITH_LOGIN_MENU),
        "/report.pdf": page(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf"),
        "/latin1": page(latin1, "text/html; charset=windows-1252"),
    }


class _Handler(http.server.BaseHTTPRequestHandler):
    site: Site

    def do_GET(self) -> None:
        self.site.requests.append(self.path)
        route = self.site.routes.get(self.path)
        if route is None:
            _send(self, 404, b"<html><body>Not found</body></html>", "text/html")
        else:
            route(self)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the test's output stays readable


@contextmanager
def serving(host: str = "127.0.0.1", other: str = "") -> Iterator[Site]:
    """A site at ``http://HOST:PORT``; ``other`` is where ``/to-private`` sends on to."""
    handler = type("Handler", (_Handler,), {})
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    site = Site(f"http://{host}:{server.server_address[1]}")
    site.routes = _routes(site, other)
    handler.site = site
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )  # shutdown() waits for a poll: 0.5 s by default, a wait in every test
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
