"""Renders: submit (with the attribution headers), poll, cancel and download an export."""

from __future__ import annotations

import time
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from ..app import Backend
from ..constants import LINK_TTL_S
from ..errors import Conflict, ExportBlocked, LinkExpired, NotFound
from ..http_io import backend_of, base_url, read_json, render_ok, require_user
from ..models import RenderBody
from ..records import RenderRecord
from ..renders import spec_fields
from ..wire import render_data

_ATTRIBUTION = ("x-skill-source", "x-skill-version", "x-skill-platform")


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
