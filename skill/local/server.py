"""Run the local backend under uvicorn: in a background thread (embedded) or in the foreground (serve)."""

from __future__ import annotations

import logging
import os
import threading
import time
from types import TracebackType
from typing import TYPE_CHECKING

from .constants import HEADER_TIMEOUT_S, MAX_CONNECTIONS, SHUTDOWN_JOIN_S, START_TIMEOUT_S
from .errors import StartError

if TYPE_CHECKING:
    import uvicorn
    from starlette.applications import Starlette

    from skill.settings import Settings

    from .app import BackendConfig
    from .pageserver import IdleWatch

__all__ = ["EmbeddedServer", "LOOPBACK_HOSTS", "uvicorn_config"]

log = logging.getLogger(__name__)

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_GRACEFUL_S = 5
_KEEP_ALIVE_S = 5
_MAX_HEADER_BYTES = 16 * 1024


class _UvicornForwarder(logging.Handler):
    """Pass uvicorn's log records to this module's logger: as debug (tracebacks included), except a
    failed bind, which the user must see. So no traceback reaches a terminal unless SKILL_LOG=debug."""

    def emit(self, record: logging.LogRecord) -> None:
        if "attempting to bind" in record.getMessage():
            record.exc_info = record.exc_text = None
        else:
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        if log.isEnabledFor(record.levelno):
            log.handle(record)


def _route_uvicorn_logs() -> None:
    from .connections import RateLimitFilter

    uvicorn_log = logging.getLogger("uvicorn")
    if not any(isinstance(h, _UvicornForwarder) for h in uvicorn_log.handlers):
        uvicorn_log.addHandler(_UvicornForwarder())
        uvicorn_log.propagate = False
    # accept() failing (too many open files) logs once per attempt: keep a few per minute
    for name in ("asyncio", "uvicorn.error"):
        target = logging.getLogger(name)
        if not any(isinstance(f, RateLimitFilter) for f in target.filters):
            target.addFilter(RateLimitFilter())


def uvicorn_config(
    app: Starlette | IdleWatch,
    *,
    host: str,
    port: int,
    header_timeout_s: float = HEADER_TIMEOUT_S,
    max_connections: int = MAX_CONNECTIONS,
) -> uvicorn.Config:
    """A uvicorn config for the app: no access log (URLs and headers stay out of logs); uvicorn's own
    records go through the ``skill`` logger (see ``_UvicornForwarder``), not straight to stderr."""
    import uvicorn

    from .connections import guarded_protocol

    _route_uvicorn_logs()
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=guarded_protocol(header_timeout_s=header_timeout_s, max_connections=max_connections),
        log_config=None,
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=_GRACEFUL_S,
        timeout_keep_alive=_KEEP_ALIVE_S,
        h11_max_incomplete_event_size=_MAX_HEADER_BYTES,
        server_header=False,
    )


def _run(server: uvicorn.Server) -> None:
    """Serve until told to stop; uvicorn exits with SystemExit when start-up fails, which ends the thread."""
    try:
        server.run()
    except SystemExit as exc:
        log.debug("the local backend exited during start-up (code %s)", exc.code)


class EmbeddedServer:
    """The local backend on ``127.0.0.1:<free port>`` in a background thread, for one command's life.

    Examples
    --------
    >>> with EmbeddedServer(settings) as server:  # doctest: +SKIP
    ...     httpx.get(server.url + "/healthz")
    """

    def __init__(
        self,
        settings: Settings,
        *,
        config: BackendConfig | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        start_timeout_s: float = START_TIMEOUT_S,
    ) -> None:
        self._settings = settings
        self._config = config
        self._host = host
        self._port = port
        self._start_timeout_s = start_timeout_s
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    def start(self) -> EmbeddedServer:
        """Start serving and wait (bounded) until the socket listens; raise StartError otherwise."""
        import uvicorn

        from .app import BackendConfig, create_app

        config = self._config or BackendConfig.from_environ(os.environ)
        app = create_app(self._settings, config)
        server = uvicorn.Server(
            uvicorn_config(app, host=self._host, port=self._port, header_timeout_s=config.header_timeout_s)
        )
        thread = threading.Thread(target=_run, args=(server,), name="local-backend", daemon=True)
        self._server, self._thread = server, thread
        thread.start()
        deadline = time.monotonic() + self._start_timeout_s
        while not server.started:
            if not thread.is_alive():
                reason = getattr(app.state, "startup_error", None) or "see the log with SKILL_LOG=debug"
                self._server = self._thread = None
                raise StartError(f"The local backend failed to start: {reason}.")
            if time.monotonic() > deadline:
                self.stop()
                raise StartError(f"The local backend did not start within {self._start_timeout_s:g} s.")
            time.sleep(0.01)
        sockets = [sock for srv in server.servers for sock in srv.sockets]
        port = sockets[0].getsockname()[1]
        self.url = f"http://{self._host}:{port}"
        log.debug("local backend listening on %s", self.url)
        return self

    def stop(self) -> None:
        """Ask uvicorn to exit and join its thread (bounded); idempotent."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(SHUTDOWN_JOIN_S + _GRACEFUL_S)
            if self._thread.is_alive():
                log.warning("the local backend did not stop within %s s", SHUTDOWN_JOIN_S + _GRACEFUL_S)
        self._server = None
        self._thread = None

    def __enter__(self) -> EmbeddedServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
