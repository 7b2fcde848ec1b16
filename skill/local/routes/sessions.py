"""A session's life: create it, read its state, and run a chat turn on it (streamed as SSE)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from skill.timeline import from_draft
from skill.timeline.vocab import DEFAULT_FPS

from ..constants import MAX_TURN_CHARS
from ..errors import BadRequest
from ..http_io import backend_of, base_url, ok, read_json, require_user
from ..models import RunAgentRequest, SessionBody
from ..store import empty_draft
from ..wire import file_info, rebase, render_data

_END = object()  # the turn is over: close the stream


async def create_session(request: Request) -> Response:
    user = await require_user(request)
    body = await read_json(request, SessionBody, required=False)
    code = (body.language or "en").lower()
    hant = any(tag in code for tag in ("hant", "tw", "hk", "mo"))
    language = ("zh-Hant" if hant else "zh") if code.startswith("zh") else "en"
    record = await run_in_threadpool(backend_of(request).store.create_session, user, language, empty_draft())
    return ok({"task_id": record.task_id, "session_id": record.session_id, "user_id": user})


async def state(request: Request) -> Response:
    user = await require_user(request)
    store = backend_of(request).store
    sid = request.path_params["sid"]
    await run_in_threadpool(store.session, user, sid)
    draft = await run_in_threadpool(store.draft, sid)
    uploads = await run_in_threadpool(store.uploads, sid)
    renders = await run_in_threadpool(store.session_renders, sid)
    base = base_url(request)
    timeline = from_draft(draft)
    width, height = timeline.size
    generated = [
        {"id": r.render_id, "type": "video", "url": render_data(r, base)["outputUrl"], "format": "mp4"}
        for r in renders
        if r.status == "completed"
    ]
    return ok(
        {
            "state": {
                "draft": rebase(draft, base),
                "video_infos": [file_info(u, base) for u in uploads],
                "canvas_config": {
                    "width": width,
                    "height": height,
                    "fps": timeline.fps or DEFAULT_FPS,
                },
                "generated_media": generated,
            }
        }
    )


async def run_sse(request: Request) -> Response:
    user = await require_user(request)
    if "json" not in request.headers.get("content-type", "").lower():
        raise BadRequest(
            "Content-Type must be application/json.",
            details=[{"type": "missing", "loc": ["body"], "msg": "Field required"}],
        )
    body = await read_json(request, RunAgentRequest)
    backend = backend_of(request)
    session = await run_in_threadpool(backend.store.session, user, body.session_id)
    # an instruction is a sentence or two; a pasted megabyte is read only as far as its start
    text = body.new_message.text()[:MAX_TURN_CHARS]
    base = base_url(request)
    loop = asyncio.get_running_loop()
    events: asyncio.Queue[object] = asyncio.Queue()

    def emit(event: object) -> None:
        # RuntimeError: the server's loop is gone, nobody is listening any more
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(events.put_nowait, event)

    def turn() -> None:
        try:
            backend.agent.run_turn(session, text, media_url=lambda uid: f"{base}/api/media/{uid}", emit=emit)
        finally:
            emit(_END)

    future = backend.turns.submit(turn)
    backend.pending_turns.add(future)
    future.add_done_callback(backend.pending_turns.discard)

    async def stream() -> AsyncIterator[bytes]:
        while True:
            try:
                event = await asyncio.wait_for(events.get(), timeout=backend.config.keepalive_s)
            except asyncio.TimeoutError:
                yield b": keep-alive\n\n"
                continue
            if event is _END:
                return
            line = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
            yield f"data: {line}\n\n".encode()

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
