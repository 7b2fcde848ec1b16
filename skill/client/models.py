"""Pydantic models of the wire JSON (the ``data`` objects, after the envelope is unwrapped)."""

from __future__ import annotations

import json
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

__all__ = [
    "parse_answer",
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
    "EditAnswer",
]

M = TypeVar("M", bound=BaseModel)


def _number_or_none(value: object) -> object:
    """Descriptive numbers (duration, size) that do not parse become None instead of failing the answer."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def _int_or_none(value: object) -> object:
    number = _number_or_none(value)
    return int(number) if isinstance(number, (int, float)) else None


def _text_or_none(value: object) -> object:
    return value if isinstance(value, str) else (None if value is None else str(value))


def _draft(value: object) -> object:
    """Some services send the draft as a JSON string: read it; anything else is validated as is."""
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        return parsed if isinstance(parsed, dict) else value
    return value


_Number = Annotated[float | None, BeforeValidator(_number_or_none)]
_Int = Annotated[int | None, BeforeValidator(_int_or_none)]
_Text = Annotated[str | None, BeforeValidator(_text_or_none)]


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
    """One uploaded file as the service describes it; odd values read as unknown, never as a failure."""

    filename: _Text = None
    file_type: _Text = None
    cdn_url: _Text = None
    duration: _Number = None
    width: _Int = None
    height: _Int = None
    fps: _Number = None
    hash: _Text = None
    size: _Int = None


class UploadResult(_Wire):
    files: list[UploadedFile] = Field(default_factory=list)


class Credits(_Wire):
    available: float
    frozen: float = 0
    total: float


class ProjectState(_Wire):
    """The project state: ``draft`` is the short-key draft JSON (kept whole, extra keys and all)."""

    draft: Annotated[dict[str, Any] | None, BeforeValidator(_draft)] = None
    video_infos: list[Any] = Field(default_factory=list)
    canvas_config: dict[str, Any] | None = None
    generated_media: list[Any] = Field(default_factory=list)


class StateData(_Wire):
    state: ProjectState = Field(default_factory=ProjectState)


class EditAnswer(_Wire):
    """The local backend's answer to typed edits: the new draft, or a refusal with a stable code."""

    ok: bool
    applied: int = 0
    changed: bool = True  # False: the ops asked for what the timeline already was (nothing stored)
    summary: str = ""
    draft: dict[str, Any] | None = None
    code: str | None = None
    message: str = ""
    index: int | None = None
    field: str = ""


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
    queuePosition: int | None = None  # noqa: N815 - the wire name; a distributed queue's place in line
    error: Any = None
    reason: str | None = None
    message: str | None = None


def parse_answer(model: type[M], data: object, *, host: str, what: str) -> M:
    """``data`` as ``model``, or :class:`BadResponse` naming ``what`` (see :func:`shape_error`: the
    pydantic text quotes the answer, so it is dropped, not chained)."""
    from skill.client.errors import shape_error

    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise shape_error(err, host=host, what=what) from None
