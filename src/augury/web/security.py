"""Who may read and write, CSRF, host and size checks, and the headers on every response.

The model (see README): bound to loopback, anyone on the machine may read and
write. Given a token (``augury serve --token``, required in effect when listening on
another address), writes need it: as ``Authorization: Bearer TOKEN`` for the API,
or a session cookie from ``/login`` for the HTML forms. ``public_reads=False``
puts reads behind the same token. Every HTML form carries a CSRF token checked
against a cookie; cross-site requests (Origin, Sec-Fetch-Site) never write.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
SESSION_COOKIE = "augury_session"
CSRF_COOKIE = "augury_csrf"
CSRF_FIELD = "csrf_token"
SESSION_SECONDS = 7 * 24 * 3600

# No inline script or style, nothing from elsewhere: article text can never run.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) only reaches this machine."""
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class Access:
    """The token (None: no token, writes open to whoever can reach the server)."""

    token: str | None
    public_reads: bool = True

    def _key(self) -> bytes:
        assert self.token is not None
        return hashlib.sha256(b"augury-session\0" + self.token.encode()).digest()

    def session_cookie(self, now: float | None = None) -> str:
        """A signed session value that expires; a new token voids the old ones."""
        expires = str(int((now or time.time()) + SESSION_SECONDS))
        mac = hmac.new(self._key(), expires.encode(), hashlib.sha256).hexdigest()
        return f"{expires}.{mac}"

    def _session_ok(self, value: str | None) -> bool:
        if not value or "." not in value:
            return False
        expires, mac = value.split(".", 1)
        good = hmac.new(self._key(), expires.encode(), hashlib.sha256).hexdigest()
        return hmac.compare_digest(mac, good) and expires.isdigit() and int(expires) > time.time()

    def token_ok(self, given: str | None) -> bool:
        return bool(self.token and given) and hmac.compare_digest(
            given.encode(), self.token.encode()
        )

    def authorised(self, request: Request) -> bool:
        """No token set, or the request carries it (bearer header or session cookie)."""
        if self.token is None:
            return True
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() == "bearer" and self.token_ok(given.strip()):
            return True
        return self._session_ok(request.cookies.get(SESSION_COOKIE))

    def can_read(self, request: Request) -> bool:
        return self.public_reads or self.authorised(request)


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def csrf_ok(request: Request, given: Any) -> bool:
    """The form's token matches the cookie the page was served with."""
    cookie = request.cookies.get(CSRF_COOKIE)
    return (
        isinstance(given, str)
        and bool(cookie)
        and bool(given)
        and hmac.compare_digest(given.encode(), cookie.encode())
    )


def same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site."""
    if request.headers.get("sec-fetch-site", "same-origin") not in (
        "same-origin",
        "none",
    ):
        return False
    origin = request.headers.get("origin")
    if origin and origin != "null":
        host = request.headers.get("host", "")
        return origin.split("://", 1)[-1] == host
    return origin != "null"


# -- ASGI middleware: pure ASGI, so that they cost almost nothing per request ------------


Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyTooLarge(Exception):
    """A request body went over the limit while it was being read."""


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class Guard:
    """Host check (against DNS rebinding), body size limit and security headers."""

    def __init__(
        self, app: ASGIApp, max_body: int, allowed_hosts: Iterable[str] | None = None
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed = {h.lower().strip("[]") for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if self.allowed is not None:
            host = headers.get(b"host", b"").decode("latin-1").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name.strip("[]") not in self.allowed:
                await _plain(send, 400, "Invalid Host header.")
                return
        length = headers.get(b"content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            await _plain(send, 413, f"Request body over the limit of {self.max_body:,} bytes.")
            return
        seen = 0
        started = False

        async def limited_receive() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge
            return message

        async def send_with_headers(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except BodyTooLarge:
            if not started:
                await _plain(send, 413, f"Request body over the limit of {self.max_body:,} bytes.")
