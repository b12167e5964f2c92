"""Browser pages for the tests, from contexts kept warm for the whole session.

Each page a test opened used to come with a browser context of its own, and every new
context started a new renderer process: about 0.8 s of CPU a test before the test did
anything (measured with the preview's page, two tests out of three in a context of their
own). The contexts here live for the session, each with a page left open on an empty site
at 127.0.0.1, so that Chromium keeps that site's renderer process and gives it to every
preview page (the previews listen on 127.0.0.1 too; a site is its host, not its port).

A test still gets a page of its own, and leaves nothing to the next: its pages are closed
and the context's cookies and permissions cleared when it ends. The previews keep no
cookie or storage (``preview/guard.py``), and every page-level route or script goes with
its page.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

CHROMIUM = "/usr/bin/chromium"
"""Debian's Chromium: never `playwright install`, the browser is the system's."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 900}
"""A page's size unless a test asks for another."""


class _Empty(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<!doctype html><title>kept</title>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def empty_site() -> Iterator[str]:
    """An address at 127.0.0.1 that answers an empty page, for as long as the block lasts."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Empty)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class WarmContexts:
    """The session's browser contexts, one for each set of options, each kept warm."""

    def __init__(self, browser: Browser, site: str, defaults: dict[str, Any]) -> None:
        self._browser = browser
        self._site = site
        self._defaults = defaults
        self._contexts: dict[bool, tuple[BrowserContext, Page]] = {}

    def context(self, *, bypass_csp: bool = False) -> BrowserContext:
        """The warm context; ``bypass_csp`` for tests that add axe-core to the page."""
        if bypass_csp not in self._contexts:
            options = {**self._defaults, "bypass_csp": bypass_csp}
            context = self._browser.new_context(**options)
            keeper = context.new_page()
            keeper.goto(self._site)
            self._contexts[bypass_csp] = (context, keeper)
        return self._contexts[bypass_csp][0]

    def page(self, *, bypass_csp: bool = False, viewport: dict[str, int] | None = None) -> Page:
        """A new page of a warm context, at ``viewport`` if given (else the session's)."""
        page = self.context(bypass_csp=bypass_csp).new_page()
        if viewport is not None:
            page.set_viewport_size({"width": viewport["width"], "height": viewport["height"]})
        return page

    def clear(self) -> None:
        """Close every page but the keepers, and forget cookies and permissions.

        Only a page's own state goes with it: a test that needs the context's (its routes,
        init scripts, clock, headers or offline mode) makes a context of its own."""
        for context, keeper in self._contexts.values():
            for page in context.pages:
                if page is not keeper:
                    with contextlib.suppress(Exception):  # closed already, or crashed
                        page.close()
            context.clear_cookies()
            context.clear_permissions()

    def close(self) -> None:
        for context, _ in self._contexts.values():
            context.close()
