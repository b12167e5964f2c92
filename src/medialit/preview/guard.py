"""The preview's gate: only this computer's browser, with the token, gets through.

Every answer carries a strict content security policy: the page runs its own
scripts only and loads nothing from elsewhere.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)


class Guard:
    """Every request must name this server as its host and carry the access token.

    The token arrives once in the address (``?token=…``, as printed) and is then
    kept in a cookie. Checking the ``Host`` header defeats DNS rebinding: a web
    page whose name points to 127.0.0.1 still sends its own name. Changes must
    come as JSON from this very origin, which a form on another site cannot send.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        token: str,
        hosts: set[str],
        on_exit: Callable[[], None] = lambda: None,
    ) -> None:
        self.app = app
        self.on_exit = on_exit
        """Call when the server is asked to stop: ends the pages' event streams."""
        self.token = token
        self.hosts = hosts
        port = next(iter(hosts)).rpartition(":")[2]
        self.cookie = f"medialit-preview-{port}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response = self._refusal(Request(scope))
        if response is not None:
            await _with_headers(response)(scope, receive, send)
            return
        await _with_headers(self.app)(scope, receive, send)

    def _refusal(self, request: Request) -> Response | None:
        host = request.headers.get("host", "")
        if host not in self.hosts:
            return PlainTextResponse(
                f"This preview answers only at http://{sorted(self.hosts)[0]}/.", status_code=400
            )
        offered = request.query_params.get("token")
        if offered is not None and secrets.compare_digest(offered, self.token):
            response = RedirectResponse(request.url.path, status_code=303)
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="strict")
            return response
        cookie = request.cookies.get(self.cookie, "")
        if not secrets.compare_digest(cookie, self.token):
            return HTMLResponse(_NO_TOKEN_PAGE, status_code=403)
        if request.method not in ("GET", "HEAD"):
            origin = request.headers.get("origin")
            if origin is not None and origin != f"http://{host}":
                return PlainTextResponse("Changes must come from the preview page.", 403)
            if request.headers.get("content-type", "").split(";")[0] != "application/json":
                return PlainTextResponse("Changes are sent as JSON.", 415)
        return None


_NO_TOKEN_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8">
<title>medialit preview: open the printed address</title>
<h1>Open the address that <code>medialit preview</code> printed</h1>
<p>This preview is private to the person who started it. Copy the whole address from the
first line that <code>medialit preview</code> printed in the terminal (it ends with
<code>?token=</code> and a code) and open it in this browser.</p></html>"""


def _with_headers(app: ASGIApp) -> ASGIApp:
    """Add the content security policy and its companions to every response."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                headers["Cross-Origin-Resource-Policy"] = "same-origin"
                headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await app(scope, receive, send_with_headers)

    return wrapped
