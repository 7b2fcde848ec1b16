"""The store's rows as frozen values: tokens, sessions, uploads, renders, claims; and the empty draft."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["ClaimRecord", "RenderRecord", "SessionRecord", "TokenRecord", "UploadRecord", "empty_draft"]


def empty_draft() -> dict[str, Any]:
    """The draft of a new session: no tracks, 16:9 1080p at 30 fps."""
    from skill.timeline import Timeline, to_draft

    return to_draft(Timeline(duration_s=0.0, width=1920, height=1080, fps=30))


@dataclass(frozen=True, slots=True)
class TokenRecord:
    token: str
    user_id: str
    client_id: str
    expires_at: float


@dataclass(frozen=True, slots=True)
class SessionRecord:
    session_id: str
    task_id: str
    user_id: str
    language: str


@dataclass(frozen=True, slots=True)
class UploadRecord:
    upload_id: str
    user_id: str
    session_id: str
    filename: str
    file_type: str
    ext: str
    size_bytes: int
    duration_s: float | None
    width: int | None
    height: int | None
    fps: float | None
    sha256: str
    has_audio: bool
    created_at: float


@dataclass(frozen=True, slots=True)
class RenderRecord:
    user_id: str
    render_id: str
    session_id: str
    file_key: str
    status: str
    progress: int
    error: str | None
    draft: dict[str, Any]
    created_at: float
    updated_at: float
    owner_pid: int = 0  # the server process that queued or runs it
    owner_start: int = 0  # ... and its start time, so a reused PID is not taken for it
    queue_position: int | None = None  # 1 = next, while pending on a distributed queue (not stored)


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    claim_token: str
    user_id: str
    session_id: str
    task_id: str
    expires_at: float
    project: str | None = None  # the client's name for the project, when it sent one
