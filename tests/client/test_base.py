"""The HTTP owner against a real loopback server: envelopes, every error code both ways, retries."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

import httpx
import pytest
from support.clock import FakeTime
from support.fake_cloud import HEADERS, USER_TOKEN, FakeCloud, Reply

from skill.client import errors as e
from skill.client.api import NemoClient
from skill.settings import Settings

CREDITS = "credits"

BODY_CODES = [
    (1002, e.SessionNotFound),
    (2001, e.OutOfCredits),
    (4001, e.UnsupportedFile),
    (4002, e.FileTooLarge),
    (402, e.ExportBlocked),
    (9999, e.APIError),
]
STATUSES = [
    (404, {"detail": "Not Found"}, e.NotFound),
    (402, {"detail": "plan"}, e.ExportBlocked),
    (413, None, e.FileTooLarge),
    (415, None, e.UnsupportedFile),
    (400, {"code": 4001, "message": "bad type"}, e.UnsupportedFile),
    (400, {"code": 4002, "message": "too big"}, e.FileTooLarge),
    (403, {"code": 2001, "message": "no credits"}, e.OutOfCredits),
    (422, {"detail": "unprocessable"}, e.APIError),
]


def test_headers_on_every_request(cloud: FakeCloud, client: NemoClient) -> None:
    client.credits()
    token_call, credits_call = cloud.requests
    for recorded in (token_call, credits_call):
        for key, value in HEADERS.items():
            assert recorded.headers[key.lower()] == value
    assert "authorization" not in token_call.headers
    assert token_call.headers["x-client-id"]
    assert credits_call.headers["authorization"].startswith("Bearer nmv_usr_")


def test_both_envelopes_unwrap(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.script(CREDITS, Reply(json={"success": True, "data": {"available": 1, "frozen": 0, "total": 1}}))
    assert client.credits().available == 1
    cloud.script(CREDITS, Reply(json={"code": "0", "data": {"available": 2, "frozen": 0, "total": 2}}))
    assert client.credits().available == 2


@pytest.mark.parametrize(("code", "cls"), BODY_CODES)
def test_body_code_on_http_200(cloud: FakeCloud, client: NemoClient, code: int, cls: type) -> None:
    cloud.script(CREDITS, Reply.code(code))
    with pytest.raises(cls) as info:
        client.credits()
    assert type(info.value) is cls
    assert cloud.count(CREDITS) == 1


@pytest.mark.parametrize(("status", "body", "cls"), STATUSES)
def test_http_status(cloud: FakeCloud, client: NemoClient, status: int, body: object, cls: type) -> None:
    cloud.script(CREDITS, Reply.http(status, body))
    with pytest.raises(cls) as info:
        client.credits()
    assert type(info.value) is cls
    assert cloud.count(CREDITS) == 1


@pytest.mark.parametrize("reply", [Reply.code(1001), Reply.code(1001, status=401), Reply.http(401)])
def test_token_refreshed_exactly_once(cloud: FakeCloud, client: NemoClient, reply: Reply) -> None:
    cloud.script(CREDITS, reply)
    assert client.credits().total == 105
    assert cloud.count("token") == 2  # the first token, then one refresh
    first, second = (r.headers["authorization"] for r in cloud.of(CREDITS))
    assert first != second


def test_refresh_gives_up_after_one(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.script(CREDITS, Reply.code(1001), Reply.code(1001), Reply.code(1001))
    with pytest.raises(e.AuthExpired):
        client.credits()
    assert cloud.count("token") == 2
    assert cloud.count(CREDITS) == 2


def test_user_token_is_never_replaced(cloud: FakeCloud, make_client: Callable[..., NemoClient]) -> None:
    client = make_client(token=USER_TOKEN)
    cloud.script(CREDITS, Reply.code(1001, status=401))
    with pytest.raises(e.AuthExpired) as info:
        client.credits()
    assert "NEMO_TOKEN" in info.value.user_text("en")
    assert USER_TOKEN not in info.value.user_text("en")
    assert cloud.count("token") == 0


@pytest.mark.parametrize("reply", [Reply.code(400, status=400), Reply.code(400)])
def test_missing_client_id_adds_one_and_retries(cloud: FakeCloud, client: NemoClient, reply: Reply) -> None:
    cloud.script(CREDITS, reply)
    assert client.credits().available == 100
    first, second = cloud.of(CREDITS)
    assert "x-client-id" not in first.headers
    assert second.headers["x-client-id"]


@pytest.mark.parametrize(
    ("reply", "waited"),
    [
        (Reply.code(429, status=429, headers={"Retry-After": "7"}), 7.0),
        (Reply.code(429, headers={"Retry-After": "60"}), 60.0),
        (Reply.http(429), 30.0),
        (Reply.code(429), 30.0),
    ],
)
def test_rate_limit_waits_once(
    cloud: FakeCloud, make_client: Callable[..., NemoClient], fake_time: FakeTime, reply: Reply, waited: float
) -> None:
    notices: list[str] = []
    client = make_client(notices)
    cloud.script(CREDITS, reply)
    assert client.credits().available == 100
    assert fake_time.sleeps == [waited]
    assert cloud.count(CREDITS) == 2
    assert any("waiting" in n for n in notices)


def test_rate_limit_longer_than_the_cap_is_not_waited(
    cloud: FakeCloud, client: NemoClient, fake_time: FakeTime
) -> None:
    cloud.script(CREDITS, Reply.code(429, headers={"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"}))
    with pytest.raises(e.RateLimited) as caught:
        client.credits()
    assert fake_time.sleeps == [] and cloud.count(CREDITS) == 1
    assert "asks to wait about" in caught.value.message


def test_rate_limit_twice_gives_up(cloud: FakeCloud, client: NemoClient, fake_time: FakeTime) -> None:
    cloud.script(CREDITS, Reply.http(429, headers={"Retry-After": "1"}), Reply.http(429))
    with pytest.raises(e.RateLimited):
        client.credits()
    assert fake_time.sleeps == [1.0]


def test_rate_limited_post_is_retried_once(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.script("session", Reply.http(429, headers={"Retry-After": "0"}))
    assert client.session().session_id
    assert cloud.count("session") == 2


def test_server_errors_on_get_back_off(cloud: FakeCloud, client: NemoClient, fake_time: FakeTime) -> None:
    cloud.script(CREDITS, Reply.http(503), Reply.html(502))
    assert client.credits().available == 100
    assert len(fake_time.sleeps) == 2
    assert all(0 < s <= 8.0 for s in fake_time.sleeps)


def test_server_errors_on_get_are_bounded(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.script(CREDITS, *[Reply.http(500)] * 5)
    with pytest.raises(e.ServerError) as info:
        client.credits()
    assert cloud.count(CREDITS) == 3  # max_retries = 2
    assert "500" in info.value.user_text("en")


def test_post_is_never_retried_on_5xx(cloud: FakeCloud, client: NemoClient) -> None:
    client.session()
    cloud.script("render_submit", Reply.http(500))
    with pytest.raises(e.ServerError):
        client.submit_render({"t": [{"tt": 0, "sg": [{"st": 0, "d": 1000}]}]})
    assert cloud.count("render_submit") == 1


@pytest.mark.parametrize(
    "reply",
    [Reply.html(), Reply(body=b"not json at all", content_type="text/plain"), Reply(json=[1, 2, 3])],
)
def test_unreadable_answers_are_bad_responses(cloud: FakeCloud, client: NemoClient, reply: Reply) -> None:
    cloud.script(CREDITS, reply)
    with pytest.raises(e.BadResponse) as info:
        client.credits()
    assert cloud.url.split("//")[1] in info.value.user_text("en")
    assert cloud.count(CREDITS) == 1


def test_wrong_shape_is_a_bad_response(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.script(CREDITS, Reply.ok({"balance": "lots"}))
    with pytest.raises(e.BadResponse):
        client.credits()


def test_dropped_connection_on_get_is_retried(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.script(CREDITS, Reply(drop=True))
    assert client.credits().available == 100


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused_is_quick_and_clear(settings: Settings) -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    started = time.monotonic()
    client = NemoClient(Settings(api_url=url, config_dir=settings.config_dir), HEADERS)
    with client, pytest.raises(e.ConnectFailed) as info:
        client.credits()
    assert time.monotonic() - started < 5
    message = info.value.user_text("en")
    assert message.startswith("Can't reach the service at 127.0.0.1:")


def test_read_timeout_is_a_request_timeout(settings: Settings) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    client = NemoClient(settings, HEADERS, transport=httpx.MockTransport(handler), sleep=lambda s: None)
    with client, pytest.raises(TimeoutError) as info:
        client.credits()
    assert isinstance(info.value, e.RequestTimeout)


def test_slow_answer_times_out(cloud: FakeCloud, make_client: Callable[..., NemoClient]) -> None:
    make_client().credits()  # token cached at normal speed
    client = make_client(read_timeout_s=0.5)
    cloud.script(CREDITS, Reply.ok({"available": 1, "frozen": 0, "total": 1}, delay_s=3.0))
    with pytest.raises(e.RequestTimeout):
        client.credits()


def test_out_of_credits_links(cloud: FakeCloud, make_client: Callable[..., NemoClient]) -> None:
    anonymous = make_client()
    cloud.script(CREDITS, Reply.code(2001))
    with pytest.raises(e.OutOfCredits) as info:
        anonymous.credits()
    user_id = anonymous.auth.user_id
    assert user_id and user_id.startswith("anon_")
    assert f"https://nemovideo.com/register?bind={user_id}" in info.value.user_text("en")

    registered = make_client(token=USER_TOKEN)
    cloud.script(CREDITS, Reply.code(2001))
    with pytest.raises(e.OutOfCredits) as info:
        registered.credits()
    message = info.value.user_text("en")
    assert "bind=" not in message and "Top up" in message


def test_export_blocked_is_about_the_plan(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.script(CREDITS, Reply.http(402))
    with pytest.raises(e.ExportBlocked) as info:
        client.credits()
    message = info.value.user_text("en")
    assert "plan" in message and "not your credits" in message


def test_odd_upload_descriptions_and_string_drafts_are_read(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.script("state", Reply.ok({"state": {"draft": '{"t": [], "d": 0}'}}))
    assert client.state().draft == {"t": [], "d": 0}
    cloud.script("state", Reply.ok({"state": {"draft": 5}}))
    with pytest.raises(e.BadResponse):
        client.state()
    cloud.script("upload", Reply.ok({"files": [{"filename": "a.mp3", "duration": "3:12", "width": "x"}]}))
    (item,) = client.upload_urls(["https://x.test/a.mp3"])
    assert item.filename == "a.mp3" and item.duration is None


def test_undecodable_body_is_a_bad_response(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.script(
        CREDITS,
        Reply(body=b"not gzip", content_type="application/json", headers={"Content-Encoding": "gzip"}),
    )
    with pytest.raises(e.BadResponse):
        client.credits()
