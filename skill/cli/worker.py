"""``worker``: run renders from a distributed queue (``serve --queue``) on this machine until Ctrl-C."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from skill.cli.queue_args import MEDIA_ROOT_ENV, QUEUE_ENV, add_queue_options

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "worker", help="run renders from a Redis queue shared with `serve --queue`"
    )
    add_queue_options(parser, required=True)
    parser.add_argument("--name", help="this worker's name in logs and `doctor` (default: host.pid)")
    parser.add_argument("--burst", action="store_true", help="stop when the queue is empty")
    parser.set_defaults(func=run)


class _NoticeHandler(logging.Handler):
    """Per-job log lines of the worker, written as the command's notices (JSON lines under --json)."""

    def __init__(self, ctx: CliContext) -> None:
        super().__init__(logging.INFO)
        self._ctx = ctx

    def emit(self, record: logging.LogRecord) -> None:
        self._ctx.out.notice(record.getMessage())


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    url = args.queue or ctx.environ.get(QUEUE_ENV)
    if not url:
        ctx.out.error(
            f"Say which queue to work on: --queue redis://HOST:6379/0 (or set {QUEUE_ENV}).", code="usage"
        )
        return 2
    media_root = args.media_root or ctx.environ.get(MEDIA_ROOT_ENV)
    if media_root:
        # the job names the server's media root; a worker that mounts it elsewhere says where
        import os

        os.environ[MEDIA_ROOT_ENV] = str(Path(media_root).expanduser().resolve())
    try:
        from skill.local.errors import BackendError
        from skill.local.queue_worker import run_worker
    except ImportError as err:
        from skill.errors import MissingExtraError

        raise MissingExtraError() from err
    job_log = logging.getLogger("skill.local.queue_worker")
    job_log.setLevel(logging.INFO)
    job_log.addHandler(_NoticeHandler(ctx))
    job_log.propagate = False
    try:
        run_worker(url, name=args.name, burst=args.burst)
    except BackendError as err:
        ctx.out.error(err.message, code="queue_unavailable")
        return 1
    except KeyboardInterrupt:
        ctx.out.notice("Worker stopped.")
        return 0
    ctx.out.result("Worker stopped.", name=args.name)
    return 0
