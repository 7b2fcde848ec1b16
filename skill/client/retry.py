"""The retry policy as pure functions: which failures are retried, how, and after how long."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from skill.client.constants import RETRY_AFTER_CAP_S, RETRY_BASE_DELAY_S, RETRY_MAX_DELAY_S
from skill.client.error_map import parse_retry_after
from skill.client.errors import (
    AuthExpired,
    ConnectFailed,
    MissingClientId,
    RateLimited,
    ServerError,
    StreamCut,
)
from skill.errors import SkillError

__all__ = ["RetryAction", "RetryState", "retry_action", "should_retry", "retry_delay"]

RetryAction = Literal["refresh_token", "add_client_id", "wait_rate_limit", "backoff"]

_JITTER_FRACTION = 0.25


@dataclass(frozen=True, slots=True)
class RetryState:
    """What one call has already spent: backoff attempts and the one-shot recoveries."""

    attempt: int = 0
    refreshed: bool = False
    client_id_added: bool = False
    rate_waited: bool = False

    def after(self, action: RetryAction) -> RetryState:
        """Return the state once ``action`` has been taken."""
        if action == "refresh_token":
            return replace(self, refreshed=True)
        if action == "add_client_id":
            return replace(self, client_id_added=True)
        if action == "wait_rate_limit":
            return replace(self, rate_waited=True)
        return replace(self, attempt=self.attempt + 1)


def retry_action(
    error: SkillError,
    *,
    state: RetryState,
    idempotent: bool,
    max_retries: int,
    can_refresh: bool,
) -> RetryAction | None:
    """Decide how to retry after ``error``, or None to give up.

    The one-shot recoveries (a new token on 1001/401, a client id on 400, one wait on 429) apply to every
    request, because the service did not act on it. Backoff retries of 5xx, refused connections and
    dropped connections apply only to idempotent calls: re-sending a chat message, an upload or a render
    submit could charge twice.
    """
    if isinstance(error, AuthExpired):
        return "refresh_token" if can_refresh and not state.refreshed else None
    if isinstance(error, MissingClientId):
        return None if state.client_id_added else "add_client_id"
    if isinstance(error, RateLimited):
        # A server asking for more than the cap is not waited for: the user is told when to come back.
        too_long = error.retry_after is not None and error.retry_after > RETRY_AFTER_CAP_S
        return None if state.rate_waited or too_long else "wait_rate_limit"
    if isinstance(error, (ServerError, ConnectFailed, StreamCut)):
        return "backoff" if idempotent and state.attempt < max_retries else None
    # A read timeout already cost a full READ_TIMEOUT_S; repeating it would leave the user waiting
    # minutes on a server that hangs, so it is reported at once.
    return None


def should_retry(
    error: SkillError, *, state: RetryState, idempotent: bool, max_retries: int, can_refresh: bool
) -> bool:
    """True when :func:`retry_action` has a retry for ``error``."""
    action = retry_action(
        error, state=state, idempotent=idempotent, max_retries=max_retries, can_refresh=can_refresh
    )
    return action is not None


def retry_delay(
    attempt: int,
    headers: Mapping[str, str] | None = None,
    *,
    base_s: float = RETRY_BASE_DELAY_S,
    max_s: float = RETRY_MAX_DELAY_S,
    retry_after_cap_s: float = RETRY_AFTER_CAP_S,
    now: float | None = None,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait before retry number ``attempt + 1``.

    A ``Retry-After`` (seconds or an HTTP date, or ``retry-after-ms``) wins, capped at
    ``retry_after_cap_s``; otherwise exponential backoff from ``base_s`` capped at ``max_s``, shortened by
    up to 25 % jitter so clients that failed together do not retry together.

    Examples
    --------
    >>> retry_delay(0, {"Retry-After": "3"})
    3.0
    >>> retry_delay(10, rand=lambda: 0.0)
    8.0
    """
    server = parse_retry_after(headers, now=now)
    if server is not None:
        return min(server, retry_after_cap_s)
    delay = min(base_s * 2.0 ** max(0, attempt), max_s)
    return delay * (1.0 - _JITTER_FRACTION * rand())
