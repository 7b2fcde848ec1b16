"""Fixtures for end-to-end runs of the CLI on the embedded backend, as a new user would run it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.env import child_env

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "examples"))

from make_track import synthesise, write_wav  # noqa: E402

# What must never reach a user: tokens, auth headers, raw JSON envelopes, tracebacks, tool calls,
# and GUI instructions the translator should have rewritten.
LEAKS = [
    re.compile(r"nmv_usr_"),
    re.compile(r"\bBearer\b"),
    re.compile(r"Traceback \(most recent call last\)"),
    re.compile(r"\"code\"\s*:\s*\d"),
    re.compile(r"\"success\"\s*:"),
    re.compile(r"functionCall|functionResponse|tool_call|tool_result"),
    re.compile(r"(?i)\bclick(ing)?\b.{0,30}\b(button|export|tab|menu|panel)\b"),
    re.compile(r"(?i)\bdrag\b.{0,40}\b(timeline|onto|into)\b"),
    re.compile(r"点击|點擊|拖拽|拖放"),
]


def assert_no_leaks(text: str) -> None:
    """Fail if ``text`` shows the user anything in LEAKS."""
    for pattern in LEAKS:
        match = pattern.search(text)
        assert match is None, (
            f"leaked {pattern.pattern!r}: ...{text[max(0, match.start() - 80) : match.end() + 80]}..."
        )


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def events(self) -> list[dict[str, object]]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def song(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 24-second synthesised song at 120 BPM with a verse/chorus structure."""
    path = tmp_path_factory.mktemp("media") / "summer song.wav"
    write_wav(path, synthesise(bpm=120.0, seconds=24.0))
    return path


@pytest.fixture
def cli(home: Path, tmp_path: Path) -> Callable[..., Run]:
    """Run ``music-to-best`` as a subprocess with a fresh HOME, in ``tmp_path``, on the embedded backend."""
    env = child_env()

    def run(*args: str, timeout: float = 180) -> Run:
        proc = subprocess.run(
            [sys.executable, "-m", "skill", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        result = Run(proc.returncode, proc.stdout, proc.stderr)
        assert_no_leaks(result.stdout + result.stderr)
        return result

    return run


def probe(path: Path) -> dict[str, object]:
    """Read an MP4's streams with PyAV: codec, size, pixel format and duration of each."""
    import av

    with av.open(str(path)) as container:
        video = container.streams.video[0]
        audio = container.streams.audio[0]
        return {
            "vcodec": video.codec_context.name,
            "width": video.codec_context.width,
            "height": video.codec_context.height,
            "pix_fmt": video.codec_context.pix_fmt,
            "acodec": audio.codec_context.name,
            "duration_s": float(container.duration or 0) / 1_000_000,
        }
