"""The page server: the local backend kept running in the background, so project links keep working.

Why a detached process: the embedded backend lives only as long as one command, so a link it printed
would be dead a moment later. ``open`` (and, unless ``SKILL_PAGE_SERVER=off``, ``export`` and ``state``)
make sure one background server runs on the data dir; it serves the project page and its media from
the same store every command writes. It prefers a fixed loopback port (so links stay the same across
restarts), writes ``page-server.json`` (url, pid) next to the store once it listens, and exits by itself
after ``page_idle_s`` without a request while no render runs (an open page polls, so it stays up while
someone looks), or on ``open --stop``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .constants import PAGE_PORT, START_TIMEOUT_S
from .errors import StartError

if TYPE_CHECKING:
    import uvicorn

    from skill.settings import Settings

__all__ = [
    "KEEP_ALIVE_PATH",
    "IdleWatch",
    "bind_socket",
    "ensure_running",
    "info_path",
    "running_url",
    "stop_running",
    "write_info",
]

log = logging.getLogger(__name__)

INFO_NAME = "page-server.json"
KEEP_ALIVE_PATH = "/workspace/keep-alive"
_LOCK_NAME = "page-server.lock"
_CHECK_EVERY_S = 1.0
Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Any, Any], Awaitable[None]]


def info_path(data_dir: Path) -> Path:
    """Where a running page server of ``data_dir`` says where it listens."""
    return data_dir / "local" / INFO_NAME


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_info(data_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(info_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("url"), str)
        or not isinstance(data.get("pid"), int)
    ):
        return None
    return data


def _answers(url: str, path: str = "/healthz") -> bool:
    import httpx

    try:
        return httpx.get(url + path, timeout=2.0, trust_env=False).status_code in (200, 204)
    except httpx.HTTPError:
        return False


def running_url(data_dir: Path) -> str | None:
    """The URL of this data dir's page server when one runs and answers, else None (no side effects)."""
    info = _read_info(data_dir)
    if info is None or not _alive(info["pid"]) or not _answers(info["url"]):
        return None
    return str(info["url"])


def write_info(data_dir: Path, url: str) -> None:
    """Record (atomically) that this process serves ``data_dir`` at ``url``."""
    path = info_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"url": url, "pid": os.getpid(), "started_at": time.time()}), encoding="utf-8")
    tmp.replace(path)


def clear_info(data_dir: Path) -> None:
    """Remove the record, if it is this process's."""
    info = _read_info(data_dir)
    if info is not None and info["pid"] == os.getpid():
        with contextlib.suppress(OSError):
            info_path(data_dir).unlink()


def bind_socket(host: str, port: int, *, fallback: bool) -> socket.socket:
    """A listening socket on ``port``; with ``fallback``, on a free port when that one is taken.

    Raises StartError when nothing could be bound.
    """
    for candidate in (port, 0) if port and fallback else (port,):
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, candidate))
        except OSError:
            sock.close()
            continue
        sock.listen(128)
        sock.set_inheritable(True)
        return sock
    raise StartError(f"cannot listen on {host}:{port}")


@contextlib.contextmanager
def _spawn_lock(data_dir: Path) -> Any:
    """One spawner at a time per data dir (two commands at once start one server, not two)."""
    import fcntl

    path = data_dir / "local" / _LOCK_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_running(settings: Settings, *, visit: bool = False, timeout_s: float = START_TIMEOUT_S) -> str:
    """Return the URL of the data dir's page server, starting one in the background when none runs.

    ``visit`` (``open``): someone is about to look, so the server keeps its full idle time; without it
    (``export``, ``state``), a server started here stops after ``page_grace_s`` unless the link is opened.

    Raises
    ------
    StartError
        The server did not answer within ``timeout_s``.
    """
    data_dir = Path(settings.data_dir)
    url = running_url(data_dir) or _spawn(settings, data_dir, visit=visit, timeout_s=timeout_s)
    if visit:
        _answers(url, KEEP_ALIVE_PATH)
    return url


def _spawn(settings: Settings, data_dir: Path, *, visit: bool, timeout_s: float) -> str:
    with _spawn_lock(data_dir):
        url = running_url(data_dir)
        if url:
            return url
        import skill

        package_root = Path(skill.__file__).resolve().parent.parent
        argv = [sys.executable, "-m", "skill", "serve", "--background", "--data-dir", str(data_dir)]
        grace = settings.page_idle_s if visit else min(settings.page_grace_s, settings.page_idle_s)
        argv += [
            "--port",
            str(PAGE_PORT),
            "--idle-exit",
            f"{settings.page_idle_s:g}",
            "--grace",
            f"{grace:g}",
        ]
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            argv,
            cwd=package_root,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # not in the terminal's process group: Ctrl-C of the command spares it
            close_fds=True,
        )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            info = _read_info(data_dir)
            if info is not None and info["pid"] == process.pid and _answers(info["url"]):
                log.debug("page server %s started on %s", process.pid, info["url"])
                return str(info["url"])
            if process.poll() is not None:
                raise StartError("The project page server exited during start-up (see SKILL_LOG=debug).")
            time.sleep(0.05)
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
        raise StartError(f"The project page server did not start within {timeout_s:g} s.")


def stop_running(data_dir: Path, *, timeout_s: float = 10.0) -> bool:
    """Stop the data dir's page server (SIGTERM, then wait); False when none was running."""
    info = _read_info(data_dir)
    if info is None or not _alive(info["pid"]):
        return False
    pid = int(info["pid"])
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while _alive(pid) and time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):  # reap it when it was our own child
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.05)
    with contextlib.suppress(OSError):
        if (_read_info(data_dir) or {}).get("pid") == pid:
            info_path(data_dir).unlink()
    return True


class IdleWatch:
    """ASGI middleware + watchdog thread: ask uvicorn to exit when nobody needs the page server.

    It exits after ``idle_s`` without a request, and, until its first visit (any ``/workspace/``
    request), already after ``grace_s``: a server that ``export`` or ``state`` started for a link nobody
    opens does not linger. ``busy()`` (a render queued or running) postpones either. ``GET
    /workspace/keep-alive`` (what ``open`` sends) counts as a visit and is answered here (204).
    """

    def __init__(self, app: ASGIApp, *, idle_s: float, grace_s: float, busy: Callable[[], bool]) -> None:
        self._app = app
        self._idle_s = idle_s
        self._grace_s = grace_s
        self._busy = busy
        self._started = self._last = time.monotonic()
        self._visited = False
        self._stop = threading.Event()

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self._last = time.monotonic()
            path = str(scope.get("path", ""))
            if path.startswith("/workspace/"):
                self._visited = True
            if path == KEEP_ALIVE_PATH:
                await send({"type": "http.response.start", "status": 204, "headers": []})
                await send({"type": "http.response.body", "body": b""})
                return
        await self._app(scope, receive, send)

    def _should_exit(self) -> bool:
        now = time.monotonic()
        if self._busy():
            self._last = now
            return False
        if not self._visited and now - self._started > self._grace_s:
            return True
        return now - self._last > self._idle_s

    def watch(self, server: uvicorn.Server) -> threading.Thread:
        def loop() -> None:
            while not self._stop.wait(_CHECK_EVERY_S):
                if self._should_exit():
                    log.info("page server not needed any more: stopping")
                    server.should_exit = True
                    return

        thread = threading.Thread(target=loop, name="page-idle", daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        self._stop.set()
