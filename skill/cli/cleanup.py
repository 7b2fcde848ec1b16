"""``cleanup``: free the local backend's disk: uploads and renders past the retention period, partial files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run"]

_RETENTION_ENV = "SKILL_RETENTION_DAYS"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("cleanup", help="delete local uploads and renders older than N days")
    parser.add_argument(
        "--older-than",
        type=float,
        metavar="DAYS",
        help=f"age in days (default: {_RETENTION_ENV}, else 30)",
    )
    parser.add_argument("--dry-run", action="store_true", help="only say what would be deleted")
    parser.add_argument(
        "--media-root", metavar="PATH", help="the backend's state folder (default: <data dir>/local)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from skill.local.retention import DEFAULT_RETENTION_DAYS, clean_old
    from skill.local.store import Store

    days = args.older_than
    if days is None:
        raw = ctx.environ.get(_RETENTION_ENV, "").strip()
        try:
            days = float(raw) if raw else DEFAULT_RETENTION_DAYS
        except ValueError:
            ctx.out.error(f"{_RETENTION_ENV} must be a number of days, not {raw[:40]!r}.", code="config")
            return 2
    if days < 0:
        ctx.out.error("--older-than must be 0 or more days.", code="usage")
        return 2
    root = Path(args.media_root).expanduser() if args.media_root else Path(ctx.settings.data_dir) / "local"
    if not (root / "backend.sqlite3").exists():
        ctx.out.result(
            f"Nothing to clean: no local backend state in {root}.", uploads=0, renders=0, bytes_freed=0
        )
        return 0
    store = Store(root).open()
    try:
        report = clean_old(store, older_than_days=days, dry_run=args.dry_run)
    finally:
        store.close()
    verb = "Would delete" if args.dry_run else "Deleted"
    ctx.out.result(
        f"{verb} {report.uploads} uploads and {report.renders} renders older than {days:g} days "
        f"({report.bytes_freed / 2**20:.1f} MB)"
        + (f", and {report.partials} partial files." if report.partials else "."),
        uploads=report.uploads,
        renders=report.renders,
        partials=report.partials,
        bytes_freed=report.bytes_freed,
        dry_run=args.dry_run,
    )
    return 0
