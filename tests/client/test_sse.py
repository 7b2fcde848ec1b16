"""The chat stream: both event shapes, dedupe, framing corners, in-band errors, cuts and timeouts."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from support.fake_cloud import FakeCloud, Reply, adk, typed

from skill.client import errors as e
from skill.client.api import NemoClient
from skill.client.sse import ChatDecoder, ChatEvent, Heartbeat, TextEvent, ToolCall, ToolResult


def _data(obj: object, newline: str = "\n") -> bytes:
    return f"data: {json.dumps(obj, ensure_ascii=False)}{newline}{newline}".encode()


def decode(chunks: list[bytes]) -> list[ChatEvent]:
    decoder = ChatDecoder()
    events: list[ChatEvent] = []
    for chunk in chunks:
        events.extend(decoder.feed(chunk))
    events.extend(decoder.finish())
    return events


def texts(events: list[ChatEvent]) -> list[str]:
    return [ev.text for ev in events if isinstance(ev, TextEvent)]


def test_adk_partials_then_same_final_shown_once() -> None:
    raw = _data(adk("Hel", partial=True)) + _data(adk("lo.", partial=True)) + _data(adk("Hello."))
    assert texts(decode([raw])) == ["Hel", "lo."]


def test_adk_different_final_is_new_text() -> None:
    raw = _data(adk("Draft", partial=True)) + _data(adk("Something else."))
    assert texts(decode([raw])) == ["Draft", "Something else."]


def test_adk_final_extending_the_partials_adds_only_the_rest() -> None:
    raw = _data(adk("Adding ", partial=True)) + _data(adk("Adding a title."))
    assert texts(decode([raw])) == ["Adding ", "a title."]


def test_adk_finals_without_partials_all_show() -> None:
    raw = _data(adk("One.")) + _data(adk("Two."))
    assert texts(decode([raw])) == ["One.", "Two."]


def test_adk_tool_calls_and_results_are_typed() -> None:
    raw = (
        _data(adk(call="add_title"))
        + _data(adk(result="add_title"))
        + _data({"author": "user", "content": {"role": "user", "parts": [{"text": "echo"}]}})
    )
    assert decode([raw]) == [ToolCall("add_title"), ToolResult("add_title")]


def test_typed_shape_pieces_in_order() -> None:
    raw = b"".join(
        _data(ev)
        for ev in [
            typed("text", "Sync"),
            typed("heartbeat"),
            typed("tool_call", "beat"),
            typed("tool_result", "beat"),
            typed("text", "ed to the beat."),
        ]
    )
    events = decode([raw])
    assert "".join(texts(events)) == "Synced to the beat."
    assert Heartbeat() in events
    assert ToolCall("beat") in events and ToolResult("beat") in events


def test_utf8_split_across_every_byte() -> None:
    raw = _data(typed("text", "节拍同步完成 🎵")) + _data(adk("好的。"))
    one_byte_chunks = [raw[i : i + 1] for i in range(len(raw))]
    assert "".join(texts(decode(one_byte_chunks))) == "节拍同步完成 🎵好的。"


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings(newline: str) -> None:
    raw = _data(typed("text", "a"), newline) + _data(typed("text", "b"), newline)
    # split so that a CR and its LF land in different chunks
    assert texts(decode([raw[:-1], raw[-1:]])) == ["a", "b"]
    assert texts(decode([raw[i : i + 3] for i in range(0, len(raw), 3)])) == ["a", "b"]


def test_bom_at_start() -> None:
    raw = b"\xef\xbb\xbf" + _data(typed("text", "first")) + _data(typed("text", "second"))
    assert texts(decode([raw[:2], raw[2:]])) == ["first", "second"]


def test_comments_and_empty_data_are_heartbeats() -> None:
    raw = b": keep-alive\n\ndata:\n\ndata: \n\n" + _data(typed("text", "hi"))
    events = decode([raw])
    assert texts(events) == ["hi"]
    assert events.count(Heartbeat()) == 3


def test_last_event_without_blank_line_and_unseparated_lines() -> None:
    raw = b'data: {"type":"text","content":"a"}\ndata: {"type":"text","content":"b"}\n\ndata: {"type":"text","content":"c"}'
    assert texts(decode([raw])) == ["a", "b", "c"]


def test_in_band_error_after_text() -> None:
    decoder = ChatDecoder()
    shown = decoder.feed(_data(adk("Working on it.")))
    assert texts(shown) == ["Working on it."]
    with pytest.raises(e.StreamError) as info:
        decoder.feed(_data({"error": "model overloaded", "error_details": {"trace": "x"}}))
    assert "model overloaded" in info.value.user_text("en")


def test_in_band_error_with_a_known_code() -> None:
    with pytest.raises(e.OutOfCredits):
        decode([_data({"error": "insufficient credits", "error_details": {"code": 2001}})])


def test_in_band_error_never_shows_json() -> None:
    with pytest.raises(e.StreamError) as info:
        decode([_data({"error": {"message": '{"code":5}'}})])
    assert "{" not in info.value.user_text("en")


# -- against the loopback server ---------------------------------------------------------------


def _collect(client: NemoClient, message: str = "hi") -> list[ChatEvent]:
    with client.chat(message) as stream:
        return list(stream)


def test_stream_over_http_split_bytes(cloud: FakeCloud, client: NemoClient) -> None:
    raw = _data(adk("节拍", partial=True)) + _data(adk("同步。", partial=True)) + _data(adk("节拍同步。"))
    cloud.chat_default = lambda: Reply.sse([raw[i : i + 5] for i in range(0, len(raw), 5)], crlf=True)
    assert "".join(texts(_collect(client))) == "节拍同步。"
    body = cloud.of("chat")[0].body
    assert body["app_name"] == "nemo_agent" and body["new_message"]["parts"][0]["text"] == "hi"
    assert cloud.of("chat")[0].headers["accept"] == "text/event-stream"


def test_crlf_and_bom_over_http(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.chat_default = lambda: Reply.sse([typed("text", "ok"), b": ping\r\n\r\n"], crlf=True, bom=True)
    events = _collect(client)
    assert texts(events) == ["ok"] and Heartbeat() in events


def test_html_with_200_is_a_clear_error_without_retry(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.chat_default = lambda: Reply.html()
    with pytest.raises(e.BadResponse) as info:
        client.chat("hi")
    assert "web page" in info.value.user_text("en")
    assert cloud.count("chat") == 1


def test_json_envelope_error_instead_of_a_stream(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.script("chat", Reply.code(2001))
    with pytest.raises(e.OutOfCredits):
        client.chat("hi")
    assert cloud.count("chat") == 1


def test_unknown_session_before_stream_is_renewed_once(
    cloud: FakeCloud, make_client: Callable[..., NemoClient]
) -> None:
    notices: list[str] = []
    client = make_client(notices)
    client.session()
    cloud.script("chat", Reply.http(404, {"detail": "Session not found: s"}))
    assert texts(_collect(client)) == ["Sure, done."]
    assert cloud.count("chat") == 2 and notices


def test_cut_stream_raises_stream_cut(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.chat_default = lambda: Reply.sse([adk("Half a rep", partial=True)], cut=True)
    seen: list[ChatEvent] = []
    with pytest.raises(e.StreamCut), client.chat("hi") as stream:
        for event in stream:
            seen.append(event)
    assert texts(seen) == ["Half a rep"]
    assert cloud.count("chat") == 1


def test_idle_stream_times_out(cloud: FakeCloud, make_client: Callable[..., NemoClient]) -> None:
    client = make_client(stream_idle_timeout_s=0.3)
    cloud.chat_default = lambda: Reply.sse([typed("text", "a"), 2.0, typed("text", "b")])
    with pytest.raises(TimeoutError) as info, client.chat("hi") as stream:
        list(stream)
    assert isinstance(info.value, e.RequestTimeout)
    assert "0.3" in info.value.user_text("en")


def test_heartbeats_only_time_out(
    cloud: FakeCloud, make_client: Callable[..., NemoClient], fake_time
) -> None:
    fake_time.tick = 1.0  # every reading of the clock is a second later
    client = make_client(heartbeat_only_timeout_s=5.0)
    cloud.chat_default = lambda: Reply.sse([typed("heartbeat")] * 20 + [typed("text", "never")])
    with pytest.raises(e.RequestTimeout) as info, client.chat("hi") as stream:
        list(stream)
    assert "5" in info.value.user_text("en")


def test_stream_closes_its_response(cloud: FakeCloud, client: NemoClient) -> None:
    stream = client.chat("hi")
    with stream:
        next(iter(stream))
    assert stream.closed
    assert client.credits().available == 100  # the connection pool is still usable


def test_endless_line_is_refused() -> None:
    decoder = ChatDecoder()
    with pytest.raises(e.BadResponse):
        for _ in range(200):
            decoder.feed(b"data: " + b"x" * 65536)


def test_stream_of_endless_line_ends_clearly(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.chat_default = lambda: Reply.sse([b"data: " + b"y" * (1024 * 1024)] * 12)
    with pytest.raises(e.BadResponse), client.chat("hi") as stream:
        list(stream)


def test_named_error_event() -> None:
    with pytest.raises(e.StreamError) as info:
        decode([_data(adk("Working.")) + b"event: error\ndata: Internal failure in agent\n\n"])
    assert "Internal failure in agent" in info.value.user_text("en")
    with pytest.raises(e.OutOfCredits):
        decode([b'event: error\ndata: {"message": "no credits", "code": 2001}\n\n'])
