"""Export: a draft becomes a render job, run by a small pool of worker threads behind one interface.

``RenderQueue.submit(user_id, render_id)`` / ``status(...)`` / ``cancel(...)`` is all the app uses, so
the pool can later move onto another engine. Job state lives in the store, so a restart loses nothing:
``recover()`` re-queues jobs that were still pending and fails the ones that were running, with a reason.
"""

from __future__ import annotations

import logging
import queue
import threading
from typing import TYPE_CHECKING, Any, Protocol

from .compile import spec_fields
from .constants import (
    QUEUE_RETRY_AFTER_S,
    RENDER_WORKERS,
    SHUTDOWN_JOIN_S,
    USER_MAX_ACTIVE_RENDERS,
)
from .errors import Busy
from .owner import is_gone, this_process
from .render_job import CANCELLED_REASON, STOPPED_REASON, failure_reason, run_render_job

if TYPE_CHECKING:
    from .store import RenderRecord, Store

__all__ = ["CANCELLED_REASON", "STOPPED_REASON", "RenderQueue", "RenderQueueLike", "spec_fields"]

log = logging.getLogger(__name__)

_POLL_S = 0.2


class RenderQueueLike(Protocol):
    """What the app needs of a render queue: the in-process pool or the distributed one."""

    def start(self) -> None: ...
    def stop(self, timeout_s: float = ...) -> None: ...
    def recover(self) -> None: ...
    def admit(self, user_id: str) -> None: ...
    def submit(self, user_id: str, render_id: str) -> None: ...
    def status(self, user_id: str, render_id: str) -> RenderRecord: ...
    def cancel(self, user_id: str, render_id: str) -> RenderRecord: ...
    def health(self) -> dict[str, Any]: ...


class RenderQueue:
    """A bounded pool of render workers; job state is kept in ``store``."""

    def __init__(self, store: Store, *, workers: int = RENDER_WORKERS) -> None:
        self._store = store
        self._workers = max(1, workers)
        # None is stop()'s wake-up: a worker waiting on an empty queue ends at once, not at its next poll
        self._queue: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._cancels: dict[tuple[str, str], threading.Event] = {}
        self._guard = threading.Lock()

    # ------------------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        for i in range(self._workers):
            thread = threading.Thread(target=self._work, name=f"render-worker-{i}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout_s: float = SHUTDOWN_JOIN_S) -> None:
        """Stop the workers; a render still running is cancelled and failed with STOPPED_REASON.

        Queued renders stay pending: the next server on this data dir resumes them.
        """
        self._stopping.set()
        with self._guard:
            running = list(self._cancels)
            for event in self._cancels.values():
                event.set()
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join(timeout_s)
        self._threads.clear()
        for user_id, render_id in running:
            self._store.update_render(
                user_id, render_id, status="failed", error=STOPPED_REASON, only_if_status=("processing",)
            )

    def recover(self) -> None:
        """At start-up: fail renders whose server died while running them; resume its pending ones.

        Renders of another live server process on the same data dir (``serve`` next to an embedded
        command) are left alone.
        """
        from .retention import sweep_partials

        sweep_partials(self._store)
        for record in self._store.renders_with_status("processing"):
            if is_gone(record.owner_pid, record.owner_start):
                log.info("render %s was running when its server stopped", record.render_id)
                self._store.update_render(
                    record.user_id,
                    record.render_id,
                    status="failed",
                    error=STOPPED_REASON,
                    only_if_status=("processing",),
                )
        for record in self._store.renders_with_status("pending"):
            if is_gone(record.owner_pid, record.owner_start):
                pid, start = this_process()
                self._store.update_render(record.user_id, record.render_id, owner_pid=pid, owner_start=start)
                self._queue.put((record.user_id, record.render_id))

    # ------------------------------------------------------------------------------ interface
    def admit(self, user_id: str) -> None:
        """Refuse a new render with Busy (429) while this user already has too many waiting or running."""
        mine = [r for r in self._store.renders_with_status("pending", "processing") if r.user_id == user_id]
        if len(mine) >= USER_MAX_ACTIVE_RENDERS:
            raise Busy(
                f"You already have {len(mine)} renders waiting or running; try again when one finishes.",
                retry_after_s=QUEUE_RETRY_AFTER_S,
            )

    def health(self) -> dict[str, Any]:
        """What ``/healthz`` reports: the in-process pool, its live workers and the renders waiting."""
        return {
            "queue": "in-process",
            "pending": self._queue.qsize(),
            "workers": sum(t.is_alive() for t in self._threads),
        }

    def submit(self, user_id: str, render_id: str) -> None:
        """Queue a render already recorded as pending in the store."""
        self._queue.put((user_id, render_id))

    def status(self, user_id: str, render_id: str) -> RenderRecord:
        return self._store.render(user_id, render_id)

    def cancel(self, user_id: str, render_id: str) -> RenderRecord:
        """Cancel a pending or running render (it ends as failed, CANCELLED_REASON); finished ones stay."""
        self._store.render(user_id, render_id)  # NotFound for an unknown or foreign render
        self._store.update_render(
            user_id,
            render_id,
            status="failed",
            error=CANCELLED_REASON,
            only_if_status=("pending", "processing"),
        )
        with self._guard:
            event = self._cancels.get((user_id, render_id))
        if event is not None:
            event.set()
        return self._store.render(user_id, render_id)

    # ------------------------------------------------------------------------------ workers
    def _work(self) -> None:
        """One worker thread: nothing a job raises ends it (a job that cannot even record its failure,
        e.g. on a full disk, is written again on the next idle tick)."""
        unrecorded: list[tuple[str, str, str]] = []
        while not self._stopping.is_set():
            unrecorded = [job for job in unrecorded if not self._record_failure(*job)]
            try:
                key = self._queue.get(timeout=_POLL_S)
            except queue.Empty:
                continue
            if key is None:
                self._queue.task_done()
                continue
            try:
                self._run(*key)
            except Exception as err:  # noqa: BLE001 - one bad job must not kill the worker
                log.warning("render %s failed: %s", key[1], type(err).__name__, exc_info=log.isEnabledFor(10))
                reason = failure_reason(err)
                if not self._record_failure(*key, reason):
                    unrecorded.append((*key, reason))
            finally:
                self._queue.task_done()

    def _record_failure(self, user_id: str, render_id: str, reason: str) -> bool:
        try:
            self._store.update_render(
                user_id, render_id, status="failed", error=reason, only_if_status=("pending", "processing")
            )
        except Exception:  # noqa: BLE001 - the store itself cannot write (full disk); try again later
            return False
        return True

    def _run(self, user_id: str, render_id: str) -> None:
        if not self._store.update_render(
            user_id, render_id, status="processing", only_if_status=("pending",)
        ):
            return
        cancel = threading.Event()
        with self._guard:
            self._cancels[(user_id, render_id)] = cancel
        try:
            self._render(user_id, render_id, cancel)
        finally:
            with self._guard:
                self._cancels.pop((user_id, render_id), None)

    def _render(self, user_id: str, render_id: str, cancel: threading.Event) -> None:
        run_render_job(
            self._store, user_id, render_id, should_cancel=cancel.is_set, stopping=self._stopping.is_set
        )
