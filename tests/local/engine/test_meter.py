"""The meter follows where the kick and the accents recur, not how long the chord loop is.

A chord loop of one length over bars of another is common in real music (a 3/4 song whose chords
repeat every 4 beats; a 4/4 song whose chords change every 3), and it read real songs in the wrong
meter when harmony had a vote.  These drive ``estimate_downbeats`` with features built beat by beat.
"""

from __future__ import annotations

import numpy as np
import pytest

from skill.local.engine.downbeats import estimate_downbeats, phase_cues
from skill.local.engine.onset import PitchChroma

FPS = 100.0
BEAT_FRAMES = 50  # 120 BPM
N_BEATS = 96


def _features(*, kick_every: int, chords_every: int, seed: int) -> dict[str, object]:
    """Kick (low onset and a louder beat) every ``kick_every`` beats; a new chord every beat of a
    loop ``chords_every`` beats long; a little noise on everything."""
    rng = np.random.default_rng(seed)
    n = N_BEATS * BEAT_FRAMES
    beats_s = np.arange(N_BEATS) * BEAT_FRAMES / FPS
    low = rng.uniform(0.0, 0.2, n)
    rms = np.full(n, 0.1) + rng.uniform(0.0, 0.01, n)
    chroma = rng.uniform(0.0, 0.05, (12, n))
    for j in range(N_BEATS):
        f = j * BEAT_FRAMES
        if j % kick_every == 0:
            low[f] = 1.0
            rms[f : f + BEAT_FRAMES] *= 1.5
        chroma[(j % chords_every) * 2 % 12, f : f + BEAT_FRAMES] += 1.0  # a chord per beat of the loop
    pitch = PitchChroma(bass=chroma.copy(), treble=chroma.copy(), fps=FPS)
    return {"beats_s": beats_s, "fps": FPS, "low_onset": low, "chroma": chroma, "rms": rms, "pitch": pitch}


@pytest.mark.parametrize(
    ("kick_every", "chords_every", "meter"), [(3, 4, 3), (3, 8, 3), (4, 3, 4), (4, 6, 4)]
)
def test_the_kick_sets_the_meter_whatever_the_chord_loop(
    kick_every: int, chords_every: int, meter: int
) -> None:
    f = _features(kick_every=kick_every, chords_every=chords_every, seed=kick_every * 10 + chords_every)
    beats_per_bar, downbeats = estimate_downbeats(phase_cues(**f))  # type: ignore[arg-type]
    assert beats_per_bar == meter
    assert set(downbeats % meter) == {0}  # and the bars start on the kick


def test_without_a_recurring_accent_the_meter_stays_four() -> None:
    """Only noise: nothing says 3/4, and 4/4 is the safe default (a wrong 3/4 breaks every bar)."""
    f = _features(kick_every=1, chords_every=1, seed=5)
    beats_per_bar, _ = estimate_downbeats(phase_cues(**f))  # type: ignore[arg-type]
    assert beats_per_bar == 4
