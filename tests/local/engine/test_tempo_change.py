"""A song that changes tempo for good is tracked at each tempo, and a steady one is never split."""

from __future__ import annotations

import numpy as np
import pytest

from skill.local.engine import tempo as tp
from skill.local.engine.analysis import ANALYSIS_SR, analyse_samples
from skill.local.engine.onset import onset_strength, spectral_features
from skill.local.engine.tempo_change import tempo_sections

from .synth import Song, f_measure, make_song

CHANGE_AT_S = 35.0
SECONDS = 75.0


def _song(bpm: float, end_bpm: float | None = None, *, seed: int = 3) -> Song:
    change = CHANGE_AT_S if end_bpm is not None else None
    return make_song(bpm=bpm, end_bpm=end_bpm, change_at_s=change, seconds=SECONDS, sr=ANALYSIS_SR, seed=seed)


def _sections_s(song: Song) -> list[tuple[float, float]]:
    feats = spectral_features(song.y, sr=ANALYSIS_SR, hop_length=160, n_fft=1024)
    env = onset_strength(feats.bands_db)
    tempo, _ = tp.estimate_tempo(env, fps=feats.fps)
    return [
        (lo / feats.fps, hi / feats.fps) for lo, hi in tempo_sections(env, fps=feats.fps, tempo_bpm=tempo)
    ]


@pytest.mark.parametrize(("bpm", "end_bpm"), [(136, 80), (90, 140), (120, 75), (100, 130)])
def test_each_part_of_a_tempo_switch_is_tracked(bpm: float, end_bpm: float) -> None:
    song = _song(bpm, end_bpm)
    a = analyse_samples(song.y, sr=ANALYSIS_SR)
    est, ref = np.array(a.beats_s), song.beats
    before, after = (lambda x: x[(x > 5) & (x < CHANGE_AT_S - 1)]), (lambda x: x[x > CHANGE_AT_S + 2])
    assert f_measure(before(est), before(ref)) >= 0.95
    assert f_measure(after(est), after(ref)) >= 0.95
    assert f_measure(np.array(a.downbeats_s), song.downbeats) >= 0.9
    # the boundary is found within a couple of seconds of the switch
    (_, cut), (start, _) = _sections_s(song)
    assert cut == start and abs(cut - CHANGE_AT_S) <= 2.0


@pytest.mark.parametrize("bpm", [70, 100, 128, 160])
def test_a_steady_song_is_one_section(bpm: float) -> None:
    song = _song(bpm, seed=bpm)
    assert len(_sections_s(song)) == 1


def test_a_drifting_song_and_an_octave_switch_are_one_section() -> None:
    # drift is the local periods' job; an octave (half-time) keeps one tempo family
    drift = make_song(bpm=100, end_bpm=120, seconds=SECONDS, sr=ANALYSIS_SR, seed=1)
    halftime = _song(128, 64)
    assert len(_sections_s(drift)) == 1
    assert len(_sections_s(halftime)) == 1


def test_a_pulse_grouped_in_threes_is_one_section() -> None:
    # a 160-BPM pulse accented every other beat, then every third from 40 s on (a real excerpt's
    # global tempo reads 80): the later windows read 53.3 BPM, 2/3 of 80, the same pulse grouped in threes
    fps, beat = 100.0, 60.0 / 160.0
    env = np.zeros(int(120 * fps))
    for k, t in enumerate(np.arange(0.0, 120.0, beat)):
        env[int(round(t * fps))] = 1.0 if k % (2 if t < 40.0 else 3) == 0 else 0.1
    env = np.convolve(env, np.hanning(7), "same") + 0.02 * np.random.default_rng(0).random(env.size)
    assert tempo_sections(env, fps=fps, tempo_bpm=80.0) == [(0, env.size)]
