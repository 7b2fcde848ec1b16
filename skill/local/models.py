"""Request bodies of the wire contract (protocol.md), validated with pydantic; unknown keys are kept."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ClaimBody",
    "EditBody",
    "Content",
    "Part",
    "RenderBody",
    "RunAgentRequest",
    "SessionBody",
    "UrlUploadBody",
]


class _Body(BaseModel):
    model_config = ConfigDict(extra="allow")


class SessionBody(_Body):
    task_name: str | None = "project"
    language: str | None = "en"


class ClaimBody(_Body):
    """``{"task_id", "session_id"}``; either one identifies the project; ``project`` names it (local)."""

    session_id: str | None = None
    task_id: str | None = None
    project: str | None = Field(default=None, max_length=64)


class Part(_Body):
    text: str | None = None


class Content(_Body):
    role: str = "user"
    parts: list[Part] = Field(default_factory=list)

    def text(self) -> str:
        return "".join(part.text or "" for part in self.parts).strip()


class RunAgentRequest(_Body):
    """Google ADK's RunAgentRequest (snake_case as ADK's FastAPI server reads it)."""

    app_name: str
    user_id: str
    session_id: str
    new_message: Content
    streaming: bool = False


class EditBody(_Body):
    """Typed edits for ``POST /api/edit/nemo_agent/me/{sid}``: one op object or a list (validated later)."""

    ops: Any


class RenderBody(_Body):
    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.\-]{1,100}$")
    sessionId: str  # noqa: N815 - the wire name
    draft: dict[str, Any] | None = None
    output: dict[str, Any] | None = None


class UrlUploadBody(_Body):
    urls: list[str] = Field(min_length=1, max_length=20)
    source_type: str = "url"
