"""error_for maps every protocol row, from a body code or an HTTP status; messages are clean."""

from __future__ import annotations

import pytest

from skill.client import errors as e
from skill.messages import MESSAGES, text

ROWS = [
    # (status, code, body, expected class)
    (200, 1001, None, e.AuthExpired),
    (401, None, None, e.AuthExpired),
    (200, 1002, None, e.SessionNotFound),
    (404, None, {"detail": "Session not found: s1"}, e.SessionNotFound),
    (404, None, {"detail": "Not Found"}, e.NotFound),
    (200, 2001, None, e.OutOfCredits),
    (402, None, None, e.ExportBlocked),
    (200, 402, None, e.ExportBlocked),
    (429, None, None, e.RateLimited),
    (200, 429, None, e.RateLimited),
    (400, None, None, e.MissingClientId),
    (200, 400, None, e.MissingClientId),
    (200, 4001, None, e.UnsupportedFile),
    (400, 4001, None, e.UnsupportedFile),
    (415, None, None, e.UnsupportedFile),
    (200, 4002, None, e.FileTooLarge),
    (413, None, None, e.FileTooLarge),
    (500, None, None, e.ServerError),
    (502, None, None, e.ServerError),
    (503, 1001, None, e.AuthExpired),  # a known body code wins over the status
    (422, None, None, e.APIError),
    (200, 9999, None, e.APIError),
    (200, 500, None, e.ServerError),  # a body code in the HTTP range is that status
    (200, 404, None, e.NotFound),
    (400, 9999, None, e.APIError),  # a 400 naming another error is not "missing client id"
    (400, 9999, {"message": "X-Client-Id header required"}, e.MissingClientId),
]


@pytest.mark.parametrize(("status", "code", "body", "cls"), ROWS)
def test_error_for_maps_every_row(status: int, code: int | None, body: object, cls: type) -> None:
    err = e.error_for(status, code, body)
    assert type(err) is cls
    assert err.status == status
    assert err.user_text("en") and err.user_text("zh")


def test_rate_limited_carries_retry_after() -> None:
    err = e.error_for(429, None, None, headers={"Retry-After": "7"})
    assert isinstance(err, e.RateLimited)
    assert err.retry_after == 7.0


def test_timeout_is_also_builtin_timeout() -> None:
    assert issubclass(e.RequestTimeout, TimeoutError)
    assert issubclass(e.RequestTimeout, e.TransportError)


@pytest.mark.parametrize(
    "body",
    [
        {"message": '{"code": 1001, "token": "nmv_usr_abcdefgh"}'},
        {"detail": "<html><body>oops</body></html>"},
        {"message": "Bearer nmv_usr_secret123456 rejected"},
    ],
)
def test_detail_never_shows_json_markup_or_tokens(body: dict[str, str]) -> None:
    message = e.error_for(400, 9999, body).user_text("en")
    assert "{" not in message and "<" not in message
    assert "nmv_usr_secret" not in message and "nmv_usr_abcdefgh" not in message


@pytest.mark.parametrize(
    ("headers", "now", "expected"),
    [
        ({"Retry-After": "3"}, None, 3.0),
        ({"retry-after": "0"}, None, 0.0),
        ({"Retry-After-Ms": "1500"}, None, 1.5),
        ({"Retry-After": "Wed, 21 Oct 2015 07:28:10 GMT"}, 1445412480.0, 10.0),
        ({"Retry-After": "soon"}, None, None),
        ({"Retry-After": "-3"}, None, None),
        ({}, None, None),
        (None, None, None),
    ],
)
def test_parse_retry_after(headers: dict[str, str] | None, now: float | None, expected: float | None) -> None:
    assert e.parse_retry_after(headers, now=now) == expected


def test_every_client_message_has_both_languages() -> None:
    keys = [
        k
        for k in MESSAGES
        if k.split(".")[0] in {"client", "chat", "credits", "state", "upload", "export", "new"}
    ]
    assert len(keys) > 30
    for key in keys:
        assert MESSAGES[key].get("en") and MESSAGES[key].get("zh"), key


def test_local_limit_messages_name_the_limit_and_formats() -> None:
    too_big = e.FileTooLarge(name="a.wav", sep=": ", size=" (600 MB)", limit="500 MB").user_text("en")
    assert "500 MB" in too_big and ("Compress" in too_big or "compress" in too_big)
    assert "trim" in too_big
    unsupported = e.error_for(200, 4001, None).user_text("en")
    for fmt in ("mp4", "mov", "avi", "webm", "mkv", "jpg", "png", "gif", "webp", "mp3", "wav", "m4a", "aac"):
        assert fmt in unsupported
    assert "500 MB" in e.error_for(200, 4002, None).user_text("en")
    assert text("client.error.export_blocked", "en", link="x").count("credits") == 1
