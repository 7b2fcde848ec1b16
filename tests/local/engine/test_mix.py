"""The mix: clips' own sound on their shots, ducking, no clicks at cuts, loudness and true peak.

Clips are made here with a known tone; the song is a steady 330 Hz tone, so the music's level can be
read at any moment beside the clips' sound. Loudness and peaks are measured with pyloudnorm and scipy,
not with the engine's meter.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from skill.local.engine.mix import build_mix
from skill.local.engine.renderplan import MusicPlan, RenderPlan, ShotPlan

from .sound import SR, band_db, integrated_lufs, tone, true_peak_db, write_clip
from .synth import write_wav

MUSIC_HZ = 330.0
A_HZ, BLIP_HZ, C_HZ = 1000.0, 2000.0, 1500.0
Q = 1 / 6000  # shots start a little into their clips: the tones are cut mid-wave, far from zero


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("mix-media")
    t = np.arange(12 * SR) / SR
    music = write_wav(d / "music.wav", (0.25 * np.sin(2 * np.pi * MUSIC_HZ * t)).astype(np.float32), SR)

    def a_sound(t: np.ndarray) -> np.ndarray:
        # a 1 kHz tone, and a 2 kHz blip at source time [1.0, 1.1): it shows where in the clip we are
        return 0.3 * np.sin(2 * np.pi * A_HZ * t) + np.where(
            (t >= 1.0) & (t < 1.1), 0.3 * np.sin(2 * np.pi * BLIP_HZ * t), 0.0
        )

    photo = d / "photo.png"
    Image.new("RGB", (64, 48), (200, 30, 30)).save(photo)
    return {
        "music": music,
        "photo": photo,
        "a": write_clip(d / "a.mp4", seconds=4, sound=a_sound),
        "b": write_clip(d / "b.mp4", seconds=2, sound=None),
        "c": write_clip(d / "c.mp4", seconds=3, sound=tone(C_HZ, 0.05), channels=1),
        "d": write_clip(d / "d.mp4", seconds=2, sound=tone(A_HZ, 0.3)),
    }


def _plan(media: dict[str, Path], **kw: object) -> RenderPlan:
    shots = (
        ShotPlan(0.0, 1.0, "photo", media["photo"]),
        ShotPlan(1.0, 2.0, "clip", media["a"], source_in_s=0.5 + Q),
        ShotPlan(2.0, 3.0, "clip", media["b"]),
        ShotPlan(3.0, 4.0, "clip", media["a"], source_in_s=2.0 + Q),
        ShotPlan(4.0, 5.0, "clip", media["c"], source_in_s=1.0 + Q),
        ShotPlan(5.0, 6.0, "generated"),
    )
    plan = RenderPlan(
        width=64, height=48, duration_s=6.0, music=MusicPlan(media["music"], song_start_s=2.0), shots=shots
    )
    return dataclasses.replace(plan, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def default_mix(media: dict[str, Path]) -> np.ndarray:
    mix, _ = build_mix(_plan(media), SR)
    return mix


def _windows(lo: float, hi: float, step: float = 0.05) -> list[tuple[float, float]]:
    return [(t, t + step) for t in np.arange(lo, hi - step + 1e-9, step)]


def test_length_is_whole_frames(default_mix: np.ndarray) -> None:
    assert default_mix.shape == (2, 6 * SR)
    assert default_mix.dtype == np.float32


def test_clip_tone_plays_during_exactly_its_shots(default_mix: np.ndarray) -> None:
    on = [
        band_db(default_mix, SR, A_HZ, a, b)
        for lo, hi in ((1, 2), (3, 4))
        for a, b in _windows(lo + 0.02, hi - 0.02)
    ]
    off = [
        band_db(default_mix, SR, A_HZ, a, b)
        for lo, hi in ((0, 1), (2, 3), (4, 6))
        for a, b in _windows(lo + 0.02, hi - 0.02)
    ]
    assert min(on) > -30, on
    assert max(off) < min(on) - 40, (max(off), min(on))
    # to the frame: nothing in the 10 ms before the cut, the tone in the 10 ms after it
    for cut in (1.0, 3.0):
        assert band_db(default_mix, SR, A_HZ, cut - 0.012, cut - 0.002) < min(on) - 30
        assert band_db(default_mix, SR, A_HZ, cut + 0.009, cut + 0.019) > min(on) - 3
        assert band_db(default_mix, SR, A_HZ, cut + 0.981, cut + 0.991) > min(on) - 3
        assert band_db(default_mix, SR, A_HZ, cut + 1.002, cut + 1.012) < min(on) - 30


def test_clip_sound_comes_from_the_shot_source_time(default_mix: np.ndarray) -> None:
    # shot 1 shows clip a from 0.5 s, so its 2 kHz blip (source 1.0-1.1 s) is at 1.5-1.6 s; shot 3 has none
    blip = band_db(default_mix, SR, BLIP_HZ, 1.51, 1.59)
    assert blip > -30
    for a, b in [*_windows(1.02, 1.48), *_windows(1.62, 1.98), *_windows(3.02, 3.98)]:
        assert band_db(default_mix, SR, BLIP_HZ, a, b) < blip - 30, (a, b)


def test_quiet_mono_clip_is_heard_and_levelled(default_mix: np.ndarray) -> None:
    c = band_db(default_mix, SR, C_HZ, 4.1, 4.9)
    music = band_db(default_mix, SR, MUSIC_HZ, 4.1, 4.9)
    assert c > music + 3, (c, music)  # a quiet clip is brought up over the ducked music
    assert band_db(default_mix, SR, C_HZ, 3.1, 3.9) < c - 40


def test_music_ducks_under_clip_sound_and_comes_back(default_mix: np.ndarray) -> None:
    outside = band_db(default_mix, SR, MUSIC_HZ, 0.2, 0.7)
    for lo, hi in ((1.05, 1.95), (3.05, 3.95), (4.05, 4.95)):
        assert band_db(default_mix, SR, MUSIC_HZ, lo, hi) <= outside - 6, (lo, hi)
    # the silent clip b: the music is back up between the release and the next attack
    assert abs(band_db(default_mix, SR, MUSIC_HZ, 2.7, 2.82) - outside) < 1.5
    assert abs(band_db(default_mix, SR, MUSIC_HZ, 5.5, 5.9) - outside) < 1.5


def test_no_clicks_at_cuts(default_mix: np.ndarray) -> None:
    d = np.abs(np.diff(default_mix, axis=1)).max(axis=0)
    for cut in (1.0, 2.0, 3.0, 4.0, 5.0):
        near = d[round((cut - 0.03) * SR) : round((cut + 0.03) * SR)].max()
        steady = max(
            d[round((cut - 0.3) * SR) : round((cut - 0.1) * SR)].max(),
            d[round((cut + 0.1) * SR) : round((cut + 0.3) * SR)].max(),
        )
        assert near <= 1.3 * steady + 1e-3, (cut, near, steady)


def test_loudness_and_true_peak(default_mix: np.ndarray) -> None:
    assert abs(integrated_lufs(default_mix, SR) - -14.0) <= 1.0
    assert true_peak_db(default_mix) <= -1.0


def test_muting_a_clip_removes_its_tone_and_the_duck(media: dict[str, Path]) -> None:
    plan = _plan(media)
    shots = tuple(dataclasses.replace(s, audio_gain=0.0) if s.source == media["a"] else s for s in plan.shots)
    mix, levels = build_mix(dataclasses.replace(plan, shots=shots), SR)
    assert levels.clip_shots == 1
    assert max(band_db(mix, SR, A_HZ, a, b) for a, b in _windows(0.0, 6.0)) < -60
    outside = band_db(mix, SR, MUSIC_HZ, 0.2, 0.7)
    assert abs(band_db(mix, SR, MUSIC_HZ, 1.3, 1.7) - outside) < 1.0
    assert band_db(mix, SR, C_HZ, 4.1, 4.9) > -40


def test_music_only_and_duck_off(media: dict[str, Path]) -> None:
    only, levels = build_mix(_plan(media, keep_clip_audio=False), SR)
    assert levels.clip_shots == 0
    for hz in (A_HZ, C_HZ):
        assert max(band_db(only, SR, hz, a, b) for a, b in _windows(0.0, 6.0)) < -60
    undocked, levels = build_mix(_plan(media, duck_db=0.0), SR)
    assert levels.ducked_s == 0
    outside = band_db(undocked, SR, MUSIC_HZ, 0.2, 0.7)
    assert abs(band_db(undocked, SR, MUSIC_HZ, 1.3, 1.7) - outside) < 1.0
    assert band_db(undocked, SR, A_HZ, 1.3, 1.7) > -40
    deep, _ = build_mix(_plan(media, duck_db=20.0), SR)
    assert band_db(deep, SR, MUSIC_HZ, 1.3, 1.7) <= band_db(deep, SR, MUSIC_HZ, 0.2, 0.7) - 18


def test_other_loudness_target_and_unnormalised(media: dict[str, Path]) -> None:
    quiet, _ = build_mix(_plan(media, loudness_lufs=-23.0), SR)
    assert abs(integrated_lufs(quiet, SR) - -23.0) <= 1.0
    raw, _ = build_mix(_plan(media, loudness_lufs=None, keep_clip_audio=False), SR)
    # not normalised: the song's own samples (330 Hz at 0.25), bar the 10 ms edge fades
    assert abs(band_db(raw, SR, MUSIC_HZ, 1.0, 5.0) - 20 * np.log10(0.25)) < 0.5


def test_peaky_quiet_song_is_limited_under_the_ceiling(tmp_path: Path) -> None:
    # a quiet bed with loud spikes: the gain to -14 LUFS would put the spikes far over 0 dBTP
    rng = np.random.default_rng(5)
    y = 0.01 * rng.standard_normal(8 * SR)
    for k in range(16):
        y[k * SR // 2 : k * SR // 2 + 200] += 0.9 * np.sin(np.linspace(0, 40 * np.pi, 200))
    song = write_wav(tmp_path / "peaky.wav", y.astype(np.float32), SR)
    plan = RenderPlan(
        width=64, height=48, duration_s=8.0, music=MusicPlan(song, 0.0), shots=(ShotPlan(0, 8, "generated"),)
    )
    mix, levels = build_mix(plan, SR)
    assert true_peak_db(mix) <= -1.0
    assert abs(integrated_lufs(mix, SR) - -14.0) <= 1.0
    assert levels.true_peak_db <= -1.0


@pytest.mark.slow
def test_three_minutes_no_drift(media: dict[str, Path], tmp_path: Path) -> None:
    t = np.arange(185 * SR) / SR
    song = write_wav(tmp_path / "long.wav", (0.2 * np.sin(2 * np.pi * MUSIC_HZ * t)).astype(np.float32), SR)
    shots = (
        ShotPlan(0.0, 177.0, "generated"),
        ShotPlan(177.0, 178.0, "clip", media["a"], source_in_s=2.0),
        ShotPlan(178.0, 180.0, "photo", media["photo"]),
    )
    plan = RenderPlan(width=64, height=48, duration_s=180.0, music=MusicPlan(song, 1.0), shots=shots)
    mix, _ = build_mix(plan, SR)
    assert mix.shape[1] == 180 * SR
    on = band_db(mix, SR, A_HZ, 177.009, 177.019)
    assert on > -40
    assert band_db(mix, SR, A_HZ, 176.988, 176.998) < on - 30
    assert band_db(mix, SR, A_HZ, 178.002, 178.012) < on - 30


def test_clip_shorter_than_its_shot_runs_out_into_silence(media: dict[str, Path]) -> None:
    shots = (ShotPlan(0.0, 1.0, "generated"), ShotPlan(1.0, 3.0, "clip", media["d"], source_in_s=1.0 + Q))
    plan = RenderPlan(
        width=64, height=48, duration_s=3.0, music=MusicPlan(media["music"], song_start_s=0.0), shots=shots
    )
    mix, levels = build_mix(plan, SR)
    assert levels.clip_shots == 1
    on = band_db(mix, SR, A_HZ, 1.05, 1.95)
    assert on > -30
    assert band_db(mix, SR, A_HZ, 2.05, 2.95) < on - 40


def test_clip_sound_follows_crossfades_and_dips(media: dict[str, Path]) -> None:
    shots = (
        ShotPlan(0.0, 1.0, "clip", media["c"], source_in_s=Q),
        ShotPlan(1.0, 2.0, "clip", media["a"], source_in_s=0.2 + Q, transition="crossfade", transition_s=0.4),
        ShotPlan(2.0, 3.0, "clip", media["c"], source_in_s=1.5 + Q, transition="dip_black", transition_s=0.4),
    )
    plan = RenderPlan(
        width=64, height=48, duration_s=3.0, music=MusicPlan(media["music"], song_start_s=0.0), shots=shots
    )
    mix, _ = build_mix(plan, SR)
    full = band_db(mix, SR, A_HZ, 1.5, 1.8)
    assert band_db(mix, SR, A_HZ, 1.01, 1.06) < full - 10  # rising with the incoming picture
    assert band_db(mix, SR, A_HZ, 1.41, 1.5) > full - 1.5  # all the way up after the crossfade
    # the dip: the outgoing tone goes down before the cut, the incoming one comes up after it
    assert band_db(mix, SR, A_HZ, 1.92, 1.98) < full - 10
    c_full = band_db(mix, SR, C_HZ, 2.5, 2.9)
    assert band_db(mix, SR, C_HZ, 2.01, 2.06) < c_full - 10


def test_clip_whose_sound_starts_late_stays_in_step(media: dict[str, Path], tmp_path: Path) -> None:
    late = write_clip(tmp_path / "late.mp4", seconds=2, sound=tone(A_HZ, 0.3), audio_start_s=0.5)
    shots = (ShotPlan(0.0, 1.5, "clip", late), ShotPlan(1.5, 2.0, "generated"))
    plan = RenderPlan(width=64, height=48, duration_s=2.0, music=MusicPlan(media["music"], 0.0), shots=shots)
    mix, _ = build_mix(plan, SR)
    on = band_db(mix, SR, A_HZ, 0.56, 1.4)
    assert on > -30
    assert band_db(mix, SR, A_HZ, 0.05, 0.45) < on - 30  # silence until its sound starts, at 0.5 s


def test_a_clip_with_only_faint_room_tone_does_not_duck_the_music(
    media: dict[str, Path], tmp_path: Path
) -> None:
    rng = np.random.default_rng(2)
    hiss = rng.standard_normal(3 * SR) * 0.002  # about -54 dBFS

    def room(t: np.ndarray) -> np.ndarray:
        return hiss[: t.size]

    faint = write_clip(tmp_path / "room.mp4", seconds=3, sound=room)
    shots = (ShotPlan(0.0, 1.0, "generated"), ShotPlan(1.0, 3.0, "clip", faint, source_in_s=0.5))
    plan = RenderPlan(width=64, height=48, duration_s=3.0, music=MusicPlan(media["music"], 0.0), shots=shots)
    mix, levels = build_mix(plan, SR)
    assert levels.ducked_s == 0
    assert abs(band_db(mix, SR, MUSIC_HZ, 1.3, 2.7) - band_db(mix, SR, MUSIC_HZ, 0.2, 0.8)) < 1.0


def test_the_clip_that_is_the_song_adds_no_second_copy(media: dict[str, Path]) -> None:
    shots = (ShotPlan(0.0, 2.0, "clip", media["a"], source_in_s=0.5),)
    plan = RenderPlan(width=64, height=48, duration_s=2.0, music=MusicPlan(media["a"], 1.0), shots=shots)
    mix, levels = build_mix(plan, SR)
    assert levels.clip_shots == 0 and levels.ducked_s == 0
    assert band_db(mix, SR, A_HZ, 0.2, 1.8) > -30  # the song (clip a's own sound) still plays
