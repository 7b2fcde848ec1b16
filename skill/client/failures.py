"""What a failure tells the user beyond its class: httpx failures as typed errors, and what only the
client knows (the host, where to register or buy credits, that a user token cannot be renewed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from skill.client.constants import RETRY_AFTER_CAP_S
from skill.client.errors import (
    AuthExpired,
    BadResponse,
    ConnectFailed,
    ExportBlocked,
    OutOfCredits,
    RateLimited,
    RequestTimeout,
    StreamCut,
    TransportError,
    with_fields,
)

if TYPE_CHECKING:
    from skill.client.auth import TokenManager
    from skill.errors import SkillError

__all__ = ["decorate", "transport_error"]


def transport_error(err: Exception, *, host: str, lang: str, what_s: float) -> TransportError | BadResponse:
    """Map an httpx failure to the matching :class:`TransportError`, naming the host."""
    if isinstance(err, (httpx.ConnectError, httpx.ConnectTimeout)):
        return ConnectFailed(host=host)
    if isinstance(err, httpx.TimeoutException):
        from skill.messages import text

        what = text("client.what.timeout_request", lang, seconds=f"{round(what_s, 1):g}")
        return RequestTimeout(host=host, what=what)
    if isinstance(err, httpx.DecodingError):
        return BadResponse(host=host, what="an answer that could not be decoded")
    if isinstance(err, (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)):
        return StreamCut(host=host)
    return TransportError(host=host)


def _register_link(web_base: str, user_id: str | None) -> str:
    """Where an anonymous user registers; ``bind`` carries the anonymous id so the project comes along."""
    return f"{web_base}/register" + (f"?bind={user_id}" if user_id else "")


def decorate(err: SkillError, *, auth: TokenManager, web_base: str, host: str) -> SkillError:
    """Fill in what only the client knows: the host, links for 2001/402, a user-token hint for 401."""
    if isinstance(err, OutOfCredits):
        if auth.is_anonymous:
            return with_fields(
                err, key="client.error.out_of_credits.anon", link=_register_link(web_base, auth.user_id)
            )
        return with_fields(err, key="client.error.out_of_credits.registered", link=web_base)
    if isinstance(err, ExportBlocked):
        return with_fields(err, link=_register_link(web_base, auth.user_id if auth.is_anonymous else None))
    if isinstance(err, RateLimited) and err.retry_after is not None and err.retry_after > RETRY_AFTER_CAP_S:
        minutes = max(1, round(err.retry_after / 60))
        return with_fields(err, key="client.error.rate_limited_long", minutes=minutes)
    if isinstance(err, AuthExpired) and not auth.can_refresh:
        return with_fields(err, key="client.error.auth_user_token")
    if isinstance(err, (TransportError, BadResponse)) and not err.fields.get("host"):
        return with_fields(err, host=host)
    return err
