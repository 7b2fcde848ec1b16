"""Export: a draft becomes a render job, run by a small pool of worker threads behind one interface.

``RenderQueue.submit(user_id, render_id)`` / ``status(...)`` / ``cancel(...)`` is all the app uses, so
the pool can later move onto another engine. Job state lives in the store, so a restart loses nothing:
``recover()`` re-queues jobs that were still pending and fails the ones that were running, with a reason.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from skill.timeline.vocab import ASPECT_SIZES

from . import drafts
from .constants import (
    DEFAULT_FPS,
    QUEUE_RETRY_AFTER_S,
    RENDER_WORKERS,
    SHUTDOWN_JOIN_S,
    USER_MAX_ACTIVE_RENDERS,
)
from .errors import BadRequest, Busy, NotFound
from .owner import is_gone, this_process
from .render_job import CANCELLED_REASON, STOPPED_REASON, failure_reason, run_render_job

if TYPE_CHECKING:
    from .store import RenderRecord, Store

__all__ = ["CANCELLED_REASON", "STOPPED_REASON", "RenderQueue", "RenderQueueLike", "spec_fields"]

log = logging.getLogger(__name__)

_MEDIA_PATH = re.compile(r"/api/media/(upl_[0-9a-f]+)")
_POLL_S = 0.2

Resolve = Callable[[str], Path]


def _upload_id(m: dict[str, Any]) -> str | None:
    if isinstance(m.get("upload_id"), str):
        return str(m["upload_id"])
    match = _MEDIA_PATH.search(str(m.get("src") or ""))
    return match.group(1) if match else None


def _gain(raw: object) -> float:
    """A shot's clip-sound gain from the draft: a number from 0 (muted) to 4, else 1.0 (as recorded)."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return max(0.0, min(4.0, float(raw)))
    return 1.0


_FRAME_SIZES = frozenset(ASPECT_SIZES.values())
MIN_FPS, MAX_FPS = 12, 60


def _int(raw: object, default: int) -> int:
    try:
        return int(raw) if raw is not None else default  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return -1


def spec_fields(draft: dict[str, Any], resolve: Resolve) -> dict[str, Any]:
    """Turn a draft into the engine's ``RenderSpec`` keyword arguments.

    ``resolve(upload_id)`` returns the local path of one of the user's uploads (raising ``NotFound``
    for anything else). Raises BadRequest when the draft cannot be rendered, saying why.
    """
    tracks = draft.get("t") if isinstance(draft, dict) else None
    if not isinstance(tracks, list) or not any(isinstance(t, dict) and t.get("sg") for t in tracks):
        raise BadRequest("The draft has no track with segments; there is nothing to render.")
    bgm = drafts.bgm_segment(draft) or next(
        (t["sg"][0] for t in tracks if isinstance(t, dict) and t.get("tt") == 1 and t.get("sg")), None
    )
    if bgm is None:
        raise BadRequest("The draft has no music (an audio track with a segment); add a song first.")
    song_id = _upload_id(bgm.get("m") or {})
    if song_id is None:
        raise BadRequest("The music segment does not refer to an uploaded song.")
    try:
        song_path = resolve(song_id)
    except NotFound as err:
        raise BadRequest(f"The song {song_id} is not one of this session's uploads.") from err
    bm = bgm.get("m") or {}
    total_ms = int(draft.get("d") or 0) or int(bgm.get("d") or 0)
    if total_ms <= 0:
        raise BadRequest("The draft's duration is zero.")
    video = next((t for t in tracks if isinstance(t, dict) and t.get("tt") == 0 and t.get("sg")), None)
    cut_times: list[float] = []
    clips: list[Path] = []
    gains: list[float] = []
    if video is not None:
        segments = sorted(video["sg"], key=lambda s: int(s.get("st", 0)))
        cut_times = [int(s.get("st", 0)) / 1000 for s in segments[1:] if 0 < int(s.get("st", 0)) < total_ms]
        gains = [_gain((seg.get("m") or {}).get("gain")) for seg in segments]
        for seg in segments:
            clip_id = _upload_id(seg.get("m") or {})
            if clip_id is None:
                continue
            try:
                clips.append(resolve(clip_id))
            except NotFound as err:
                raise BadRequest(f"The clip {clip_id} is not one of this session's uploads.") from err
        # a track mixing clips and segments without media shows the clips throughout (cycled)
        # the engine cycles its clip list over the segments: pass the distinct clips when that is the pattern
        distinct = list(dict.fromkeys(clips))
        if clips and clips == [distinct[k % len(distinct)] for k in range(len(clips))]:
            clips = distinct
    meta = draft.get("m") or {}
    size = (_int(meta.get("width"), 1920), _int(meta.get("height"), 1080))
    if size not in _FRAME_SIZES:
        # a draft is client data: a 16000x16000 frame would take gigabytes per frame buffer
        shown = ", ".join(f"{w}x{h}" for w, h in sorted(_FRAME_SIZES))
        raise BadRequest(f"Unsupported frame size {size[0]}x{size[1]}; use one of {shown}.")
    fps = _int(meta.get("fps"), DEFAULT_FPS)
    if not MIN_FPS <= fps <= MAX_FPS:
        raise BadRequest(f"Unsupported frame rate {fps}; use {MIN_FPS}-{MAX_FPS} fps.")
    fields: dict[str, Any] = {
        "song_path": song_path,
        "start_s": int(bm.get("start_ms", 0)) / 1000,
        "duration_s": total_ms / 1000,
        "width": size[0],
        "height": size[1],
        "fps": fps,
        "cut_times_s": tuple(cut_times),
        "clips": tuple(clips),
        "volume": float(bm.get("volume", 1.0)),
    }
    # the clips' own sound: kept unless the draft says not, each shot at its gain, under a ducked song
    raw_audio = meta.get("clip_audio")
    clip_audio: dict[str, Any] = raw_audio if isinstance(raw_audio, dict) else {}
    fields["keep_clip_audio"] = clip_audio.get("keep", True) is not False
    if isinstance(clip_audio.get("duck_db"), (int, float)):
        fields["duck_db"] = max(0.0, min(40.0, float(clip_audio["duck_db"])))
    if any(g != 1.0 for g in gains):
        fields["clip_gains"] = tuple(gains)
    beats_ms = ((video or {}).get("m") or {}).get("beats_ms")
    if isinstance(beats_ms, list):
        fields["beat_times_s"] = tuple(int(b) / 1000 for b in beats_ms if isinstance(b, (int, float)))
    title = drafts.title_segment(draft) or next(
        (t["sg"][0] for t in tracks if isinstance(t, dict) and t.get("tt") == 7 and t.get("sg")), None
    )
    if title is not None and (title.get("m") or {}).get("text"):
        fields["title"] = str(title["m"]["text"])
        fields["title_start_s"] = int(title.get("st", 0)) / 1000
        fields["title_duration_s"] = int(title.get("d", 0)) / 1000 or None
    return fields


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
        self._queue: queue.Queue[tuple[str, str]] = queue.Queue()
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
