"""Tempo of an onset envelope: global estimate, local (drifting) periods, and the metrical level.

The global tempo is the autocorrelation of the onset envelope scored as a comb over the
period and two multiples, weighted by a log-normal prior around 120 BPM (one octave wide).
Local periods repeat this on 8 s windows within 1/1.3..1.3 of the global period
(``LOCAL_RANGE``) and are median-smoothed, so drift and moderate tempo changes are followed without octave jumps
(a change beyond that range is split into sections first: ``tempo_change``).  Octave
errors are settled after tracking by :func:`metrical_level`, which listens to the bands
below 1.5 kHz (kick, snare body, bass, chords) and not to the hi-hats.  A 4/3 error (a
beat of three eighth notes under 3-3-2 accents) is settled on the global tempo, by which
level makes the half bar and the bar periodic.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "at_lags",
    "comb_salience",
    "estimate_tempo",
    "local_periods",
    "metrical_level",
    "normalised_autocorr",
]

PRIOR_BPM = 120.0
PRIOR_OCTAVES = 1.0
MIN_BPM = 40.0
MAX_BPM = 240.0
MIN_CONFIDENCE = 0.15
# Is there a beat at all?  The autocorrelation peak of a patternless envelope is about
# 1/sqrt(n) (n frames), so the peak times sqrt(n) is a z-score: white noise gives ~3,
# the quietest real song of the benchmark set ~20.  An absolute level (0.8 of mixed rock
# with a dense, noisy envelope was read as "no beat") cannot tell those apart.
MIN_PERIODICITY_Z = 8.0
# below this 99th-percentile flux (dB, with a 60 dB range) there are no real onsets: a
# drone's swells only rise from near silence (0.1 dB), the softest real song ~1.3 dB
MIN_ONSET_DB = 0.3
ONSET_RANGE_DB = 60.0
LOCAL_WINDOW_S = 8.0
LOCAL_HOP_S = 1.0
LOCAL_MEDIAN = 5
# how far an 8-s window's period may stray from the global one: songs that really change tempo
# are tracked section by section (tempo_change), so the local periods only follow drift; at
# 1.45 windows of real songs strayed to 4/5 of the tempo for a few bars and the beats with them
# (agreed beat F: dev 0.992 -> 0.995, a third split 0.887 -> 0.906 at 1.3; 1.2 halves a tempo)
LOCAL_RANGE = 1.3
_COMB_WEIGHTS = (1.0, 0.5, 0.25)
DOUBLE_RATIO = 0.6
HALVE_RATIO = 0.35
MAX_FELT_BPM = 200.0
MIN_FELT_BPM = 55.0
SUBDIVIDE_RATIO = 0.2
BODY_MAX_HZ = 1500.0
THREE_QUARTER_MARGIN = 1.1
# the tempo 3/2 as fast is taken when its periodicity is at least this share of the chosen one's
THREE_TWO_SHARE = 0.75


def normalised_autocorr(x: np.ndarray, max_lag: int) -> np.ndarray:
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


def at_lags(ac: np.ndarray, lag: np.ndarray) -> np.ndarray:
    return np.asarray(np.interp(lag, np.arange(ac.size), ac, right=0.0), dtype=np.float64)


def comb_salience(ac: np.ndarray, lags: np.ndarray) -> np.ndarray:
    total = np.zeros(lags.shape, dtype=np.float64)
    for k, w in enumerate(_COMB_WEIGHTS):
        total += w * at_lags(ac, lags * (k + 1))
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
    ac = normalised_autocorr(onset.astype(np.float64), max_lag)
    lags = np.arange(int(fps * 60.0 / MAX_BPM), int(fps * 60.0 / MIN_BPM) + 1, dtype=np.float64)
    lags = lags[lags > 1]
    if lags.size == 0:
        return prior_bpm, 0.0
    bpm = 60.0 * fps / lags
    prior_octaves = PRIOR_OCTAVES if prior_octaves is None else prior_octaves
    prior = np.exp(-0.5 * (np.log2(bpm / prior_bpm) / prior_octaves) ** 2)
    salience = np.clip(comb_salience(ac, lags), 0.0, None)
    best = int(np.argmax(salience * prior))
    lag = _refine_peak(salience * prior, best) + lags[0]
    slower = _three_quarter_level(ac, lags, salience, lag)
    if slower is not None:
        lag = slower
    elif (faster := _three_two_level(lags, salience, lag)) is not None:
        lag = faster
    confidence = float(np.clip(at_lags(ac, np.array([lag]))[0], 0.0, 1.0))
    return 60.0 * fps / lag, confidence


def _duple_support(ac: np.ndarray, lag: float) -> float:
    """Mean autocorrelation at the beat, half-bar and bar lags of a 4/4 reading of ``lag``."""
    return float(np.mean(at_lags(ac, lag * np.array([1.0, 2.0, 4.0]))))


def _three_quarter_level(ac: np.ndarray, lags: np.ndarray, salience: np.ndarray, lag: float) -> float | None:
    """The lag 4/3 as long when it explains the bar better (a tempo 3/4 as fast), else None.

    Syncopated 3-3-2 accents make a period of three eighth notes strongly periodic: three
    real songs were tracked at 4/3 of the tempo both judges heard (187 for 140 BPM), where
    every fourth "beat" is not a bar.  At the right tempo, beat, half bar and bar are all
    periodic; on the benchmark set this check picks the 3/4 level on exactly those songs
    (margins 1.24-1.29) and never elsewhere (at most 0.54).  Two thirds would not do: in
    3/4 the bar is three beats, so a 2/3 level always looks better.
    """
    longer = lag * 4.0 / 3.0
    if longer > lags[-1] or _duple_support(ac, longer) <= THREE_QUARTER_MARGIN * _duple_support(ac, lag):
        return None
    near = np.flatnonzero(np.abs(lags / longer - 1.0) <= 0.04)
    if near.size == 0:
        return longer
    k = int(near[np.argmax(salience[near])])
    return float(_refine_peak(salience, k) + lags[0])


def _three_two_level(lags: np.ndarray, salience: np.ndarray, lag: float) -> float | None:
    """The lag 2/3 as long when it is nearly as periodic (a tempo 3/2 as fast), else None.

    A beat grouped in threes (6/8, or quarter notes under a triplet melody) makes the tempo
    2/3 as fast look periodic too, and the prior, centred on 120 BPM, then prefers whichever
    is nearer 120: a fresh excerpt at 130 BPM was tracked at 87, another at 182 at 120.  On the
    real-music set the faster tempo reaches 3/4 of the chosen one's periodicity on four songs,
    each of which madmom hears at the faster tempo, and on no song it hears at the slower one.
    """
    faster = lag / 1.5
    near = np.flatnonzero(np.abs(lags / faster - 1.0) <= 0.04)
    here = np.flatnonzero(np.abs(lags / lag - 1.0) <= 0.02)
    if near.size == 0 or here.size == 0:
        return None
    k = int(near[np.argmax(salience[near])])
    if salience[k] < THREE_TWO_SHARE * float(salience[here].max()):
        return None
    return float(_refine_peak(salience, k) + lags[0])


def local_periods(onset: np.ndarray, *, fps: float, tempo_bpm: float) -> np.ndarray:
    """Per-frame beat period (frames), following tempo drift within ``LOCAL_RANGE`` of the global tempo."""
    n = onset.size
    period = 60.0 * fps / tempo_bpm
    win = int(LOCAL_WINDOW_S * fps)
    hop = max(1, int(LOCAL_HOP_S * fps))
    if n < 2 * win:
        return np.full(n, period)
    lags = np.arange(int(period / LOCAL_RANGE), int(np.ceil(period * LOCAL_RANGE)) + 1, dtype=np.float64)
    prior = np.exp(-0.5 * (np.log2(lags / period) / 0.5) ** 2)
    centres, values = [], []
    for lo in range(0, n - win + 1, hop):
        seg = onset[lo : lo + win].astype(np.float64)
        if seg.std() <= 1e-9:
            continue
        ac = normalised_autocorr(seg, int(lags[-1] * 2) + 2)
        sal = np.clip(comb_salience(ac, lags), 0.0, None)
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


def metrical_level(beats_frames: np.ndarray, *, body_onset: np.ndarray, tempo_bpm: float) -> int:
    """Decide whether the tracked beats are at double (-> 2) or half (-> -2) the felt tempo.

    Uses an onset envelope without the hi-hat bands: at the felt tempo every beat carries
    kick, snare, bass or a chord, while the midpoints between beats carry less.

    The thirds of the beat are checked too, and below ``MIN_FELT_BPM`` the beat is always
    split in two or three if either carries onsets: a fast waltz whose bass note on beat 1
    outweighs the chords on 2 and 3 is otherwise tracked once a bar.

    Returns
    -------
    int
        2 to double the tempo, 3 to triple it, -2 to halve it, 1 to keep it.
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
    half = float(np.median(m)) / s_med
    d = np.diff(beats_frames)
    third = min(float(np.median([peak(f) for f in beats_frames[:-1] + d * k / 3])) for k in (1, 2)) / s_med
    if tempo_bpm < MIN_FELT_BPM and max(half, third) > SUBDIVIDE_RATIO:
        # too slow to be the felt beat: split it the way the music does
        if third > half and tempo_bpm * 3 <= MAX_FELT_BPM:
            return 3
        return 2
    if half > DOUBLE_RATIO and tempo_bpm * 2 <= MAX_FELT_BPM:
        return 2
    if third > DOUBLE_RATIO and tempo_bpm * 3 <= MAX_FELT_BPM:
        return 3
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
