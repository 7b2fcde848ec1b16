"""Render jobs: submit, poll through a handle (bounded), cancel, and the typed statuses."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from skill.client.constants import RENDER_LOCAL_DEADLINE_S
from skill.client.error_map import detail_of
from skill.client.errors import (
    APIError,
    BadResponse,
    NotFound,
    RequestTimeout,
    TransportError,
    with_fields,
)
from skill.client.models import RenderData, parse_answer

if TYPE_CHECKING:
    from skill.client.base import BaseClient

__all__ = [
    "Pending",
    "Processing",
    "Completed",
    "Failed",
    "RenderStatus",
    "RenderJob",
    "parse_status",
    "new_render_id",
    "RENDER_PATH",
]

log = logging.getLogger(__name__)

RENDER_PATH = "/api/render/proxy/lambda"


@dataclass(frozen=True, slots=True)
class Pending:
    """Queued, not started; ``position`` is the place in a busy queue (1 = next) when the service says."""

    progress: float = 0.0
    position: int | None = None


@dataclass(frozen=True, slots=True)
class Processing:
    """Rendering; ``progress`` is 0-1."""

    progress: float = 0.0


@dataclass(frozen=True, slots=True)
class Completed:
    """Done; ``url`` is the result (None: use the fallback download path)."""

    url: str | None


@dataclass(frozen=True, slots=True)
class Failed:
    """The render failed, for ``reason``."""

    reason: str


RenderStatus = Pending | Processing | Completed | Failed

_PENDING = frozenset({"pending", "queued", "waiting", "submitted", "created"})
_PROCESSING = frozenset({"processing", "running", "rendering", "in_progress", "started"})
_COMPLETED = frozenset({"completed", "complete", "succeeded", "success", "done", "finished"})
_FAILED = frozenset({"failed", "failure", "error", "cancelled", "canceled", "timeout"})


def new_render_id(now_ms: int | None = None) -> str:
    """A render id as the protocol names them: ``render_<unix_ms>``."""
    return f"render_{int(time.time() * 1000) if now_ms is None else now_ms}"


def _fraction(value: float | None) -> float:
    if value is None:
        return 0.0
    fraction = value / 100.0 if value > 1.0 else value
    return max(0.0, min(1.0, fraction))


def parse_status(data: dict[str, Any], *, host: str = "") -> RenderStatus:
    """Map a render answer to its status; an unknown or missing status raises :class:`BadResponse`."""
    render = parse_answer(RenderData, data, host=host, what="a render status of the wrong shape")
    status = (render.status or "").strip().lower()
    if status in _PENDING:
        position = render.queuePosition if render.queuePosition and render.queuePosition > 0 else None
        return Pending(_fraction(render.progress), position)
    if status in _PROCESSING:
        return Processing(_fraction(render.progress))
    if status in _COMPLETED:
        url = (render.output.url if render.output else None) or render.outputUrl or render.url
        return Completed(url or None)
    if status in _FAILED:
        reason = detail_of({"message": render.reason or render.message or render.error}) or status
        return Failed(reason)
    raise BadResponse(
        host=host, what=f"an unknown render status {status[:40]!r}" if status else "no render status"
    )


class RenderJob:
    """A handle on one render job: :meth:`status`, :meth:`iter_status`, bounded :meth:`wait`, :meth:`cancel`."""

    def __init__(self, client: BaseClient, render_id: str, first: RenderStatus | None = None) -> None:
        self.client = client
        self.id = render_id
        self._first = first

    def status(self) -> RenderStatus:
        """Ask the service once (a GET: retried on 5xx and connection errors)."""
        try:
            data = self.client.request("GET", f"{RENDER_PATH}/{quote(self.id, safe='')}")
        except NotFound as err:
            raise with_fields(err, key="client.error.render_missing") from None
        return parse_status(data, host=self.client.host)

    def iter_status(self) -> Iterator[RenderStatus]:
        """Yield statuses until a terminal one, bounded; :class:`RequestTimeout` when the bound is hit.

        Against a remote service: every ``render_poll_remote_s``, at most ``render_max_polls`` polls.
        Against loopback (the embedded backend renders on this CPU): every ``render_poll_local_s`` for
        at most ``RENDER_LOCAL_DEADLINE_S``.
        """
        settings = self.client.settings
        if self._first is not None:
            yield self._first
            if isinstance(self._first, (Completed, Failed)):
                return
        # Remote: at most render_max_polls polls (protocol.md). The embedded engine renders on this CPU:
        # a deadline only. Another loopback backend (``serve``, a test server) is polled fast, and
        # render_max_polls counts the polls that show no progress, so a render that is moving may take
        # the local deadline but one stuck at the same status fails after render_max_polls polls.
        stall_only = self.client.is_loopback and not settings.embedded
        if self.client.is_loopback:
            # In-process, a poll costs microseconds and each second of latency is added to every export.
            poll_s = settings.render_poll_embedded_s if settings.embedded else settings.render_poll_local_s
            interval, max_polls = (poll_s, (settings.render_max_polls if stall_only else None))
            limit_s = RENDER_LOCAL_DEADLINE_S
        else:
            interval, max_polls = settings.render_poll_remote_s, settings.render_max_polls
            limit_s = interval * max_polls
        deadline = self.client.clock() + limit_s
        polls = 0
        previous: RenderStatus | None = self._first
        while True:
            if (max_polls is not None and polls >= max_polls) or self.client.clock() >= deadline:
                raise self._timed_out(limit_s if max_polls is None or not stall_only else interval * polls)
            self.client.sleep(interval)
            status = self.status()
            # waiting in line on a busy queue is not a stall: only the deadline bounds it
            queued = isinstance(status, Pending) and status.position is not None
            polls = 0 if stall_only and (status != previous or queued) else polls + 1
            previous = status
            yield status
            if isinstance(status, (Completed, Failed)):
                return

    def wait(self, *, on_progress: Callable[[RenderStatus], None] | None = None) -> Completed | Failed:
        """Poll until done; report each status; cancel the job when the bound is hit or the user
        interrupts (Ctrl-C), then re-raise: nobody is left waiting for that render."""
        last: RenderStatus | None = None
        try:
            for last in self.iter_status():
                if on_progress is not None:
                    on_progress(last)
        except (RequestTimeout, KeyboardInterrupt):
            self.cancel()
            raise
        if not isinstance(last, (Completed, Failed)):  # iter_status ends terminal or raises
            raise self._timed_out(0.0)
        return last

    def cancel(self) -> None:
        """Ask the service to stop the job (best effort: a failure here is only logged)."""
        try:
            self.client.request("POST", f"{RENDER_PATH}/{quote(self.id, safe='')}/cancel", idempotent=False)
        except (APIError, TransportError) as err:
            log.info("render cancel failed: %s", type(err).__name__)

    def _timed_out(self, seconds: float) -> RequestTimeout:
        from skill.messages import text

        what = text("client.what.timeout_render", self.client.lang, seconds=f"{seconds:g}")
        return RequestTimeout(host=self.client.host, what=what)
