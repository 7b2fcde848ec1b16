"""Fixtures of the page tests: the CLI as a subprocess on a private data dir, and its page server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from skill.local.pageserver import info_path, stop_running


class Cli:
    """``python -m skill`` with this test's HOME/XDG dirs; stops the page server it started at the end."""

    def __init__(self, home: Path, env: dict[str, str] | None = None) -> None:
        self.home = home
        self.env = dict(os.environ if env is None else env)
        self.env.pop("SKILL_PAGE_SERVER", None)  # the default: export/state start the page server
        self.data_dir = Path(self.env["XDG_DATA_HOME"]) / "music-to-best"

    def run(self, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "skill", *args],
            capture_output=True,
            text=True,
            env=self.env,
            cwd=self.home,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )

    def json(self, *args: str, timeout: float = 240) -> dict[str, Any]:
        """Run with ``--json`` and return the result event (asserting success)."""
        done = self.run(*args, "--json", timeout=timeout)
        assert done.returncode == 0, (done.stdout, done.stderr)
        events = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
        results = [e for e in events if e["event"] == "result"]
        assert results, events
        return results[-1]

    def server_pid(self) -> int | None:
        try:
            return int(json.loads(info_path(self.data_dir).read_text())["pid"])
        except (OSError, ValueError, KeyError):
            return None

    def stop(self) -> None:
        stop_running(self.data_dir)


def private_env(home: Path) -> dict[str, str]:
    """The environment of a CLI run in ``home``: no NEMO_/SKILL_/proxy variables, private XDG dirs."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NEMO_", "SKILL_"))
        and k.lower() not in {"http_proxy", "https_proxy", "all_proxy"}
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
    )
    return env


@pytest.fixture
def cli(home: Path) -> Iterator[Cli]:
    runner = Cli(home)
    try:
        yield runner
    finally:
        runner.stop()


def write_song(path: Path, seconds: float = 16.0, bpm: float = 120.0, sr: int = 22050) -> Path:
    """A WAV of clicks on every beat (accented each bar) over a chord, so beats and bars are audible."""
    import wave

    import numpy as np

    rng = np.random.default_rng(3)
    n = int(seconds * sr)
    t = np.arange(n) / sr
    y = 0.06 * (np.sin(2 * np.pi * 220 * t) + np.sin(2 * np.pi * 277 * t) + np.sin(2 * np.pi * 330 * t))
    click = int(0.05 * sr)
    env = np.exp(-np.arange(click) / (0.008 * sr))
    for k, start in enumerate(np.arange(0.0, seconds, 60.0 / bpm)):
        i = int(start * sr)
        m = min(click, n - i)
        gain = 1.0 if k % 4 == 0 else 0.55
        y[i : i + m] += gain * env[:m] * (rng.standard_normal(m) * 0.5 + np.sin(2 * np.pi * 1500 * t[:m]))
    pcm = (y / np.max(np.abs(y)) * 0.8 * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes(pcm.tobytes())
    return path


def write_clip(
    path: Path, rgb: tuple[int, int, int], seconds: float = 3.0, size: tuple[int, int] = (320, 180)
) -> Path:
    """A small H.264 MP4 of one bright colour with a moving bar (made with PyAV, never committed)."""
    import av
    import numpy as np

    fps = 15
    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        for i in range(int(seconds * fps)):
            img = np.empty((size[1], size[0], 3), dtype=np.uint8)
            img[:] = rgb
            x = (i * 8) % size[0]
            img[:, x : x + 20] = 255
            for packet in stream.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path
