"""Uploads: receive files (multipart or fetched URLs) within the user's quota, and serve them back."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from ..app import BackendConfig
from ..errors import BadRequest, FileTooLarge, NotFound
from ..http_io import backend_of, base_url, ok, read_json, require_user
from ..models import UrlUploadBody
from ..store import Store, UploadRecord
from ..uploads import ReceivedFile
from ..wire import file_info


async def _receive(
    request: Request,
    store: Store,
    cfg: BackendConfig,
    user: str,
    new_target: Callable[[str], tuple[str, Any]],
    max_bytes: int,
) -> list[ReceivedFile]:
    """The upload's files, from a multipart body or (JSON ``urls``) fetched; each at most ``max_bytes``."""
    from ..uploads import receive_multipart

    content_type = request.headers.get("content-type", "")
    if content_type.lower().startswith("application/json"):
        from ..fetch import fetch_urls

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
    from ..media import probe_media

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
