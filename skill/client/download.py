"""Saving a finished video: streamed to a temporary file beside the destination, then renamed.

The token goes only to the backend's own origin (a CDN link gets none), a web page served as the
"video" is refused, and a stream larger than any video is cut off.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import httpx

from skill.client.constants import DOWNLOAD_CHUNK_BYTES, DOWNLOAD_MAX_BYTES
from skill.client.envelope import looks_like_html
from skill.client.errors import LocalWriteFailed

if TYPE_CHECKING:
    from skill.client.base import BaseClient

__all__ = ["ByteProgress", "download"]

ByteProgress = Callable[[int, int], None]


def download(
    client: BaseClient,
    url: str | None,
    dest: Path,
    *,
    render_id: str | None = None,
    on_progress: ByteProgress | None = None,
) -> Path:
    """Stream a finished video to ``dest`` (temp file + rename); the token goes only to the backend.

    ``url`` None means the fallback ``GET /api/render/proxy/<id>/download``.
    """
    # the id came from the service: quoted, it stays one path segment
    target = url or f"/api/render/proxy/{quote(render_id or '', safe='')}/download"
    same_origin = client.is_same_origin(target)
    dest = Path(dest).expanduser().absolute()
    # A plain new file (not mkstemp's 0600): the video gets the user's usual permissions.
    tmp = dest.parent / f".{dest.name}.{uuid.uuid4().hex[:8]}.part"
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp.open("xb").close()
    except OSError as err:
        raise LocalWriteFailed(path=str(dest), reason=err.strerror or type(err).__name__) from None
    try:
        with client.open_stream(
            "GET", target, expect="", idempotent=True, auth=same_origin, follow_redirects=True
        ) as response:
            _check_media(client, response)
            total = int(response.headers.get("content-length") or 0)
            _save(client, response.iter_bytes(DOWNLOAD_CHUNK_BYTES), tmp, total, on_progress)
        try:
            os.replace(tmp, dest)
        except OSError as err:
            raise LocalWriteFailed(path=str(dest), reason=err.strerror or type(err).__name__) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return dest


def _check_media(client: BaseClient, response: httpx.Response) -> None:
    """Refuse a text answer (a login page, a JSON error) before any byte of it is saved as the video."""
    content_type = response.headers.get("content-type", "").lower()
    if content_type.startswith(("text/html", "application/json", "text/plain")):
        raw = client.read_capped(response, 64 * 1024)
        client.unwrap(response, raw)
        raise client.bad_response("a web page instead of the video")


def _save(
    client: BaseClient, chunks: Iterator[bytes], tmp: Path, total: int, on_progress: ByteProgress | None
) -> None:
    done = 0
    last_pct = -1
    try:
        with tmp.open("wb") as handle:
            for chunk in chunks:
                if not done and looks_like_html(chunk):
                    # a login or error page served as the "video" (any content type): not saved
                    raise client.bad_response("a web page instead of the video")
                handle.write(chunk)
                done += len(chunk)
                if done > DOWNLOAD_MAX_BYTES:  # a video never gets this big; a hostile stream does
                    raise client.bad_response(f"a download larger than {DOWNLOAD_MAX_BYTES // 2**30} GB")
                if on_progress is not None and total:
                    pct = done * 100 // total
                    if pct != last_pct:
                        last_pct = pct
                        on_progress(done, total)
    except httpx.HTTPError as err:
        raise client.decorate(client.transport_error(err, what_s=client.settings.read_timeout_s)) from err
    except OSError as err:  # a full disk, a folder removed meanwhile
        raise LocalWriteFailed(path=str(tmp.parent), reason=err.strerror or type(err).__name__) from None
    if total and done < total:
        raise client.decorate(client.transport_error(httpx.ReadError("short body"), what_s=0))
