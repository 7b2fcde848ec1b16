"""Sessions: remembered per backend across commands, renewed once (with a notice) when lost."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.fake_cloud import FakeCloud, Reply

from skill.client import errors as e
from skill.client.api import NemoClient


def test_session_body_and_memory(cloud: FakeCloud, make_client: Callable[..., NemoClient]) -> None:
    first = make_client().session("zh")
    assert cloud.of("session")[0].body == {"task_name": "project", "language": "zh"}
    again = make_client().session()
    assert again == first
    assert cloud.count("session") == 1


def test_new_starts_another_and_is_remembered(
    cloud: FakeCloud, make_client: Callable[..., NemoClient]
) -> None:
    first = make_client().session()
    second = make_client().new_session()
    assert second.session_id != first.session_id
    assert make_client().session() == second


def test_plain_404_on_state_is_an_empty_project(cloud: FakeCloud, client: NemoClient) -> None:
    old = client.session()
    cloud.script("state", Reply.http(404, {"detail": "Not Found"}))
    assert client.state().draft is None
    assert client.session() == old


def test_plain_404_on_upload_renews_the_session(cloud: FakeCloud, client: NemoClient) -> None:
    old = client.session()
    cloud.script("upload", Reply.http(404))
    client.upload_urls(["https://x.test/a.mp3"])
    assert client.session() != old
    assert cloud.count("upload") == 2


@pytest.mark.parametrize("reply", [Reply.http(404, {"detail": "Session not found: x"}), Reply.code(1002)])
def test_lost_session_is_renewed_once(
    cloud: FakeCloud, make_client: Callable[..., NemoClient], reply: Reply
) -> None:
    notices: list[str] = []
    client = make_client(notices)
    old = client.session()
    cloud.script("state", reply)
    client.state()
    assert client.session() != old
    assert cloud.count("state") == 2
    assert cloud.count("session") == 2
    assert any("new one" in n for n in notices)


def test_lost_twice_gives_up(cloud: FakeCloud, client: NemoClient) -> None:
    client.session()
    cloud.script("state", Reply.code(1002), Reply.code(1002))
    with pytest.raises(e.SessionNotFound):
        client.state()
    assert cloud.count("state") == 2


def test_server_forgot_the_session(cloud: FakeCloud, make_client: Callable[..., NemoClient]) -> None:
    make_client().session()
    cloud.sessions.clear()  # e.g. the backend restarted
    notices: list[str] = []
    state = make_client(notices).state()
    assert state.draft == {"t": [], "d": 0, "m": {}}
    assert notices
