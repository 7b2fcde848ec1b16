"""The one reader of envelopes: ``{"code": 0, "data": ...}`` and ``{"success": true, "data": ...}``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from skill.client.error_map import error_for
from skill.client.errors import BadResponse

__all__ = ["unwrap", "looks_like_html"]

_ENVELOPE_KEYS = frozenset({"code", "message", "msg", "success", "data"})
_RETRY_HEADERS = ("retry-after", "retry-after-ms")


def looks_like_html(raw: bytes) -> bool:
    """True when a body starts like markup (a login page, a proxy's error page)."""
    head = raw[:512].lstrip().lower()
    return head.startswith(b"<")


def _as_code(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def unwrap(status: int, headers: Mapping[str, str], raw: bytes, *, host: str = "") -> dict[str, Any]:
    """Turn an answer into its ``data`` object, or raise the typed error it carries.

    A non-zero ``code`` is an error even on HTTP 200; an HTTP error status is one even without a body.
    Keys beside the envelope's (render answers put ``status``/``output`` there) are merged into the
    data. A 2xx body that is not a JSON object raises :class:`BadResponse`.
    """
    lowered = {k.lower(): v for k, v in headers.items()}
    retry_headers = {k: lowered[k] for k in _RETRY_HEADERS if k in lowered}
    try:
        body: object = json.loads(raw.decode("utf-8-sig")) if raw.strip() else None
    except (UnicodeDecodeError, ValueError):
        body = None
        if status < 300:
            what = "a web page, not data" if looks_like_html(raw) else "not JSON"
            raise BadResponse(host=host, what=what) from None
    code = _as_code(body.get("code")) if isinstance(body, dict) else None
    if status >= 300 or (code is not None and code != 0):
        err = error_for(status, code if code else None, body, headers=retry_headers)
        err.headers = retry_headers  # type: ignore[attr-defined]
        raise err
    if not isinstance(body, dict):
        raise BadResponse(host=host, what="an unexpected shape")
    if body.get("success") is False:
        raise error_for(status, None, body, headers=retry_headers)
    data = body.get("data")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BadResponse(host=host, what="an unexpected shape")
    merged = dict(data)
    for key, value in body.items():
        if key not in _ENVELOPE_KEYS and key not in merged:
            merged[key] = value
    return merged
