"""One render job, start to finish: the draft of a recorded render becomes its MP4, whoever runs it.

The in-process pool (``renders.RenderQueue``) and the distributed workers (``queue_worker``) both call
:func:`run_render_job`, so a render means the same thing on every engine. Job state lives in the store;
the MP4 is written under a name unique to this attempt and renamed into place only when complete, so a
retried or killed attempt never leaves a half file where the client downloads.
"""

from __future__ import annotations

import errno
import logging
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BadRequest

if TYPE_CHECKING:
    from .store import Store

__all__ = ["CANCELLED_REASON", "DISK_FULL_REASON", "STOPPED_REASON", "failure_reason", "run_render_job"]

log = logging.getLogger(__name__)

STOPPED_REASON = "the server stopped during the render; export again"
CANCELLED_REASON = "the render was cancelled"
DISK_FULL_REASON = "the disk of the backend is full; free some space and export again"
INTERNAL_REASON = "internal error while rendering"


def failure_reason(err: BaseException) -> str:
    """What a render that raised tells the user: a full disk as such, anything else as internal."""
    if isinstance(err, OSError) and err.errno == errno.ENOSPC:
        return DISK_FULL_REASON
    if isinstance(err, sqlite3.OperationalError) and "full" in str(err).lower():
        return DISK_FULL_REASON
    return INTERNAL_REASON


# how often a worker in another process re-reads the store to see a cancel
_CANCEL_CHECK_S = 0.5


def store_cancel_check(store: Store, user_id: str, render_id: str) -> Callable[[], bool]:
    """A ``should_cancel`` for a worker outside the server: true once the render is no longer processing."""
    last = [0.0, False]
    guard = threading.Lock()

    def check() -> bool:
        with guard:
            now = time.monotonic()
            if not last[1] and now - float(last[0]) >= _CANCEL_CHECK_S:
                last[0] = now
                record = store.find_render(user_id, render_id)
                last[1] = record is None or record.status != "processing"
            return bool(last[1])

    return check


def run_render_job(
    store: Store,
    user_id: str,
    render_id: str,
    *,
    should_cancel: Callable[[], bool],
    stopping: Callable[[], bool] = lambda: False,
) -> str:
    """Render a render record that is ``processing`` and record how it ended.

    Returns the final status ("completed" or "failed"). Progress only moves forward, also across a
    retried attempt. Engine and draft errors fail the render with their message; anything else
    propagates (the caller fails the job and keeps its worker alive).
    """
    from .compile import compile_draft
    from .engine.errors import EngineError, RenderCancelled
    from .engine.render import RenderSpec, render_video

    record = store.render(user_id, render_id)

    def resolve(upload_id: str) -> Path:
        upload = store.upload(user_id, upload_id)
        return store.upload_path(upload.upload_id, upload.ext)

    last = [record.progress]

    def on_progress(stage: str, fraction: float) -> None:
        percent = max(0, min(99, int(float(fraction) * 100)))
        if percent > last[0]:
            last[0] = percent
            store.update_render(user_id, render_id, progress=percent, only_if_status=("processing",))

    out = store.render_path(record.file_key)
    partial = out.with_name(f"{out.stem}.{os.getpid()}-{secrets.token_hex(3)}.part.mp4")
    try:
        spec = RenderSpec(**compile_draft(record.draft, resolve))
        render_video(spec, partial, on_progress=on_progress, should_cancel=should_cancel)
    except RenderCancelled:
        partial.unlink(missing_ok=True)
        reason = STOPPED_REASON if stopping() else CANCELLED_REASON
        store.update_render(user_id, render_id, status="failed", error=reason, only_if_status=("processing",))
        return "failed"
    except (EngineError, BadRequest) as err:
        partial.unlink(missing_ok=True)
        full = isinstance(err.__cause__, OSError) and err.__cause__.errno == errno.ENOSPC
        store.update_render(
            user_id, render_id, status="failed", error=DISK_FULL_REASON if full else err.message
        )
        return "failed"
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if should_cancel():
        partial.unlink(missing_ok=True)
        store.update_render(
            user_id, render_id, status="failed", error=CANCELLED_REASON, only_if_status=("processing",)
        )
        return "failed"
    try:
        os.replace(partial, out)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
    done = store.update_render(
        user_id, render_id, status="completed", progress=100, only_if_status=("processing",)
    )
    return "completed" if done else store.render(user_id, render_id).status
