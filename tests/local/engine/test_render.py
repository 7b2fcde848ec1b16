"""Rendered files, measured from the files themselves."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from skill.local.engine import ASPECT_SIZES, analyse_track, render_highlight

from .probe import detect_cuts, ffprobe, top_level_atoms
from .synth import Song

pytestmark = pytest.mark.slow
FPS = 30


def _check_file(path: Path, size: tuple[int, int]) -> tuple[float, float]:
    info = ffprobe(path)
    v = next(s for s in info["streams"] if s["codec_type"] == "video")
    a = next(s for s in info["streams"] if s["codec_type"] == "audio")
    assert (v["codec_name"], v["pix_fmt"], a["codec_name"]) == ("h264", "yuv420p", "aac")
    assert (v["width"], v["height"]) == size
    assert v["r_frame_rate"] == "30/1"
    atoms = top_level_atoms(path)
    assert atoms.index("moov") < atoms.index("mdat"), atoms
    vd, ad = float(v["duration"]), float(a["duration"])
    assert abs(vd - ad) <= 1 / FPS + 1e-6
    return vd, ad


def _assert_cuts_on_beats(path: Path, beats_rel: np.ndarray, planned: tuple[float, ...]) -> None:
    cuts = detect_cuts(path)
    assert cuts.size >= 0.9 * len(planned)
    beat_frames = beats_rel * FPS
    for c in cuts:
        assert np.min(np.abs(beat_frames - c)) <= 1.0, f"cut at frame {c} is not on a beat"


def test_full_track_16_9_generated_visuals_and_title(song_120: tuple[Song, Path], tmp_path: Path) -> None:
    song, wav = song_120
    out = tmp_path / "full.mp4"
    result = render_highlight(wav, out, aspect="16:9", title="夏日 Highlights 🎵 " + "very long title " * 8)
    assert result.path == out and out.is_file()
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())
    vd, _ = _check_file(out, ASPECT_SIZES["16:9"])
    assert vd == pytest.approx(analyse_track(wav).duration_s, abs=1 / FPS)
    _assert_cuts_on_beats(out, song.beats, result.cut_times_s)


def test_audio_is_the_exact_excerpt(song_120: tuple[Song, Path], tmp_path: Path) -> None:
    import av

    song, wav = song_120
    out = tmp_path / "hl.mp4"
    result = render_highlight(wav, out, seconds=5, aspect="1:1", pace="bar")
    _check_file(out, ASPECT_SIZES["1:1"])
    with av.open(str(out)) as c:
        got = np.concatenate([f.to_ndarray()[0] for f in c.decode(audio=0)])
    sr = 48000
    ref = song.y[int(result.start_s * song.sr) : int((result.start_s + 4) * song.sr)]
    ref = np.interp(np.arange(int(ref.size * sr / song.sr)) / sr, np.arange(ref.size) / song.sr, ref)
    seg = got[: ref.size + 4800]
    corr = np.correlate(seg[: ref.size + 2400], ref[: sr * 2], mode="valid")
    lag = int(np.argmax(corr))
    assert lag <= int(0.002 * sr), f"audio starts {lag / sr * 1000:.1f} ms late"
    assert got.size == pytest.approx(result.duration_s * sr, abs=sr / FPS)


@pytest.mark.parametrize("aspect", ["9:16", "1:1"])
def test_highlight_sizes_and_cuts(structured_song: tuple[Song, Path], tmp_path: Path, aspect: str) -> None:
    song, wav = structured_song
    out = tmp_path / f"hl-{aspect.replace(':', 'x')}.mp4"
    result = render_highlight(wav, out, seconds=6, aspect=aspect, pace="beat")
    _check_file(out, ASPECT_SIZES[aspect])
    _assert_cuts_on_beats(out, song.beats - result.start_s, result.cut_times_s)


def test_clips_and_photos(song_120: tuple[Song, Path], tmp_path: Path) -> None:
    from PIL import Image

    song, wav = song_120
    clip = tmp_path / "clip.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=4", "-c:v", "libx264",
         "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(clip)],
        check=True,
        timeout=60,
    )  # fmt: skip
    photo = tmp_path / "photo.png"
    grad = np.linspace(0, 255, 400, dtype=np.uint8)
    Image.fromarray(
        np.stack(
            [np.tile(grad, (300, 1)), np.full((300, 400), 30, np.uint8), np.tile(grad[::-1], (300, 1))],
            axis=-1,
        )
    ).save(photo)
    out = tmp_path / "clips.mp4"
    result = render_highlight(wav, out, seconds=6, aspect="9:16", pace="bar", clips=[clip, photo])
    _check_file(out, ASPECT_SIZES["9:16"])
    _assert_cuts_on_beats(out, song.beats - result.start_s, result.cut_times_s)


@pytest.mark.parametrize("suffix", [".mp3", ".m4a"])
def test_other_voicing_cuts_land_on_true_downbeats(tmp_path: Path, suffix: str) -> None:
    from .conftest import encode_with_ffmpeg
    from .synth import make_song_b, write_wav

    song = make_song_b("house", bpm=124, bars=8, seed=3, reverb=True)
    src = encode_with_ffmpeg(write_wav(tmp_path / "house.wav", song.y, song.sr), tmp_path / f"house{suffix}")
    out = tmp_path / "house.mp4"
    result = render_highlight(src, out, aspect="1:1", pace="bar")
    _check_file(out, ASPECT_SIZES["1:1"])
    cuts = detect_cuts(out)
    assert cuts.size >= len(song.downbeats) - 2
    for c in cuts:
        assert np.min(np.abs(song.downbeats * FPS - c)) <= 1.0, f"cut at frame {c} is not on a downbeat"
    assert result.beats_per_bar == 4


def test_clip_with_its_own_hard_cut(song_120: tuple[Song, Path], tmp_path: Path) -> None:
    song, wav = song_120
    clip = tmp_path / "scene_cut.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=30:d=5", "-f", "lavfi", "-i",
         "color=c=blue:s=640x360:r=30:d=5", "-filter_complex", "[0][1]concat=n=2:v=1", "-c:v", "libx264",
         "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(clip)],
        check=True,
        timeout=60,
    )  # fmt: skip
    out = tmp_path / "scene.mp4"
    result = render_highlight(wav, out, seconds=6, aspect="16:9", pace="bar", clips=[clip])
    _assert_cuts_on_beats(out, song.beats - result.start_s, result.cut_times_s)
