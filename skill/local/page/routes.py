"""The project page's endpoints, all under ``/workspace/``: the claim token in the link is the key.

``/workspace/claim`` (the HTML), ``.../data`` (what to draw), ``.../status`` (polled: has anything
changed, how far is the render), ``.../video`` (play or download), ``.../poster`` and ``.../thumb``
(JPEGs), ``POST .../export`` (render the current edit again) and ``/workspace/static/<file>``.
"""

from __future__ import annotations

import time
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response

from ..errors import BadRequest, NotFound
from ..http_io import backend_of
from . import media, view
from .shell import CSP, project_page

__all__ = ["PAGE_ROUTES"]

_STATIC = {
    "page.js": "text/javascript; charset=utf-8",
    "page.css": "text/css; charset=utf-8",
    "icon.svg": "image/svg+xml",
}
_NO_STORE = {"Cache-Control": "no-store"}
_MEDIA_CACHE = {"Cache-Control": "private, max-age=3600"}


def _secure(response: Response) -> Response:
    """The headers every page response carries: no framing, no sniffing, no referrer (the link is a key)."""
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def _ct(request: Request) -> str:
    return request.query_params.get("ct", "")


def _data(request: Request) -> dict[str, Any]:
    store = backend_of(request).store
    claim = view.claim_of(store, _ct(request))
    session = store.session(claim.user_id, claim.session_id)
    return view.page_data(store, claim, session.language, _ct(request))


async def page(request: Request) -> Response:
    data = await run_in_threadpool(_data, request)
    return _secure(HTMLResponse(project_page(data), headers=_NO_STORE))


async def data(request: Request) -> Response:
    return _secure(JSONResponse(await run_in_threadpool(_data, request), headers=_NO_STORE))


async def status(request: Request) -> Response:
    def read() -> dict[str, Any]:
        store = backend_of(request).store
        claim = view.claim_of(store, _ct(request))
        return {"rev": view.revision(store, claim), "job": view.job_of(store, claim)}

    return _secure(JSONResponse(await run_in_threadpool(read), headers=_NO_STORE))


def _render_file(request: Request) -> tuple[Path, Any]:
    """The rendered MP4 named by ``r`` (default: the newest), and its record."""
    store = backend_of(request).store
    claim = view.claim_of(store, _ct(request))
    wanted = request.query_params.get("r", "")
    renders = [r for r in store.session_renders(claim.session_id) if r.status == "completed"]
    record = next((r for r in renders if r.render_id == wanted), None) if wanted else None
    record = record or (view.latest_video(store, claim) if not wanted else None)
    if record is None:
        raise NotFound("No video has been exported for this project yet.")
    path = store.render_path(record.file_key)
    if not path.exists():
        raise NotFound("This video is gone; export again.")
    return path, record


async def video(request: Request) -> Response:
    path, record = await run_in_threadpool(_render_file, request)
    download = request.query_params.get("download") == "1"
    response = FileResponse(
        path,
        media_type="video/mp4",
        filename=f"{record.render_id}.mp4",
        content_disposition_type="attachment" if download else "inline",
    )
    return _secure(response)


def _jpeg(path: Path | None) -> Response:
    if path is None:
        raise NotFound("No picture for this.")
    return _secure(FileResponse(path, media_type="image/jpeg", headers=_MEDIA_CACHE))


async def poster(request: Request) -> Response:
    def make() -> Path | None:
        path, record = _render_file(request)
        at = view.poster_time(view.timeline_of(record.draft))
        cache = backend_of(request).store.cache_dir / "page"
        return media.frame_jpeg(path, at, max_px=media.POSTER_MAX_PX, cache_dir=cache)

    return _jpeg(await run_in_threadpool(make))


async def thumb(request: Request) -> Response:
    def make() -> Path | None:
        store = backend_of(request).store
        claim = view.claim_of(store, _ct(request))
        try:
            index = int(request.query_params.get("i", ""))
        except ValueError:
            raise BadRequest("i must be a shot number.") from None
        shot = view.shot_of(view.timeline_of(store.draft(claim.session_id)), index)
        if shot is None:
            return None
        cache = store.cache_dir / "page"
        size = media.THUMB_MAX_PX
        source = view.upload_path(store, claim, shot.upload_id) if shot.kind != "generated" else None
        if source is not None and shot.kind == "photo":
            return media.image_jpeg(source, max_px=size, cache_dir=cache)
        if source is not None:
            return media.frame_jpeg(source, shot.source_in_s + 0.04, max_px=size, cache_dir=cache)
        rendered = view.latest_video(store, claim)  # generated art: what the last render showed there
        if rendered is None:
            return None
        at = (shot.start_s + shot.end_s) / 2
        return media.frame_jpeg(store.render_path(rendered.file_key), at, max_px=size, cache_dir=cache)

    return _jpeg(await run_in_threadpool(make))


async def export(request: Request) -> Response:
    """Render the project's current edit again (the page's button); answers the new render's id."""
    if "json" not in request.headers.get("content-type", "").lower():
        raise BadRequest("Send the request as JSON.")  # a cross-site form cannot, without CORS approval
    origin = request.headers.get("origin")
    if origin and origin.rstrip("/") != str(request.base_url).rstrip("/"):
        raise BadRequest("Exports are started from the project page itself.")
    backend = backend_of(request)
    store = backend.store
    claim = await run_in_threadpool(view.claim_of, store, _ct(request))
    from ..routes import queue_render

    draft = await run_in_threadpool(store.draft, claim.session_id)
    render_id = f"render_{int(time.time() * 1000)}"
    await queue_render(backend, claim.user_id, claim.session_id, draft, render_id)
    return _secure(JSONResponse({"id": render_id}, status_code=202, headers=_NO_STORE))


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in _STATIC:
        raise NotFound(f"Not found: {request.url.path}")
    body = resources.files("skill.local.page").joinpath(f"assets/{name}").read_bytes()
    return _secure(Response(body, media_type=_STATIC[name], headers={"Cache-Control": "no-cache"}))


PAGE_ROUTES: tuple[tuple[str, str, Any], ...] = (
    ("GET", "/workspace/claim", page),
    ("GET", "/workspace/claim/data", data),
    ("GET", "/workspace/claim/status", status),
    ("GET", "/workspace/claim/video", video),
    ("GET", "/workspace/claim/poster", poster),
    ("GET", "/workspace/claim/thumb", thumb),
    ("POST", "/workspace/claim/export", export),
    ("GET", "/workspace/static/{name}", static),
)
