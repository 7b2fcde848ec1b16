"""Rendered files carry the mix: measured from the MP4's decoded AAC, as a viewer hears it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from skill.local.engine import render_highlight
from skill.local.engine.render import RenderSpec, render_video

from .probe import ffprobe
from .sound import SR, band_db, integrated_lufs, read_audio, tone, true_peak_db, write_clip
from .stills import per_shot
from .synth import Song, write_wav

MUSIC_HZ, A_HZ = 330.0, 1000.0
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("mix-render")
    t = np.arange(10 * SR) / SR
    photo = d / "photo.png"
    Image.new("RGB", (64, 48), (20, 200, 30)).save(photo)
    return {
        "music": write_wav(d / "music.wav", (0.25 * np.sin(2 * np.pi * MUSIC_HZ * t)).astype(np.float32), SR),
        "photo": photo,
        "a": write_clip(d / "a.mp4", seconds=4, sound=tone(A_HZ, 0.2)),
        "b": write_clip(d / "b.mp4", seconds=3, sound=None),
    }


def _spec(media: dict[str, Path], **kw: object) -> RenderSpec:
    spec = RenderSpec(
        song_path=media["music"],
        start_s=1.0,
        duration_s=6.0,
        width=64,
        height=48,
        cut_times_s=(1.0, 2.0, 3.0, 4.0, 5.0),
        clips=per_shot((media["a"], media["photo"], media["b"]), (1.0, 2.0, 3.0, 4.0, 5.0)),
    )
    return dataclasses.replace(spec, **kw)  # type: ignore[arg-type]


def _render(spec: RenderSpec, out: Path) -> np.ndarray:
    render_video(spec, out)
    return read_audio(out)


def test_render_mixes_clip_sound_and_ducks_the_music(media: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "mix.mp4"
    y = _render(_spec(media), out)
    streams = {s["codec_type"]: s for s in ffprobe(out)["streams"]}
    video_s = int(streams["video"]["nb_frames"]) / 30
    assert abs(y.shape[1] / SR - video_s) <= 1 / 30  # A/V end together, within a frame
    # clip a is segments 0 and 3; the photo (1, 4) and the silent clip (2, 5) add nothing
    on = [band_db(y, SR, A_HZ, k + 0.05, k + 0.95) for k in (0, 3)]
    off = [band_db(y, SR, A_HZ, k + 0.05, k + 0.95) for k in (1, 2, 4, 5)]
    assert min(on) > -30 and max(off) < min(on) - 35, (on, off)
    outside = band_db(y, SR, MUSIC_HZ, 1.7, 2.8)
    assert band_db(y, SR, MUSIC_HZ, 3.1, 3.9) <= outside - 6
    assert abs(integrated_lufs(y, SR) - -14.0) <= 1.0
    assert true_peak_db(y) <= -1.0


def test_render_music_only_and_muted_shot(media: dict[str, Path], tmp_path: Path) -> None:
    only = _render(_spec(media, keep_clip_audio=False), tmp_path / "only.mp4")
    assert max(band_db(only, SR, A_HZ, k + 0.05, k + 0.95) for k in range(6)) < -60
    muted = _render(_spec(media, clip_gains=(1.0, 1.0, 1.0, 0.0)), tmp_path / "muted.mp4")
    assert band_db(muted, SR, A_HZ, 0.05, 0.95) > -30
    assert band_db(muted, SR, A_HZ, 3.05, 3.95) < -60


def test_render_local_path_keeps_clip_sound(
    song_120: tuple[Song, Path], media: dict[str, Path], tmp_path: Path
) -> None:
    _, wav = song_120
    out = tmp_path / "hl.mp4"
    result = render_highlight(wav, out, seconds=6, aspect="1:1", pace="bar", clips=[media["a"]])
    y = read_audio(out)
    assert band_db(y, SR, A_HZ, 0.5, result.duration_s - 0.5) > -35
    assert abs(integrated_lufs(y, SR) - -14.0) <= 1.0
    assert true_peak_db(y) <= -1.0


def test_three_minute_render_keeps_sound_and_picture_together(media: dict[str, Path], tmp_path: Path) -> None:
    t = np.arange(182 * SR) / SR
    song = write_wav(tmp_path / "long.wav", (0.2 * np.sin(2 * np.pi * MUSIC_HZ * t)).astype(np.float32), SR)
    spec = RenderSpec(
        song_path=song,
        start_s=1.0,
        duration_s=180.0,
        width=64,
        height=48,
        cut_times_s=(170.0, 172.0, 174.0, 176.0, 178.0),
        clips=per_shot((media["photo"], media["a"]), (170.0, 172.0, 174.0, 176.0, 178.0)),  # in turn
    )
    out = tmp_path / "long.mp4"
    y = _render(spec, out)
    streams = {s["codec_type"]: s for s in ffprobe(out)["streams"]}
    video_s = int(streams["video"]["nb_frames"]) / 30
    assert video_s == 180.0 and abs(y.shape[1] / SR - video_s) <= 1 / 30
    on = band_db(y, SR, A_HZ, 178.02, 178.98)
    assert on > -30
    for a, b in ((169.9, 169.99), (176.9, 176.99)):
        assert band_db(y, SR, A_HZ, a, b) < on - 30  # nothing before its cuts: no drift at 3 minutes
    assert band_db(y, SR, A_HZ, 178.012, 178.03) > on - 6  # and there from the first frame of the shot
