"""What chat events mean: SSE bytes -> typed ChatEvents (ADK and typed shapes, heartbeats, in-band errors)."""

from __future__ import annotations

import codecs
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from httpx_sse._decoders import SSEDecoder, SSELineDecoder

from skill.client.constants import SSE_MAX_EVENT_BYTES
from skill.client.error_map import detail_of, error_for
from skill.client.errors import (
    APIError,
    BadResponse,
    StreamError,
)

__all__ = [
    "TextEvent",
    "ToolCall",
    "ToolResult",
    "Heartbeat",
    "TurnStatus",
    "ChatEvent",
    "ChatDecoder",
    "events_from_json",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TextEvent:
    """A piece of reply text, new to the user (partial/final repeats already removed)."""

    text: str


@dataclass(frozen=True, slots=True)
class ToolCall:
    """The agent called a tool (internal; never shown). ``args`` are its typed arguments, as sent."""

    name: str
    args: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class ToolResult:
    """A tool answered (internal; never shown). ``response`` is what it returned, as sent."""

    name: str
    response: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class TurnStatus:
    """How the backend says the turn went (``customMetadata["turn"]`` of its last event): ``done``,
    ``partial`` or ``not_understood``, with the tools that ran and the features asked for but not done."""

    outcome: str
    done: tuple[str, ...] = ()
    not_done: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Heartbeat:
    """The backend is still working: a heartbeat event, a comment line or an empty ``data:``."""


ChatEvent = TextEvent | ToolCall | ToolResult | Heartbeat | TurnStatus
_HEARTBEAT = Heartbeat()
_HEARTBEAT_TYPES = frozenset({"heartbeat", "ping", "keepalive", "keep_alive"})


def _in_band_error(obj: Mapping[str, Any]) -> APIError:
    """The typed error for ``{"error": ...}``; a known code inside (2001...) maps to its own class."""
    details = obj.get("error_details") or obj.get("errorDetails")
    code = None
    for holder in (details, obj.get("error"), obj):
        if isinstance(holder, Mapping):
            raw = holder.get("code", holder.get("error_code"))
            if isinstance(raw, int) and not isinstance(raw, bool) and raw:
                code = raw
                break
    message = obj.get("error") or obj.get("error_message") or obj.get("errorMessage")
    detail = detail_of({"message": message})
    if code is not None:
        mapped = error_for(None, code, {"message": detail})
        if type(mapped) is not APIError:
            return mapped
    return StreamError(detail=detail, code=code)


def _mapping(value: object) -> dict[str, Any]:
    return dict(value) if isinstance(value, Mapping) else {}


def _turn_status(obj: Mapping[str, Any]) -> TurnStatus | None:
    meta = obj.get("customMetadata") or obj.get("custom_metadata")
    turn = meta.get("turn") if isinstance(meta, Mapping) else None
    if not isinstance(turn, Mapping) or not isinstance(turn.get("outcome"), str):
        return None

    def names(key: str) -> tuple[str, ...]:
        value = turn.get(key)
        return tuple(str(v) for v in value) if isinstance(value, list) else ()

    return TurnStatus(str(turn["outcome"]), names("done"), names("not_done"))


def _tool_name(value: object) -> str:
    if isinstance(value, Mapping):
        name = value.get("name")
        if isinstance(name, str):
            return name
    return ""


class _Merger:
    """Remove ADK repeats: partial chunks, then a final that repeats them (shown once)."""

    __slots__ = ("_partial",)

    def __init__(self) -> None:
        self._partial = ""

    def adk(self, obj: Mapping[str, Any]) -> list[ChatEvent]:
        content = obj.get("content")
        if not isinstance(content, Mapping):
            return [_HEARTBEAT]
        if content.get("role") == "user" or obj.get("author") == "user":
            return []
        parts = content.get("parts")
        if not isinstance(parts, list):
            return [_HEARTBEAT]
        texts: list[str] = []
        events: list[ChatEvent] = []
        for part in parts:
            if not isinstance(part, Mapping):
                continue
            text = part.get("text")
            if isinstance(text, str) and not part.get("thought"):
                texts.append(text)
            call = part.get("functionCall") or part.get("function_call")
            if call is not None:
                events.append(ToolCall(_tool_name(call), _mapping(_mapping(call).get("args"))))
            result = part.get("functionResponse") or part.get("function_response")
            if result is not None:
                events.append(ToolResult(_tool_name(result), _mapping(_mapping(result).get("response"))))
        status = _turn_status(obj)
        if status is not None:
            events.append(status)
        if texts:
            text = "".join(texts)
            if obj.get("partial") is True:
                self._partial += text
                if text:
                    events.insert(0, TextEvent(text))
            else:
                shown, self._partial = self._partial, ""
                if shown and text.startswith(shown):
                    text = text[len(shown) :]
                if text:
                    events.insert(0, TextEvent(text))
        return events if (texts or events) else [_HEARTBEAT]


def events_from_json(obj: object, merger: _Merger | None = None) -> list[ChatEvent]:
    """Map one decoded ``data:`` object to events; raise the typed error for an in-band error."""
    if not isinstance(obj, Mapping):
        return []
    if obj.get("error") or obj.get("error_message") or obj.get("errorMessage"):
        raise _in_band_error(obj)
    kind = obj.get("type")
    if isinstance(kind, str):
        kind = kind.lower()
        if kind == "text":
            text = obj.get("content", obj.get("text"))
            return [TextEvent(text)] if isinstance(text, str) and text else []
        if kind in ("tool_call", "function_call"):
            return [ToolCall(str(obj.get("name") or _tool_name(obj.get("tool_call"))))]
        if kind in ("tool_result", "function_result", "function_response"):
            return [ToolResult(str(obj.get("name") or _tool_name(obj.get("tool_result"))))]
        if kind in _HEARTBEAT_TYPES:
            return [_HEARTBEAT]
        if kind == "error":
            raise _in_band_error({"error": obj.get("message") or obj.get("content") or "error", **obj})
        return []
    if "content" in obj or "partial" in obj or "author" in obj:
        return (merger or _Merger()).adk(obj)
    return [_HEARTBEAT]


class ChatDecoder:
    """Turn raw SSE bytes into :data:`ChatEvent` lists: feed chunks as they arrive, then :meth:`finish`.

    Framing (lines, ``data:`` fields, blank-line dispatch, comments) is httpx-sse's; decoding is an
    incremental ``utf-8-sig`` decoder, so a BOM at the start and characters split across chunks are
    handled, and CR, LF and CRLF all end lines.
    """

    def __init__(self) -> None:
        self._text = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
        self._lines = SSELineDecoder()
        self._sse = SSEDecoder()
        self._merger = _Merger()

    def feed(self, chunk: bytes) -> list[ChatEvent]:
        """Decode one chunk of bytes; return the events it completed."""
        text = self._text.decode(chunk)
        if not text:
            return []
        events = self._lines_to_events(self._lines.decode(text))
        # httpx-sse keeps an unfinished line and an undispatched event in memory: bound both.
        pending = sum(map(len, self._lines.buffer)) + sum(map(len, self._sse._data))
        if pending > SSE_MAX_EVENT_BYTES:
            raise BadResponse(what="a chat event far larger than any reply")
        return events

    def finish(self) -> list[ChatEvent]:
        """Flush at the end of the stream (a last event without a trailing blank line still counts)."""
        tail = self._text.decode(b"", final=True)
        lines = self._lines.decode(tail) if tail else []
        lines.extend(self._lines.flush())
        lines.append("")
        return self._lines_to_events(lines)

    def _lines_to_events(self, lines: list[str]) -> list[ChatEvent]:
        events: list[ChatEvent] = []
        for line in lines:
            if line.startswith(":"):
                events.append(_HEARTBEAT)
                continue
            sse = self._sse.decode(line)
            if sse is not None:
                if sse.event.strip().lower() == "error":
                    raise self._named_error(sse.data)
                events.extend(self._data_to_events(sse.data))
        return events

    @staticmethod
    def _named_error(data: str) -> APIError:
        """An ``event: error`` block: its data is JSON or plain text."""
        try:
            obj = json.loads(data)
        except ValueError:
            obj = None
        if isinstance(obj, Mapping):
            return _in_band_error({"error": obj.get("error") or obj.get("message") or "error", **obj})
        return StreamError(detail=detail_of(data))

    def _data_to_events(self, data: str) -> list[ChatEvent]:
        if not data.strip():
            return [_HEARTBEAT]
        try:
            return events_from_json(json.loads(data), self._merger)
        except ValueError:
            pass
        # Some servers put several one-line events before a single blank line: try each line.
        events: list[ChatEvent] = []
        for piece in data.split("\n"):
            if not piece.strip() or piece.strip() == "[DONE]":
                continue
            try:
                obj = json.loads(piece)
            except ValueError:
                log.debug("ignoring a data line that is not JSON")
                continue
            events.extend(events_from_json(obj, self._merger))
        return events
