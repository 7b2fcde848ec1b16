"""Records of the store as the protocol's JSON shapes (upload files, render status, media URLs)."""

from __future__ import annotations

import re
import time
from dataclasses import replace
from typing import Any

from skill.timeline import TimelineError, from_draft, to_draft

from .store import RenderRecord, UploadRecord

__all__ = ["file_info", "iso", "rebase", "render_data"]

_MEDIA_SRC = re.compile(r"^(?:https?://[^/]+)?(/api/media/upl_[0-9a-f]+)$")


def iso(epoch_s: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch_s))


def file_info(upload: UploadRecord, base: str) -> dict[str, Any]:
    """An upload as protocol.md's ``files[]`` entry (plus ``upload_id`` and ``size``)."""
    return {
        "filename": upload.filename,
        "file_type": upload.file_type,
        "cdn_url": f"{base}/api/media/{upload.upload_id}",
        "duration": upload.duration_s,
        "width": upload.width,
        "height": upload.height,
        "fps": upload.fps,
        "hash": upload.sha256,
        "upload_id": upload.upload_id,
        "size": upload.size_bytes,
    }


def render_data(record: RenderRecord, base: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": record.render_id,
        "status": record.status,
        "progress": record.progress,
        "sessionId": record.session_id,
        "createdAt": iso(record.created_at),
        "updatedAt": iso(record.updated_at),
    }
    if record.status == "pending" and record.queue_position is not None:
        data["queuePosition"] = record.queue_position
    if record.status == "completed":
        # a signed link, like a CDN's: the random file key lets a browser or player fetch it without
        # the user's token (which never goes into a URL); the plain path still works with the token
        url = f"{base}/api/render/proxy/{record.render_id}/download?key={record.file_key}"
        data["outputUrl"] = url
        data["output"] = {"url": url, "format": "mp4"}
    if record.status == "failed":
        data["error"] = data["reason"] = record.error or "the render failed"
    return data


def rebase(draft: dict[str, Any], base: str) -> dict[str, Any]:
    """Point media URLs saved under an earlier port at this server (the embedded port changes per run)."""
    try:
        timeline = from_draft(draft)
    except TimelineError:
        return draft  # not ours to repair: shown as it is

    def moved(src: str | None) -> str | None:
        match = _MEDIA_SRC.match(src or "")
        return base + match.group(1) if match else src

    tracks = tuple(
        replace(t, items=tuple(replace(i, src=moved(i.src)) for i in t.items)) for t in timeline.tracks
    )
    return to_draft(replace(timeline, tracks=tracks))
