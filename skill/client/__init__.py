"""The backend client: one HTTP owner, typed errors, auth, sessions, chat stream, upload and render.

Submodules load on first use of a name (``import skill.client`` stays light for ``--version``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from skill.client.api import NemoClient, has_segments
    from skill.client.error_map import error_for
    from skill.client.errors import (
        APIError,
        AuthExpired,
        BadResponse,
        ConnectFailed,
        EmptyDraft,
        ExportBlocked,
        FileTooLarge,
        LocalFileMissing,
        MissingClientId,
        NotFound,
        OutOfCredits,
        RateLimited,
        RenderFailed,
        RequestTimeout,
        ServerError,
        SessionNotFound,
        StreamCut,
        StreamError,
        TransportError,
        UnsupportedFile,
    )
    from skill.client.render import Completed, Failed, Pending, Processing, RenderJob, RenderStatus
    from skill.client.session import Session
    from skill.client.sse import ChatEvent, ChatStream, Heartbeat, TextEvent, ToolCall, ToolResult, TurnStatus
    from skill.client.upload import LocalFile, check_file, check_url, is_url

__all__ = [
    "NemoClient",
    "has_segments",
    "Session",
    "ChatStream",
    "ChatEvent",
    "TextEvent",
    "ToolCall",
    "ToolResult",
    "TurnStatus",
    "Heartbeat",
    "RenderJob",
    "RenderStatus",
    "Pending",
    "Processing",
    "Completed",
    "Failed",
    "LocalFile",
    "check_file",
    "check_url",
    "is_url",
    "error_for",
    "APIError",
    "AuthExpired",
    "NotFound",
    "SessionNotFound",
    "OutOfCredits",
    "ExportBlocked",
    "RateLimited",
    "MissingClientId",
    "UnsupportedFile",
    "FileTooLarge",
    "ServerError",
    "StreamError",
    "BadResponse",
    "RenderFailed",
    "TransportError",
    "ConnectFailed",
    "RequestTimeout",
    "StreamCut",
    "EmptyDraft",
    "LocalFileMissing",
]

_WHERE = {
    "NemoClient": "api",
    "has_segments": "api",
    "Session": "session",
    "ChatStream": "sse",
    "ChatEvent": "sse",
    "TextEvent": "sse",
    "ToolCall": "sse",
    "ToolResult": "sse",
    "TurnStatus": "sse",
    "Heartbeat": "sse",
    "RenderJob": "render",
    "RenderStatus": "render",
    "Pending": "render",
    "Processing": "render",
    "Completed": "render",
    "Failed": "render",
    "LocalFile": "upload",
    "check_file": "upload",
    "check_url": "upload",
    "is_url": "upload",
    "error_for": "error_map",
}


def __getattr__(name: str) -> Any:
    if name in __all__:
        module = importlib.import_module(f"skill.client.{_WHERE.get(name, 'errors')}")
        return getattr(module, name)
    raise AttributeError(f"module 'skill.client' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
