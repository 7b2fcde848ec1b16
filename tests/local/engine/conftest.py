"""Engine fixtures: synthetic songs (fixed seeds) written as WAV, MP3 and M4A in a session temp dir."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from .synth import Song, make_song, write_wav

STRUCTURE = [("intro", 2), ("verse", 4), ("chorus", 4), ("verse", 4), ("chorus", 4), ("verse", 2)]


def encode_with_ffmpeg(src: Path, dst: Path) -> Path:
    """Encode a WAV to MP3/M4A with the system ffmpeg (apt package ffmpeg)."""
    codec = {".mp3": ["-c:a", "libmp3lame", "-b:a", "192k"], ".m4a": ["-c:a", "aac", "-b:a", "192k"]}[
        dst.suffix
    ]
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), *codec, str(dst)], check=True, timeout=60)
    return dst


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("engine-media")


@pytest.fixture(scope="session")
def song_120(media_dir: Path) -> tuple[Song, Path]:
    song = make_song(bpm=120, seconds=12, seed=7)
    return song, write_wav(media_dir / "song120.wav", song.y, song.sr)


@pytest.fixture(scope="session")
def structured_song(media_dir: Path) -> tuple[Song, Path]:
    song = make_song(bpm=128, structure=STRUCTURE, seed=3)
    return song, write_wav(media_dir / "structured.wav", song.y, song.sr)


@pytest.fixture(scope="session")
def noise_wav(media_dir: Path) -> Path:
    rng = np.random.default_rng(11)
    y = (0.2 * rng.standard_normal(22050 * 8)).astype(np.float32)
    return write_wav(media_dir / "noise.wav", y, 22050)
