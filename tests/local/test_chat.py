"""The local agent over /run_sse: English and Chinese instructions become draft edits visible in state."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from skill.timeline import summarise

from .conftest import Live, final_text


def _track(state: dict[str, Any], tt: int) -> dict[str, Any] | None:
    return next((t for t in state["draft"]["t"] if t["tt"] == tt), None)


@pytest.fixture(scope="module")
def song(live: Live, song_wav: bytes) -> tuple[str, str]:
    """A token and a session with the song uploaded."""
    token = live.token()
    sid = live.session(token)
    assert live.upload(token, sid, ("Neon Song.wav", song_wav)).status_code == 200
    return token, sid


def test_highlight_needs_a_song(live: Live) -> None:
    token = live.token()
    sid = live.session(token)
    text = final_text(live.say(token, sid, "sync the visuals to the beat and make the best highlight"))
    assert "upload a song" in text
    assert live.state(token, sid)["draft"]["t"] == []


def test_unknown_instruction_gets_help_not_silence(live: Live) -> None:
    token = live.token()
    sid = live.session(token)
    text = final_text(live.say(token, sid, "what's the weather in Paris"))
    assert "did not catch" in text and "highlight" in text
    zh = final_text(live.say(token, sid, "今天天气怎么样"))
    assert "没听懂" in zh


def test_english_session(live: Live, song: tuple[str, str]) -> None:
    token, sid = song
    events = live.say(token, sid, "sync the visuals to the beat and make the best 10 second highlight")
    calls = [
        p["functionCall"]["name"]
        for ev in events
        if "content" in ev
        for p in ev["content"]["parts"]
        if "functionCall" in p
    ]
    assert "sync_to_beat" in calls
    assert any(ev.get("type") == "heartbeat" for ev in events)
    text = final_text(events)
    assert "Neon Song.wav" in text and "10 seconds" in text and "click Export" in text
    state = live.state(token, sid)
    draft = state["draft"]
    assert draft["d"] == 10000
    video, bgm = _track(state, 0), _track(state, 1)
    assert video is not None and bgm is not None
    segs = video["sg"]
    assert len(segs) > 5 and segs[0]["st"] == 0
    assert sum(s["d"] for s in segs) == 10000
    assert all(a["st"] + a["d"] == b["st"] for a, b in zip(segs, segs[1:], strict=False))
    assert {s["m"]["name"] for s in segs} == {"Beat visuals"}
    seg = bgm["sg"][0]
    assert seg["m"]["name"] == "Neon Song.wav" and seg["m"]["volume"] == 1.0 and seg["d"] == 10000
    assert seg["m"]["src"].startswith(live.url + "/api/media/")
    assert "start_ms" in seg["m"]
    assert draft["m"]["width"] == 1920 and draft["m"]["height"] == 1080 and draft["m"]["fps"] == 30

    final_text(live.say(token, sid, "add a title 'Neon Nights'"))
    title = _track(live.state(token, sid), 7)
    assert title is not None and title["sg"][0]["m"]["text"] == "Neon Nights"
    assert (title["sg"][0]["st"], title["sg"][0]["d"]) == (0, 3000)

    assert "60%" in final_text(live.say(token, sid, "music volume 60%"))
    assert _track(live.state(token, sid), 1)["sg"][0]["m"]["volume"] == 0.6  # type: ignore[index]

    before = len(_track(live.state(token, sid), 0)["sg"])  # type: ignore[index]
    final_text(live.say(token, sid, "cut every bar"))
    after = _track(live.state(token, sid), 0)
    assert after is not None and len(after["sg"]) < before
    assert live.state(token, sid)["draft"]["m"]["pace"] == "bar"

    final_text(live.say(token, sid, "make it vertical"))
    m = live.state(token, sid)["draft"]["m"]
    assert (m["width"], m["height"]) == (1080, 1920)

    text = final_text(live.say(token, sid, "make it 15 seconds"))
    assert "15 seconds" in text
    assert live.state(token, sid)["draft"]["d"] == 15000

    final_text(live.say(token, sid, "undo"))
    assert live.state(token, sid)["draft"]["d"] == 10000
    assert "click Export" in final_text(live.say(token, sid, "export"))
    assert "Timeline (3 tracks)" in final_text(live.say(token, sid, "show me the timeline"))
    summary = summarise(live.state(token, sid)["draft"])
    assert summary.startswith("Timeline (3 tracks): 1. Video: Beat visuals (0-10s")
    assert '3. Title: "Neon Nights" (0-3s)' in summary and "BGM: Neon Song.wav (0-10s, 60%)" in summary


@pytest.mark.parametrize(
    ("text", "check"),
    [
        ("按节拍卡点，做一个15秒的精彩集锦", lambda s: s["draft"]["d"] == 15000),
        ("标题改成《夜光》", lambda s: _track(s, 7)["sg"][0]["m"]["text"] == "夜光"),
        ("加標題「夏日」", lambda s: _track(s, 7)["sg"][0]["m"]["text"] == "夏日"),
        ("BGM 调小", lambda s: _track(s, 1)["sg"][0]["m"]["volume"] == 0.8),
        ("改成竖屏", lambda s: s["draft"]["m"]["height"] == 1920),
        ("橫屏", lambda s: s["draft"]["m"]["width"] == 1920),
        ("方形", lambda s: s["draft"]["m"]["width"] == s["draft"]["m"]["height"] == 1080),
        ("每小节切一次", lambda s: s["draft"]["m"]["pace"] == "bar"),
        ("缩短到一分钟", lambda s: s["draft"]["d"] == 20000),  # the song is 20 s
        ("缩短到10秒", lambda s: s["draft"]["d"] == 10000),
    ],
)
def test_chinese_edits(
    live: Live, song_wav: bytes, zh_session: tuple[str, str], text: str, check: Any
) -> None:
    token, sid = zh_session
    reply = final_text(live.say(token, sid, text))
    assert any("\u4e00" <= ch <= "\u9fff" for ch in reply), reply
    assert check(live.state(token, sid)), live.state(token, sid)["draft"]


@pytest.fixture(scope="module")
def zh_session(live: Live, song_wav: bytes) -> tuple[str, str]:
    token = live.token()
    sid = live.session(token, language="zh")
    live.upload(token, sid, ("夏日.wav", song_wav))
    return token, sid


def test_help_in_each_language(live: Live) -> None:
    token = live.token()
    sid = live.session(token)
    assert "highlight" in final_text(live.say(token, sid, "what can you do"))
    assert "卡点" in final_text(live.say(token, sid, "你能做什么"))
    assert "卡點" in final_text(live.say(token, sid, "你能做什麼"))


def test_traditional_chinese_gets_traditional_replies(live: Live) -> None:
    token = live.token()
    sid = live.session(token)
    reply = final_text(live.say(token, sid, "將標題改成「夏夜」"))
    assert "標題" in reply and "夏夜" in reply and "标题" not in reply


def test_clips_are_used_by_name(live: Live, song_wav: bytes, clip_mp4: bytes) -> None:
    token = live.token()
    sid = live.session(token)
    live.upload(token, sid, ("beat.wav", song_wav), ("city.mp4", clip_mp4))
    text = final_text(live.say(token, sid, "use my clips and make a 6 second highlight"))
    assert "city.mp4" in text
    video = _track(live.state(token, sid), 0)
    assert video is not None and {s["m"]["name"] for s in video["sg"]} == {"city.mp4"}
    assert all(s["m"]["src"].startswith(live.url + "/api/media/") for s in video["sg"])


def test_turn_completes_when_the_client_hangs_up(live: Live, song_wav: bytes) -> None:
    """A cut stream must not lose the edit: the client recovers by reading the state, never by re-sending."""
    token = live.token()
    sid = live.session(token)
    live.upload(token, sid, ("cut.wav", song_wav))
    body = {
        "app_name": "nemo_agent",
        "user_id": "me",
        "session_id": sid,
        "new_message": {"parts": [{"text": "make the best 8 second highlight"}]},
    }
    with live.http.stream("POST", "/run_sse", headers=live.auth(token), json=body) as resp:
        next(resp.iter_lines())  # read the first line, then hang up
    import time

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and live.state(token, sid)["draft"]["d"] != 8000:
        time.sleep(0.1)
    assert live.state(token, sid)["draft"]["d"] == 8000


def test_keepalive_comments_while_a_turn_works(tmp_path: Path) -> None:
    """Long turns keep the stream alive with ":" comments and heartbeats (a slow song analysis here)."""
    from skill.local.app import BackendConfig

    from .conftest import click_track

    live = Live(tmp_path, BackendConfig(keepalive_s=0.01)).start()
    try:
        token = live.token()
        sid = live.session(token)
        live.upload(token, sid, ("long.wav", click_track(seconds=180.0)))
        body = {
            "app_name": "nemo_agent",
            "user_id": "me",
            "session_id": sid,
            "new_message": {"parts": [{"text": "make the best 30 second highlight"}]},
        }
        with live.http.stream("POST", "/run_sse", headers=live.auth(token), json=body) as resp:
            lines = [line for line in resp.iter_lines() if line]
        assert any(line.startswith(":") for line in lines)
        assert any(line == 'data: {"type":"heartbeat","stage":"analysing"}' for line in lines)
        assert "30 seconds" in lines[-1]
    finally:
        live.stop()
