"""Fixtures for the local backend: synthetic songs, and the real app under uvicorn on a free loopback port."""

from __future__ import annotations

import io
import uuid
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from skill.local.app import BackendConfig
from skill.local.server import EmbeddedServer
from skill.settings import Settings

ATTRIBUTION = {"X-Skill-Source": "music-to-best", "X-Skill-Version": "0.1.0", "X-Skill-Platform": "unknown"}
# a small upload limit for the 4002 tests; real songs in these tests stay well under it
TEST_UPLOAD_MAX_BYTES = 4 * 1024 * 1024


def click_track(seconds: float = 20.0, bpm: float = 120.0, sr: int = 22050, seed: int = 7) -> bytes:
    """A WAV of decaying clicks on every beat (accented each bar) over a soft chord, made with numpy."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n = int(seconds * sr)
    t = np.arange(n) / sr
    y = 0.08 * (np.sin(2 * np.pi * 220 * t) + np.sin(2 * np.pi * 277 * t) + np.sin(2 * np.pi * 330 * t))
    click_n = int(0.05 * sr)
    env = np.exp(-np.arange(click_n) / (0.008 * sr))
    beat_s = 60.0 / bpm
    for k, start in enumerate(np.arange(0.0, seconds, beat_s)):
        i = int(start * sr)
        m = min(click_n, n - i)
        gain = 1.0 if k % 4 == 0 else 0.6
        y[i : i + m] += gain * env[:m] * (rng.standard_normal(m) * 0.5 + np.sin(2 * np.pi * 1500 * t[:m]))
    pcm = (y / np.max(np.abs(y)) * 0.8 * 32767).astype("<i2")
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes(pcm.tobytes())
    return buf.getvalue()


class Live:
    """One running backend and an httpx client for it, plus protocol helpers."""

    def __init__(self, data_dir: Path, config: BackendConfig | None = None) -> None:
        self.data_dir = data_dir
        self.config = config or BackendConfig(
            upload_max_bytes=TEST_UPLOAD_MAX_BYTES, upload_drain_bytes=1 << 20
        )
        self.settings = Settings(data_dir=data_dir, config_dir=data_dir / "config")
        self.server = EmbeddedServer(self.settings, config=self.config)
        self.client: httpx.Client | None = None

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> Live:
        self.server.start()
        self.client = httpx.Client(base_url=self.url, timeout=60.0, trust_env=False)
        return self

    def stop(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        self.server.stop()

    @property
    def http(self) -> httpx.Client:
        if self.client is None:
            raise RuntimeError("server not started")
        return self.client

    def token(self, client_id: str | None = None) -> str:
        r = self.http.post(
            "/api/auth/anonymous-token", headers={"X-Client-Id": client_id or str(uuid.uuid4())}
        )
        assert r.status_code == 200, r.text
        return str(r.json()["data"]["token"])

    def auth(self, token: str, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}", **ATTRIBUTION, **extra}

    def session(self, token: str, language: str = "en") -> str:
        r = self.http.post(
            "/api/tasks/me/with-session/nemo_agent",
            headers=self.auth(token),
            json={"task_name": "project", "language": language},
        )
        assert r.status_code == 200, r.text
        return str(r.json()["data"]["session_id"])

    def upload(self, token: str, sid: str, *files: tuple[str, bytes]) -> httpx.Response:
        parts = [("files", (name, data, "application/octet-stream")) for name, data in files]
        return self.http.post(f"/api/upload-video/nemo_agent/me/{sid}", headers=self.auth(token), files=parts)

    def say(self, token: str, sid: str, text: str) -> list[dict[str, Any]]:
        """Run one chat turn and return its parsed ``data:`` events (comments and blanks dropped)."""
        import json

        body = {
            "app_name": "nemo_agent",
            "user_id": "me",
            "session_id": sid,
            "new_message": {"role": "user", "parts": [{"text": text}]},
        }
        events = []
        headers = {**self.auth(token), "Accept": "text/event-stream"}
        with self.http.stream("POST", "/run_sse", headers=headers, json=body) as resp:
            assert resp.status_code == 200, resp.read().decode()
            for line in resp.iter_lines():
                if line.startswith("data:") and line[5:].strip():
                    events.append(json.loads(line[5:]))
        return events

    def state(self, token: str, sid: str) -> dict[str, Any]:
        r = self.http.get(f"/api/state/nemo_agent/me/{sid}/latest", headers=self.auth(token))
        assert r.status_code == 200, r.text
        value: dict[str, Any] = r.json()["data"]["state"]
        return value


def final_text(events: list[dict[str, Any]]) -> str:
    """The non-partial text of a turn (what the user is told)."""
    texts = [
        part["text"]
        for ev in events
        if not ev.get("partial") and "content" in ev
        for part in ev["content"]["parts"]
        if "text" in part
    ]
    assert texts, events
    return str(texts[-1])


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """One backend per test module, with its own data dir."""
    server = Live(tmp_path_factory.mktemp("backend")).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def song_wav() -> bytes:
    return click_track()


def make_clip_mp4(seconds: float = 2.0, size: tuple[int, int] = (320, 240), fps: int = 15) -> bytes:
    """A small H.264 MP4 of moving colour bars, made with PyAV (no committed media)."""
    import av
    import numpy as np

    buf = io.BytesIO()
    with av.open(buf, "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        for i in range(int(seconds * fps)):
            img = np.zeros((size[1], size[0], 3), dtype=np.uint8)
            img[:, :, 0] = (np.arange(size[0]) + i * 8) % 256
            img[:, :, 1] = 120
            img[:, :, 2] = (i * 20) % 256
            for packet in stream.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return buf.getvalue()


@pytest.fixture(scope="session")
def clip_mp4() -> bytes:
    return make_clip_mp4()
