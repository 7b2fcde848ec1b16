"""Bad input gives a clear EngineError and never a file at the output path."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

from skill.local.engine import (
    AudioDecodeError,
    EngineError,
    NoAudioError,
    OutputPathError,
    RenderCancelled,
    RenderSpec,
    SilentAudioError,
    TooShortError,
    analyse_track,
    render_highlight,
    render_video,
)

from .synth import Song, make_song, write_wav


def test_every_error_has_a_message_and_exit_code() -> None:
    err = TooShortError("The audio is 2.0 s long; at least 4 s is needed")
    assert isinstance(err, EngineError)
    assert err.message.startswith("The audio")
    assert err.exit_code == 1


def test_corrupt_and_non_audio(tmp_path: Path) -> None:
    junk = tmp_path / "junk.mp3"
    junk.write_bytes(np.random.default_rng(0).integers(0, 256, 50_000, dtype=np.uint8).tobytes())
    text = tmp_path / "notes.wav"
    text.write_text("not audio at all", encoding="utf-8")
    for path in (junk, text):
        with pytest.raises(AudioDecodeError) as info:
            analyse_track(path)
        assert "\n" not in info.value.message
    with pytest.raises(AudioDecodeError):
        analyse_track(tmp_path / "missing.wav")


def test_video_without_audio(tmp_path: Path) -> None:
    mp4 = tmp_path / "silent_video.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "color=c=red:s=64x64:r=10:d=2",
            "-c:v",
            "libx264",
            str(mp4),
        ],
        check=True,
        timeout=60,
    )
    with pytest.raises(NoAudioError):
        analyse_track(mp4)


def test_silence_and_too_short(tmp_path: Path) -> None:
    with pytest.raises(SilentAudioError):
        analyse_track(write_wav(tmp_path / "silence.wav", np.zeros(22050 * 6, np.float32), 22050))
    song = make_song(bpm=120, seconds=2, seed=0)
    short = write_wav(tmp_path / "short.wav", song.y[: 2 * song.sr], song.sr)
    with pytest.raises(TooShortError):
        analyse_track(short)


def test_unwritable_output_is_checked_first(song_120: tuple[Song, Path], tmp_path: Path) -> None:
    _, wav = song_120
    with pytest.raises(OutputPathError):
        render_highlight(wav, tmp_path / "no" / "such" / "dir" / "out.mp4")
    with pytest.raises(OutputPathError):
        render_highlight(wav, tmp_path)
    if os.geteuid() == 0:
        return  # root can write anywhere
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(OutputPathError):
            render_highlight(wav, locked / "out.mp4")
    finally:
        locked.chmod(0o700)


def test_cancel_leaves_nothing(song_120: tuple[Song, Path], tmp_path: Path) -> None:
    _, wav = song_120
    out = tmp_path / "out.mp4"
    spec = RenderSpec(song_path=wav, start_s=0.0, duration_s=4.0, width=320, height=180)
    with pytest.raises(RenderCancelled):
        render_video(spec, out, should_cancel=lambda: True)
    assert list(tmp_path.iterdir()) == []
