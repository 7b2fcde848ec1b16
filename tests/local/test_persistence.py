"""State survives restarts: every command of a conversation may be its own process on its own port."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from skill.local.renders import STOPPED_REASON

from .conftest import Live, final_text

pytestmark = pytest.mark.slow


def _status(live: Live, token: str, render_id: str) -> dict[str, Any]:
    r = live.http.get(f"/api/render/proxy/lambda/{render_id}", headers=live.auth(token))
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


def _wait(live: Live, token: str, render_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        data = _status(live, token, render_id)
        if data["status"] in ("completed", "failed"):
            return data
        time.sleep(0.2)
    raise AssertionError("render did not finish")


def _set_status(
    data_dir: Path, render_id: str, status: str, owner_pid: int = 0, owner_start: int | None = None
) -> None:
    """Simulate a crash (kill -9) that left a render in ``status``, owned by server process ``owner_pid``
    (started at ``owner_start``: by default that process's real start time, i.e. a live owner)."""
    from skill.local.owner import process_start

    start = process_start(owner_pid) if owner_start is None and owner_pid > 0 else (owner_start or 0)
    db = sqlite3.connect(data_dir / "local" / "backend.sqlite3")
    with db:
        db.execute(
            "UPDATE renders SET status = ?, progress = 42, owner_pid = ?, owner_start = ? WHERE render_id = ?",
            (status, owner_pid, start, render_id),
        )
    db.close()


def test_everything_survives_a_restart(tmp_path: Path, song_wav: bytes) -> None:
    client_id = str(uuid.uuid4())
    first = Live(tmp_path).start()
    try:
        token = first.token(client_id)
        sid = first.session(token)
        up = first.upload(token, sid, ("keep.wav", song_wav)).json()["data"]["files"][0]
        final_text(first.say(token, sid, "make the best 6 second highlight, title 'Kept'"))
        draft = first.state(token, sid)["draft"]
        r = first.http.post(
            "/api/render/proxy/lambda",
            headers=first.auth(token),
            json={"id": "render_keep", "sessionId": sid},
        )
        assert r.status_code == 200
        assert _wait(first, token, "render_keep")["status"] == "completed"
        video = first.http.get("/api/render/proxy/render_keep/download", headers=first.auth(token)).content
        ct = first.http.post(
            "/api/auth/claim-token", headers=first.auth(token), json={"session_id": sid}
        ).json()
        claim = ct["data"]["claim_token"]
    finally:
        first.stop()

    second = Live(tmp_path).start()
    try:
        assert second.token(client_id) == token  # the same token for the same client id
        assert second.http.get("/api/credits/balance/simple", headers=second.auth(token)).status_code == 200
        state = second.state(token, sid)
        assert state["draft"]["d"] == draft["d"] and state["draft"]["t"][2] == draft["t"][2]
        bgm_src = state["draft"]["t"][1]["sg"][0]["m"]["src"]
        assert bgm_src.startswith(second.url), "media URLs follow the server's current port"
        assert [v["filename"] for v in state["video_infos"]] == ["keep.wav"]
        media = second.http.get(f"/api/media/{up['upload_id']}", headers=second.auth(token))
        assert media.content == song_wav
        assert _status(second, token, "render_keep")["status"] == "completed"
        assert (
            second.http.get("/api/render/proxy/render_keep/download", headers=second.auth(token)).content
            == video
        )
        assert "<video" in second.http.get("/workspace/claim", params={"ct": claim}).text
        # the conversation continues: undo reaches back into the first process's history
        final_text(second.say(token, sid, "undo"))
        assert second.state(token, sid)["draft"]["t"] == []
    finally:
        second.stop()


def test_render_running_at_a_crash_is_failed_with_a_reason(tmp_path: Path, song_wav: bytes) -> None:
    first = Live(tmp_path).start()
    try:
        token = first.token()
        sid = first.session(token)
        first.upload(token, sid, ("s.wav", song_wav))
        final_text(first.say(token, sid, "make the best 5 second highlight"))
        for rid in ("render_crash", "render_queued"):
            r = first.http.post(
                "/api/render/proxy/lambda", headers=first.auth(token), json={"id": rid, "sessionId": sid}
            )
            assert r.status_code == 200
            _wait(first, token, rid)
    finally:
        first.stop()
    _set_status(tmp_path, "render_crash", "processing")
    _set_status(tmp_path, "render_queued", "pending")
    second = Live(tmp_path).start()
    try:
        crashed = _status(second, token, "render_crash")
        assert crashed["status"] == "failed" and crashed["error"] == STOPPED_REASON
        resumed = _wait(second, token, "render_queued")
        assert resumed["status"] == "completed"
    finally:
        second.stop()


def test_stopping_mid_render_never_leaves_it_processing(tmp_path: Path, song_wav: bytes) -> None:
    first = Live(tmp_path).start()
    try:
        token = first.token()
        sid = first.session(token)
        first.upload(token, sid, ("s.wav", song_wav))
        final_text(first.say(token, sid, "make the best 20 second highlight"))
        r = first.http.post(
            "/api/render/proxy/lambda",
            headers=first.auth(token),
            json={"id": "render_stop", "sessionId": sid},
        )
        assert r.status_code == 200
        deadline = time.monotonic() + 30
        while _status(first, token, "render_stop")["status"] == "pending" and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        first.stop()
    assert not [
        t
        for t in threading.enumerate()
        if t.name.startswith(("render-worker", "local-backend", "chat-turn", "chat-analysis"))
    ]
    second = Live(tmp_path).start()
    try:
        data = _status(second, token, "render_stop")
        assert data["status"] in ("completed", "failed")
        if data["status"] == "failed":
            assert data["error"] == STOPPED_REASON
    finally:
        second.stop()


def _finished_render(tmp_path: Path, song_wav: bytes, render_id: str) -> str:
    """A server on ``tmp_path`` makes a highlight and renders it as ``render_id``, then stops; the token."""
    first = Live(tmp_path).start()
    try:
        token = first.token()
        sid = first.session(token)
        first.upload(token, sid, ("s.wav", song_wav))
        final_text(first.say(token, sid, "make the best 5 second highlight"))
        r = first.http.post(
            "/api/render/proxy/lambda", headers=first.auth(token), json={"id": render_id, "sessionId": sid}
        )
        assert r.status_code == 200
        _wait(first, token, render_id)
    finally:
        first.stop()
    return token


def test_renders_of_another_live_server_are_left_alone(tmp_path: Path, song_wav: bytes) -> None:
    """``serve`` and an embedded command may share a data dir: one must not fail the other's render."""

    token = _finished_render(tmp_path, song_wav, "render_other")
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _set_status(tmp_path, "render_other", "processing", owner_pid=other.pid)
        second = Live(tmp_path).start()
        try:
            assert _status(second, token, "render_other")["status"] == "processing"
        finally:
            second.stop()
    finally:
        other.kill()
        other.wait()
    third = Live(tmp_path).start()
    try:
        data = _status(third, token, "render_other")
        assert data["status"] == "failed" and data["error"] == STOPPED_REASON
    finally:
        third.stop()


def test_a_reused_pid_does_not_keep_a_dead_servers_render_running(tmp_path: Path, song_wav: bytes) -> None:
    """The render's server died; its PID now belongs to another live process (reuse): the render fails."""
    token = _finished_render(tmp_path, song_wav, "render_reused")
    stranger = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        # the dead server's PID is the stranger's now, but the recorded start time is the old process's
        _set_status(tmp_path, "render_reused", "processing", owner_pid=stranger.pid, owner_start=12345)
        second = Live(tmp_path).start()
        try:
            data = _status(second, token, "render_reused")
            assert data["status"] == "failed" and data["error"] == STOPPED_REASON
        finally:
            second.stop()
    finally:
        stranger.kill()
        stranger.wait()
