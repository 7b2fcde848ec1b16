"""Best section: the most chorus-like stretch of a track, snapped to whole bars."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .analysis import TrackAnalysis, analyse_track
from .errors import ParameterError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Section", "bar_features", "best_section", "chorus_scores"]

_W_LOUD = 1.0
_W_DENSITY = 0.5
_W_REPEAT = 1.0
_W_ENTRY = 0.5
_REPEAT_SPAN_BARS = 4
_MIN_LAG_BARS = 2


@dataclass(frozen=True, slots=True)
class Section:
    """A stretch of the track, in seconds from its start."""

    start_s: float
    duration_s: float

    @property
    def end_s(self) -> float:
        return self.start_s + self.duration_s


def _z(x: np.ndarray) -> np.ndarray:
    import numpy as np

    s = float(x.std())
    return (x - x.mean()) / s if s > 1e-9 else np.zeros_like(x)


def chorus_scores(bar_features: np.ndarray) -> np.ndarray:
    """Score each bar by how chorus-like it is: loud, dense and repeated elsewhere.

    Parameters
    ----------
    bar_features : np.ndarray [shape=(n_bars, 22)]
        Per bar: loudness (dB), onset density, 12 chroma values, 8 timbre coefficients.

    Returns
    -------
    np.ndarray [shape=(n_bars,)]
        Higher is more chorus-like (a sum of z-scores).
    """
    import numpy as np

    n = bar_features.shape[0]
    loud, dens = bar_features[:, 0], bar_features[:, 1]
    desc = np.concatenate([bar_features[:, 2:14], 0.5 * _z(bar_features[:, 14:22])], axis=1)
    desc = desc - desc.mean(axis=0)
    desc = desc / (np.linalg.norm(desc, axis=1, keepdims=True) + 1e-9)
    ssm = desc @ desc.T
    # average along diagonals: bar i matches bar j when the next few bars match too
    span = min(_REPEAT_SPAN_BARS, n)
    padded = np.pad(ssm, ((0, span), (0, span)), constant_values=0.0)
    diag = sum(padded[k : k + n, k : k + n] for k in range(span)) / span
    lag = np.abs(np.arange(n)[:, None] - np.arange(n)[None, :])
    diag[lag < _MIN_LAG_BARS] = -1.0
    repeat = diag.max(axis=1) if n > _MIN_LAG_BARS else np.zeros(n)
    return _W_LOUD * _z(loud) + _W_DENSITY * _z(dens) + _W_REPEAT * _z(repeat)


def bar_features(analysis: TrackAnalysis) -> np.ndarray | None:
    """Per-bar mean of the beat features, bar k from downbeat k to downbeat k+1 (None: no bars)."""
    import numpy as np

    downbeats = np.asarray(analysis.downbeats_s)
    beats = np.asarray(analysis.beats_s)
    feats = np.asarray(analysis.beat_features, dtype=np.float64)
    if downbeats.size < 2 or beats.size == 0 or feats.ndim != 2 or feats.shape[0] != beats.size:
        return None
    bar_of_beat = np.searchsorted(downbeats, beats + 1e-6, side="right") - 1
    out = np.zeros((downbeats.size, feats.shape[1]))
    for k in range(downbeats.size):
        rows = feats[bar_of_beat == k]
        out[k] = rows.mean(axis=0) if rows.size else feats[min(k * analysis.beats_per_bar, len(feats) - 1)]
    return out


def best_section(
    source: Path | TrackAnalysis,
    *,
    duration_s: float,
    cache_dir: Path | None = None,
) -> Section:
    """Find the most chorus-like section of about ``duration_s`` seconds.

    The section starts on a downbeat and lasts a whole number of bars, so it is within
    half a bar of ``duration_s``. When ``duration_s`` is at least the track's length,
    the whole track is returned.

    Parameters
    ----------
    source : Path or TrackAnalysis
        A song (analysed, with ``cache_dir``) or its analysis.
    duration_s : float
        Wanted length in seconds.
    cache_dir : Path, optional
        Analysis cache, used when ``source`` is a path.

    Returns
    -------
    Section

    Raises
    ------
    ParameterError
        When ``duration_s`` is not positive.
    """
    import numpy as np

    if not duration_s > 0:
        raise ParameterError("The highlight length must be a positive number of seconds")
    analysis = (
        source if isinstance(source, TrackAnalysis) else analyse_track(Path(source), cache_dir=cache_dir)
    )
    total = analysis.duration_s
    if duration_s >= total:
        return Section(0.0, total)
    downbeats = np.asarray(analysis.downbeats_s)
    bar_feats = bar_features(analysis)
    if bar_feats is None:
        return Section(0.0, duration_s)
    bar_s = float(np.median(np.diff(downbeats)))
    n_bars = max(1, round(duration_s / bar_s))
    n_all = downbeats.size
    scores = chorus_scores(bar_feats)
    loud = bar_feats[:, 0]
    entry = np.zeros(n_all)
    # a section that starts where the music gets louder starts at the chorus, not before it
    entry[1:] = np.clip((loud[1:] - loud[:-1]) / (loud.std() + 1e-9), 0.0, 2.0)
    best: tuple[float, float, float] | None = None
    for k in range(n_all):
        start = float(downbeats[k])
        end = float(downbeats[k + n_bars]) if k + n_bars < n_all else start + n_bars * bar_s
        if end > total + 1e-6:
            break
        window = scores[k : k + n_bars]
        score = float(window.mean()) + _W_ENTRY * float(entry[k])
        if best is None or score > best[0]:
            best = (score, start, end - start)
    if best is None:
        start = max(0.0, total - duration_s)
        return Section(round(start, 4), round(total - start, 4))
    return Section(round(best[1], 4), round(best[2], 4))
