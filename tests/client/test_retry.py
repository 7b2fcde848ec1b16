"""The retry policy as a table: which failure is retried how, and after how long."""

from __future__ import annotations

import pytest

from skill.client import errors as e
from skill.client.retry import RetryState, retry_action, retry_delay, should_retry

FRESH = RetryState()
SPENT = RetryState(attempt=2, refreshed=True, client_id_added=True, rate_waited=True)


@pytest.mark.parametrize(
    ("error", "state", "idempotent", "can_refresh", "expected"),
    [
        (e.AuthExpired(), FRESH, False, True, "refresh_token"),
        (e.AuthExpired(), SPENT, False, True, None),
        (e.AuthExpired(), FRESH, True, False, None),  # a user's own token is never replaced
        (e.MissingClientId(), FRESH, False, True, "add_client_id"),
        (e.MissingClientId(), SPENT, False, True, None),
        (e.RateLimited(), FRESH, False, True, "wait_rate_limit"),
        (e.RateLimited(), SPENT, True, True, None),
        (e.ServerError(), FRESH, True, True, "backoff"),
        (e.ServerError(), FRESH, False, True, None),  # chat/upload/render submit: never re-sent
        (e.ServerError(), SPENT, True, True, None),
        (e.ConnectFailed(), FRESH, True, True, "backoff"),
        (e.ConnectFailed(), FRESH, False, True, None),
        (e.RequestTimeout(), FRESH, True, True, None),  # a hanging server is reported at once
        (e.StreamCut(), FRESH, False, True, None),
        (e.OutOfCredits(), FRESH, True, True, None),
        (e.ExportBlocked(), FRESH, True, True, None),
        (e.BadResponse(), FRESH, True, True, None),
        (e.SessionNotFound(), FRESH, True, True, None),
        (e.UnsupportedFile(), FRESH, True, True, None),
    ],
)
def test_retry_action_table(
    error: e.APIError, state: RetryState, idempotent: bool, can_refresh: bool, expected: str | None
) -> None:
    got = retry_action(error, state=state, idempotent=idempotent, max_retries=2, can_refresh=can_refresh)
    assert got == expected
    assert should_retry(
        error, state=state, idempotent=idempotent, max_retries=2, can_refresh=can_refresh
    ) is (expected is not None)


def test_state_after_each_action() -> None:
    assert FRESH.after("refresh_token").refreshed
    assert FRESH.after("add_client_id").client_id_added
    assert FRESH.after("wait_rate_limit").rate_waited
    assert FRESH.after("backoff").after("backoff").attempt == 2


@pytest.mark.parametrize(
    ("attempt", "headers", "rand", "expected"),
    [
        (0, {"Retry-After": "2"}, 0.5, 2.0),
        (0, {"Retry-After": "600"}, 0.5, 60.0),  # capped
        (0, {"retry-after-ms": "250"}, 0.5, 0.25),
        (0, {"Retry-After": "Wed, 21 Oct 2015 07:28:30 GMT"}, 0.5, 30.0),
        (0, None, 0.0, 0.5),
        (1, None, 0.0, 1.0),
        (2, None, 0.0, 2.0),
        (3, None, 1.0, 3.0),  # 4 s less 25 % jitter
        (10, None, 0.0, 8.0),  # capped backoff
        (0, {"Retry-After": "later"}, 0.0, 0.5),
    ],
)
def test_retry_delay_table(
    attempt: int, headers: dict[str, str] | None, rand: float, expected: float
) -> None:
    got = retry_delay(attempt, headers, now=1445412480.0, rand=lambda: rand)
    assert got == pytest.approx(expected)
