"""``serve``: run the local backend in the foreground for other clients (Ctrl-C stops it cleanly).

``serve --background`` is the detached project page server that ``open`` starts (see
``skill/local/pageserver.py``): it records where it listens and exits after a while without visitors.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from skill.cli.queue_args import MEDIA_ROOT_ENV, QUEUE_ENV, add_queue_options

if TYPE_CHECKING:
    from skill.cli import CliContext
    from skill.settings import Settings

__all__ = ["register", "run"]

_DEFAULT_HOST = "127.0.0.1"
_DEFAULT_PORT = 8765
_MIN_SECRET_CHARS = 16


def _raise_open_files_limit() -> None:
    """Use the hard limit on open files: idle clients are closed, but a busy server needs room."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard != resource.RLIM_INFINITY and soft < hard:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ImportError, ValueError, OSError):
        pass


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("serve", help="run the local backend (protocol.md) on this machine")
    parser.add_argument(
        "--host", default=_DEFAULT_HOST, help="address to bind (default: 127.0.0.1, loopback only)"
    )
    parser.add_argument(
        "--port", type=int, default=_DEFAULT_PORT, help=f"port (default: {_DEFAULT_PORT}; 0 = any free)"
    )
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a non-loopback --host; other machines must then send SKILL_BACKEND_SECRET",
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a host name this backend answers to besides the loopback ones (repeatable)",
    )
    add_queue_options(parser)
    # the detached page server (`open`): not for people, so not in --help
    parser.add_argument("--background", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--idle-exit", type=float, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--grace", type=float, default=None, help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def _page_link(settings: Settings, url: str, ctx: CliContext) -> str | None:
    """The current project's page on this server, when there is a current project."""
    from skill.client.api import NemoClient
    from skill.errors import SkillError

    server_settings = settings.with_api_url(url)
    try:
        with NemoClient.from_settings(server_settings, ctx.manifest) as client:
            if client.sessions.cached() is None:
                return None
            return client.claim_link()
    except SkillError:
        return None


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        import uvicorn

        from skill.local.app import BackendConfig, create_app
        from skill.local.errors import StartError
        from skill.local.pageserver import IdleWatch, bind_socket, clear_info, write_info
        from skill.local.server import LOOPBACK_HOSTS, uvicorn_config
    except ImportError as err:
        from skill.errors import MissingExtraError

        raise MissingExtraError() from err
    from dataclasses import replace

    settings = ctx.settings
    if args.data_dir is not None:
        settings = replace(settings, data_dir=args.data_dir)
    secret = settings.backend_secret
    if args.host not in LOOPBACK_HOSTS:
        if not args.allow_remote:
            ctx.out.error(
                f"Binding {args.host} exposes the backend and your uploads to other machines: "
                "pass --allow-remote and set SKILL_BACKEND_SECRET (at least 16 characters) to do it.",
                code="usage",
            )
            return 2
        if not secret or len(secret) < _MIN_SECRET_CHARS:
            ctx.out.error(
                f"--allow-remote needs a shared secret: set SKILL_BACKEND_SECRET to at least "
                f"{_MIN_SECRET_CHARS} characters (clients send the same value).",
                code="usage",
            )
            return 2
        ctx.out.notice(f"Serving other machines on {args.host}: they must send the shared secret.")
    _raise_open_files_limit()
    queue_url = args.queue or ctx.environ.get(QUEUE_ENV) or None
    media_root = args.media_root or ctx.environ.get(MEDIA_ROOT_ENV)
    config = BackendConfig.from_environ(
        ctx.environ,
        queue_url=queue_url,
        root=Path(media_root).expanduser().resolve() if media_root else None,
        allowed_hosts=frozenset(h.strip().lower() for h in args.allow_host if h.strip()),
        secret=secret if args.host not in LOOPBACK_HOSTS else None,
    )
    app = create_app(settings, config)
    watch = None
    if args.background and args.idle_exit:
        grace = args.grace if args.grace is not None else args.idle_exit
        watch = IdleWatch(app, idle_s=args.idle_exit, grace_s=grace, busy=lambda: _rendering(app))
    server = uvicorn.Server(uvicorn_config(watch or app, host=args.host, port=args.port))
    try:
        sock = bind_socket(args.host, args.port, fallback=args.background)
    except StartError:
        ctx.out.error(f"The local backend could not start on {args.host}:{args.port}.", code="serve_failed")
        return 1
    original_startup = server.startup

    async def startup(sockets=None):  # type: ignore[no-untyped-def]
        await original_startup(sockets=sockets)
        if not server.started:
            return
        port = sock.getsockname()[1]
        host = f"[{args.host}]" if ":" in args.host else args.host
        url = f"http://{host}:{port}"
        if args.background:
            write_info(settings.data_dir, url)
            if watch is not None:
                watch.watch(server)
            return
        from starlette.concurrency import run_in_threadpool

        link = await run_in_threadpool(_page_link, settings, url, ctx)
        queue = "on the queue's workers" if queue_url else "here"
        text = f"Local backend listening on {url} (renders run {queue}; Ctrl-C to stop)"
        if link:
            text += f"\nProject page: {link}"
        ctx.out.result(text, url=url, link=link, data_dir=str(settings.data_dir), queue=bool(queue_url))

    server.startup = startup  # type: ignore[method-assign]
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl-C after its clean shutdown: that is a normal stop
        ctx.out.notice("Local backend stopped.")
        return 0
    except SystemExit as exc:  # uvicorn exits this way when it cannot bind or start
        reason = getattr(app.state, "startup_error", None)
        where = f"The local backend could not start on {args.host}:{args.port}"
        ctx.out.error(f"{where}: {reason}" if reason else f"{where}.", code="serve_failed")
        return int(exc.code) if isinstance(exc.code, int) and exc.code else 1
    finally:
        if watch is not None:
            watch.close()
        if args.background:
            clear_info(settings.data_dir)
        sock.close()
    return 0 if server.started else 1


def _rendering(app: object) -> bool:
    """True while this server has a render queued or running (the idle exit waits for it)."""
    import os

    backend = getattr(getattr(app, "state", None), "backend", None)
    if backend is None:
        return True
    return any(r.owner_pid == os.getpid() for r in backend.store.renders_with_status("pending", "processing"))
