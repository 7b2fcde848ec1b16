"""The local backend's refusals: one root, one leaf per protocol error, each with its HTTP status and code.

::

    BackendError               root; ``message`` is one English line, ``status`` HTTP, ``code`` envelope
    ├── BadRequest             422 / 422  a body that does not parse or validate
    ├── MissingClientId        400 / 400  anonymous-token without X-Client-Id
    ├── AuthInvalid            401 / 1001 missing, unknown or expired token
    ├── ExportBlocked          402 / 402  export without the attribution headers
    ├── NotFound               404 / 404  an unknown render, upload or claim
    ├── SessionNotFound        404 / 1002 an unknown session, or another token's
    ├── Conflict               409 / 409  e.g. a render that is not finished yet
    ├── BodyTooLarge           413 / 413  a JSON body over the limit
    ├── UnsupportedFile        415 / 4001 an upload of a type the backend does not take
    ├── FileTooLarge           413 / 4002 an upload over the size limit
    ├── UrlFetchRefused        422 / 4003 a URL upload the offline backend cannot fetch
    ├── LinkExpired            410 / 410  a signed download link past its lifetime
    ├── Busy                   429 / 429  the render queue is full (with Retry-After)
    ├── QueueUnavailable       503 / 503  the distributed render queue cannot be reached
    └── StartError             the embedded server did not start (never sent over HTTP)

``local/`` never imports the client: these mirror the protocol's table from the server's side.
"""

from __future__ import annotations

__all__ = [
    "AuthInvalid",
    "BackendError",
    "BadRequest",
    "BodyTooLarge",
    "Busy",
    "Conflict",
    "ExportBlocked",
    "FileTooLarge",
    "LinkExpired",
    "MissingClientId",
    "NotFound",
    "QueueUnavailable",
    "SessionNotFound",
    "StartError",
    "UnsupportedFile",
    "UrlFetchRefused",
]


class BackendError(Exception):
    """Root of every refusal the local backend sends; ``message`` is one English line."""

    status: int = 400
    code: int = 400
    exit_code: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.headers: dict[str, str] = {}


class BadRequest(BackendError):
    status = 422
    code = 422

    def __init__(self, message: str, *, details: list[dict[str, object]] | None = None) -> None:
        super().__init__(message)
        self.details = details


class MissingClientId(BackendError):
    status = 400
    code = 400


class AuthInvalid(BackendError):
    status = 401
    code = 1001


class ExportBlocked(BackendError):
    status = 402
    code = 402


class NotFound(BackendError):
    status = 404
    code = 404


class SessionNotFound(BackendError):
    status = 404
    code = 1002

    def __init__(self, session_id: str) -> None:
        super().__init__(f"Session not found: {session_id}")
        self.session_id = session_id


class Conflict(BackendError):
    status = 409
    code = 409


class BodyTooLarge(BackendError):
    status = 413
    code = 413


class UnsupportedFile(BackendError):
    status = 415
    code = 4001


class FileTooLarge(BackendError):
    status = 413
    code = 4002


class UrlFetchRefused(BackendError):
    status = 422
    code = 4003


class StartError(BackendError):
    """The embedded server failed to start in time (raised in-process, never sent)."""

    status = 500
    code = 500


class Busy(BackendError):
    """The render queue is full: the client waits ``retry_after_s`` (Retry-After) and tries again."""

    status = 429
    code = 429

    def __init__(self, message: str, *, retry_after_s: int) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(retry_after_s)}


class QueueUnavailable(BackendError):
    """The distributed queue (Redis) does not answer: renders can neither be queued nor followed."""

    status = 503
    code = 503


class LinkExpired(BackendError):
    """A signed download link is past its lifetime (the render can still be fetched with the token)."""

    status = 410
    code = 410
