"""A render worker for the distributed queue: ``music-to-best worker --queue redis://…``.

Each job runs in a work horse forked by RQ. The horse asks the kernel to kill it when its worker dies
(``PR_SET_PDEATHSIG``), so a lost worker never leaves an orphan still writing; the job then misses its
heartbeat and the next sweep retries it once on another worker. The worker also sweeps, so recovery
needs no server poll.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any

from .constants import QUEUE_NAME, WORKER_HEARTBEAT_S, WORKER_LOST_GRACE_S
from .owner import this_process
from .render_job import failure_reason, run_render_job, store_cancel_check

__all__ = ["run_queued_render", "run_worker"]

log = logging.getLogger(__name__)
_PR_SET_PDEATHSIG = 1
MEDIA_ROOT_ENV = "SKILL_MEDIA_ROOT"


def _die_with_parent() -> None:
    """Linux: SIGKILL this process when its parent (the RQ worker) dies; elsewhere a no-op."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    parent = os.getppid()
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the worker died before prctl took effect
        os._exit(1)


def run_queued_render(media_root: str, user_id: str, render_id: str) -> str:
    """The RQ job: render one recorded render from the shared media root; returns its final status."""
    from .store import Store

    _die_with_parent()
    worker = os.environ.get("RQ_WORKER_ID", "?")
    # a worker that mounts the shared media root elsewhere says so (``worker --media-root``)
    store = Store(Path(os.environ.get(MEDIA_ROOT_ENV) or media_root)).open()
    started = time.monotonic()
    try:
        record = store.find_render(user_id, render_id)
        if record is None or record.status not in ("pending", "processing"):
            log.info(
                "render %s skipped on %s: it is %s", render_id, worker, record.status if record else "gone"
            )
            return record.status if record else "gone"
        retried = record.status == "processing"
        pid, start = this_process()
        store.update_render(user_id, render_id, status="processing", owner_pid=pid, owner_start=start)
        log.info("render %s started on %s%s", render_id, worker, " (retry)" if retried else "")
        try:
            status = run_render_job(
                store, user_id, render_id, should_cancel=store_cancel_check(store, user_id, render_id)
            )
        except Exception as err:  # noqa: BLE001 - recorded with its reason; RQ retries lost workers only
            log.warning("render %s failed on %s: %s", render_id, worker, type(err).__name__)
            store.update_render(user_id, render_id, status="failed", error=failure_reason(err))
            return "failed"
        log.info("render %s %s on %s in %.1f s", render_id, status, worker, time.monotonic() - started)
        return status
    finally:
        store.close()


def _worker_class() -> type[Any]:
    from rq import Worker

    class RenderWorker(Worker):
        """RQ's worker with a short job heartbeat, so a dead worker's job is retried in seconds, not minutes."""

        def get_heartbeat_ttl(self, job: Any, working_time: float = 0.0) -> int:
            return int(self.job_monitoring_interval + WORKER_LOST_GRACE_S)

    return RenderWorker


def run_worker(url: str, *, name: str | None = None, burst: bool = False) -> None:
    """Run jobs from the queue at ``url`` until SIGINT/SIGTERM (or, with ``burst``, until it is empty)."""
    from .queue_redis import open_queue

    connection, queue = open_queue(url)
    # import the engine once here: every job's work horse is forked from this process and inherits it
    from .engine import render  # noqa: F401

    worker_name = name or f"{socket.gethostname()}.{os.getpid()}"
    worker = _worker_class()(
        [queue],
        name=worker_name,
        connection=connection,
        job_monitoring_interval=WORKER_HEARTBEAT_S,
        maintenance_interval=max(WORKER_HEARTBEAT_S * 3, 5),
        log_job_description=False,
    )
    log.info("worker %s listening on %s", worker_name, QUEUE_NAME)
    logging.getLogger("rq").setLevel(logging.WARNING)
    worker.work(burst=burst, logging_level="WARNING")
