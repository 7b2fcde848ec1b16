"""Words a real-media trial found missing, through the chat on the local backend (EN, 简体, 繁體): only
some clips ("use only the box and cup clips", "只用 box 和 cup", "only use clip 3"), a level in words
("音量调到六成", "music at sixty percent"), the song's name asked ("what song is this?"), and the
title made longer or shorter by seconds ("make the title 2 s longer", "标题多显示两秒")."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from skill.timeline import Timeline, from_draft

from .conftest import Live, click_track, final_text, make_clip_mp4

_ID = re.compile(r"\b(?:up|upl|upload)_[0-9a-f]{6,}|[0-9a-f]{16,}")  # an upload id said to people


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (96, 160), (200, 120, 40)).save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture
def session(live: Live, tmp_path: Path) -> tuple[str, str]:
    token = live.token()
    sid = live.session(token)
    clip = make_clip_mp4(2.0, size=(160, 120))
    live.upload(
        token,
        sid,
        ("tune.wav", click_track(12.0, bpm=120.0)),
        ("box.mp4", clip),
        ("cup.mp4", clip),
        ("sunset.png", _png()),
    )
    final_text(live.say(token, sid, "use my clips and make a 6 second highlight"))
    return token, sid


def _timeline(live: Live, token: str, sid: str) -> Timeline:
    return from_draft(live.state(token, sid)["draft"])


def _shown(live: Live, token: str, sid: str) -> set[str]:
    return {s.source for s in _timeline(live, token, sid).shots}


def _turn(events: list[dict[str, Any]]) -> dict[str, Any]:
    turn: dict[str, Any] = next(e["customMetadata"]["turn"] for e in events if e.get("turnComplete"))
    return turn


def test_only_the_named_clips_in_three_languages(live: Live, session: tuple[str, str]) -> None:
    token, sid = session
    assert _shown(live, token, sid) == {"box.mp4", "cup.mp4", "sunset.png"}
    text = final_text(live.say(token, sid, "use only the box and cup clips"))
    assert _shown(live, token, sid) == {"box.mp4", "cup.mp4"}, text
    assert "sunset.png" in text and "only" in text and not _ID.search(text), text
    text = final_text(live.say(token, sid, "only use clip 3"))  # the third upload after the song
    assert _shown(live, token, sid) == {"sunset.png"}, text
    text = final_text(live.say(token, sid, "只用 box 和 cup"))
    assert _shown(live, token, sid) == {"box.mp4", "cup.mp4"}, text
    assert "只用" in text and "sunset.png" in text, text
    text = final_text(live.say(token, sid, "只用照片"))
    assert _shown(live, token, sid) == {"sunset.png"}, text
    text = final_text(live.say(token, sid, "僅用第一個和第二個影片"))
    assert _shown(live, token, sid) == {"box.mp4", "cup.mp4"}, text
    assert "現在只用" in text, text  # traditional in, traditional out


def test_a_clip_that_is_not_there_is_refused_by_name(live: Live, session: tuple[str, str]) -> None:
    token, sid = session
    before = live.state(token, sid)["draft"]
    events = live.say(token, sid, "only use clip 7")
    text = final_text(events)
    assert "7" in text and "3" in text and "#" not in text, text  # 3 uploads, no number 7
    assert live.state(token, sid)["draft"] == before
    assert _turn(events)["outcome"] == "partial"  # refused: never reported as done
    events = live.say(token, sid, "use only the kite and box clips")
    text = final_text(events)
    assert "kite" in text and live.state(token, sid)["draft"] == before, text
    assert _turn(events)["outcome"] == "partial"
    text = final_text(live.say(token, sid, "don't use clip 2"))  # a place in the order leaves one out
    assert _shown(live, token, sid) == {"box.mp4", "sunset.png"} and "cup.mp4" in text, text
    text = final_text(live.say(token, sid, "put clip 2 back"))
    assert _shown(live, token, sid) == {"box.mp4", "cup.mp4", "sunset.png"}, text
    assert "cup.mp4" in text and "#" not in text, text


@pytest.mark.parametrize(
    ("sentence", "percent"),
    [
        ("音量调到六成", 60),
        ("音乐音量百分之六十", 60),
        ("背景音樂調到七成半", 75),
        ("music at sixty percent", 60),
        ("volume to 0.6", 60),
        ("turn the music down to a third", 33),
        ("bgm 调到一半", 50),
        ("set the music volume to forty", 40),
    ],
)
def test_a_level_said_in_words(live: Live, session: tuple[str, str], sentence: str, percent: int) -> None:
    token, sid = session
    text = final_text(live.say(token, sid, sentence))
    assert round(_timeline(live, token, sid).song_volume * 100) == percent, text
    assert f"{percent}%" in text, text


def test_the_songs_name_is_the_answer(live: Live, tmp_path: Path) -> None:
    token = live.token()
    sid = live.session(token)
    text = final_text(live.say(token, sid, "what song is this?"))
    assert "song" in text.lower() and "upload" in text.lower(), text  # none yet: said so
    live.upload(token, sid, ("Night Drive.wav", click_track(8.0, bpm=100.0)))
    events = live.say(token, sid, "which track are you using?")
    text = final_text(events)
    assert "Night Drive.wav" in text and not _ID.search(text), text  # uploaded, no highlight yet
    assert not [e for e in events if "functionCall" in str(e.get("content", {}))]  # a question: no edit
    final_text(live.say(token, sid, "make a 5 second highlight"))
    before = live.state(token, sid)["draft"]
    text = final_text(live.say(token, sid, "这是什么歌"))
    assert "Night Drive.wav" in text and "BPM" in text and not _ID.search(text), text
    text = final_text(live.say(token, sid, "這首歌叫什麼？"))
    assert "Night Drive.wav" in text and "用的是" in text and "视频" not in text, text
    assert live.state(token, sid)["draft"] == before


def test_the_title_longer_or_shorter_by_seconds(live: Live, session: tuple[str, str]) -> None:
    token, sid = session
    events = live.say(token, sid, "make the title 2 s longer")
    text = final_text(events)
    assert _timeline(live, token, sid).title is None and "title" in text.lower(), text  # none: refused
    assert _turn(events)["outcome"] == "partial"
    final_text(live.say(token, sid, "title 'Road Trip'"))
    title = _timeline(live, token, sid).title
    assert title is not None and (title.start_s, title.end_s) == (0.0, 3.0)
    text = final_text(live.say(token, sid, "make the title 2 s longer"))
    title = _timeline(live, token, sid).title
    assert title is not None and title.end_s == pytest.approx(5.0) and title.text == "Road Trip", text
    assert _timeline(live, token, sid).duration_s == pytest.approx(6.0)  # the video's length is kept
    assert "0–5 s" in text, text
    text = final_text(live.say(token, sid, "title 1 second shorter"))
    title = _timeline(live, token, sid).title
    assert title is not None and title.end_s == pytest.approx(4.0), text
    text = final_text(live.say(token, sid, "标题多显示两秒"))  # 4 + 2 is the video's end: 6
    title = _timeline(live, token, sid).title
    assert title is not None and title.end_s == pytest.approx(6.0) and "6" in text, text
    before = live.state(token, sid)["draft"]
    events = live.say(token, sid, "標題再多顯示三秒")  # already to the end: refused, said so
    text = final_text(events)
    assert live.state(token, sid)["draft"] == before and "結尾" in text, text
    assert _turn(events)["outcome"] == "partial"
    text = final_text(live.say(token, sid, "make the title ten seconds shorter"))
    title = _timeline(live, token, sid).title
    assert title is not None and title.end_s - title.start_s == pytest.approx(0.5), text


def _edit(live: Live, token: str, sid: str, ops: Any) -> dict[str, Any]:
    r = live.http.post(f"/api/edit/nemo_agent/me/{sid}", headers=live.auth(token), json={"ops": ops})
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


def test_typed_ops_for_agents(live: Live, session: tuple[str, str]) -> None:
    """The same ops typed (``music-to-best edit``): by place, by kind, and their refusals' codes."""
    token, sid = session
    assert _edit(live, token, sid, {"op": "only_clips", "clips": ["#-1", "box"]})["ok"]
    assert _shown(live, token, sid) == {"box.mp4", "sunset.png"}
    assert _edit(live, token, sid, {"op": "only_clips", "kind": "clip"})["ok"]
    assert _shown(live, token, sid) == {"box.mp4", "cup.mp4"}
    refused = _edit(live, token, sid, {"op": "only_clips", "clips": ["#4"]})
    assert (refused["ok"], refused["code"]) == (False, "no_clip_number") and "4" in refused["message"]
    refused = _edit(live, token, sid, {"op": "title_style", "by_s": 2})
    assert (refused["ok"], refused["code"]) == (False, "need_title")
    assert _edit(live, token, sid, [{"op": "title", "text": "Go"}, {"op": "title_style", "by_s": 30}])["ok"]
    title = _timeline(live, token, sid).title
    assert title is not None and title.end_s == pytest.approx(6.0)  # clamped to the video
    refused = _edit(live, token, sid, {"op": "title_style", "by_s": 1})
    assert (refused["ok"], refused["code"]) == (False, "title_at_end")
