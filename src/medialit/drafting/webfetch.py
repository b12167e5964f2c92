"""Fetch one web page for ``medialit new``: once, small, quick, and only from the public web.

A teacher usually has an address, not a saved page. The page is fetched once, with urllib3
(already installed with trafilatura; its connections can be checked before a request is sent):
only ``http`` and ``https``, at most :data:`MAX_REDIRECTS` redirects, at most
:data:`~medialit.drafting.reading.MAX_PAGE_BYTES`, within :data:`FETCH_SECONDS` (in a child
process that is killed at the limit, as finding the article is). The address each connection
actually reached is checked, not the name asked for, so a name that resolves to a public
address when looked up and to ``127.0.0.1`` when connected (DNS rebinding) is still refused:
loopback and private addresses are fetched only with ``--allow-local``. No proxy is used.
"""

from __future__ import annotations

import http
import ipaddress
import re
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

# SAVE_ADVICE lives in reading (with is_web_address): `new` on a file needs no network module.
from medialit.drafting.reading import (
    MAX_PAGE_BYTES,
    SAVE_ADVICE,
    SourceError,
    SourceKind,
)
from medialit.drafting.timelimit import ChildEnded, TimeLimitReached, run_with_time_limit

MAX_REDIRECTS = 5
CONNECT_SECONDS = 10.0
READ_SECONDS = 15.0
"""The longest wait for the next bytes of the page."""
FETCH_SECONDS = 30.0
"""The whole fetch, redirects included."""
# What a page's Content-Type may be: what the saved-file reader takes.
_KINDS: dict[str, SourceKind] = {
    "text/html": "page",
    "application/xhtml+xml": "page",
    "text/plain": "text",
    "text/markdown": "text",
}
_CHUNK = 64 * 1024
_PASSWORD_FIELD = re.compile(r"<input\b[^>]*\btype\s*=\s*[\"']?password", re.I)
_NOT_FREE = re.compile(r"[\"']isAccessibleForFree[\"']\s*:\s*[\"']?false", re.I)


@dataclass(frozen=True)
class FetchedPage:
    """A page as the site sent it (``data``, kept byte for byte), and where it came from."""

    requested: str
    url: str
    """The address the page finally came from, after redirects."""
    data: bytes
    kind: SourceKind
    charset: str | None
    """The character set the site declared in its ``Content-Type``, if any."""
    redirects: int


class _Refused(Exception):
    """Why the fetch stopped, in words for the teacher (raised inside the child process)."""


