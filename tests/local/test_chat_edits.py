"""The creator's edits through the chat: words in three languages become ops, the draft keeps them, and
the exported MP4 shows them (fade to black and silence, a crossfade's blended frames, a caption in the
lower third, the second chorus of a song with known sections)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from .conftest import Live, final_text
from .engine.conftest import STRUCTURE
from .engine.probe import decode_audio_mono, decode_frames, rms_db
from .engine.synth import make_song, write_wav
from .test_e2e import _wait

SONG = make_song(bpm=128, structure=STRUCTURE, seed=3)
CHORUSES = [s for label, s, _ in SONG.sections if label == "chorus"]


def _png(rgb: tuple[int, int, int]) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (96, 160), rgb).save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture
def session(live: Live, tmp_path: Path) -> tuple[str, str]:
    token = live.token()
    sid = live.session(token)
    wav = write_wav(tmp_path / "song.wav", SONG.y, SONG.sr).read_bytes()
    live.upload(
        token, sid, ("song.wav", wav), ("red.png", _png((220, 30, 30))), ("blue.png", _png((30, 40, 220)))
    )
    final_text(live.say(token, sid, "use my photos and make a 6 second highlight"))
    return token, sid


def _meta(live: Live, token: str, sid: str) -> dict[str, Any]:
    meta: dict[str, Any] = live.state(token, sid)["draft"]["m"]
    return meta


def _song_start(live: Live, token: str, sid: str) -> float:
    bgm = next(t for t in live.state(token, sid)["draft"]["t"] if t["tt"] == 1)
    return float(bgm["sg"][0]["m"].get("start_ms", 0)) / 1000


def test_words_in_three_languages_edit_the_draft(live: Live, session: tuple[str, str]) -> None:
    token, sid = session
    text = final_text(live.say(token, sid, "start at the second chorus"))
    assert "chorus" in text
    text = final_text(live.say(token, sid, "结尾淡出2秒，转场用叠化"))
    assert "淡出" in text and "叠化" in text
    meta = _meta(live, token, sid)
    assert meta["fade_out_ms"] == 2000 and meta["look"]["transition"] == "crossfade"
    text = final_text(live.say(token, sid, "請不要轉場"))
    assert "硬切" in text and "鏡頭" in text  # traditional in, traditional out
    assert "look" not in _meta(live, token, sid) or _meta(live, token, sid)["look"].get("transition") in (
        None,
        "cut",
    )
    text = final_text(live.say(token, sid, "the cuts are a bit late"))
    assert "40 ms" in text and _meta(live, token, sid)["offset_ms"] == -40
    text = final_text(live.say(token, sid, "don't use the blue photo"))
    assert "blue.png" in text
    names = {
        s["m"].get("name") for t in live.state(token, sid)["draft"]["t"] if t["tt"] == 0 for s in t["sg"]
    }
    assert names == {"red.png"}
    text = final_text(live.say(token, sid, "put the title at the bottom"))
    assert "title" in text.lower()  # there is none yet: said plainly, nothing changed


@pytest.mark.slow
def test_export_shows_the_edits(live: Live, session: tuple[str, str], tmp_path: Path) -> None:
    token, sid = session
    final_text(
        live.say(
            token,
            sid,
            "start at the second chorus, fade out, crossfade between shots and add a caption 'see you' at the end",
        )
    )
    r = live.http.post(
        "/api/render/proxy/lambda", headers=live.auth(token), json={"id": "render_edits", "sessionId": sid}
    )
    assert r.status_code == 200, r.text
    data = _wait(live, token, "render_edits")
    assert data["status"] == "completed", data
    out = tmp_path / "edits.mp4"
    out.write_bytes(live.http.get(data["outputUrl"], headers=live.auth(token)).content)
    frames = decode_frames(out)
    fps = 30
    luma = frames.mean(axis=(1, 2, 3))
    assert luma[-1] < 6 and luma[-fps - 5] > 40  # the 1-s fade ends in black
    y = decode_audio_mono(out)
    assert rms_db(y, 48000, 5.95, 6.0) < rms_db(y, 48000, 2.0, 4.0) - 40  # ... and in silence
    # a crossfade between the red and the blue photo: frames with both colours half way
    r_, b_ = frames[..., 0].mean(axis=(1, 2)), frames[..., 2].mean(axis=(1, 2))
    blended = np.flatnonzero((r_ > 70) & (r_ < 180) & (b_ > 70) & (b_ < 180) & (luma > 40))
    assert blended.size >= 2
    # the caption: white letters in the lower third of the last seconds, none above
    f = frames[-int(2.2 * fps)].astype(np.int16)
    white = (f.min(axis=-1) > 200).nonzero()[0]
    h = frames.shape[1]
    assert white.size > 100 and white.min() > 2 * h / 3
    start = _song_start(live, token, sid)
    assert start == pytest.approx(CHORUSES[1], abs=0.06)


def test_undo_redo_and_start_over_keep_the_uploads(live: Live, session: tuple[str, str]) -> None:
    token, sid = session
    final_text(live.say(token, sid, "fade out"))
    assert _meta(live, token, sid)["fade_out_ms"] == 1000
    final_text(live.say(token, sid, "undo"))
    assert "fade_out_ms" not in _meta(live, token, sid)
    assert "Redone" in final_text(live.say(token, sid, "redo"))
    assert _meta(live, token, sid)["fade_out_ms"] == 1000
    assert "nothing to redo" in final_text(live.say(token, sid, "redo"))
    text = final_text(live.say(token, sid, "重新开始"))
    assert "上传" in text
    assert not any(t.get("sg") for t in live.state(token, sid)["draft"].get("t", []))
    final_text(live.say(token, sid, "撤销"))
    assert _meta(live, token, sid)["fade_out_ms"] == 1000  # start over is undone like any edit
    final_text(live.say(token, sid, "start over"))
    text = final_text(live.say(token, sid, "make a 5 second highlight with my photos"))
    assert "red.png" in text  # the uploads are still there
