"""The endpoints of protocol.md, one small async function each; the work itself runs in threads."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse

from .app import Backend, BackendConfig, backend_of, base_url, ok, read_json, render_ok, require_user
from .constants import (
    ANON_CREDITS,
    CLAIM_TTL_S,
    LINK_TTL_S,
    MAX_TURN_CHARS,
)
from .edit_route import edit
from .errors import (
    BackendError,
    BadRequest,
    Busy,
    Conflict,
    ExportBlocked,
    FileTooLarge,
    LinkExpired,
    MissingClientId,
    NotFound,
)
from .models import ClaimBody, RenderBody, RunAgentRequest, SessionBody, UrlUploadBody
from .page.routes import PAGE_ROUTES
from .records import RenderRecord
from .renders import spec_fields
from .store import Store, UploadRecord, empty_draft
from .uploads import ReceivedFile
from .wire import file_info, iso, rebase, render_data

__all__ = ["ROUTES", "queue_render"]

_ATTRIBUTION = ("x-skill-source", "x-skill-version", "x-skill-platform")
_END = object()


# ---------------------------------------------------------------------------------------- basics
async def healthz(request: Request) -> Response:
    """Liveness plus the render queue: 503 when no render worker is alive to take an export."""
    try:
        queue = await run_in_threadpool(backend_of(request).renders.health)
    except BackendError as err:
        return JSONResponse({"status": "degraded", "reason": err.message}, status_code=503)
    if queue.get("queue") == "in-process" and not queue.get("workers"):
        return JSONResponse({"status": "degraded", "reason": "no render worker is running", **queue}, 503)
    return JSONResponse({"status": "ok", **queue})


async def anonymous_token(request: Request) -> Response:
    client_id = request.headers.get("x-client-id", "").strip()
    if not client_id or len(client_id) > 128:
        raise MissingClientId("Missing X-Client-Id header: send a stable UUID for this machine.")
    backend = backend_of(request)
    host = request.client.host if request.client else ""
    now = time.monotonic()
    recent = [t for t in backend.token_requests.get(host, []) if now - t < 3600.0]
    if len(recent) >= backend.config.tokens_per_host_per_hour:
        raise Busy("Too many new tokens from this address; try again in an hour.", retry_after_s=600)
    backend.token_requests[host] = [*recent, now]
    record = await run_in_threadpool(backend.store.token_for_client, client_id)
    return ok(
        {
            "token": record.token,
            "user_id": record.user_id,
            "expires_at": iso(record.expires_at),
            "credits": ANON_CREDITS,
        }
    )


async def create_session(request: Request) -> Response:
    user = await require_user(request)
    body = await read_json(request, SessionBody, required=False)
    code = (body.language or "en").lower()
    hant = any(tag in code for tag in ("hant", "tw", "hk", "mo"))
    language = ("zh-Hant" if hant else "zh") if code.startswith("zh") else "en"
    record = await run_in_threadpool(backend_of(request).store.create_session, user, language, empty_draft())
    return ok({"task_id": record.task_id, "session_id": record.session_id, "user_id": user})


async def claim_token(request: Request) -> Response:
    user = await require_user(request)
    body = await read_json(request, ClaimBody)
    store = backend_of(request).store
    if body.session_id:
        session = await run_in_threadpool(store.session, user, body.session_id)
    elif body.task_id:
        session = await run_in_threadpool(store.session_for_task, user, body.task_id)
    else:
        raise BadRequest("Send the project's session_id (and task_id).")
    claim = await run_in_threadpool(
        store.create_claim, user, session.session_id, session.task_id, body.project
    )
    return ok({"claim_token": claim.claim_token, "expires_in": CLAIM_TTL_S})


async def credits(request: Request) -> Response:
    await require_user(request)
    return ok(
        {"available": ANON_CREDITS, "frozen": 0, "total": ANON_CREDITS, "note": "local rendering is free"}
    )


async def state(request: Request) -> Response:
    user = await require_user(request)
    store = backend_of(request).store
    sid = request.path_params["sid"]
    await run_in_threadpool(store.session, user, sid)
    draft = await run_in_threadpool(store.draft, sid)
    uploads = await run_in_threadpool(store.uploads, sid)
    renders = await run_in_threadpool(store.session_renders, sid)
    base = base_url(request)
    meta = draft.get("m") or {}
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
                    "width": meta.get("width", 1920),
                    "height": meta.get("height", 1080),
                    "fps": meta.get("fps", 30),
                },
                "generated_media": generated,
            }
        }
    )


# ---------------------------------------------------------------------------------------- chat
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


# ---------------------------------------------------------------------------------------- uploads
async def _receive(
    request: Request,
    store: Store,
    cfg: BackendConfig,
    user: str,
    new_target: Callable[[str], tuple[str, Any]],
    max_bytes: int,
) -> list[ReceivedFile]:
    """The upload's files, from a multipart body or (JSON ``urls``) fetched; each at most ``max_bytes``."""
    from .uploads import receive_multipart

    content_type = request.headers.get("content-type", "")
    if content_type.lower().startswith("application/json"):
        from .fetch import fetch_urls

        body = await read_json(request, UrlUploadBody)

        def own_media(upload_id: str) -> Any:
            try:
                record = store.upload(user, upload_id)
            except NotFound:
                return None
            return store.upload_path(record.upload_id, record.ext), record.filename

        here = f"{(request.url.hostname or '').lower()}:{request.url.port or 80}"
        return await run_in_threadpool(
            functools.partial(
                fetch_urls,
                body.urls,
                new_target,
                max_bytes,
                own_origin=here,
                own_media=own_media,
                allowed=cfg.fetch_allow,
            )
        )
    return await receive_multipart(
        content_type,
        request.stream(),
        new_target=new_target,
        max_bytes=max_bytes,
        drain_bytes=cfg.upload_drain_bytes,
    )


