"""Tempo, beats and downbeats on synthetic music with known ground truth."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from skill.local.engine.analysis import ANALYSIS_SR, TrackAnalysis, analyse_samples, analyse_track

from .conftest import encode_with_ffmpeg
from .synth import Song, f_measure, make_song, make_song_b, write_wav


def _analyse(song: Song) -> TrackAnalysis:
    t = np.arange(int(song.y.size * ANALYSIS_SR / song.sr)) / ANALYSIS_SR
    y = np.interp(t, np.arange(song.y.size) / song.sr, song.y).astype(np.float32)
    return analyse_samples(y, sr=ANALYSIS_SR)


def _true_bpm(song: Song) -> float:
    return float(60.0 / np.median(np.diff(song.beats)))


@pytest.mark.parametrize("bpm", [70, 90, 120, 150, 180])
def test_known_tempo(bpm: int) -> None:
    song = make_song(bpm=bpm, seconds=16, seed=bpm)
    a = _analyse(song)
    assert a.tempo_bpm == pytest.approx(bpm, rel=0.02)
    assert f_measure(np.array(a.beats_s), song.beats) >= 0.95
    assert f_measure(np.array(a.downbeats_s), song.downbeats) >= 0.95
    assert a.beats_per_bar == 4
    assert not a.is_steady_fallback


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("swing", {"bpm": 100, "swing": 1 / 6}),
        ("drift", {"bpm": 100, "end_bpm": 120, "seconds": 30}),
        ("tempo_change", {"bpm": 100, "end_bpm": 130, "change_at_s": 15, "seconds": 30}),
        ("drumless_intro", {"bpm": 110, "drums_from_s": 8, "seconds": 24}),
        ("quiet_passage", {"bpm": 128, "quiet": (8.0, 14.0), "seconds": 24}),
    ],
)
def test_hard_cases(name: str, kwargs: dict) -> None:
    kwargs.setdefault("seconds", 20)
    song = make_song(seed=5, **kwargs)
    a = _analyse(song)
    assert f_measure(np.array(a.beats_s), song.beats) >= 0.95, name
    assert f_measure(np.array(a.downbeats_s), song.downbeats) >= 0.9, name


@pytest.mark.parametrize(
    ("style", "bpm", "reverb"),
    [
        ("house", 124, True),
        ("rock", 96, True),
        ("ballad", 72, True),
        ("reggaeton", 96, False),
        ("rock", 140, False),
    ],
)
def test_other_voicings(style: str, bpm: int, reverb: bool) -> None:
    song = make_song_b(style, bpm=bpm, bars=16, seed=bpm, reverb=reverb)
    a = _analyse(song)
    est = np.array(a.beats_s)
    assert f_measure(est, song.beats) >= 0.95
    assert f_measure(np.array(a.downbeats_s), song.downbeats) >= 0.9
    assert a.tempo_bpm == pytest.approx(bpm, rel=0.02)
    # no beats in the ringing tail after the music stops
    assert est.max() <= song.beats[-1] + 0.07


def test_beats_within_a_frame_of_truth() -> None:
    song = make_song(bpm=123, seconds=16, seed=1)
    est = np.array(_analyse(song).beats_s)
    err = np.array([np.min(np.abs(est - b)) for b in song.beats])
    assert np.median(err) < 0.005
    assert err.max() < 1 / 30


def test_three_four() -> None:
    song = make_song(bpm=120, beats_per_bar=3, seconds=20, seed=2)
    a = _analyse(song)
    assert a.beats_per_bar == 3
    assert f_measure(np.array(a.downbeats_s), song.downbeats) >= 0.9


def test_noise_falls_back_to_steady_grid(noise_wav: Path) -> None:
    a = analyse_track(noise_wav)
    assert a.is_steady_fallback
    assert a.tempo_bpm == pytest.approx(120.0)
    assert np.allclose(np.diff(a.beats_s), 0.5, atol=1e-3)


def test_drone_falls_back_to_steady_grid(tmp_path: Path) -> None:
    sr = 22050
    t = np.arange(sr * 12) / sr
    y = (
        np.sin(2 * np.pi * 110 * t) * (0.5 + 0.5 * np.sin(2 * np.pi * 0.13 * t))
        + 0.3 * np.sin(2 * np.pi * 165 * t)
    ) * 0.5
    assert analyse_track(write_wav(tmp_path / "drone.wav", y.astype(np.float32), sr)).is_steady_fallback


@pytest.mark.parametrize("suffix", [".mp3", ".m4a"])
def test_compressed_formats_keep_timing(song_120: tuple[Song, Path], suffix: str) -> None:
    song, wav = song_120
    path = encode_with_ffmpeg(wav, wav.with_suffix(suffix))
    a = analyse_track(path)
    assert f_measure(np.array(a.beats_s), song.beats) >= 0.95
    err = np.array([np.min(np.abs(np.array(a.beats_s) - b)) for b in song.beats])
    assert np.median(err) < 0.01


def test_cache_round_trip(song_120: tuple[Song, Path], tmp_path: Path) -> None:
    _, wav = song_120
    first = analyse_track(wav, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("analysis-*.json"))) == 1
    again = analyse_track(wav, cache_dir=tmp_path)
    assert again == first
    assert again.beat_features == first.beat_features
    assert TrackAnalysis.from_json(first.to_json()) == first


def test_analysis_of_video_audio(song_120: tuple[Song, Path], media_dir: Path) -> None:
    import subprocess

    song, wav = song_120
    mp4 = media_dir / "with_video.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=blue:s=160x90:r=10", "-i", str(wav),
         "-shortest", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", str(mp4)],
        check=True,
        timeout=60,
    )  # fmt: skip
    a = analyse_track(mp4)
    assert f_measure(np.array(a.beats_s), song.beats) >= 0.95


def test_write_wav_round_trip(tmp_path: Path) -> None:
    song = make_song(bpm=100, seconds=6, seed=4)
    a = analyse_track(write_wav(tmp_path / "x.wav", song.y, song.sr, channels=1))
    assert a.duration_s == pytest.approx(song.duration_s, abs=0.01)


def test_vote_breaks_a_beat_off_beat_tie_with_the_body_band() -> None:
    """Two trackers on the beat, two on the off-beats: the one with body onsets on its beats wins."""
    from skill.local.engine.vote import most_agreed, on_beat_contrast

    fps, period, n = 100.0, 50.0, 3000
    on = np.arange(20.0, n - 30, period)
    off = on + period / 2
    body = np.zeros(n)
    body[np.round(on).astype(int)] = 1.0  # kick and bass on the beat
    body[np.round(off).astype(int)] = 0.2  # a little hat leakage below 1.5 kHz off it
    assert on_beat_contrast(on, body) > 1.0 > 0.0 > on_beat_contrast(off, body)
    # the off-beat pair first, so that without the body band the first one wins the tie
    cands = [off, off + 1.0, on, on - 1.0]
    assert most_agreed(cands, fps=fps) == 0
    assert most_agreed(cands, fps=fps, bands=[body]) in (2, 3)


def test_vote_tie_break_listens_to_every_band_not_the_bass_alone() -> None:
    """A bass on the off-beats pulls the body band there; mid and high bands keep the beat."""
    from skill.local.engine.vote import most_agreed

    fps, period, n = 100.0, 50.0, 3000
    on = np.arange(20.0, n - 30, period)
    off = on + period / 2

    def band(on_level: float, off_level: float) -> np.ndarray:
        env = np.zeros(n)
        env[np.round(on).astype(int)] = on_level
        env[np.round(off).astype(int)] = off_level
        return env

    body, mid, high = band(0.6, 1.0), band(1.0, 0.2), band(1.0, 0.3)
    cands = [off, off + 1.0, on, on - 1.0]
    assert most_agreed(cands, fps=fps, bands=[body]) in (0, 1)
    assert most_agreed(cands, fps=fps, bands=[body, mid, high]) in (2, 3)


def test_downbeat_from_bass_and_chord_change_not_the_kick() -> None:
    """Four equal kicks a bar, two beats of pickup: bar 1 is where bass and chord change."""
    from .synth import SR, _add, _hat, _kick, _tone

    rng = np.random.default_rng(3)
    bpm, n_beats, pickup = 110.0, 2 + 4 * 14, 2
    period = 60.0 / bpm
    beats = 0.3 + period * np.arange(n_beats)
    y = np.zeros(int((beats[-1] + 1.5) * SR))
    roots = [45, 41, 48, 43]  # A, F, C, G
    kick, hat = _kick(SR), _hat(SR, rng)
    for i, b in enumerate(beats):
        _add(y, kick, b, SR, 0.8)
        _add(y, hat, b + period / 2, SR, 0.3)
        if (i - pickup) % 4 == 0:
            root = roots[((i - pickup) // 4) % 4]
            _add(y, _tone(SR, root, 4 * period, 0.01, 3.0, partials=3), b, SR, 0.5)
            for note in (root + 24, root + 28, root + 31):
                _add(y, _tone(SR, note, 4 * period, 0.02, 3.0, partials=4), b, SR, 0.1)
    song = Song(
        y=(y / np.abs(y).max() * 0.8).astype(np.float32), sr=SR, beats=beats, downbeats=beats[pickup::4]
    )
    a = _analyse(song)
    assert f_measure(np.array(a.beats_s), song.beats) >= 0.95
    assert a.beats_per_bar == 4
    assert f_measure(np.array(a.downbeats_s), song.downbeats) >= 0.9


def test_waltz_without_drums_is_three_four() -> None:
    """Oom-pah-pah: a bass note on beat 1, the chord on beats 2 and 3, a new chord every bar."""
    from .synth import SR, _add, _tone

    bpm, bars = 150.0, 20
    period = 60.0 / bpm
    beats = 0.25 + period * np.arange(3 * bars)
    y = np.zeros(int((beats[-1] + 1.5) * SR))
    roots = [43, 48, 50, 43, 45, 50, 43, 43]  # G C D G Am D G G
    for i, b in enumerate(beats):
        root = roots[(i // 3) % len(roots)]
        if i % 3 == 0:
            _add(y, _tone(SR, root, 2.5 * period, 0.005, 0.6, partials=3), b, SR, 0.6)
        else:
            for note in (root + 12, root + 16, root + 19):
                _add(y, _tone(SR, note, 0.8 * period, 0.005, 0.25, partials=4), b, SR, 0.15)
    song = Song(y=(y / np.abs(y).max() * 0.8).astype(np.float32), sr=SR, beats=beats, downbeats=beats[::3])
    a = _analyse(song)
    assert f_measure(np.array(a.beats_s), song.beats) >= 0.95
    assert a.beats_per_bar == 3
    assert f_measure(np.array(a.downbeats_s), song.downbeats) >= 0.9


def test_three_three_two_accents_keep_a_duple_tempo() -> None:
    """Tresillo accents (eighths 1, 4, 7 of 8) at 140 BPM: the tempo is 140 or 70, not 93 (3 eighths)."""
    from skill.local.engine.tempo import estimate_tempo

    fps, n, eighth = 100.0, 6000, 60 / 140 / 2
    env = np.zeros(n)
    for k in range(int(n / fps / eighth)):
        env[min(int(round(k * eighth * fps)), n - 1)] += {0: 1.2, 3: 0.9, 6: 0.9}.get(k % 8, 0.25)
    env = np.convolve(env, np.exp(-np.arange(8) / 2.0))[:n]
    tempo, _ = estimate_tempo(env, fps=fps)
    assert min(abs(tempo / 140 - 1), abs(tempo / 70 - 1)) < 0.02, tempo


def _beat_and_dotted(bpm: float, beat_level: float, seconds: float = 60.0, fps: float = 100.0) -> np.ndarray:
    """An onset envelope: a pulse on every beat and a louder one every beat and a half (a hemiola)."""
    env = np.zeros(int(seconds * fps))
    for t in np.arange(0.0, seconds, 60.0 / bpm):
        env[int(round(t * fps))] += beat_level
    for t in np.arange(0.0, seconds, 1.5 * 60.0 / bpm):
        env[int(round(t * fps))] += 1.0
    return np.convolve(env, np.hanning(7), "same")


def test_tempo_grouped_in_threes_is_read_at_the_beat_not_two_thirds_of_it() -> None:
    from skill.local.engine.tempo import estimate_tempo

    # the dotted layer makes 87 BPM nearly as periodic as the 130-BPM beat, and 87 is nearer the prior
    assert estimate_tempo(_beat_and_dotted(130.0, 0.7), fps=100.0)[0] == pytest.approx(130.0, rel=0.02)
    # where the dotted layer is the pulse (the beat layer faint), its tempo stays
    assert estimate_tempo(_beat_and_dotted(130.0, 0.4), fps=100.0)[0] == pytest.approx(86.7, rel=0.02)
