"""Connection limits under uvicorn's h11 protocol: idle sockets are closed, and there are never too many.

uvicorn times out idle keep-alive connections but not a socket that never sends a request; a thousand
such sockets exhaust the process's file descriptors, and every real client is then locked out while
the accept loop logs a traceback per attempt. Here a connection must send its request headers within
``HEADER_TIMEOUT_S``, and beyond ``MAX_CONNECTIONS`` open sockets a new one is closed at once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from .constants import HEADER_TIMEOUT_S, MAX_CONNECTIONS

__all__ = ["HEADER_TIMEOUT_S", "MAX_CONNECTIONS", "GuardedH11Protocol", "RateLimitFilter", "guarded_protocol"]


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a header deadline and a cap on open connections."""

    _header_timer: asyncio.TimerHandle | None = None
    header_timeout_s: float = HEADER_TIMEOUT_S
    max_connections: int = MAX_CONNECTIONS

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            transport.close()
            return
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._header_timeout)

    def _header_timeout(self) -> None:
        self._header_timer = None
        if self.cycle is None and not self.transport.is_closing():
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None
        super().connection_lost(exc)


def guarded_protocol(*, header_timeout_s: float, max_connections: int) -> type[GuardedH11Protocol]:
    """The protocol class with these limits (uvicorn instantiates the class it is given)."""
    return type(
        "GuardedH11Protocol",
        (GuardedH11Protocol,),
        {"header_timeout_s": header_timeout_s, "max_connections": max_connections},
    )


class RateLimitFilter(logging.Filter):
    """Let through at most ``per_minute`` records of one logger: a flood of accept errors stays a trickle."""

    def __init__(self, per_minute: int = 10, clock: Any = time.monotonic) -> None:
        super().__init__()
        self._per_minute = per_minute
        self._clock = clock
        self._window = 0.0
        self._count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        now = self._clock()
        if now - self._window >= 60.0:
            self._window, self._count = now, 0
        self._count += 1
        return self._count <= self._per_minute
