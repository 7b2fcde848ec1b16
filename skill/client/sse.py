"""The chat stream: an open ``/run_sse`` answer read into ChatEvents, with idle and heartbeat timeouts."""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator, Iterator
from typing import TYPE_CHECKING

import httpx

from skill.client.constants import STREAM_MAX_BYTES, STREAM_MAX_S
from skill.client.errors import BadResponse, RequestTimeout, StreamCut
from skill.client.events import (
    ChatDecoder,
    ChatEvent,
    Heartbeat,
    TextEvent,
    ToolCall,
    ToolResult,
    TurnStatus,
    events_from_json,
)
from skill.errors import SkillError

if TYPE_CHECKING:
    from skill.settings import Settings

__all__ = [
    "TextEvent",
    "ToolCall",
    "ToolResult",
    "TurnStatus",
    "Heartbeat",
    "ChatEvent",
    "ChatDecoder",
    "ChatStream",
    "events_from_json",
]

log = logging.getLogger(__name__)


class ChatStream:
    """An open chat reply: iterate it for :data:`ChatEvent` values; close it (or use ``with``) when done.

    Raises :class:`StreamCut` when the connection drops mid-reply, :class:`RequestTimeout` when no
    byte arrives for ``settings.stream_idle_timeout_s`` (the read timeout) or only heartbeats arrive for
    ``settings.heartbeat_only_timeout_s``, and the in-band error's class for ``{"error": ...}``.
    """

    def __init__(
        self,
        response: httpx.Response,
        *,
        settings: Settings,
        clock: Callable[[], float],
        host: str,
        lang: str = "en",
        on_close: Callable[[], None] | None = None,
        decorate: Callable[[SkillError], SkillError] | None = None,
    ) -> None:
        self._response = response
        self._settings = settings
        self._clock = clock
        self._host = host
        self._lang = lang
        self._on_close = on_close
        self._decorate = decorate or (lambda err: err)
        self._events = self._generate()
        self.closed = False

    def __iter__(self) -> Iterator[ChatEvent]:
        return self

    def __next__(self) -> ChatEvent:
        return next(self._events)

    def __enter__(self) -> ChatStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop reading and release the connection (idempotent)."""
        if self.closed:
            return
        self.closed = True
        self._events.close()
        self._response.close()
        if self._on_close is not None:
            self._on_close()

    def _timeout(self, key: str, seconds: float) -> RequestTimeout:
        from skill.messages import text

        return RequestTimeout(host=self._host, what=text(key, self._lang, seconds=f"{seconds:g}"))

    def _generate(self) -> Generator[ChatEvent, None, None]:
        decoder = ChatDecoder()
        start = last_activity = self._clock()
        quiet_limit = self._settings.heartbeat_only_timeout_s
        received = 0
        try:
            chunks = self._response.iter_bytes()
            while True:
                try:
                    chunk = next(chunks, None)
                except httpx.TimeoutException as err:
                    raise self._timeout(
                        "client.what.timeout_chat", self._settings.stream_idle_timeout_s
                    ) from err
                except httpx.HTTPError as err:
                    raise StreamCut(host=self._host) from err
                received += len(chunk or b"")
                if received > STREAM_MAX_BYTES:
                    raise BadResponse(
                        host=self._host, what=f"a chat reply over {STREAM_MAX_BYTES // 2**20} MB"
                    )
                events = decoder.feed(chunk) if chunk is not None else decoder.finish()
                now = self._clock()
                for event in events:
                    if type(event) is not Heartbeat:
                        last_activity = now
                    yield event
                if chunk is None:
                    return
                if now - last_activity > quiet_limit:
                    raise self._timeout("client.what.timeout_heartbeats", quiet_limit)
                if now - start > STREAM_MAX_S:
                    raise self._timeout("client.what.timeout_chat", STREAM_MAX_S)
        except SkillError as err:
            raise self._decorate(err) from err.__cause__
        finally:
            self._response.close()
