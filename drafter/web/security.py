"""What keeps the editor to its one user: pure ASGI middleware, applied Host, origin, then token.

A local server is reachable by every web page the user opens and by every user of the machine.
The Host check defeats DNS rebinding (a hostile name resolving to 127.0.0.1), the origin check
cross-site form posts, and the token everyone else: it comes once in the printed URL and is then
kept in an HttpOnly, SameSite=Strict cookie named after the port, since cookies ignore ports.
Request bodies are bounded, and every response forbids inline script and framing.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Methods that change nothing, and so need no origin check.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: The largest request body: a source is at most 2 MB, and JSON may escape some of it.
MAX_BODY = 5_000_000
#: Every response: scripts and styles from the app's own files only, no framing, no referrer
#: (the first URL carries the token).
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     b"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


def make_token() -> str:
    """A fresh secret per start, as Jupyter makes its own (48 hex digits)."""
    return secrets.token_hex(24)


def cookie_name(port: int) -> str:
    """The cookie of the server on ``port``: two servers on one machine do not share it."""
    return f"drafter-token-{port}"


def loopback_host(host: str) -> bool:
    """``localhost`` or a loopback address, with or without brackets."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


def _host_name(host: str) -> str:
    """The name part of a Host header: "127.0.0.1:8000" → "127.0.0.1", "[::1]:80" → "::1"."""
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


async def refuse(send: Send, status: int, message: str, headers: list[tuple[bytes, bytes]] | None = None
                 ) -> None:
    """A plain-text refusal: one sentence saying what to do."""
    body = (message + "\n").encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()),
                            *SECURITY_HEADERS, *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


class HostCheck:
    """403 unless the Host header names a loopback address, localhost, or the ``--host`` given."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.allowed = frozenset(name.lower() for name in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        name = _host_name(_header(scope, b"host") or "").lower()
        if not (loopback_host(name) or name in self.allowed):
            return await refuse(send, 403, "This address is not the editor's: open the address "
                                "that drafter serve printed.")
        await self.app(scope, receive, send)


class OriginCheck:
    """A state-changing request must come from the editor's own pages.

    As datasette does instead of CSRF tokens: ``Sec-Fetch-Site`` is same-origin or none (typed
    by the user); without it, ``Origin`` must be this server's scheme, host and port.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            return await self.app(scope, receive, send)
        site = _header(scope, b"sec-fetch-site")
        origin = _header(scope, b"origin")
        expected = f"{scope.get('scheme', 'http')}://{_header(scope, b'host') or ''}"
        if site is not None:
            allowed = site in ("same-origin", "none")
        else:
            allowed = origin is not None and origin.lower() == expected.lower()
        if not allowed:
            return await refuse(send, 403, "Changes are only accepted from the editor's own page.")
        await self.app(scope, receive, send)


class TokenAuth:
    """Every request needs the token: once in the query, which sets the cookie, then the cookie."""

    def __init__(self, app: ASGIApp, token: str, port: int) -> None:
        self.app = app
        self.token = token
        self.cookie = cookie_name(port)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = query.get("token", [""])[0]
        if given:
            if not self._valid(given):
                return await refuse(send, 403, "This token is not the editor's: open the address "
                                    "that drafter serve printed.")
            # Trade the token for a cookie, then go to a fixed page: no next= to abuse.
            cookie = (f"{self.cookie}={self.token}; HttpOnly; SameSite=Strict; Path=/").encode()
            await send({"type": "http.response.start", "status": 303,
                        "headers": [(b"location", b"/"), (b"set-cookie", cookie),
                                    (b"content-length", b"0"), *SECURITY_HEADERS]})
            await send({"type": "http.response.body", "body": b""})
            return
        if not self._valid(self._cookie(scope)):
            return await refuse(send, 403, "Open the editor with the address drafter serve printed "
                                "(it carries the access token).")
        await self.app(scope, receive, send)

    def _valid(self, given: str) -> bool:
        return secrets.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))

    def _cookie(self, scope: Scope) -> str:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(_header(scope, b"cookie") or "")
        except Exception:  # a malformed Cookie header is no cookie
            return ""
        morsel = jar.get(self.cookie)
        return morsel.value if morsel is not None else ""


class _TooLarge(Exception):
    pass


class BodyLimit:
    """413 for a body over ``limit`` bytes, whether announced by Content-Length or streamed."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = _header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            return await refuse(send, 413, self._message())
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await refuse(send, 413, self._message())

    def _message(self) -> str:
        return f"The request is larger than {self.limit // 1_000_000} MB; a source is far smaller."


class SecurityHeaders:
    """Adds the content security policy and its companions to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {key.lower() for key, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(item for item in SECURITY_HEADERS if item[0] not in names)]
            await send(message)

        await self.app(scope, receive, with_headers)


def protect(app: ASGIApp, token: str, port: int, hosts: frozenset[str] = frozenset(),
            limit: int = MAX_BODY) -> ASGIApp:
    """The app behind every check, outermost first: Host, origin, token, body size, headers."""
    inner: ASGIApp = SecurityHeaders(app)
    inner = BodyLimit(inner, limit)
    inner = TokenAuth(inner, token, port)
    inner = OriginCheck(inner)
    return HostCheck(inner, hosts)
