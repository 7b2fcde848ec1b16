"""Where the picture changes: the beat grid of an excerpt at a pace (per section if asked), offset, on frames.

Pure: it reads beat and downbeat times (seconds of the song), so the timeline's recipe and the engine's
callers cut by one rule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from .vocab import MAX_OFFSET_MS, PACES, Pace, SectionLabel

__all__ = ["MAX_OFFSET_MS", "MIN_SHOT_S", "Labelled", "cut_times", "on_downbeats"]

# a cut closer than this to the start or end of the video would flash a near-empty shot
MIN_SHOT_S = 0.15


class Labelled(Protocol):
    """A labelled stretch of the song (seconds of the song)."""

    @property
    def label(self) -> SectionLabel: ...
    @property
    def start_s(self) -> float: ...
    @property
    def end_s(self) -> float: ...


def _positions(
    beats: Sequence[float], downbeats: Sequence[float], bpb: int, start_s: float
) -> dict[float, tuple[int, int]]:
    """For each beat: (position in its bar, 0 = downbeat; index of its bar from the excerpt's first)."""
    if not downbeats:
        return {t: (k % bpb, k // bpb) for k, t in enumerate(beats)}
    first_bar = next((k for k, d in enumerate(downbeats) if d >= start_s - MIN_SHOT_S), len(downbeats))
    i0 = list(beats).index(downbeats[0]) if downbeats[0] in beats else 0
    downs = set(downbeats)
    out: dict[float, tuple[int, int]] = {}
    bar, pos = -1, 0
    for i, t in enumerate(beats):
        if t in downs:
            bar, pos = bar + 1, 0
        elif i < i0:  # a pickup before the first downbeat
            pos = (i - i0) % bpb
        else:
            pos += 1
        out[t] = (pos, bar - first_bar)
    return out


def _keeps(pace: Pace, pos: int, bar: int, bpb: int) -> bool:
    if pace == "beat":
        return True
    if pace == "half":
        return pos % 2 == 0 if bpb % 2 == 0 else pos in (0, (bpb + 1) // 2)
    if pace == "bar":
        return pos == 0
    return pos == 0 and bar % 2 == 0


def cut_times(
    beats_s: Sequence[float],
    downbeats_s: Sequence[float],
    *,
    beats_per_bar: int,
    start_s: float,
    duration_s: float,
    pace: Pace = "beat",
    section_paces: Mapping[SectionLabel, Pace] | None = None,
    sections: Sequence[Labelled] = (),
    offset_ms: float = 0.0,
    fps: int | None = None,
) -> tuple[float, ...]:
    """Cut times relative to ``start_s``: increasing, at least ``MIN_SHOT_S`` inside ``(0, duration_s)``.

    ``pace``: every beat, every other beat (the downbeat and the mid-bar beat), every downbeat, or every
    second downbeat (counted from the excerpt's first). A beat inside one of ``sections`` whose label is
    in ``section_paces`` follows that pace instead ("every beat in the chorus"). ``offset_ms`` moves
    every cut (positive: later); ``fps`` puts each on the frame boundary nearest it.

    Raises
    ------
    ValueError
        An unknown pace, a non-positive duration or an offset beyond ``MAX_OFFSET_MS``.
    """
    paces = dict(section_paces or {})
    for p in (pace, *paces.values()):
        if p not in PACES:
            raise ValueError(f"Unknown pace {p!r}; use one of: {', '.join(PACES)}")
    if not duration_s > 0:
        raise ValueError("The video length must be positive")
    if abs(offset_ms) > MAX_OFFSET_MS:
        raise ValueError(f"The cut offset must be within ±{MAX_OFFSET_MS} ms")
    bpb = max(beats_per_bar, 1)
    shift = offset_ms / 1000.0
    cuts: set[float] = set()
    for t, (pos, bar) in _positions(beats_s, downbeats_s, bpb, start_s).items():
        here = next((s.label for s in sections if s.start_s - 1e-6 <= t < s.end_s - 1e-6), None)
        if not _keeps(paces.get(here, pace) if here is not None else pace, pos, bar, bpb):
            continue
        c = t - start_s + shift
        if fps is not None:
            c = round(c * fps) / fps
        if MIN_SHOT_S <= c <= duration_s - MIN_SHOT_S:
            cuts.add(round(c, 6 if fps is not None else 4))
    return tuple(sorted(cuts))


def on_downbeats(
    downbeats_s: Sequence[float],
    cuts_s: Sequence[float],
    *,
    start_s: float,
    offset_ms: float = 0.0,
    fps: int = 30,
) -> tuple[bool, ...]:
    """For each cut (relative to ``start_s``), whether it falls on a downbeat: where beat effects go
    when they are asked for "on the downbeats"."""
    shift = offset_ms / 1000.0
    tolerance = 0.5 / fps + 1e-6  # half a frame, the most a frame snap moves a cut
    return tuple(any(abs(d - start_s + shift - c) <= tolerance for d in downbeats_s) for c in cuts_s)
