"""One exception class per protocol error; :mod:`skill.client.error_map` maps a status/code to one.

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
:func:`error_for`, :func:`detail_of`, :func:`parse_retry_after` and :func:`format_size` still load
from here (lazily: :mod:`skill.client.error_map` needs the classes above).
"""

from __future__ import annotations

import importlib
import logging
from typing import Any, TypeVar

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
    "EmptyFile",
    "NotMediaFile",
    "UnreadableFile",
    "with_fields",
    "shape_error",
]

log = logging.getLogger(__name__)

E = TypeVar("E", bound=SkillError)
_MAPPING = ("error_for", "detail_of", "parse_retry_after", "format_size")


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


def __getattr__(name: str) -> Any:
    if name in _MAPPING:
        return getattr(importlib.import_module("skill.client.error_map"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
