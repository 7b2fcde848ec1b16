"""The local backend as a Starlette app: protocol.md's endpoints on loopback, state in the data dir.

Async only at this edge: the sqlite store, uploads' probing and the engine run through
``run_in_threadpool``; chat turns and renders run on their own worker threads.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import sqlite3
from collections.abc import AsyncIterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .agent import Agent
from .constants import (
    BODY_IDLE_S,
    HEADER_TIMEOUT_S,
    JSON_MAX_BYTES,
    KEEPALIVE_S,
    RENDER_WORKERS,
    SHUTDOWN_JOIN_S,
    TOKENS_PER_HOST_PER_HOUR,
    TURN_WORKERS,
    UPLOAD_DRAIN_BYTES,
    UPLOAD_MAX_BYTES,
    USER_QUOTA_BYTES,
)
from .errors import AuthInvalid, BackendError, BadRequest, BodyTooLarge, NotFound, SessionNotFound
from .guard import Guard
from .renders import RenderQueue, RenderQueueLike
from .store import Store

if TYPE_CHECKING:
    from skill.settings import Settings

__all__ = [
    "Backend",
    "BackendConfig",
    "create_app",
    "backend_of",
    "read_json",
    "require_user",
    "ok",
    "render_ok",
]

log = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class BackendConfig:
    """Limits of the local backend; tests shrink them (e.g. a 1 MB upload limit) instead of patching."""

    upload_max_bytes: int = UPLOAD_MAX_BYTES
    upload_drain_bytes: int = UPLOAD_DRAIN_BYTES
    json_max_bytes: int = JSON_MAX_BYTES
    render_workers: int = RENDER_WORKERS
    turn_workers: int = TURN_WORKERS
    keepalive_s: float = KEEPALIVE_S  # SSE ":" comment after this much silence
    root: Path | None = None  # default: <settings.data_dir>/local
    queue_url: str | None = None  # redis://…: renders go to distributed workers instead of threads
    allowed_hosts: frozenset[str] = frozenset()  # Host names served besides the loopback ones
    secret: str | None = None  # required from non-loopback clients (X-Backend-Secret) when set
    body_idle_s: float = BODY_IDLE_S  # a request body that stops arriving this long gets 408
    header_timeout_s: float = HEADER_TIMEOUT_S  # a socket that sends no request this long is closed
    fetch_allow: frozenset[str] = frozenset()  # loopback host:port origins URL uploads may fetch
    user_quota_bytes: int = USER_QUOTA_BYTES  # all of one user's uploads
    tokens_per_host_per_hour: int = TOKENS_PER_HOST_PER_HOUR  # new anonymous tokens per client address

    @classmethod
    def from_environ(cls, environ: Mapping[str, str], **fields: Any) -> BackendConfig:
        """The defaults plus what the environment sets (``SKILL_FETCH_ALLOW=127.0.0.1:8000,...``)."""
        allow = frozenset(
            item.strip().lower()
            for item in (environ.get("SKILL_FETCH_ALLOW") or "").split(",")
            if item.strip()
        )
        return cls(fetch_allow=allow, **fields)


@dataclass(slots=True)
class Backend:
    """What the routes share, built in the lifespan."""

    store: Store
    renders: RenderQueueLike
    agent: Agent
    turns: ThreadPoolExecutor
    config: BackendConfig
    web_url: str
    pending_turns: set[Any] = field(default_factory=set)
    token_requests: dict[str, list[float]] = field(default_factory=dict)  # client host -> request times


def backend_of(request: Request) -> Backend:
    backend: Backend = request.app.state.backend
    return backend


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def ok(data: dict[str, Any], status: int = 200) -> JSONResponse:
    """The common envelope: ``{"code": 0, "message": "ok", "data": ...}``."""
    return JSONResponse({"code": 0, "message": "ok", "data": data}, status_code=status)


def render_ok(data: dict[str, Any]) -> JSONResponse:
    """The render endpoints' envelope: ``{"success": true, "data": ...}``."""
    return JSONResponse({"success": True, "data": data})