async def upload(request: Request) -> Response:
    from .media import probe_media

    user = await require_user(request)
    backend = backend_of(request)
    store, cfg = backend.store, backend.config
    session = await run_in_threadpool(store.session, user, request.path_params["sid"])

    def new_target(ext: str) -> tuple[str, Any]:
        upload_id = store.new_upload_id()
        return upload_id, store.upload_path(upload_id, ext)

    used = await run_in_threadpool(store.user_upload_bytes, user)
    room = cfg.user_quota_bytes - used
    over_quota = FileTooLarge(
        f"Your uploads use {used / 2**30:.2f} GB of the {cfg.user_quota_bytes / 2**30:.2f} GB one user may "
        "keep here; delete old projects (music-to-best cleanup) and try again."
    )
    if room <= 0:
        raise over_quota
    try:
        received = await _receive(request, store, cfg, user, new_target, min(cfg.upload_max_bytes, room))
    except FileTooLarge as err:
        raise (over_quota if room < cfg.upload_max_bytes else err) from None
    if not received:
        raise BadRequest("No files in the upload: send them in the multipart field `files`.")

    def register() -> list[UploadRecord]:
        records = []
        try:
            for item in received:
                info = probe_media(item.path, item.file_type, item.filename)
                records.append(
                    UploadRecord(
                        upload_id=item.upload_id,
                        user_id=user,
                        session_id=session.session_id,
                        filename=item.filename,
                        file_type=info.file_type,
                        ext=item.ext,
                        size_bytes=item.size_bytes,
                        duration_s=info.duration_s,
                        width=info.width,
                        height=info.height,
                        fps=info.fps,
                        sha256=item.sha256,
                        has_audio=info.has_audio,
                        created_at=time.time(),
                    )
                )
        except BaseException:
            for item in received:
                item.path.unlink(missing_ok=True)
            raise
        for record in records:
            store.add_upload(record)
        return records

    records = await run_in_threadpool(register)
    base = base_url(request)
    return ok({"files": [file_info(r, base) for r in records]})


async def media(request: Request) -> Response:
    user = await require_user(request)
    store = backend_of(request).store
    record = await run_in_threadpool(store.upload, user, request.path_params["upload_id"])
    path = store.upload_path(record.upload_id, record.ext)
    return FileResponse(path, filename=record.filename, content_disposition_type="inline")


