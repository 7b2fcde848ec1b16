"""``serve``: run the local backend in the foreground for other clients (Ctrl-C stops it cleanly)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from skill.cli.queue_args import MEDIA_ROOT_ENV, QUEUE_ENV, add_queue_options

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run"]

_DEFAULT_HOST = "127.0.0.1"
_DEFAULT_PORT = 8765


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("serve", help="run the local backend (protocol.md) on this machine")
    parser.add_argument(
        "--host", default=_DEFAULT_HOST, help="address to bind (default: 127.0.0.1, loopback only)"
    )
    parser.add_argument(
        "--port", type=int, default=_DEFAULT_PORT, help=f"port (default: {_DEFAULT_PORT}; 0 = any free)"
    )
    add_queue_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        import uvicorn

        from skill.local.app import BackendConfig, create_app
        from skill.local.server import LOOPBACK_HOSTS, uvicorn_config
    except ImportError as err:
        from skill.errors import MissingExtraError

        raise MissingExtraError() from err

    settings = ctx.settings
    if args.host not in LOOPBACK_HOSTS:
        ctx.out.notice(
            f"Warning: binding {args.host} exposes the backend (and your uploads) to other machines; "
            "anyone who can reach it can create a token."
        )
    queue_url = args.queue or ctx.environ.get(QUEUE_ENV) or None
    media_root = args.media_root or ctx.environ.get(MEDIA_ROOT_ENV)
    config = BackendConfig(
        queue_url=queue_url, root=Path(media_root).expanduser().resolve() if media_root else None
    )
    app = create_app(settings, config)
    server = uvicorn.Server(uvicorn_config(app, host=args.host, port=args.port))
    original_startup = server.startup

    async def startup(sockets=None):  # type: ignore[no-untyped-def]
        await original_startup(sockets=sockets)
        if server.started:
            port = next(s.getsockname()[1] for srv in server.servers for s in srv.sockets)
            host = f"[{args.host}]" if ":" in args.host else args.host
            url = f"http://{host}:{port}"
            queue = "on the queue's workers" if queue_url else "here"
            ctx.out.result(
                f"Local backend listening on {url} (renders run {queue}; Ctrl-C to stop)",
                url=url,
                data_dir=str(settings.data_dir),
                queue=bool(queue_url),
            )

    server.startup = startup  # type: ignore[method-assign]
    try:
        server.run()
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl-C after its clean shutdown: that is a normal stop
        ctx.out.notice("Local backend stopped.")
        return 0
    except SystemExit as exc:  # uvicorn exits this way when it cannot bind or start
        reason = getattr(app.state, "startup_error", None)
        where = f"The local backend could not start on {args.host}:{args.port}"
        ctx.out.error(f"{where}: {reason}" if reason else f"{where}.", code="serve_failed")
        return int(exc.code) if isinstance(exc.code, int) and exc.code else 1
    return 0 if server.started else 1
