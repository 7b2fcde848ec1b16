"""The backend's front door: which hosts, origins and clients may talk to it, and how long they may dawdle.

* DNS rebinding: a web page on any site can make a browser send requests to ``127.0.0.1:8765``; the
  ``Host`` it sends then names the attacker's domain. Only loopback host names (and configured ones)
  are served, and a request carrying a foreign ``Origin`` is refused.
* Remote binds: a request from a non-loopback address must carry the shared secret (``X-Backend-Secret``).
* Slow bodies: a request body that stops arriving for ``body_idle_s`` is answered 408 instead of
  holding a worker thread; a body that has arrived leaves ``receive`` untouched (SSE waits on it).
* Every response carries nosniff, no framing and no referrer; HTML gets a strict CSP unless it set one.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

__all__ = ["LOOPBACK_NAMES", "SECRET_HEADER", "Guard", "host_name"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
SECRET_HEADER = "x-backend-secret"
_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
_HTML_CSP = (
    b"default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; "
    b"script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    b"form-action 'self'"
)


def host_name(value: str) -> str:
    """The host of a ``Host`` header or URL authority, lower-cased, without port or IPv6 brackets."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _is_loopback_ip(address: str) -> bool:
    return address in ("127.0.0.1", "::1") or address.startswith("127.") or address == "::ffff:127.0.0.1"


class Guard:
    """ASGI middleware in front of the whole app (see the module docstring)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        allowed_hosts: frozenset[str] = frozenset(),
        secret: str | None = None,
        body_idle_s: float = 30.0,
    ) -> None:
        self.app = app
        self.hosts = LOOPBACK_NAMES | {h.lower() for h in allowed_hosts}
        self.secret = secret
        self.body_idle_s = body_idle_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await _answer(send, 403, refusal)
            return
        body_done = False

        async def guarded_receive() -> Message:
            nonlocal body_done
            if body_done:
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), timeout=self.body_idle_s)
            except asyncio.TimeoutError:
                raise _BodyTimeout() from None
            if message.get("type") != "http.request" or not message.get("more_body", False):
                body_done = True
            return message

        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = dict(message)
                existing = [(k.lower(), v) for k, v in message.get("headers", [])]
                names = {k for k, _ in existing}
                extra = [(k, v) for k, v in _HEADERS if k not in names]
                content_type = next((v for k, v in existing if k == b"content-type"), b"")
                if content_type.startswith(b"text/html") and b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", _HTML_CSP))
                if b"cache-control" not in names and not content_type.startswith(
                    (b"video/", b"audio/", b"image/")
                ):
                    extra.append((b"cache-control", b"no-store"))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, guarded_receive, guarded_send)
        except _BodyTimeout:
            if not started:
                await _answer(send, 408, "The request body stopped arriving; send it again.")

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> str | None:
        client = scope.get("client") or ("", 0)
        remote = self.secret is not None and not _is_loopback_ip(str(client[0]))
        if remote:
            # another machine, on a bind the user opened on purpose: the secret is the proof; a browser
            # page rebinding a name cannot send it
            given = headers.get(SECRET_HEADER, "")
            if not hmac.compare_digest(given.encode(), (self.secret or "").encode()):
                return "This backend needs its shared secret (X-Backend-Secret) from other machines."
        elif host_name(headers.get("host", "")) not in self.hosts:
            return "This backend only answers requests addressed to its own host name."
        origin = headers.get("origin")
        if origin is not None and not remote and host_name(urlsplit(origin).netloc) not in self.hosts:
            return "Requests from other web sites are refused."
        return None


class _BodyTimeout(Exception):
    """The client stopped sending its request body."""


async def _answer(send: Send, status: int, message: str) -> None:
    body = json.dumps({"code": status, "message": message, "data": None}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
