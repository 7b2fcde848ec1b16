"""One chat turn as Google ADK events: tool calls and results, heartbeats, then the reply streamed.

``Turn`` collects what a turn builds (the timeline, the reply sentences) and emits ADK event dicts
(camelCase, as ADK's ``/run_sse`` sends them) through an ``emit`` callback.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .constants import HEARTBEAT_MIN_S
from .replies import reply

if TYPE_CHECKING:
    from skill.timeline import Timeline

    from .store import SessionRecord

__all__ = ["AUTHOR", "Emit", "Turn", "chunk_text"]

AUTHOR = "nemo_agent"
_CHUNK_CHARS = {"en": 48, "zh": 20}
Emit = Callable[[dict[str, Any]], None]


def chunk_text(text: str, lang: str) -> list[str]:
    """Split a reply into streaming chunks whose concatenation is exactly ``text``."""
    size = _CHUNK_CHARS["zh" if lang.startswith("zh") else "en"]
    chunks: list[str] = []
    i = 0
    while i < len(text):
        end = min(i + size, len(text))
        if end < len(text):
            space = text.rfind(" ", i + 1, end)
            if space > i:
                end = space + 1
        chunks.append(text[i:end])
        i = end
    return chunks


@dataclass(slots=True)
class Turn:
    """What one turn builds up: the timeline, the reply sentences, the events."""

    session: SessionRecord
    lang: str
    emit: Emit
    media_url: Callable[[str], str]
    timeline: Timeline
    invocation_id: str = field(default_factory=lambda: "e-" + uuid.uuid4().hex)
    sentences: list[str] = field(default_factory=list)
    changed: bool = False
    built_highlight: bool = False
    done: list[str] = field(default_factory=list)  # tools that changed something (or were asked: export)
    not_done: list[str] = field(default_factory=list)  # features asked for that are not operations yet
    _last_heartbeat: float = 0.0

    def event(
        self, parts: list[dict[str, Any]], *, role: str = "model", partial: bool = False
    ) -> dict[str, Any]:
        return {
            "id": uuid.uuid4().hex,
            "invocationId": self.invocation_id,
            "author": AUTHOR,
            "timestamp": time.time(),
            "partial": partial,
            "content": {"role": role, "parts": parts},
            "actions": {"stateDelta": {}, "artifactDelta": {}, "requestedAuthConfigs": {}},
        }

    def call(self, name: str, args: dict[str, Any]) -> str:
        call_id = "adk-" + uuid.uuid4().hex
        self.emit(self.event([{"functionCall": {"id": call_id, "name": name, "args": args}}]))
        return call_id

    def result(self, call_id: str, name: str, response: dict[str, Any]) -> None:
        part = {"functionResponse": {"id": call_id, "name": name, "response": response}}
        if response.get("status") == "ok" and name not in self.done:
            self.done.append(name)
        self.emit(self.event([part], role="user"))

    def heartbeat(self, stage: str, fraction: float | None = None, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_heartbeat < HEARTBEAT_MIN_S:
            return
        self._last_heartbeat = now
        beat: dict[str, Any] = {"type": "heartbeat", "stage": stage}
        if fraction is not None:
            beat["progress"] = round(max(0.0, min(1.0, fraction)), 3)
        self.emit(beat)

    def say(self, key: str, **fields: Any) -> None:
        self.sentences.append(reply(key, self.lang, **fields))
