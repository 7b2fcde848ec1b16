"""Beat frames from the onset envelopes: local periods, dynamic programme, vote, metrical level.

One tempo section at a time (``tempo_change.tempo_sections``): a song that changes tempo
for good is tracked section by section, each with its own global tempo and metrical level,
and the sections' beats are joined.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import beats as bt
from . import tempo as tp
from .tempo_change import tempo_sections
from .vote import vote

__all__ = ["Tracked", "track"]

# at a section boundary, a beat closer than this share of a period to the previous one is a double
_JOIN_MIN_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Tracked:
    """The tracked beats (frames), the tempo at their level and the vote's agreement (0..1)."""

    frames: np.ndarray
    tempo_bpm: float
    agreed: float


def _track_one(beat_env: np.ndarray, envs: dict[str, np.ndarray], *, fps: float, tempo_bpm: float) -> Tracked:
    periods = tp.local_periods(beat_env, fps=fps, tempo_bpm=tempo_bpm)
    frames = bt.track_beats(beat_env, periods=periods)
    agreed = 1.0
    if bt.AGREEMENT:
        frames, agreed = vote(frames, envs, periods=periods, fps=fps)
    body = envs["body"]
    level = tp.metrical_level(frames, body_onset=body, tempo_bpm=tempo_bpm)
    if level in (2, 3):
        tempo_bpm *= level
        frames = bt.track_beats(beat_env, periods=periods / level)
    elif level == -2:
        tempo_bpm /= 2
        phase = int(np.argmax([body[np.round(frames[p::2]).astype(int)].mean() for p in (0, 1)]))
        frames = frames[phase::2]
    return Tracked(frames, tempo_bpm, agreed)


def track(beat_env: np.ndarray, envs: dict[str, np.ndarray], *, fps: float, tempo_bpm: float) -> Tracked:
    """Track the beats of the whole envelope, section by section where the tempo changes for good.

    ``envs`` holds the band envelopes by name (``full``, ``low``, ``body``, ``mid``, ``high``),
    frame-aligned with ``beat_env``.
    """
    sections = tempo_sections(beat_env, fps=fps, tempo_bpm=tempo_bpm)
    if len(sections) == 1:
        return _track_one(beat_env, envs, fps=fps, tempo_bpm=tempo_bpm)
    parts: list[np.ndarray] = []
    weights, agreements, tempos = [], [], []
    for lo, hi in sections:
        env = beat_env[lo:hi]
        section_tempo, _ = tp.estimate_tempo(env, fps=fps)
        got = _track_one(env, {k: v[lo:hi] for k, v in envs.items()}, fps=fps, tempo_bpm=section_tempo)
        parts.append(got.frames + lo)
        weights.append(hi - lo)
        agreements.append(got.agreed)
        tempos.append(got.tempo_bpm)
    frames = parts[0]
    for part in parts[1:]:
        frames = _join(frames, part)
    longest = int(np.argmax(weights))
    return Tracked(frames, tempos[longest], float(np.average(agreements, weights=weights)))


def _join(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """Beats of two sections in a row, without a double beat where both trackers reached the boundary."""
    if before.size == 0 or after.size == 0:
        return np.concatenate([before, after])
    gaps = [float(np.median(np.diff(x))) for x in (before, after) if x.size > 1]
    min_gap = _JOIN_MIN_SHARE * min(gaps) if gaps else 0.0
    return np.concatenate([before, after[after > before[-1] + min_gap]])
