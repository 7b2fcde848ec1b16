"""The clips' own sound through the chat: words in three languages become the timeline's sound ops,
the state shows them, and the exported MP4 carries (or drops) the clips' tone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from skill.timeline import from_draft

from .conftest import Live, final_text
from .engine.sound import band_db, read_audio, tone, write_clip
from .test_e2e import _wait

TONE_HZ = 1000.0


def _clip_bytes(tmp: Path, name: str, hz: float) -> bytes:
    return write_clip(tmp / name, seconds=6, sound=tone(hz, 0.2), size=(64, 48)).read_bytes()


@pytest.fixture
def session(live: Live, song_wav: bytes, tmp_path: Path) -> tuple[str, str]:
    token = live.token()
    sid = live.session(token)
    live.upload(
        token,
        sid,
        ("song.wav", song_wav),
        ("beach.mp4", _clip_bytes(tmp_path, "beach.mp4", TONE_HZ)),
        ("party.mp4", _clip_bytes(tmp_path, "party.mp4", 1500.0)),
    )
    final_text(live.say(token, sid, "use my clips and make a 6 second highlight"))
    return token, sid


def _video(state: dict[str, Any]) -> list[dict[str, Any]]:
    return next(t for t in state["draft"]["t"] if t["tt"] == 0)["sg"]


def _gains(live: Live, token: str, sid: str) -> dict[str, set[float]]:
    out: dict[str, set[float]] = {}
    for seg in _video(live.state(token, sid)):
        out.setdefault(seg["m"]["name"], set()).add(seg["m"].get("gain", 1.0))
    return out


def test_sound_words_edit_the_timeline(live: Live, session: tuple[str, str]) -> None:
    token, sid = session
    text = final_text(live.say(token, sid, "mute the sound of beach.mp4"))
    assert "beach.mp4" in text and "muted" in text
    assert _gains(live, token, sid) == {"beach.mp4": {0.0}, "party.mp4": {1.0}}
    text = final_text(live.say(token, sid, "the music is too loud over my clips"))
    assert "14 dB" in text
    assert live.state(token, sid)["draft"]["m"]["clip_audio"] == {"keep": True, "duck_db": 14.0}
    text = final_text(live.say(token, sid, "只要音乐"))
    assert "静音" in text
    assert live.state(token, sid)["draft"]["m"]["clip_audio"]["keep"] is False
    text = final_text(live.say(token, sid, "保留原聲"))
    assert "原聲" in text and "原声" not in text  # traditional in, traditional out
    assert _gains(live, token, sid) == {"beach.mp4": {1.0}, "party.mp4": {1.0}}
    text = final_text(live.say(token, sid, "make the clip sound quieter"))
    assert "71%" in text
    text = final_text(live.say(token, sid, "no ducking"))
    assert "no longer dips" in text
    text = final_text(live.say(token, sid, "mute holiday.mp4"))
    assert "holiday.mp4" in text and "no clip called" in text


def test_sound_words_before_a_highlight(live: Live, song_wav: bytes) -> None:
    token = live.token()
    sid = live.session(token)
    live.upload(token, sid, ("song.wav", song_wav))
    assert "no highlight yet" in final_text(live.say(token, sid, "mute the clip sound"))
    final_text(live.say(token, sid, "make a 5 second highlight"))
    assert "no clips on the timeline" in final_text(live.say(token, sid, "music only"))


@pytest.mark.slow
def test_export_plays_the_clip_sound_then_music_only(
    live: Live, session: tuple[str, str], tmp_path: Path
) -> None:
    token, sid = session
    levels = {}
    for name, words in (("kept", None), ("music_only", "music only")):
        if words:
            final_text(live.say(token, sid, words))
        r = live.http.post(
            "/api/render/proxy/lambda",
            headers=live.auth(token),
            json={"id": f"render_{name}", "sessionId": sid},
        )
        assert r.status_code == 200, r.text
        data = _wait(live, token, f"render_{name}")
        assert data["status"] == "completed", data
        path = tmp_path / f"{name}.mp4"
        path.write_bytes(live.http.get(data["outputUrl"], headers=live.auth(token)).content)
        y = read_audio(path)
        beach = [s for s in _video(live.state(token, sid)) if s["m"]["name"] == "beach.mp4"]
        levels[name] = max(
            band_db(y, 48000, TONE_HZ, s["st"] / 1000 + 0.05, (s["st"] + s["d"]) / 1000 - 0.05)
            for s in beach
            if s["d"] > 200
        )
    assert levels["kept"] > -35, levels
    assert levels["music_only"] < levels["kept"] - 30, levels


def test_clip_sound_outlives_a_recut_and_keep_quieter_turns_it_on(
    live: Live, session: tuple[str, str], tmp_path: Path
) -> None:
    token, sid = session
    final_text(live.say(token, sid, "mute beach.mp4"))
    text = final_text(live.say(token, sid, "make it 8 seconds"))
    assert _gains(live, token, sid) == {"beach.mp4": {0.0}, "party.mp4": {1.0}}, text
    final_text(live.say(token, sid, "cut on every bar"))
    assert _gains(live, token, sid) == {"beach.mp4": {0.0}, "party.mp4": {1.0}}
    r = live.http.post(
        "/api/render/proxy/lambda", headers=live.auth(token), json={"id": "render_recut", "sessionId": sid}
    )
    assert r.status_code == 200, r.text
    data = _wait(live, token, "render_recut")
    assert data["status"] == "completed", data
    path = tmp_path / "recut.mp4"
    path.write_bytes(live.http.get(data["outputUrl"], headers=live.auth(token)).content)
    y = read_audio(path)
    shots = _video(live.state(token, sid))

    def level(name: str, hz: float) -> float:
        return max(
            band_db(y, 48000, hz, s["st"] / 1000 + 0.05, (s["st"] + s["d"]) / 1000 - 0.05)
            for s in shots
            if s["m"]["name"] == name and s["d"] > 200
        )

    assert level("party.mp4", 1500.0) > level("beach.mp4", TONE_HZ) + 30  # the muted clip stays silent

    text = final_text(live.say(token, sid, "music only"))
    text = final_text(live.say(token, sid, "keep the clip sound but quieter"))
    assert from_draft(live.state(token, sid)["draft"]).clip_audio.keep is True, text
    assert _gains(live, token, sid)["party.mp4"] == {0.71} and "71%" in text
    final_text(live.say(token, sid, "music only"))
    text = final_text(live.say(token, sid, "turn the clips down"))
    assert "muted" in text and "%" not in text  # still music only: never "now at 50%"
    text = final_text(live.say(token, sid, "unmute the clips"))
    assert from_draft(live.state(token, sid)["draft"]).clip_audio.keep is True, text
