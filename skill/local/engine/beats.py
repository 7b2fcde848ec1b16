"""Tempo, beat and downbeat tracking on an onset envelope (numpy only, no JIT, no weights).

Why this design (measured, see benchmarks/README.md "Media engine"):

* librosa's ``beat_track`` (ISC) is Ellis' dynamic programme; its first call pays a ~26 s
  numba JIT on this machine, and its beats come out 20-60 ms late.  The learned trackers
  either download weights at run time or carry non-commercial / GPL licences.
* So this module is a lean re-implementation of the same idea in vectorised numpy:

  1. **tempo**: autocorrelation of the onset envelope, scored as a comb over the
     period and its multiples, weighted by a log-normal prior around 120 BPM; octave
     errors are settled by comparing the candidate with its double and half.
  2. **local tempo**: the same autocorrelation on 8 s windows, searched within
     2/3..3/2 of the global period, median-smoothed - follows drift and tempo changes.
  3. **beats**: Ellis' dynamic programme with the per-frame period, then sub-frame
     refinement on the envelope's peak and a constant timing offset calibrated on
     synthetic clicks.
  4. **downbeats**: for 3 and 4 beats per bar, every bar phase is scored by low-band
     onset strength and harmonic (chroma) change at the beat; the best phase wins,
     and 3/4 is chosen only when it is clearly stronger.
  5. **fallback**: without a clear periodicity, a steady 120 BPM grid from the first onset.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "BeatGrid",
    "estimate_downbeats",
    "estimate_tempo",
    "local_periods",
    "metrical_level",
    "steady_grid",
    "track_beats",
    "trim_unsupported",
]

PRIOR_BPM = 120.0
PRIOR_OCTAVES = 1.0
MIN_BPM = 40.0
MAX_BPM = 240.0
TIGHTNESS = 100.0
MIN_CONFIDENCE = 0.15
# below this 99th-percentile flux (dB) there are no real onsets (drones, noise, pads)
MIN_ONSET_DB = 1.5
LOCAL_WINDOW_S = 8.0
LOCAL_HOP_S = 1.0
LOCAL_MEDIAN = 5
# The onset envelope of a centred frame peaks before the onset itself; measured on clicks.
TIMING_OFFSET_S = -0.0245
_COMB_WEIGHTS = (1.0, 0.5, 0.25)
DOUBLE_RATIO = 0.6
HALVE_RATIO = 0.35
MAX_FELT_BPM = 200.0
MIN_FELT_BPM = 55.0
BODY_MAX_HZ = 1500.0
BUMP_FLOOR = 0.1
EDGE_TIMING = True
_EDGE_MAX_FRAMES = 3
LOW_WEIGHT = 1.0
HEAD_SUPPORT = 0.1
REGULARISE = True
ANCHOR_RATIO = 0.3
TAIL_SUPPORT = 0.5
TAIL_DROP_DB = 12.0


@dataclass(frozen=True, slots=True)
class BeatGrid:
    """Beat times, bar positions and how sure we are."""

    tempo_bpm: float
    beats_s: np.ndarray
    downbeats_s: np.ndarray
    beats_per_bar: int
    confidence: float
    is_steady_fallback: bool


def _normalised_autocorr(x: np.ndarray, max_lag: int) -> np.ndarray:
    x = x - x.mean()
    n = x.size
    size = 1 << int(np.ceil(np.log2(2 * n + 1)))
    spec = np.fft.rfft(x, size)
    ac = np.fft.irfft(spec * np.conj(spec), size)[: max_lag + 1]
    if ac[0] <= 0:
        return np.zeros(max_lag + 1)
    ac = ac / ac[0]
    # unbiased: lags see fewer overlapping frames
    ac = ac * n / np.maximum(n - np.arange(max_lag + 1), 1)
    return np.asarray(ac, dtype=np.float64)


def _interp(ac: np.ndarray, lag: np.ndarray) -> np.ndarray:
    return np.asarray(np.interp(lag, np.arange(ac.size), ac, right=0.0), dtype=np.float64)


def _comb(ac: np.ndarray, lags: np.ndarray) -> np.ndarray:
    total = np.zeros(lags.shape, dtype=np.float64)
    for k, w in enumerate(_COMB_WEIGHTS):
        total += w * _interp(ac, lags * (k + 1))
    return total / sum(_COMB_WEIGHTS)


def _refine_peak(values: np.ndarray, i: int) -> float:
    if 0 < i < values.size - 1:
        a, b, c = values[i - 1], values[i], values[i + 1]
        den = a - 2 * b + c
        if den < 0:
            return float(i + 0.5 * (a - c) / den)
    return float(i)


def estimate_tempo(
    onset: np.ndarray, *, fps: float, prior_bpm: float = PRIOR_BPM, prior_octaves: float | None = None
) -> tuple[float, float]:
    """Estimate the global tempo of an onset envelope.

    Parameters
    ----------
    onset : np.ndarray [shape=(n,)]
    fps : float
        Frames per second of the envelope.
    prior_bpm, prior_octaves : float
        Centre and width (standard deviation in octaves) of the log-normal tempo prior.

    Returns
    -------
    (tempo_bpm, confidence) : tuple[float, float]
        ``confidence`` is the normalised autocorrelation at the beat period (0..1).
    """
    max_lag = int(np.ceil(fps * 60.0 / MIN_BPM * (len(_COMB_WEIGHTS) + 1)))
    if onset.size < 4 or max_lag >= onset.size:
        max_lag = max(onset.size - 1, 1)
    ac = _normalised_autocorr(onset.astype(np.float64), max_lag)
    lags = np.arange(int(fps * 60.0 / MAX_BPM), int(fps * 60.0 / MIN_BPM) + 1, dtype=np.float64)
    lags = lags[lags > 1]
    if lags.size == 0:
        return prior_bpm, 0.0
    bpm = 60.0 * fps / lags
    prior_octaves = PRIOR_OCTAVES if prior_octaves is None else prior_octaves
    prior = np.exp(-0.5 * (np.log2(bpm / prior_bpm) / prior_octaves) ** 2)
    salience = np.clip(_comb(ac, lags), 0.0, None)
    best = int(np.argmax(salience * prior))
    lag = _refine_peak(salience * prior, best) + lags[0]
    confidence = float(np.clip(_interp(ac, np.array([lag]))[0], 0.0, 1.0))
    return 60.0 * fps / lag, confidence


def local_periods(onset: np.ndarray, *, fps: float, tempo_bpm: float) -> np.ndarray:
    """Per-frame beat period (frames), following tempo drift around the global tempo."""
    n = onset.size
    period = 60.0 * fps / tempo_bpm
    win = int(LOCAL_WINDOW_S * fps)
    hop = max(1, int(LOCAL_HOP_S * fps))
    if n < 2 * win:
        return np.full(n, period)
    lags = np.arange(int(period / 1.45), int(np.ceil(period * 1.45)) + 1, dtype=np.float64)
    prior = np.exp(-0.5 * (np.log2(lags / period) / 0.5) ** 2)
    centres, values = [], []
    for lo in range(0, n - win + 1, hop):
        seg = onset[lo : lo + win].astype(np.float64)
        if seg.std() <= 1e-9:
            continue
        ac = _normalised_autocorr(seg, int(lags[-1] * 2) + 2)
        sal = np.clip(_comb(ac, lags), 0.0, None)
        if sal.max() < MIN_CONFIDENCE:
            continue
        weighted = sal * prior
        best = int(np.argmax(weighted))
        centres.append(lo + win / 2)
        values.append(_refine_peak(weighted, best) + lags[0])
    if len(values) < 3:
        return np.full(n, period)
    vals = np.asarray(values)
    k = LOCAL_MEDIAN
    padded = np.pad(vals, k // 2, mode="edge")
    smooth = np.median(np.lib.stride_tricks.sliding_window_view(padded, k), axis=1)
    return np.asarray(np.interp(np.arange(n), np.asarray(centres), smooth), dtype=np.float64)


def track_beats(onset: np.ndarray, *, periods: np.ndarray, tightness: float = TIGHTNESS) -> np.ndarray:
    """Ellis' dynamic-programming beat tracker with a per-frame period.

    Parameters
    ----------
    onset : np.ndarray [shape=(n,)]
    periods : np.ndarray [shape=(n,)]
        Expected beat period in frames at each frame.
    tightness : float
        How strongly beat spacing is held to the period.

    Returns
    -------
    np.ndarray
        Beat positions in (fractional) frames, sub-frame refined on the envelope.
    """
    n = onset.size
    if n == 0:
        return np.zeros(0)
    # Small bumps (beating partials of a held chord) must not pull beats off the grid.
    floor = BUMP_FLOOR * float(np.percentile(onset, 99))
    clean = np.maximum(onset - floor, 0.0)
    std = clean.std()
    norm = clean / std if std > 0 else clean
    sigma = max(1.0, float(np.median(periods)) / 32.0)
    kernel = np.exp(-0.5 * (np.arange(-int(3 * sigma), int(3 * sigma) + 1) / sigma) ** 2)
    local = np.convolve(norm, kernel / kernel.sum(), mode="same")
    cum = np.zeros(n)
    back = np.full(n, -1, dtype=np.int64)
    cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for t in range(n):
        p = periods[t]
        key = int(round(p * 4))
        if key not in cache:
            p_q = key / 4.0
            dist = np.arange(int(round(2 * p_q)), max(int(round(p_q / 2)), 1) - 1, -1)
            cache[key] = (dist, -tightness * np.log(dist / p_q) ** 2)
        dist, penalty = cache[key]
        taus = t - dist
        ok = taus >= 0
        if not ok.any():
            cum[t] = local[t]
            continue
        cand = cum[taus[ok]] + penalty[ok]
        k = int(np.argmax(cand))
        if cand[k] > 0:
            cum[t] = local[t] + cand[k]
            back[t] = taus[ok][k]
        else:
            cum[t] = local[t]
    tail = int(round(periods[-1]))
    last = n - tail + int(np.argmax(cum[n - tail :])) if n > tail else int(np.argmax(cum))
    beats = [last]
    while back[beats[-1]] >= 0:
        beats.append(int(back[beats[-1]]))
    frames = np.array(beats[::-1], dtype=np.float64)
    snapped = np.array([_snap_to_peak(onset, int(f), floor) for f in frames])
    return _regularise_unanchored(snapped, onset) if REGULARISE else snapped


def _regularise_unanchored(frames: np.ndarray, onset: np.ndarray) -> np.ndarray:
    """Space the beats evenly between onset-anchored beats.

    Where the music has no onset on a beat (pads that change once a bar, a held chord),
    the dynamic programme's beats drift towards small bumps; even spacing between the two
    nearest anchored beats is closer to the truth.
    """
    if frames.size < 3:
        return frames
    idx = np.clip(np.round(frames).astype(int), 0, onset.size - 1)
    peak = np.array([onset[max(i - 2, 0) : i + 3].max() for i in idx])
    # a beat on the first frames cannot carry the timing offset the others have; not an anchor
    anchored = (peak >= ANCHOR_RATIO * float(np.median(peak))) & (frames >= 3)
    out: np.ndarray = frames.copy()
    anchors = np.flatnonzero(anchored)
    for a, b in zip(anchors[:-1], anchors[1:], strict=True):
        if b - a > 1:
            out[a : b + 1] = np.linspace(frames[a], frames[b], b - a + 1)
    return out


def metrical_level(beats_frames: np.ndarray, *, body_onset: np.ndarray, tempo_bpm: float) -> int:
    """Decide whether the tracked beats are at double (-> 2) or half (-> -2) the felt tempo.

    Uses an onset envelope without the hi-hat bands: at the felt tempo every beat carries
    kick, snare, bass or a chord, while the midpoints between beats carry less.

    Returns
    -------
    int
        2 to double the tempo, -2 to halve it, 1 to keep it.
    """
    if beats_frames.size < 8 or body_onset.max() <= 0:
        return 1

    def peak(f: float) -> float:
        i = int(round(f))
        return float(body_onset[max(i - 2, 0) : i + 3].max()) if 0 <= i < body_onset.size else 0.0

    s = np.array([peak(f) for f in beats_frames])
    m = np.array([peak(f) for f in (beats_frames[:-1] + beats_frames[1:]) / 2])
    s_med = float(np.median(s))
    if s_med <= 0:
        return 1
    if float(np.median(m)) > DOUBLE_RATIO * s_med and tempo_bpm * 2 <= MAX_FELT_BPM:
        return 2
    # Halve only when every other beat is weak, not when one beat per bar is accented
    # (a bass note on the downbeat makes the even beats louder on average).
    even, odd = s[0::2], s[1::2]
    strong, weak = (even, odd) if even.mean() >= odd.mean() else (odd, even)
    if (
        float(np.percentile(weak, 75)) < HALVE_RATIO * float(np.percentile(strong, 25))
        and tempo_bpm / 2 >= MIN_FELT_BPM
    ):
        return -2
    return 1


def trim_unsupported(
    beats_frames: np.ndarray,
    *,
    onset: np.ndarray,
    rms: np.ndarray | None = None,
    head_ratio: float = HEAD_SUPPORT,
    tail_ratio: float = TAIL_SUPPORT,
    tail_drop_db: float = TAIL_DROP_DB,
) -> np.ndarray:
    """Drop leading and trailing beats that no onset supports (ringing tails, fades, noise).

    A beat is supported when the envelope peak within two frames of it reaches a ratio of
    the median peak over all beats.  The head ratio is low so that a soft intro (pads before
    the drums) keeps its beats; at the tail a beat must also be within ``tail_drop_db`` of
    the median loudness at beats, because reverb and noise keep the envelope bumpy after
    the music stops.  Beats inside the track are kept either way.
    """
    if beats_frames.size < 4:
        return beats_frames
    idx = np.clip(np.round(beats_frames).astype(int), 0, onset.size - 1)
    strength = np.array([onset[max(i - 2, 0) : i + 3].max() for i in idx])
    ref = float(np.median(strength))
    head, tail = strength >= head_ratio * ref, strength >= tail_ratio * ref
    if rms is not None:
        loud = np.array([rms[i : i + 5].max() for i in idx])
        tail &= loud >= float(np.median(loud)) * 10 ** (-tail_drop_db / 20)
    if not head.any() or not tail.any():
        return beats_frames
    first, last = int(np.argmax(head)), int(tail.size - 1 - np.argmax(tail[::-1]))
    return beats_frames[first : last + 1] if last >= first else beats_frames


def _snap_to_peak(onset: np.ndarray, f: int, floor: float) -> float:
    """Move a beat to the leading edge (half-height crossing) of the nearby onset peak.

    The leading edge moves less than the peak when a sound has a slow attack or reverb.
    """
    lo, hi = max(f - 2, 0), min(f + 3, onset.size)
    k = lo + int(np.argmax(onset[lo:hi]))
    if onset[k] <= floor:
        return float(f)
    if not EDGE_TIMING:
        return _refine_peak(onset, k)
    half = 0.5 * onset[k]
    j = k
    while j > 0 and k - j < _EDGE_MAX_FRAMES and onset[j - 1] > half:
        j -= 1
    if j == 0 or onset[j - 1] > half:
        return float(j)
    a, b = onset[j - 1], onset[j]
    return (j - 1) + (half - a) / (b - a) if b > a else float(j)


def steady_grid(*, first_s: float, end_s: float, tempo_bpm: float = PRIOR_BPM) -> np.ndarray:
    """A steady beat grid from ``first_s`` up to ``end_s``."""
    step = 60.0 / tempo_bpm
    n = max(0, int(np.floor((end_s - first_s) / step)) + 1)
    return first_s + step * np.arange(n)


def estimate_downbeats(
    beats_s: np.ndarray,
    *,
    fps: float,
    low_onset: np.ndarray,
    chroma: np.ndarray,
    meters: tuple[int, ...] = (4, 3),
) -> tuple[int, int]:
    """Choose beats per bar and the index of the first downbeat.

    Parameters
    ----------
    beats_s : np.ndarray
    fps : float
    low_onset : np.ndarray [shape=(n,)]
        Onset envelope of the low bands (kick, bass).
    chroma : np.ndarray [shape=(12, n)]
    meters : tuple[int, ...]
        Candidate beats per bar; the first is the default.

    Returns
    -------
    (beats_per_bar, first_downbeat_index) : tuple[int, int]
    """
    nb = beats_s.size
    default = meters[0]
    if nb < 2 * default:
        return default, 0
    idx = np.clip(np.round(beats_s * fps).astype(int), 0, low_onset.size - 1)
    low = np.array([low_onset[max(i - 2, 0) : i + 3].max() for i in idx])
    bounds = np.concatenate([idx, [low_onset.size]])
    cnorm = chroma / (np.linalg.norm(chroma, axis=0, keepdims=True) + 1e-9)
    seg = np.array([cnorm[:, bounds[k] : max(bounds[k + 1], bounds[k] + 1)].mean(axis=1) for k in range(nb)])
    seg = seg / (np.linalg.norm(seg, axis=1, keepdims=True) + 1e-9)
    change = np.zeros(nb)
    change[1:] = 1.0 - np.sum(seg[1:] * seg[:-1], axis=1)
    change[0] = change[1:].max() if nb > 1 else 0.0

    def z(x: np.ndarray) -> np.ndarray:
        s = x.std()
        return (x - x.mean()) / s if s > 0 else np.zeros_like(x)

    accent = z(low) + 1.5 * z(change)
    best: tuple[float, int, int] | None = None
    for m in meters:
        scores = np.array([accent[p::m].mean() for p in range(m)])
        contrast = float(scores.max() - np.delete(scores, scores.argmax()).mean())
        if m != default:
            contrast /= 1.3  # the default metre wins unless the other is clearly stronger
        if best is None or contrast > best[0]:
            best = (contrast, m, int(scores.argmax()))
    return (best[1], best[2]) if best is not None else (default, 0)
