"""The bar phase may move mid-song (a bar of two beats, a beat the tracker drops): the downbeats follow
it, and a song without such a bar keeps one phase throughout."""

from __future__ import annotations

import numpy as np

from skill.local.engine.analysis import ANALYSIS_SR, analyse_samples
from skill.local.engine.downbeats import bar_path

from .synth import f_measure, make_song

BPM = 120.0
BEAT_S = 60.0 / BPM


def test_a_bar_of_two_beats_moves_the_downbeats_after_it() -> None:
    song = make_song(bpm=BPM, seconds=64.0, sr=ANALYSIS_SR, seed=11)
    cut_beat = 66  # beat 3 of bar 17: cutting beats 66-67 leaves that bar two beats long
    lo = int(round(song.beats[cut_beat] * ANALYSIS_SR))
    hi = int(round(song.beats[cut_beat + 2] * ANALYSIS_SR))
    y = np.concatenate([song.y[:lo], song.y[hi:]])
    gap = (hi - lo) / ANALYSIS_SR
    truth = np.array(
        [d if d < song.beats[cut_beat] else d - gap for d in song.downbeats if not lo <= d * ANALYSIS_SR < hi]
    )
    a = analyse_samples(y, sr=ANALYSIS_SR)
    down = np.array(a.downbeats_s)
    assert f_measure(down, truth) >= 0.95
    # one phase for the whole song would be right on one side of the cut only
    beats = np.array(a.beats_s)
    one_phase = max(f_measure(beats[p::4], truth) for p in range(4))
    assert one_phase <= 0.7


def test_noisy_accents_keep_one_phase() -> None:
    rng = np.random.default_rng(0)
    accent = rng.normal(size=400)
    accent[1::4] += 1.0  # beat 2 of every bar is accented, with noise that favours others for a bar or two
    idx = bar_path(accent, 4)
    assert set(idx % 4) == {1} and np.all(np.diff(idx) == 4)


def test_a_lasting_change_of_accent_moves_the_phase_once() -> None:
    rng = np.random.default_rng(1)
    accent = rng.normal(scale=0.5, size=400)
    accent[0:200:4] += 1.5
    accent[202::4] += 1.5  # from beat 202 on, bars start two beats later
    idx = bar_path(accent, 4)
    assert set(idx[idx < 196] % 4) == {0} and set(idx[idx > 206] % 4) == {2}
    assert int(np.sum(np.diff(idx) != 4)) == 1
