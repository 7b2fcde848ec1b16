"""Downbeats: which beat starts the bar, and whether bars have 3 or 4 beats."""

from __future__ import annotations

import numpy as np

__all__ = ["estimate_downbeats"]


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
