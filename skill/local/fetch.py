"""URL uploads: the local backend is offline, so only its own media and allowed loopback origins are fetched.

A URL upload makes the server send a request on the user's behalf, so it must not become a way into
other local services (SSRF): only ``/api/media/<upload>`` of this backend (copied from the store, after
checking the upload is the user's) and the loopback ``host:port`` origins listed in ``SKILL_FETCH_ALLOW``
are fetched. Fetches are streamed, size-checked, bounded in time, and few at once.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import SplitResult, unquote, urlsplit

from .errors import BadRequest, Busy, FileTooLarge, UrlFetchRefused
from .media import display_name, file_type_for
from .uploads import ReceivedFile

__all__ = ["fetch_urls"]

_FETCH_TIMEOUT_S = 30.0  # connect / between chunks
_FETCH_DEADLINE_S = 300.0  # one URL, start to end
_LOOPBACK_NAMES = frozenset({"localhost"})
_OWN_MEDIA = re.compile(r"^/api/media/(upl_[0-9a-f]+)$")
# URL fetches at once; more are refused (429) instead of holding the server's shared threads
_FETCH_SLOTS = threading.BoundedSemaphore(4)

OwnMedia = Callable[[str], "tuple[Path, str] | None"]  # upload id -> (stored file, its display name)


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _origin(parts: SplitResult) -> str:
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{(parts.hostname or '').lower()}:{port}"


def fetch_urls(
    urls: list[str],
    new_target: Callable[[str], tuple[str, Path]],
    max_bytes: int,
    *,
    own_origin: str = "",
    own_media: OwnMedia | None = None,
    allowed: frozenset[str] = frozenset(),
) -> list[ReceivedFile]:
    """Download each URL to a server-chosen file.

    ``own_origin`` (``host:port`` of this backend) with ``own_media(upload_id)`` resolves this backend's
    media links to the user's own stored files; ``allowed`` lists the other loopback origins that may be
    fetched. Anything else is refused (4003) before any request is sent.
    """
    plan: list[tuple[str, tuple[Path, str] | None]] = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BadRequest(f"Not an http(s) URL: {url[:200]}")
        if not _is_loopback(parts.hostname):
            raise UrlFetchRefused(
                f"The local backend works offline and cannot fetch {parts.hostname}; "
                "download the file and upload it instead."
            )
        media = _OWN_MEDIA.match(parts.path)
        if own_media is not None and media and _origin(parts) == own_origin:
            local = own_media(media.group(1))
            if local is None:
                raise UrlFetchRefused("That media link is not one of your uploads.")
            plan.append((url, local))
        elif _origin(parts) in allowed:
            plan.append((url, None))
        else:
            raise UrlFetchRefused(
                f"The local backend only fetches its own media and the origins in SKILL_FETCH_ALLOW, "
                f"not {_origin(parts)}; upload the file instead."
            )
    if not _FETCH_SLOTS.acquire(blocking=False):
        raise Busy("Too many URL uploads are running; try again in a moment.", retry_after_s=10)
    try:
        return _fetch(plan, new_target, max_bytes)
    finally:
        _FETCH_SLOTS.release()


def _fetch(
    plan: list[tuple[str, tuple[Path, str] | None]],
    new_target: Callable[[str], tuple[str, Path]],
    max_bytes: int,
) -> list[ReceivedFile]:
    import httpx

    urls = [url for url, _ in plan]
    local = dict(plan)
    received: list[ReceivedFile] = []
    try:
        with httpx.Client(timeout=_FETCH_TIMEOUT_S, follow_redirects=False, trust_env=False) as client:
            for url in urls:
                source = local.get(url)
                name = source[1] if source else display_name(unquote(urlsplit(url).path.rsplit("/", 1)[-1]))
                file_type, ext = file_type_for(name)
                upload_id, path = new_target(ext)
                item = ReceivedFile(upload_id, path, name or f"download.{ext}", file_type, ext)
                digest = hashlib.sha256()
                received.append(item)
                if source is not None:
                    shutil.copyfile(source[0], path)
                    item.size_bytes = path.stat().st_size
                    with path.open("rb") as handle:
                        for chunk in iter(lambda: handle.read(1 << 20), b""):
                            digest.update(chunk)
                    item.sha256 = digest.hexdigest()
                    continue
                deadline = time.monotonic() + _FETCH_DEADLINE_S
                with client.stream("GET", url) as response, path.open("xb") as handle:
                    if response.status_code != 200:
                        raise BadRequest(f"Fetching {name} failed with HTTP {response.status_code}.")
                    for chunk in response.iter_bytes():
                        item.size_bytes += len(chunk)
                        if item.size_bytes > max_bytes:
                            raise FileTooLarge(f"{name} is larger than the {max_bytes / 1048576:g} MB limit.")
                        if time.monotonic() > deadline:
                            raise BadRequest(f"Fetching {name} took longer than {_FETCH_DEADLINE_S:g} s.")
                        handle.write(chunk)
                        digest.update(chunk)
                item.sha256 = digest.hexdigest()
    except httpx.HTTPError as err:
        for item in received:
            item.path.unlink(missing_ok=True)
        raise BadRequest(f"Fetching the URL failed: {type(err).__name__}") from err
    except BaseException:
        for item in received:
            item.path.unlink(missing_ok=True)
        raise
    return received
