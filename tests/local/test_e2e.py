"""The whole job offline: upload → chat → export → poll → download a playable MP4."""

from __future__ import annotations

import io
import time
from typing import Any

import pytest

from .conftest import Live, final_text

pytestmark = pytest.mark.slow


def _wait(live: Live, token: str, render_id: str, timeout_s: float = 240) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    seen = []
    while time.monotonic() < deadline:
        r = live.http.get(f"/api/render/proxy/lambda/{render_id}", headers=live.auth(token))
        assert r.status_code == 200, r.text
        data: dict[str, Any] = r.json()["data"]
        seen.append((data["status"], data["progress"]))
        if data["status"] in ("completed", "failed"):
            assert all(s in ("pending", "processing", "completed", "failed") for s, _ in seen)
            return data
        time.sleep(0.2)
    raise AssertionError(f"render did not finish: {seen[-3:]}")


def test_upload_chat_render_download(live: Live, song_wav: bytes) -> None:
    import av

    token = live.token()
    sid = live.session(token)
    assert live.upload(token, sid, ("My Song.wav", song_wav)).status_code == 200
    text = final_text(
        live.say(token, sid, "sync the visuals to the beat and make the best 10 second highlight")
    )
    assert "click Export" in text
    draft = live.state(token, sid)["draft"]
    render_id = f"render_{int(time.time() * 1000)}"
    r = live.http.post(
        "/api/render/proxy/lambda",
        headers=live.auth(token),
        json={
            "id": render_id,
            "sessionId": sid,
            "draft": draft,
            "output": {"format": "mp4", "quality": "high"},
        },
    )
    assert r.status_code == 200, r.text
    assert r.json() == {"success": True, "data": r.json()["data"]}
    assert r.json()["data"]["id"] == render_id and r.json()["data"]["status"] == "pending"
    assert r.json()["data"]["progress"] == 0
    data = _wait(live, token, render_id)
    assert data["status"] == "completed", data
    assert data["progress"] == 100
    url = data["outputUrl"]
    assert url == data["output"]["url"]
    assert url.startswith(f"{live.url}/api/render/proxy/{render_id}/download?key=")
    assert token not in url
    video = live.http.get(url, headers=live.auth(token))
    assert video.status_code == 200 and video.headers["content-type"] == "video/mp4"
    # the output URL is a signed link (a browser can open it); the plain path needs the token
    assert live.http.get(url).content == video.content
    plain = f"/api/render/proxy/{render_id}/download"
    assert live.http.get(plain).status_code == 401
    assert live.http.get(plain, headers=live.auth(token)).content == video.content
    assert live.http.get(plain + "?key=wrong").status_code == 401
    assert live.http.get(plain, headers=live.auth(live.token())).status_code == 404
    with av.open(io.BytesIO(video.content)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert (stream.codec_context.width, stream.codec_context.height) == (1920, 1080)
        assert container.streams.audio, "the song is in the video"
        assert float(container.duration) / 1e6 == pytest.approx(10.0, abs=0.25)
    # Range requests work (players seek)
    part = live.http.get(url, headers={**live.auth(token), "Range": "bytes=0-99"})
    assert part.status_code == 206 and len(part.content) == 100
    # the same id again is the same render, not a second one
    again = live.http.post(
        "/api/render/proxy/lambda", headers=live.auth(token), json={"id": render_id, "sessionId": sid}
    )
    assert again.json()["data"]["status"] == "completed"
    # the project page plays it
    ct = live.http.post("/api/auth/claim-token", headers=live.auth(token), json={"session_id": sid}).json()[
        "data"
    ]
    page = live.http.get("/workspace/claim", params={"ct": ct["claim_token"]}).text
    assert "<video" in page and "My Song.wav" in page
    played = live.http.get("/workspace/claim/video", params={"ct": ct["claim_token"]})
    assert played.status_code == 200 and played.content == video.content
    state = live.state(token, sid)
    assert state["generated_media"][-1]["url"] == url


def test_render_uses_the_session_draft_and_clips(live: Live, song_wav: bytes, clip_mp4: bytes) -> None:
    import av

    token = live.token()
    sid = live.session(token)
    live.upload(token, sid, ("s.wav", song_wav), ("city.mp4", clip_mp4))
    final_text(live.say(token, sid, "use my clips, make a square 4 second highlight with title 'Neon'"))
    r = live.http.post(
        "/api/render/proxy/lambda", headers=live.auth(token), json={"id": "render_clips", "sessionId": sid}
    )
    assert r.status_code == 200, r.text
    data = _wait(live, token, "render_clips")
    assert data["status"] == "completed", data
    video = live.http.get(data["outputUrl"], headers=live.auth(token)).content
    with av.open(io.BytesIO(video)) as container:
        ctx = container.streams.video[0].codec_context
        assert (ctx.width, ctx.height) == (1080, 1080)


def test_cancel_a_render(live: Live, song_wav: bytes) -> None:
    token = live.token()
    sid = live.session(token)
    live.upload(token, sid, ("s.wav", song_wav))
    final_text(live.say(token, sid, "make the best 20 second highlight"))
    r = live.http.post(
        "/api/render/proxy/lambda", headers=live.auth(token), json={"id": "render_c", "sessionId": sid}
    )
    assert r.status_code == 200
    r = live.http.post("/api/render/proxy/lambda/render_c/cancel", headers=live.auth(token))
    assert r.status_code == 200 and r.json()["success"] is True
    data = _wait(live, token, "render_c")
    assert data["status"] == "failed" and "cancel" in data["error"]
    r = live.http.get("/api/render/proxy/render_c/download", headers=live.auth(token))
    assert r.status_code == 409
