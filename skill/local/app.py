"""The local backend as a Starlette app: protocol.md's endpoints on loopback, state in the data dir.

Async only at this edge: the sqlite store, uploads' probing and the engine run through
``run_in_threadpool``; chat turns and renders run on their own worker threads.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
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
from .errors import BackendError
from .guard import Guard
from .http_errors import EXCEPTION_HANDLERS
from .http_io import backend_of, base_url, ok, read_json, render_ok, require_user
from .renders import RenderQueue, RenderQueueLike
from .store import Store

if TYPE_CHECKING:
    from skill.settings import Settings

__all__ = [
    "Backend",
    "BackendConfig",
    "create_app",
    "backend_of",
    "base_url",
    "read_json",
    "require_user",
    "ok",
    "render_ok",
]

log = logging.getLogger(__name__)


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
        exception_handlers=EXCEPTION_HANDLERS,
    )
