"""What the backend keeps and for how long: old uploads and renders, leftover partial files.

Nothing is deleted behind the user's back while the server runs: ``music-to-best cleanup`` removes
what is older than the retention period (default 30 days, ``SKILL_RETENTION_DAYS``), and every start
removes only the partial render files that no live process is writing.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .owner import is_gone

if TYPE_CHECKING:
    from .store import Store

__all__ = ["DEFAULT_RETENTION_DAYS", "CleanupReport", "clean_old", "sweep_partials"]

log = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 30.0
# a partial file names its writer: <key>.<pid>-<hex>.part.mp4 (older releases: <key>.part.mp4)
_PARTIAL = re.compile(r"^[0-9a-f]+\.(?:(?P<pid>\d+)-[0-9a-f]+\.)?part\.mp4$")
_STALE_PARTIAL_S = 24 * 3600.0


@dataclass(frozen=True, slots=True)
class CleanupReport:
    """What a cleanup removed (or, dry, would remove)."""

    uploads: int
    renders: int
    partials: int
    bytes_freed: int


def sweep_partials(store: Store, *, now: float | None = None) -> tuple[int, int]:
    """Delete partial render files whose writer is gone (or that are a day old); (count, bytes)."""
    now = time.time() if now is None else now
    count = freed = 0
    for path in store.renders_dir.glob("*.part.mp4"):
        match = _PARTIAL.match(path.name)
        try:
            stat = path.stat()
        except OSError:
            continue
        pid = int(match.group("pid")) if match and match.group("pid") else 0
        if (pid and is_gone(pid)) or now - stat.st_mtime > _STALE_PARTIAL_S or (match and not pid):
            path.unlink(missing_ok=True)
            count += 1
            freed += stat.st_size
    if count:
        log.info("removed %d partial render files (%d bytes)", count, freed)
    return count, freed


def clean_old(store: Store, *, older_than_days: float, dry_run: bool = False) -> CleanupReport:
    """Remove uploads and finished renders older than ``older_than_days``, files and records."""
    before = time.time() - older_than_days * 86400.0
    uploads, renders = store.older_than(before)
    freed = 0
    for upload in uploads:
        path = store.upload_path(upload.upload_id, upload.ext)
        freed += path.stat().st_size if path.exists() else 0
        if not dry_run:
            path.unlink(missing_ok=True)
            store.forget_upload(upload.upload_id)
    for render in renders:
        path = store.render_path(render.file_key)
        freed += path.stat().st_size if path.exists() else 0
        if not dry_run:
            path.unlink(missing_ok=True)
            store.forget_render(render.user_id, render.render_id)
    partials = 0
    if not dry_run:
        partials, partial_bytes = sweep_partials(store)
        freed += partial_bytes
    return CleanupReport(len(uploads), len(renders), partials, freed)
