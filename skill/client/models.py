"""Pydantic models of the wire JSON (the ``data`` objects, after the envelope is unwrapped)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AnonymousToken",
    "CachedToken",
    "SessionData",
    "ClaimToken",
    "UploadedFile",
    "UploadResult",
    "Credits",
    "ProjectState",
    "StateData",
    "RenderData",
]


class _Wire(BaseModel):
    """Wire objects keep unknown keys: the cloud's schema is not public and grows."""

    model_config = ConfigDict(extra="allow", frozen=True)


class AnonymousToken(_Wire):
    token: str = Field(min_length=1)
    user_id: str | None = None
    expires_at: str | None = None
    credits: float | None = None


class CachedToken(BaseModel):
    """What the token cache file holds (``expires_at`` as a Unix time)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    backend: str
    client_id: str
    token: str = Field(min_length=1)
    user_id: str | None = None
    expires_at: float


class SessionData(_Wire):
    session_id: str = Field(min_length=1)
    task_id: str | None = None
    user_id: str | None = None


class ClaimToken(_Wire):
    claim_token: str = Field(min_length=1)
    expires_in: int | None = None


class UploadedFile(_Wire):
    filename: str | None = None
    file_type: str | None = None
    cdn_url: str | None = None
    duration: float | None = None
    width: int | None = None
    height: int | None = None
    fps: float | None = None
    hash: str | None = None
    size: int | None = None


class UploadResult(_Wire):
    files: list[UploadedFile] = Field(default_factory=list)


class Credits(_Wire):
    available: float
    frozen: float = 0
    total: float


class ProjectState(_Wire):
    """The project state: ``draft`` is the short-key draft JSON (kept whole, extra keys and all)."""

    draft: dict[str, Any] | None = None
    video_infos: list[Any] = Field(default_factory=list)
    canvas_config: dict[str, Any] | None = None
    generated_media: list[Any] = Field(default_factory=list)


class StateData(_Wire):
    state: ProjectState = Field(default_factory=ProjectState)


class _RenderOutput(_Wire):
    url: str | None = None


class RenderData(_Wire):
    """A render job as the service reports it: status and URL at the top level or in ``data``."""

    id: str | None = None
    status: str | None = None
    progress: float | None = None
    output: _RenderOutput | None = None
    outputUrl: str | None = None  # noqa: N815 - the wire name
    url: str | None = None
    error: Any = None
    reason: str | None = None
    message: str | None = None
