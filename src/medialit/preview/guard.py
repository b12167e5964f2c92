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

NO_WEBSOCKETS = "This preview does not use WebSockets."


class Guard:
    """Every request must name this server as its host and carry the access token.

    The page and everything it loads live under a secret path, ``/s/<token>/``;
    the page refers to its scripts, data, event stream and images by relative
    addresses, so they all carry the token. No cookie: browsers do not separate
    cookies by port, so a cookie would also reach every other web service on this
    computer's loopback address. A path cannot leak that way, and it works for
    ``EventSource`` and ``<img>``, which cannot send a token in a header.

    The printed address (``/?token=…``) stays valid and leads to the page; the
    browser is opened on a one-time address (``/open/<code>``) instead, because
    other people on the computer can read the launcher's command line.

    Checking the ``Host`` header defeats DNS rebinding: a web page whose name
    points to 127.0.0.1 still sends its own name. Changes must come as JSON from
    this very origin, which a form on another site cannot send.
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
        self.home = f"/s/{token}/"
        self._once: set[str] = set()

    def one_time_path(self) -> str:
        """A path that leads to the page once, for the browser's command line."""
        code = secrets.token_urlsafe(24)
        self._once.add(code)
        return f"/open/{code}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response = self._refusal(Request(scope))
        if response is not None:
            await _with_headers(response)(scope, receive, send)
            return
        # The routes see the path below the secret prefix (Starlette strips root_path).
        inner = {**scope, "root_path": scope.get("root_path", "") + self.home[:-1]}
        await _with_headers(self.app)(inner, receive, send)

    def _refusal(self, request: Request) -> Response | None:
        host = request.headers.get("host", "")
        if host not in self.hosts:
            return PlainTextResponse(
                f"This preview answers only at http://{sorted(self.hosts)[0]}/.", status_code=400
            )
        if request.headers.get("upgrade") is not None:
            return PlainTextResponse(NO_WEBSOCKETS, status_code=400)
        path = request.url.path
        if path.startswith("/s/"):
            secret, slash, _ = path[len("/s/") :].partition("/")
            if not _same(secret, self.token):
                return _refused()
            if not slash:  # the page's relative addresses need the final slash
                return RedirectResponse(self.home, status_code=303)
            return self._change_refusal(request, host)
        if path.startswith("/open/"):
            code = path[len("/open/") :]
            if request.method != "GET":  # a HEAD (a link checker, say) does not use it up
                return _refused()
            if code not in self._once:  # str hashes are salted per process: timing tells nothing
                return HTMLResponse(_USED_PAGE, status_code=403)
            self._once.discard(code)
            return RedirectResponse(self.home, status_code=303)
        if path == "/favicon.ico":  # asked for by browsers at the root; nothing to hide
            return Response(status_code=204)
        offered = request.query_params.get("token")
        if offered is not None and _same(offered, self.token):
            return RedirectResponse(self.home, status_code=303)
        return _refused()

    def _change_refusal(self, request: Request, host: str) -> Response | None:
        if request.method not in ("GET", "HEAD"):
            origin = request.headers.get("origin")
            if origin is not None and origin != f"http://{host}":
                return PlainTextResponse("Changes must come from the preview page.", 403)
            if request.headers.get("content-type", "").split(";")[0] != "application/json":
                return PlainTextResponse("Changes are sent as JSON.", 415)
        return None


def _same(offered: str, token: str) -> bool:
    """Compare in constant time; as bytes, because compare_digest refuses non-ASCII text."""
    return secrets.compare_digest(
        offered.encode("utf-8", "surrogatepass"), token.encode("utf-8", "surrogatepass")
    )


def _refused() -> Response:
    return HTMLResponse(_NO_TOKEN_PAGE, status_code=403)


_NO_TOKEN_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8">
<title>medialit preview: open the printed address</title>
<h1>Open the address that <code>medialit preview</code> printed</h1>
<p>This preview is private to the person who started it. Copy the whole address from the
first line that <code>medialit preview</code> printed in the terminal (it ends with
<code>?token=</code> and a code) and open it in this browser.</p></html>"""

_USED_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8">
<title>medialit preview: this address works only once</title>
<h1>This address opened the preview once and works no more</h1>
<p>medialit opens your browser on an address that works only once, so that other people on
this computer cannot reuse it. Open the address that <code>medialit preview</code> printed
in the terminal instead: copy the whole first line (it ends with <code>?token=</code> and a
code) and open it in this browser.</p></html>"""


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
