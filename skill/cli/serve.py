"""``serve``: run the local backend in the foreground for other clients (Ctrl-C stops it cleanly)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

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
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        import uvicorn

        from skill.local.app import create_app
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
    server = uvicorn.Server(uvicorn_config(create_app(settings), host=args.host, port=args.port))
    original_startup = server.startup

    async def startup(sockets=None):  # type: ignore[no-untyped-def]
        await original_startup(sockets=sockets)
        if server.started:
            port = next(s.getsockname()[1] for srv in server.servers for s in srv.sockets)
            host = f"[{args.host}]" if ":" in args.host else args.host
            url = f"http://{host}:{port}"
            ctx.out.result(
                f"Local backend listening on {url} (Ctrl-C to stop)", url=url, data_dir=str(settings.data_dir)
            )

    server.startup = startup  # type: ignore[method-assign]
    try:
        server.run()
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl-C after its clean shutdown: that is a normal stop
        ctx.out.notice("Local backend stopped.")
        return 0
    except SystemExit as exc:  # uvicorn exits this way when it cannot bind or start
        ctx.out.error(f"The local backend could not start on {args.host}:{args.port}.", code="serve_failed")
        return int(exc.code) if isinstance(exc.code, int) and exc.code else 1
    return 0 if server.started else 1
