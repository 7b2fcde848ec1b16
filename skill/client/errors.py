"""One exception class per protocol error, and the one map from status/code to class.

::

    SkillError (skill.errors)
    ├── APIError                  the service said no
    │   ├── AuthExpired           1001 / HTTP 401
    │   ├── NotFound              HTTP 404
    │   │   └── SessionNotFound   1002 / HTTP 404 naming the session
    │   ├── OutOfCredits          2001
    │   ├── ExportBlocked         402 (the plan tier, not credits)
    │   ├── RateLimited           429 (carries retry_after)
    │   ├── MissingClientId       400
    │   ├── UnsupportedFile       4001 / HTTP 415 (also checked locally before sending)
    │   ├── FileTooLarge          4002 / HTTP 413 (also checked locally before sending)
    │   ├── ServerError           HTTP 5xx
    │   ├── StreamError           {"error": ...} inside a chat stream
    │   ├── BadResponse           not JSON, an HTML page, an unexpected shape
    │   └── RenderFailed          a render failed twice
    ├── TransportError            no usable answer
    │   ├── ConnectFailed         connection refused, DNS, TLS
    │   ├── RequestTimeout        also a builtin TimeoutError
    │   └── StreamCut             the connection closed mid-stream
    ├── EmptyDraft                nothing to export (checked locally)
    ├── LocalFileMissing          an upload path that does not exist
    └── LocalWriteFailed          the video cannot be written where asked

Every class has a key in :mod:`skill.messages`; messages never include raw JSON or tokens.
"""

from __future__ import annotations

import email.utils
import logging
import time
from collections.abc import Mapping
from typing import Any, TypeVar

from skill.client.constants import ACCEPTED_FORMATS, UPLOAD_MAX_BYTES
from skill.errors import ConfigError, SkillError

__all__ = [
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
    "LocalWriteFailed",
    "error_for",
    "parse_retry_after",
    "detail_of",
    "format_size",
    "with_fields",
    "shape_error",
]

log = logging.getLogger(__name__)

_DETAIL_MAX_CHARS = 160
E = TypeVar("E", bound=SkillError)


class APIError(SkillError):
    """The service answered, and the answer is an error."""

    key = "client.error.api"


class AuthExpired(APIError):
    """The token is expired or invalid (1001 / HTTP 401)."""

    key = "client.error.auth_expired"


class NotFound(APIError):
    """HTTP 404 for something other than a known session."""

    key = "client.error.not_found"


class SessionNotFound(NotFound):
    """The chat session is gone (1002, or HTTP 404 naming the session)."""

    key = "client.error.session_not_found"


class OutOfCredits(APIError):
    """No credits left (2001); the message differs for anonymous and registered users."""

    key = "client.error.out_of_credits"


class ExportBlocked(APIError):
    """HTTP 402: the free plan cannot export; a plan-tier matter, not credits."""

    key = "client.error.export_blocked"


class RateLimited(APIError):
    """HTTP 429 / code 429; ``retry_after`` is the server's wait in seconds when it gave one."""

    key = "client.error.rate_limited"

    def __init__(self, message: str | None = None, *, retry_after: float | None = None, **kw: Any) -> None:
        self.retry_after = retry_after
        super().__init__(message, **kw)


class MissingClientId(APIError):
    """HTTP 400 / code 400: the request lacked ``X-Client-Id``."""

    key = "client.error.missing_client_id"


class UnsupportedFile(APIError):
    """The file type is not one of the accepted formats (4001)."""

    key = "client.error.unsupported_file"


class FileTooLarge(APIError):
    """The file is over the size limit (4002)."""

    key = "client.error.file_too_large"


class ServerError(APIError):
    """HTTP 5xx."""

    key = "client.error.server"


class StreamError(APIError):
    """The chat stream carried ``{"error": ...}`` after HTTP 200."""

    key = "client.error.stream"


class BadResponse(APIError):
    """The answer is not what the protocol promises: not JSON, an HTML page, a missing field."""

    key = "client.error.bad_response"


class RenderFailed(APIError):
    """The render failed, and the one retry with a new id failed too."""

    key = "client.error.render_failed"


class TransportError(SkillError):
    """No usable answer came back."""

    key = "client.error.transport"


class ConnectFailed(TransportError):
    """The service could not be reached at all."""

    key = "client.error.connect_failed"


class RequestTimeout(TransportError, TimeoutError):
    """A wait ran past its limit."""

    key = "client.error.timeout"


class StreamCut(TransportError):
    """The connection closed in the middle of a streamed answer."""

    key = "client.error.stream_cut"


class EmptyDraft(SkillError):
    """Export was asked for but the timeline has no segments (checked before anything is sent)."""

    key = "client.error.empty_draft"


class LocalFileMissing(ConfigError):
    """An upload path that is not a readable file."""

    key = "client.error.file_missing"


class EmptyFile(ConfigError):
    """An upload path that is a file of 0 bytes: told as empty, not as an unsupported format."""

    key = "client.error.empty_file"


class NotMediaFile(ConfigError):
    """A file whose name says media but whose bytes are text (a note saved as ``song.mp3``)."""

    key = "client.error.not_media_file"


class UnreadableFile(APIError):
    """The service could not read a file whose format is accepted (damaged, or another kind renamed)."""

    key = "client.error.unreadable_file"


class LocalWriteFailed(SkillError):
    """The video could not be written where asked (a read-only folder, a full disk)."""

    key = "client.error.write_failed"


def shape_error(err: Exception, *, host: str, what: str) -> BadResponse:
    """A :class:`BadResponse` for an answer that failed validation.

    Raise it ``from None``: a pydantic error's text quotes the input (the service's JSON, maybe a token),
    which must not reach a log, even at debug. Only the failing field paths are logged.
    """
    errors = getattr(err, "errors", None)
    where = ""
    if callable(errors):
        try:
            where = ", ".join(".".join(str(p) for p in e.get("loc", ())) for e in errors(include_input=False))
        except TypeError:
            where = ""
    log.debug("answer failed validation (%s) at: %s", what, where or "?")
    return BadResponse(host=host, what=what)


def with_fields(err: E, *, key: str | None = None, **fields: object) -> E:
    """Return ``err`` with its message key and/or fields updated (and its English message redone)."""
    if key is not None:
        err.key = key
    err.fields.update(fields)
    err.message = err.user_text("en")
    err.args = (err.message,)
    return err


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