def fetch_page(url: str, *, allow_local: bool = False) -> FetchedPage:
    """The page at URL, or :class:`~medialit.drafting.reading.SourceError` saying why not."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise SourceError(
            f"{url}: medialit new fetches only http:// and https:// addresses of web pages; "
            f"check the address, or {SAVE_ADVICE}."
        )
    try:
        outcome = run_with_time_limit(_fetch, (url, allow_local), FETCH_SECONDS)
    except TimeLimitReached:
        raise SourceError(
            f"{url}: the page did not arrive within {FETCH_SECONDS:g} seconds, so medialit "
            f"stopped; try again later, or {SAVE_ADVICE}."
        ) from None
    except ChildEnded:
        raise SourceError(
            f"{url}: fetching the page stopped half-way; try again, or {SAVE_ADVICE}."
        ) from None
    if isinstance(outcome, str):
        raise SourceError(f"{url}: {outcome}")
    return outcome


SUBSCRIBERS_ONLY = "the site marks the article as for subscribers only"


def blocked_hint(text: str) -> str | None:
    """What in a fetched page suggests a login or a paywall keeps the article from us.

    A login form alone says little when the article is there (many sites have one in a
    menu), so ``new`` says it only when no article was found.
    """
    if _NOT_FREE.search(text):
        return SUBSCRIBERS_ONLY
    if _PASSWORD_FIELD.search(text):
        return "the page shows a login form"
    return None


def _fetch(job: tuple[str, bool]) -> FetchedPage | str:
    """In the child process: the page, or why it could not be had (a message)."""
    url, allow_local = job
    try:
        return _follow(url, allow_local)
    except _Refused as refused:
        return str(refused)


def _follow(requested: str, allow_local: bool) -> FetchedPage:
    url = requested
    for redirects in range(MAX_REDIRECTS + 1):
        response = _request(url, allow_local)
        try:
            location = response.headers.get("Location")
            if response.status in (301, 302, 303, 307, 308) and location:
                target = urljoin(url, location)
                if urlsplit(target).scheme.lower() not in ("http", "https"):
                    raise _Refused(
                        f"the address redirected to {target}, which is not a web address; "
                        f"{SAVE_ADVICE}."
                    )
                url = target
                continue
            _check_status(response.status)
            kind, charset = _content_type(response.headers.get("Content-Type", ""))
            data = _body(response)
        finally:
            response.release_conn()
        return FetchedPage(requested, url, data, kind, charset, redirects)
    raise _Refused(
        f"the address redirected more than {MAX_REDIRECTS} times (last to {url}); {SAVE_ADVICE}."
    )


def _request(url: str, allow_local: bool) -> urllib3.BaseHTTPResponse:
    parts = urllib3.util.parse_url(url)
    pool_class = _TLSPool if parts.scheme == "https" else _Pool
    pool = pool_class(
        parts.host or "",
        parts.port,
        timeout=urllib3.Timeout(connect=CONNECT_SECONDS, read=READ_SECONDS),
        retries=False,
        allow_local=allow_local,  # handed to each connection the pool makes
    )
    headers = urllib3.make_headers(
        user_agent="Mozilla/5.0 (compatible; medialit; one page for a lesson)",
        accept_encoding=True,
    )
    headers["Accept"] = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
    try:
        return pool.urlopen(
            "GET", parts.request_uri, headers=headers, redirect=False, preload_content=False
        )
    except urllib3.exceptions.NameResolutionError:
        raise _Refused(
            f"the site {parts.host} was not found; check the address and the computer's "
            f"connection, or {SAVE_ADVICE}."
        ) from None
    except urllib3.exceptions.SSLError as exc:
        raise _Refused(
            f"the site's secure connection could not be checked ({_reason(exc)}); {SAVE_ADVICE}."
        ) from None
    except urllib3.exceptions.HTTPError as exc:
        raise _Refused(
            f"the site could not be reached ({_reason(exc)}); check the address and the "
            f"computer's connection, or {SAVE_ADVICE}."
        ) from None


def _check_status(status: int) -> None:
    if 200 <= status < 300:
        return
    words = f"{status} {_phrase(status)}".strip()
    if status in (401, 402, 403, 407, 451):
        raise _Refused(
            f"the site refused to give the page ({words}): it may need a login, or a paywall "
            f"blocks it; {SAVE_ADVICE} (logged in, if you have an account)."
        )
    if status in (404, 410):
        raise _Refused(f"there is no page at this address ({words}); check the address.")
    raise _Refused(
        f"the site answered {words} instead of the page; try again later, or {SAVE_ADVICE}."
    )


def _content_type(value: str) -> tuple[SourceKind, str | None]:
    media, _, parameters = value.partition(";")
    media = media.strip().lower() or "text/html"  # no type said: browsers sniff; so does reading
    if media not in _KINDS:
        raise _Refused(
            f"the address gives {media}, not a web page; open it, copy the article's text "
            "into a .txt file and run medialit new on that file."
        )
    charset = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", parameters, re.I)
    return _KINDS[media], charset.group(1) if charset else None


def _body(response: urllib3.BaseHTTPResponse) -> bytes:
    """The page's bytes (decompressed, as a browser saves them), at most MAX_PAGE_BYTES."""
    too_large = _Refused(
        f"the page is larger than {MAX_PAGE_BYTES // 1_000_000} MB, too large for one article; "
        f"{SAVE_ADVICE}, or copy the article's text into a .txt file."
    )
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_PAGE_BYTES:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.stream(_CHUNK, decode_content=True):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_PAGE_BYTES:
                raise too_large
    except urllib3.exceptions.HTTPError as exc:
        raise _Refused(
            f"the page stopped arriving half-way ({_reason(exc)}); try again, or {SAVE_ADVICE}."
        ) from None
    return b"".join(chunks)


def _reason(exc: BaseException) -> str:
    """The innermost words of a urllib3 error, without the pool's own wrapping."""
    inner: BaseException = exc
    while inner.__context__ is not None:
        inner = inner.__context__
    if isinstance(inner, OSError) and inner.strerror:
        return inner.strerror
    return str(getattr(inner, "reason", None) or inner)


def _phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether ADDRESS is on the public internet (not loopback, private, link-local…)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _check_peer(sock: socket.socket, allow_local: bool) -> None:
    """Refuse a connection that reached a loopback or private address (unless allowed)."""
    address = ipaddress.ip_address(sock.getpeername()[0].split("%")[0])
    if allow_local or is_public(address):
        return
    sock.close()
    what = "this computer" if address.is_loopback else "a local or private network"
    raise _Refused(
        f"the address leads to {address}, on {what}, and medialit new fetches only public "
        "web pages; if you trust the address, run the command again with --allow-local."
    )


class _CheckedConnection(HTTPConnection):
    def __init__(self, *args: Any, allow_local: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allow_local = allow_local

    def _new_conn(self) -> socket.socket:
        # The socket is checked once connected, before a byte of the request is sent.
        sock = super()._new_conn()
        _check_peer(sock, self.allow_local)
        return sock


class _CheckedTLSConnection(HTTPSConnection):
    def __init__(self, *args: Any, allow_local: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allow_local = allow_local

    def _new_conn(self) -> socket.socket:
        # Checked before the TLS handshake, so not even a greeting goes to a refused address.
        sock = super()._new_conn()
        _check_peer(sock, self.allow_local)
        return sock


class _Pool(HTTPConnectionPool):
    ConnectionCls = _CheckedConnection


class _TLSPool(HTTPSConnectionPool):
    ConnectionCls = _CheckedTLSConnection
