"""The retry loop of every call: :mod:`skill.client.retry`'s policy, carried out with the client's token,
clock and notices.

Kept apart from the policy so the policy stays pure (tested without a client) and the client's request
code stays about the wire.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from skill.client.constants import RETRY_AFTER_CAP_S
from skill.client.errors import APIError, TransportError
from skill.client.retry import RetryState, retry_action, retry_delay

if TYPE_CHECKING:
    from skill.client.base import BaseClient

__all__ = ["with_retries"]

log = logging.getLogger(__name__)

T = TypeVar("T")


def with_retries(
    client: BaseClient, attempt: Callable[[RetryState], T], *, idempotent: bool, auth: bool
) -> T:
    """Run ``attempt`` until it returns or the policy gives up (then the error is decorated and raised)."""
    settings = client.settings
    state = RetryState()
    while True:
        try:
            return attempt(state)
        except (APIError, TransportError) as err:
            action = retry_action(
                err,
                state=state,
                idempotent=idempotent,
                max_retries=settings.max_retries,
                can_refresh=auth and client.auth.can_refresh,
            )
            if action is None:
                raise client.decorate(err) from err.__cause__
            log.debug("retrying after %s: %s", type(err).__name__, action)
            if action == "refresh_token":
                client.auth.refresh()
            elif action == "wait_rate_limit":
                _wait_rate_limit(client, getattr(err, "retry_after", None))
            elif action == "backoff":
                client.sleep(
                    retry_delay(
                        state.attempt,
                        getattr(err, "headers", None),
                        base_s=settings.retry_base_delay_s,
                        max_s=settings.retry_max_delay_s,
                    )
                )
            state = state.after(action)


def _wait_rate_limit(client: BaseClient, retry_after: float | None) -> None:
    """Wait what the server asked (capped), telling the user first: a silent pause looks like a hang."""
    from skill.messages import text

    wait = client.settings.rate_limit_wait_s if retry_after is None else retry_after
    wait = max(0.0, min(wait, RETRY_AFTER_CAP_S))
    client.on_notice(text("client.notice.rate_wait", client.lang, seconds=f"{wait:g}"))
    client.sleep(wait)
