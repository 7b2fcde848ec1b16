"""The render queue on Redis (RQ): ``serve --queue redis://…`` enqueues, ``music-to-best worker`` runs.

Why RQ: renders are few, long and CPU-bound, one per worker process at a time; RQ gives exactly that
(one forked work horse per job, a heartbeat per job, retries, stop-job commands) on a plain Redis with
no broker to operate, and its registries answer "where is my job" for the client's progress. Celery
adds a broker abstraction and prefetch semantics we would have to tune away; Dramatiq's Redis broker
recovers lost messages only after its heartbeat timeout and has no per-job position.

Job *state* stays where it always was, in the store on the shared media root, so ``status`` and the
client see the same records as with the in-process pool. Redis carries the work itself: which render
to run next, which worker holds it, and whether that worker is still alive (RQ's heartbeats). A job
whose worker dies is found by the sweep (:meth:`RedisRenderQueue.sweep`, also run by every worker)
and retried once on another worker; a second loss fails it with a reason.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import threading
import time
from typing import TYPE_CHECKING, Any

from .constants import (
    QUEUE_MAX_PENDING,
    QUEUE_NAME,
    QUEUE_RETRY_AFTER_S,
    QUEUE_SWEEP_S,
    RENDER_JOB_TIMEOUT_S,
)
from .errors import Busy, QueueUnavailable
from .render_job import CANCELLED_REASON

if TYPE_CHECKING:
    from redis import Redis
    from rq import Queue

    from .store import RenderRecord, Store

__all__ = ["LOST_REASON", "RedisRenderQueue", "job_id_for", "open_queue", "queue_health"]

log = logging.getLogger(__name__)

LOST_REASON = "the workers running this render stopped twice; export again"
TIMEOUT_REASON = "the render took longer than the queue allows ({minutes} min)"
FAILED_REASON = "a render worker failed on this render"
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")  # what RQ accepts in a job id
# kept in Redis this long after the job ends (the store keeps the record for good)
_RESULT_TTL_S = 24 * 3600


def job_id_for(user_id: str, render_id: str) -> str:
    """The RQ job id of a render: render ids are chosen per user, so the user is part of it."""
    return _UNSAFE.sub("_", f"{user_id}--{render_id}")[:200]


def open_queue(url: str) -> tuple[Redis, Queue]:
    """Connect to the queue at ``url`` (``redis://host:port/db``); QueueUnavailable when it does not answer."""
    try:
        from redis import Redis
        from redis.exceptions import RedisError
        from rq import Queue
    except ImportError as err:  # the [queue] extra
        raise QueueUnavailable(
            "The distributed queue needs the [queue] extra: pip install 'music-to-best[queue]'."
        ) from err
    try:
        connection = Redis.from_url(url, socket_connect_timeout=3, socket_timeout=10)
        connection.ping()
    except (RedisError, ValueError) as err:
        raise QueueUnavailable(
            f"The render queue at {_safe_url(url)} does not answer ({type(err).__name__})."
        ) from err
    return connection, Queue(QUEUE_NAME, connection=connection)


def queue_health(url: str) -> dict[str, Any]:
    """The queue at ``url`` as ``doctor`` shows it: reachable, renders waiting, live workers by name."""
    from rq import Worker

    try:
        connection, queue = open_queue(url)
    except QueueUnavailable as err:
        return {"url": _safe_url(url), "reachable": False, "reason": err.message}
    try:
        workers = sorted(w.name for w in Worker.all(queue=queue))
        return {"url": _safe_url(url), "reachable": True, "pending": queue.count, "workers": workers}
    finally:
        connection.close()


def _safe_url(url: str) -> str:
    """The queue URL without a password (``redis://:secret@host`` -> ``redis://host``)."""
    return re.sub(r"//[^@/]*@", "//", url)


class RedisRenderQueue:
    """The render queue interface of ``renders.RenderQueue``, backed by RQ on Redis."""

    def __init__(
        self,
        store: Store,
        url: str,
        *,
        media_root: str,
        max_pending: int = QUEUE_MAX_PENDING,
        job_timeout_s: int = RENDER_JOB_TIMEOUT_S,
    ) -> None:
        self._store = store
        self._url = url
        self._media_root = media_root
        self._max_pending = max_pending
        self._job_timeout_s = job_timeout_s
        self._connection: Redis | None = None
        self._queue: Queue | None = None
        self._swept_at = 0.0
        self._sweep_guard = threading.Lock()

    # ------------------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        self._connection, self._queue = open_queue(self._url)
        log.info("render queue on %s (%s)", _safe_url(self._url), QUEUE_NAME)

    def stop(self, timeout_s: float = 0.0) -> None:
        """Nothing runs here: queued and running renders belong to the workers and survive a restart."""
        if self._connection is not None:
            self._connection.close()

    def recover(self) -> None:
        """At start-up: re-queue renders recorded as pending whose job Redis no longer has."""
        self.start()
        queue = self._q()
        for record in self._store.renders_with_status("pending"):
            job_id = job_id_for(record.user_id, record.render_id)
            if queue.fetch_job(job_id) is None:
                log.info("render %s was pending without a queued job: queued again", record.render_id)
                self._enqueue(record.user_id, record.render_id)

    # ------------------------------------------------------------------------------ interface
    def admit(self, user_id: str) -> None:
        """Refuse a new render with Busy (429, Retry-After) while the queue is full."""
        waiting = self._q().count
        if waiting >= self._max_pending:
            raise Busy(
                f"The render queue is full ({waiting} renders waiting); try again in a minute.",
                retry_after_s=QUEUE_RETRY_AFTER_S,
            )

    def submit(self, user_id: str, render_id: str) -> None:
        """Queue a render already recorded as pending (after :meth:`admit`)."""
        self._enqueue(user_id, render_id)

    def status(self, user_id: str, render_id: str) -> RenderRecord:
        """The store's record, with its queue position while pending; a job RQ gave up on is failed."""
        record = self._store.render(user_id, render_id)
        if record.status not in ("pending", "processing"):
            return record
        self.sweep()
        from rq.job import JobStatus

        job = self._q().fetch_job(job_id_for(user_id, render_id))
        if job is None:
            return record
        status = job.get_status(refresh=True)
        if status in (JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED):
            reason = self._failure_reason(job)
            self._store.update_render(
                user_id, render_id, status="failed", error=reason, only_if_status=("pending", "processing")
            )
            return self._store.render(user_id, render_id)
        if record.status == "pending":
            position = job.get_position()
            if position is not None:
                return dataclasses.replace(record, queue_position=int(position) + 1)
        return record

    def cancel(self, user_id: str, render_id: str) -> RenderRecord:
        """Cancel a pending or running render: dequeued, or its worker told to stop; finished ones stay."""
        self._store.render(user_id, render_id)  # NotFound for an unknown or foreign render
        self._store.update_render(
            user_id,
            render_id,
            status="failed",
            error=CANCELLED_REASON,
            only_if_status=("pending", "processing"),
        )
        from rq.command import send_stop_job_command
        from rq.exceptions import InvalidJobOperation, NoSuchJobError
        from rq.job import JobStatus

        job = self._q().fetch_job(job_id_for(user_id, render_id))
        if job is not None:
            try:
                if job.get_status() == JobStatus.STARTED:
                    send_stop_job_command(self._conn(), job.id)
                elif job.get_status() in (JobStatus.QUEUED, JobStatus.SCHEDULED, JobStatus.DEFERRED):
                    job.cancel()
            except (InvalidJobOperation, NoSuchJobError):
                pass  # it ended meanwhile; the store already says cancelled, and the worker checks it
        return self._store.render(user_id, render_id)

    def health(self) -> dict[str, Any]:
        """What ``/healthz`` and ``doctor`` report: the queue, its length and the live workers."""
        from rq import Worker

        queue = self._q()
        return {
            "queue": "redis",
            "queue_name": QUEUE_NAME,
            "pending": queue.count,
            "workers": Worker.count(queue=queue),
        }

    def sweep(self, *, force: bool = False) -> None:
        """Retry (once) or fail the jobs whose worker stopped heart-beating; throttled unless ``force``."""
        with self._sweep_guard:
            now = time.monotonic()
            if not force and now - self._swept_at < QUEUE_SWEEP_S:
                return
            self._swept_at = now
        from rq.registry import StartedJobRegistry

        StartedJobRegistry(queue=self._q()).cleanup()

    # ------------------------------------------------------------------------------ helpers
    def _enqueue(self, user_id: str, render_id: str) -> None:
        from rq import Retry

        self._q().enqueue_call(
            "skill.local.queue_worker.run_queued_render",
            args=(self._media_root, user_id, render_id),
            job_id=job_id_for(user_id, render_id),
            timeout=self._job_timeout_s,
            result_ttl=_RESULT_TTL_S,
            failure_ttl=_RESULT_TTL_S,
            retry=Retry(max=1),
            description=f"render {render_id}",
        )

    def _failure_reason(self, job: Any) -> str:
        info = str(getattr(job, "exc_info", "") or "")
        if "AbandonedJobError" in info or not info:
            return LOST_REASON
        if "JobTimeoutException" in info:
            return TIMEOUT_REASON.format(minutes=round(self._job_timeout_s / 60))
        return FAILED_REASON

    def _q(self) -> Queue:
        if self._queue is None:
            self.start()
        assert self._queue is not None
        return self._queue

    def _conn(self) -> Redis:
        if self._connection is None:
            self.start()
        assert self._connection is not None
        return self._connection
