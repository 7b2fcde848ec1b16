"""Cut planning: where the picture changes, on the beat grid of a section, then on the frame grid."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from skill.timeline.vocab import PACES, Pace, SectionLabel

from .analysis import TrackAnalysis
from .errors import ParameterError

if TYPE_CHECKING:
    from .sections import SongSection

__all__ = ["MAX_OFFSET_MS", "MIN_SEGMENT_S", "PACES", "Pace", "downbeat_cuts", "plan_cuts"]

# a cut closer than this to the start or end of the video would flash a near-empty shot
MIN_SEGMENT_S = 0.15
# more than half a beat at 60 BPM is no longer "a bit late": it is another beat
MAX_OFFSET_MS = 500


def _on_grid(analysis: TrackAnalysis, start_s: float) -> dict[float, tuple[int, int]]:
    """For each beat: (position in its bar, 0 = downbeat; index of its bar from the section's first)."""
    beats, downbeats = list(analysis.beats_s), list(analysis.downbeats_s)
    bpb = max(analysis.beats_per_bar, 1)
    first_bar = next((k for k, d in enumerate(downbeats) if d >= start_s - MIN_SEGMENT_S), len(downbeats))
    i0 = beats.index(downbeats[0]) if downbeats and downbeats[0] in beats else 0
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


def plan_cuts(
    analysis: TrackAnalysis,
    *,
    start_s: float,
    duration_s: float,
    pace: Pace = "beat",
    section_paces: Mapping[SectionLabel, Pace] | None = None,
    sections: Sequence[SongSection] = (),
    offset_ms: float = 0.0,
    fps: int | None = None,
) -> tuple[float, ...]:
    """Cut times on the beat grid, relative to ``start_s``.

    Parameters
    ----------
    analysis : TrackAnalysis
    start_s, duration_s : float
        The section being rendered.
    pace : {"beat", "half", "bar", "2bar"}
        Cut on every beat, every other beat (the downbeat and the mid-bar beat), every downbeat, or
        every second downbeat (counted from the section's first downbeat).
    section_paces, sections : optional
        A pace per section label ("every beat in the chorus"): a beat in one of ``sections`` whose
        label is in ``section_paces`` follows that pace; the others follow ``pace``.
    offset_ms : float
        Moves every cut (positive: later), for music whose felt beat is ahead of or behind its onsets.
    fps : int, optional
        Puts every cut on a frame boundary (the frame that starts nearest it).

    Returns
    -------
    tuple[float, ...]
        Increasing times strictly inside ``(0, duration_s)``, at least ``MIN_SEGMENT_S`` from either end.

    Raises
    ------
    ParameterError
        On an unknown pace, a non-positive duration or an offset beyond ``MAX_OFFSET_MS``.
    """
    paces = dict(section_paces or {})
    for p in (pace, *paces.values()):
        if p not in PACES:
            raise ParameterError(f"Unknown pace {p!r}; use one of: {', '.join(PACES)}")
    if not duration_s > 0:
        raise ParameterError("The video length must be positive")
    if abs(offset_ms) > MAX_OFFSET_MS:
        raise ParameterError(f"The cut offset must be within ±{MAX_OFFSET_MS} ms")
    bpb = max(analysis.beats_per_bar, 1)
    if analysis.downbeats_s:
        grid = _on_grid(analysis, start_s)
    else:
        grid = {t: (k % bpb, k // bpb) for k, t in enumerate(analysis.beats_s)}
    shift = offset_ms / 1000.0
    cuts: set[float] = set()
    for t, (pos, bar) in grid.items():
        here = next((s.label for s in sections if s.start_s - 1e-6 <= t < s.end_s - 1e-6), None)
        if not _keeps(paces.get(here, pace) if here is not None else pace, pos, bar, bpb):
            continue
        c = t - start_s + shift
        if fps is not None:
            c = round(c * fps) / fps
        if MIN_SEGMENT_S <= c <= duration_s - MIN_SEGMENT_S:
            cuts.add(round(c, 6 if fps is not None else 4))
    return tuple(sorted(cuts))


def downbeat_cuts(
    analysis: TrackAnalysis, cuts_s: Sequence[float], *, start_s: float, offset_ms: float = 0.0
) -> tuple[bool, ...]:
    """For each cut (relative to ``start_s``), whether it falls on a downbeat: where beat effects go
    when they are asked for "on the downbeats"."""
    shift = offset_ms / 1000.0
    tolerance = 0.5 / 30 + 1e-6  # half a frame at the default rate, the most a frame snap moves a cut
    return tuple(any(abs(d - start_s + shift - c) <= tolerance for d in analysis.downbeats_s) for c in cuts_s)