async def require_user(request: Request) -> str:
    """Return the user id of the request's bearer token, or raise AuthInvalid (401 / 1001)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise AuthInvalid("Missing bearer token: send Authorization: Bearer <token>.")
    user = await run_in_threadpool(backend_of(request).store.user_for_token, token)
    if user is None:
        raise AuthInvalid("Token expired or invalid; get a new one from /api/auth/anonymous-token.")
    return user


async def read_json(request: Request, model: type[ModelT], *, required: bool = True) -> ModelT:
    """Read a JSON body (at most ``json_max_bytes``) into ``model``; BadRequest (422) when it does not fit."""
    limit = backend_of(request).config.json_max_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(f"The JSON body is larger than {limit} bytes.")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BodyTooLarge(f"The JSON body is larger than {limit} bytes.")
    if not body.strip():
        if required:
            raise BadRequest(
                "A JSON body is required.",
                details=[{"type": "missing", "loc": ["body"], "msg": "Field required"}],
            )
        data: Any = {}
    else:
        try:
            data = json.loads(body)
        except (ValueError, RecursionError) as err:  # RecursionError: nesting too deep to parse
            raise BadRequest(
                "The body is not valid JSON.",
                details=[{"type": "json_invalid", "loc": ["body"], "msg": str(err)}],
            ) from err
    try:
        return model.model_validate(data)
    except ValidationError as err:
        errors = err.errors(include_url=False)
        details: list[dict[str, object]] = [
            {"type": e["type"], "loc": ["body", *e["loc"]], "msg": e["msg"]} for e in errors
        ]
        where = ".".join(str(p) for p in errors[0]["loc"]) or "body"
        raise BadRequest(f"Invalid request body: {where}: {errors[0]['msg']}", details=details) from err


# ---------------------------------------------------------------------------------------- errors
def _error_response(request: Request, exc: BackendError) -> Response:
    path = request.url.path
    if path == "/run_sse":
        # Google ADK's FastAPI shapes: {"detail": ...}
        if isinstance(exc, SessionNotFound):
            return JSONResponse({"detail": exc.message}, status_code=404)
        if isinstance(exc, BadRequest):
            return JSONResponse({"detail": exc.details or exc.message}, status_code=422)
        body: dict[str, Any] = {"code": exc.code, "message": exc.message, "data": None, "detail": exc.message}
    elif path.startswith("/api/render/"):
        body = {
            "success": False,
            "code": exc.code,
            "message": exc.message,
            "error": exc.message,
            "data": None,
        }
    elif path.startswith("/workspace/"):
        from .page.shell import CSP, error_page

        response = HTMLResponse(error_page(exc.message), status_code=exc.status)
        response.headers["Content-Security-Policy"] = CSP
        return response
    else:
        body = {"code": exc.code, "message": exc.message, "data": None}
    return JSONResponse(body, status_code=exc.status, headers=exc.headers or None)


async def _on_backend_error(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, BackendError):
        return await _on_crash(request, exc)
    return _error_response(request, exc)


async def _on_http_error(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, HTTPException):
        return await _on_crash(request, exc)
    error = BackendError(exc.detail if isinstance(exc.detail, str) else "Request refused")
    error.status = error.code = exc.status_code
    if exc.status_code == 404:
        error = NotFound(f"Not found: {request.url.path}")
    return _error_response(request, error)


async def _on_crash(request: Request, exc: Exception) -> Response:
    if _is_disk_full(exc):
        log.warning("disk full on %s %s", request.method, request.url.path)
        error = BackendError("The backend's disk is full: free some space and try again.")
        error.status = error.code = 507
        return _error_response(request, error)
    if isinstance(exc, sqlite3.DatabaseError):
        log.error("the local state database failed on %s: %s", request.url.path, type(exc).__name__)
        error = BackendError("The backend's database is damaged or unreadable; see `music-to-best doctor`.")
        error.status = error.code = 500
        return _error_response(request, error)
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    error = BackendError(f"Internal error in the local backend ({type(exc).__name__}).")
    error.status = error.code = 500
    return _error_response(request, error)


def _is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    return isinstance(exc, sqlite3.OperationalError) and "full" in str(exc).lower()


# ---------------------------------------------------------------------------------------- app
def create_app(settings: Settings, config: BackendConfig | None = None) -> Starlette:
    """Build the local backend for ``settings`` (state under ``settings.data_dir/local``).

    Parameters
    ----------
    settings : Settings
        ``data_dir`` locates the state; ``web_url`` is not used for links (the claim page is served here).
    config : BackendConfig, optional
        Limits; tests pass smaller ones.

    Returns
    -------
    Starlette
        Nothing is opened until the app's lifespan starts.
    """
    from . import routes

    cfg = config or BackendConfig()
    root = cfg.root or Path(settings.data_dir) / "local"

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        store = Store(root)
        try:
            await run_in_threadpool(store.open)
        except (OSError, sqlite3.Error) as err:
            app.state.startup_error = f"cannot open the local state in {root}: {err}"
            raise
        renders: RenderQueueLike
        if cfg.queue_url:
            from .queue_redis import RedisRenderQueue

            renders = RedisRenderQueue(store, cfg.queue_url, media_root=str(root))
        else:
            renders = RenderQueue(store, workers=cfg.render_workers)
        try:
            await run_in_threadpool(renders.recover)
        except BackendError as err:
            app.state.startup_error = err.message
            await run_in_threadpool(store.close)
            raise
        renders.start()
        turns = ThreadPoolExecutor(max_workers=cfg.turn_workers, thread_name_prefix="chat-turn")
        backend = Backend(
            store, renders, Agent(store, keepalive_s=cfg.keepalive_s), turns, cfg, settings.web_url
        )
        app.state.backend = backend
        log.info("local backend ready, state in %s", root)
        try:
            yield
        finally:
            turns.shutdown(wait=False, cancel_futures=True)
            await run_in_threadpool(wait_futures, list(backend.pending_turns), SHUTDOWN_JOIN_S)
            await run_in_threadpool(backend.agent.close)
            await run_in_threadpool(renders.stop)
            await run_in_threadpool(store.close)

    guard = Middleware(Guard, allowed_hosts=cfg.allowed_hosts, secret=cfg.secret, body_idle_s=cfg.body_idle_s)
    return Starlette(
        routes=[Route(path, endpoint, methods=[method]) for method, path, endpoint in routes.ROUTES],
        middleware=[guard],
        lifespan=lifespan,
        exception_handlers={
            BackendError: _on_backend_error,
            HTTPException: _on_http_error,
            Exception: _on_crash,
        },
    )
