"""Downbeats: whether bars have 3 or 4 beats, and which beat starts the bar.

Measured on the real-music set (``benchmarks/bench_beats.py``, tuned on its dev half):

* **Meter** comes from repetition: the beat-synchronous band energies and chroma of 4/4
  music resemble themselves 4 and 8 beats later more than 3 and 9 beats later, and its
  accents (below) recur every 4 beats; 3/4 music the other way round.  The accent
  contrast used before read two of five real songs in the wrong meter.  3/4 is chosen
  only when timbre, harmony and accents all say so: 4/4 is far more common and a wrong
  3/4 breaks every bar.
* **Phase** (beat 1 against beat 3, which share the kick) is the bar position where the
  sum of five z-scored cues is highest: low-band onset, chord change (two chroma
  resolutions: the beat tracker's and a 4096-sample window that resolves bass notes), and
  the loudness of the beat (crashes, bass notes and accents land on beat 1).  Low onsets
  and chord change alone found beat 1 on 10 of 16 dev songs; with the bass/treble chroma
  and loudness, 13 (the three left are read half a bar off by every cue).  On the
  held-out songs the mix did no better (6 of 11 against 7): the phase is the weak part.
"""

from __future__ import annotations

import numpy as np

from .onset import PitchChroma

__all__ = ["estimate_downbeats"]

MIN_BEATS = 24  # fewer: too few bars to tell the meter, keep the default
# cue weights: low-band onset, chord change (tracker chroma, bass, treble), loudness
_W_LOW, _W_CHORD, _W_BASS, _W_TREBLE, _W_LOUD = 1.0, 1.0, 0.5, 0.5, 1.0


def _z(x: np.ndarray) -> np.ndarray:
    s = x.std()
    return (x - x.mean()) / s if s > 0 else np.zeros_like(x)


def _beat_sync(m: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Mean of each row of ``m`` (d, n_frames) from each beat to the next: (n_beats, d).

    ``np.add.reduceat`` sums in place of a cumulative sum: an hour of 40 bands would
    otherwise hold two float64 copies of the spectrogram (~0.2 GB).
    """
    n = m.shape[1]
    idx = np.clip(idx, 0, n - 1)
    ends = np.maximum(np.append(idx[1:], n), idx + 1)
    sums = np.add.reduceat(m, idx, axis=1, dtype=np.float64)
    return np.asarray((sums / (ends - idx)).T, dtype=np.float64)


def _change(b: np.ndarray) -> np.ndarray:
    """Cosine distance of each beat's vector to the previous beat's (0 for the first beat)."""
    nrm = b / (np.linalg.norm(b, axis=1, keepdims=True) + 1e-9)
    out = np.zeros(b.shape[0])
    out[1:] = 1.0 - np.sum(nrm[1:] * nrm[:-1], axis=1)
    return out


def _repetition(b: np.ndarray) -> float:
    """How much more a beat-synchronous sequence repeats at 4 and 8 beats than at 3 and 9."""
    c = b - b.mean(axis=0)
    c = c / (np.linalg.norm(c, axis=1, keepdims=True) + 1e-9)

    def sim(lag: int) -> float:
        return float(np.mean(np.sum(c[lag:] * c[:-lag], axis=1)))

    return sim(4) + sim(8) - sim(3) - sim(9)


def _accent_period(accent: np.ndarray) -> float:
    """How much more the accent sequence recurs every 4 and 8 beats than every 3 and 9.

    A song whose every bar has a new chord does not resemble itself 4 beats later (the
    chords differ) any more than 3 beats later, but its chord changes still recur every 4.
    """
    a = _z(accent)

    def corr(lag: int) -> float:
        return float(np.mean(a[lag:] * a[:-lag]))

    return corr(4) + corr(8) - corr(3) - corr(9)


def estimate_downbeats(
    beats_s: np.ndarray,
    *,
    fps: float,
    low_onset: np.ndarray,
    chroma: np.ndarray,
    bands_db: np.ndarray,
    rms: np.ndarray,
    pitch: PitchChroma,
) -> tuple[int, int]:
    """Choose beats per bar (4 or 3) and the index of the first downbeat.

    Parameters
    ----------
    beats_s : np.ndarray
    fps : float
        Frames per second of ``low_onset``, ``chroma``, ``bands_db`` and ``rms``.
    low_onset : np.ndarray [shape=(n,)]
        Onset envelope of the low bands (kick, bass).
    chroma : np.ndarray [shape=(12, n)]
    bands_db : np.ndarray [shape=(n_bands, n)]
    rms : np.ndarray [shape=(n,)]
    pitch : PitchChroma
        Bass and treble chroma on their own frame rate.

    Returns
    -------
    (beats_per_bar, first_downbeat_index) : tuple[int, int]
    """
    nb = beats_s.size
    if nb < 8:
        return 4, 0
    n = low_onset.size
    idx = np.clip(np.round(beats_s * fps).astype(int), 0, n - 1)
    pidx = np.round(beats_s * pitch.fps).astype(int)
    low = np.array([low_onset[max(i - 2, 0) : i + 3].max() for i in idx])
    timbre = _beat_sync(bands_db, idx)
    tracker_chroma = _beat_sync(chroma / (np.linalg.norm(chroma, axis=0, keepdims=True) + 1e-9), idx)
    bass = _beat_sync(pitch.bass, pidx)
    treble = _beat_sync(pitch.treble, pidx)
    loud = 20.0 * np.log10(_beat_sync(rms[None, :], idx)[:, 0] + 1e-9)
    accent = (
        _W_LOW * _z(low)
        + _W_CHORD * _z(_change(tracker_chroma))
        + _W_BASS * _z(_change(bass))
        + _W_TREBLE * _z(_change(treble))
        + _W_LOUD * _z(loud)
    )
    meter = 4
    if nb >= MIN_BEATS:
        harmony = _repetition(bass) + _repetition(treble) + _repetition(tracker_chroma)
        if _repetition(timbre) < 0 and harmony < 0 and _accent_period(accent) < 0:
            meter = 3
    scores = [float(accent[p::meter].mean()) for p in range(meter)]
    return meter, int(np.argmax(scores))