# ---------------------------------------------------------------------------------------- renders
async def render_submit(request: Request) -> Response:
    user = await require_user(request)
    missing = [h for h in _ATTRIBUTION if not request.headers.get(h, "").strip()]
    if missing:
        names = ", ".join(h.title() for h in missing)
        raise ExportBlocked(f"Export refused: missing attribution headers ({names}).")
    body = await read_json(request, RenderBody)
    backend = backend_of(request)
    store = backend.store
    session = await run_in_threadpool(store.session, user, body.sessionId)
    draft = body.draft if body.draft is not None else await run_in_threadpool(store.draft, session.session_id)

    render_id = body.id or f"render_{int(time.time() * 1000)}"
    record = await queue_render(backend, user, session.session_id, draft, render_id)
    return render_ok(render_data(record, base_url(request)))


async def queue_render(
    backend: Backend, user: str, session_id: str, draft: dict[str, Any], render_id: str
) -> RenderRecord:
    """Check that ``draft`` renders, then queue it as ``render_id`` (the same id again is the same render).

    Both ways to export use it: the protocol's endpoint and the project page's button.
    """
    store = backend.store

    def resolve(upload_id: str) -> Any:
        record = store.upload(user, upload_id)
        return store.upload_path(record.upload_id, record.ext)

    await run_in_threadpool(spec_fields, draft, resolve)
    existing = await run_in_threadpool(store.find_render, user, render_id)
    if existing is not None:
        return existing
    await run_in_threadpool(backend.renders.admit, user)
    record = await run_in_threadpool(store.add_render, user, render_id, session_id, draft)
    await run_in_threadpool(backend.renders.submit, user, render_id)
    return record


async def render_status(request: Request) -> Response:
    user = await require_user(request)
    record = await run_in_threadpool(backend_of(request).renders.status, user, request.path_params["rid"])
    return render_ok(render_data(record, base_url(request)))


async def render_cancel(request: Request) -> Response:
    user = await require_user(request)
    record = await run_in_threadpool(backend_of(request).renders.cancel, user, request.path_params["rid"])
    return render_ok(render_data(record, base_url(request)))


async def render_download(request: Request) -> Response:
    store = backend_of(request).store
    render_id = request.path_params["rid"]
    key = request.query_params.get("key", "")
    record = await run_in_threadpool(store.render_by_key, render_id, key) if key else None
    if record is None:
        user = await require_user(request)
        record = await run_in_threadpool(store.render, user, render_id)
    if record.status != "completed":
        raise Conflict(f"Render {record.render_id} is {record.status}, not completed.")
    if key and time.time() - record.updated_at > LINK_TTL_S:
        raise LinkExpired("This download link has expired; export again (or download it with your token).")
    path = store.render_path(record.file_key)
    if not path.exists():
        raise NotFound(f"The video of render {record.render_id} is gone; export again.")
    return FileResponse(path, media_type="video/mp4", filename=f"{record.render_id}.mp4")


ROUTES: tuple[tuple[str, str, Any], ...] = (
    ("GET", "/healthz", healthz),
    ("POST", "/api/auth/anonymous-token", anonymous_token),
    ("POST", "/api/tasks/me/with-session/nemo_agent", create_session),
    ("POST", "/api/auth/claim-token", claim_token),
    ("POST", "/run_sse", run_sse),
    ("POST", "/api/edit/nemo_agent/me/{sid}", edit),
    ("POST", "/api/upload-video/nemo_agent/me/{sid}", upload),
    ("GET", "/api/media/{upload_id}", media),
    ("GET", "/api/credits/balance/simple", credits),
    ("GET", "/api/state/nemo_agent/me/{sid}/latest", state),
    ("POST", "/api/render/proxy/lambda", render_submit),
    ("GET", "/api/render/proxy/lambda/{rid}", render_status),
    ("POST", "/api/render/proxy/lambda/{rid}/cancel", render_cancel),
    ("GET", "/api/render/proxy/{rid}/download", render_download),
    *PAGE_ROUTES,
)
