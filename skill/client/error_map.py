"""The one map from an error answer to its class: HTTP status and/or envelope code, plus the detail text.

Also what an error answer carries besides its status: a short human detail (never the JSON, never a
token) and the server's ``Retry-After`` wait.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Mapping
from typing import Any

from skill.client.constants import ACCEPTED_FORMATS, UPLOAD_MAX_BYTES
from skill.client.errors import (
    APIError,
    AuthExpired,
    ExportBlocked,
    FileTooLarge,
    MissingClientId,
    NotFound,
    OutOfCredits,
    RateLimited,
    ServerError,
    SessionNotFound,
    UnsupportedFile,
    with_fields,
)

__all__ = ["detail_of", "error_for", "format_size", "parse_retry_after"]

_DETAIL_MAX_CHARS = 160


def format_size(size_bytes: int) -> str:
    """Return a size for people: ``500 MB``, ``12.5 MB``, ``800 KB``."""
    mb = size_bytes / (1024 * 1024)
    if mb >= 1:
        return f"{mb:.0f} MB" if mb >= 100 or mb == int(mb) else f"{mb:.1f} MB"
    return f"{max(1, round(size_bytes / 1024))} KB"


def detail_of(body: object) -> str:
    """Return a short human detail from an error body: its message text, never the JSON itself."""
    candidate: object = None
    if isinstance(body, Mapping):
        for name in ("message", "msg", "detail", "error", "error_message"):
            value = body.get(name)
            if isinstance(value, Mapping):
                value = value.get("message") or value.get("detail")
            if isinstance(value, str) and value.strip():
                candidate = value
                break
    elif isinstance(body, str):
        candidate = body
    if not isinstance(candidate, str):
        return ""
    text = " ".join(candidate.split())
    if text[:1] in "{[<":  # JSON or markup is never shown to the user
        return ""
    from skill.logs import redact

    text = redact(text)
    return text if len(text) <= _DETAIL_MAX_CHARS else text[: _DETAIL_MAX_CHARS - 1] + "…"


def parse_retry_after(headers: Mapping[str, str] | None, *, now: float | None = None) -> float | None:
    """Read ``retry-after-ms``, then ``Retry-After`` as seconds or an HTTP date; None when absent or bad."""
    if not headers:
        return None
    lowered = {k.lower(): v for k, v in headers.items()}
    raw_ms = lowered.get("retry-after-ms")
    if raw_ms is not None:
        try:
            value = float(raw_ms) / 1000.0
        except ValueError:
            value = -1.0
        if value >= 0:
            return value
    raw = lowered.get("retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    try:
        value = float(raw)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
        if parsed is None:
            return None
        current = time.time() if now is None else now
        return max(0.0, parsed.timestamp() - current)
    return value if value >= 0 else None


def _mentions(body: object, word: str) -> bool:
    return word in detail_of(body).lower() if body is not None else False


def error_for(
    status: int | None,
    code: int | None,
    body: object = None,
    *,
    headers: Mapping[str, str] | None = None,
) -> APIError:
    """Map an HTTP status and/or an envelope ``code`` to the error instance for it.

    A known non-zero body ``code`` wins over the HTTP status (the cloud may send ``{"code": 4001}`` with
    HTTP 400); otherwise the status decides. ``body`` only supplies a short detail text.
    """
    detail = detail_of(body)
    kw: dict[str, Any] = {"status": status, "code": code, "detail": detail}
    by_code: dict[int, type[APIError]] = {
        1001: AuthExpired,
        1002: SessionNotFound,
        2001: OutOfCredits,
        4001: UnsupportedFile,
        4002: FileTooLarge,
        401: AuthExpired,
        402: ExportBlocked,
        400: MissingClientId,
    }
    cls: type[APIError] | None = by_code.get(code) if code else None
    effective = status
    if cls is None and code is not None and 400 <= code <= 599:
        # A body code in the HTTP range means that status (protocol.md: "treat both the same").
        effective = code if status is None or status < 400 else status
    elif cls is None and code and status == 400:
        # HTTP 400 is "missing X-Client-Id" unless the body names another error.
        cls = MissingClientId if _mentions(body, "client") else APIError
    if cls is None and effective is not None and effective >= 400:
        if effective == 404:
            cls = SessionNotFound if _mentions(body, "session") else NotFound
        elif effective == 429:
            cls = RateLimited
        elif effective >= 500:
            cls = ServerError
        elif effective == 413:
            cls = FileTooLarge
        elif effective == 415:
            cls = UnsupportedFile
        else:
            cls = by_code.get(effective, APIError)
    if cls is None:
        cls = APIError
    if cls is APIError:
        kw["what"] = f"code {code}" if code else f"HTTP {status}"
    if cls is UnsupportedFile:
        kw["formats"] = ", ".join(ACCEPTED_FORMATS)
    elif cls is FileTooLarge:
        kw["limit"] = format_size(UPLOAD_MAX_BYTES)
    if cls is RateLimited:
        err: APIError = RateLimited(retry_after=parse_retry_after(headers), **kw)
    else:
        err = cls(**kw)
    return with_fields(err, status="" if effective is None else effective)
