"""URL uploads: the local backend is offline, so only loopback URLs are fetched (streamed, size-checked)."""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import BadRequest, FileTooLarge, UrlFetchRefused
from .media import display_name, file_type_for
from .uploads import ReceivedFile

__all__ = ["fetch_urls"]

_FETCH_TIMEOUT_S = 30.0
_LOOPBACK_NAMES = frozenset({"localhost"})


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def fetch_urls(
    urls: list[str], new_target: Callable[[str], tuple[str, Path]], max_bytes: int
) -> list[ReceivedFile]:
    """Download each URL to a server-chosen file; refuse (4003) anything but http(s) on loopback."""
    import httpx

    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BadRequest(f"Not an http(s) URL: {url[:200]}")
        if not _is_loopback(parts.hostname):
            raise UrlFetchRefused(
                f"The local backend works offline and cannot fetch {parts.hostname}; "
                "download the file and upload it instead."
            )
    received: list[ReceivedFile] = []
    try:
        with httpx.Client(timeout=_FETCH_TIMEOUT_S, follow_redirects=False, trust_env=False) as client:
            for url in urls:
                name = display_name(unquote(urlsplit(url).path.rsplit("/", 1)[-1]))
                file_type, ext = file_type_for(name)
                upload_id, path = new_target(ext)
                item = ReceivedFile(upload_id, path, name or f"download.{ext}", file_type, ext)
                digest = hashlib.sha256()
                received.append(item)
                with client.stream("GET", url) as response, path.open("xb") as handle:
                    if response.status_code != 200:
                        raise BadRequest(f"Fetching {name} failed with HTTP {response.status_code}.")
                    for chunk in response.iter_bytes():
                        item.size_bytes += len(chunk)
                        if item.size_bytes > max_bytes:
                            raise FileTooLarge(f"{name} is larger than the {max_bytes / 1048576:g} MB limit.")
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
