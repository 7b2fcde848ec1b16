"""The loudness promise holds in the file a viewer gets, not only in the mix before AAC.

Clip sound that is clipped (a phone's knock, a square-edged recording) rings when AAC drops its top
octave: a mix limited to -1 dBTP came out of the encoder at +0.5 dBTP on a real trial. Measured here
on the MP4's decoded audio with the tests' own meters (scipy's 4x true peak, pyloudnorm).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from skill.local.engine.aac import encoded_loudness, fit_after_aac
from skill.local.engine.render import RenderSpec, render_video

from .sound import SR, integrated_lufs, read_audio, true_peak_db, write_clip
from .synth import write_wav

pytestmark = pytest.mark.slow


def _crackle(seconds: float) -> np.ndarray:
    """Hard-clipped 3 ms bursts of noise twice a second: a clipped recording of taps and knocks."""
    n = round(seconds * SR)
    noise = np.clip(6.0 * np.random.default_rng(0).standard_normal(n), -1.0, 1.0)
    return (noise * (np.mod(np.arange(n) / SR, 0.5) < 0.003)).astype(np.float32)


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A song, and a camera-style clip whose sound is uncompressed PCM (as many cameras record it)."""
    d = tmp_path_factory.mktemp("encoded-peak")
    t = np.arange(8 * SR) / SR
    picture = write_clip(d / "picture.mp4", seconds=7, sound=None)
    sound = write_wav(d / "crackle.wav", _crackle(7.0), SR)
    clip = d / "crackle.mov"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-i", str(picture), "-i", str(sound)]
        + ["-c:v", "copy", "-c:a", "pcm_s16le", str(clip)],
        check=True,
        timeout=60,
    )
    return {
        "music": write_wav(d / "music.wav", (0.3 * np.sin(2 * np.pi * 220.0 * t)).astype(np.float32), SR),
        "crackle": clip,
    }


def test_clipped_clip_sound_keeps_the_ceiling_in_the_mp4(media: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.mp4"
    spec = RenderSpec(
        song_path=media["music"],
        start_s=0.5,
        duration_s=6.0,
        width=64,
        height=48,
        cut_times_s=(2.0, 4.0),
        clips=(media["crackle"],) * 3,
    )
    render_video(spec, out)
    y = read_audio(out)
    assert true_peak_db(y) <= spec.true_peak_db, true_peak_db(y)
    assert abs(integrated_lufs(y, SR) - spec.loudness_lufs) <= 1.0  # type: ignore[operator]


def test_fit_leaves_a_mix_alone_when_its_encode_already_keeps_the_promise() -> None:
    t = np.arange(4 * SR) / SR
    calm = np.repeat((0.1 * np.sin(2 * np.pi * 440.0 * t))[None, :], 2, axis=0).astype(np.float32)
    got = encoded_loudness(calm)
    fitted = fit_after_aac(calm, SR, target_lufs=got.integrated_lufs, ceiling_db=-1.0)
    assert fitted is calm
