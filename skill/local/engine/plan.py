"""Cut planning on an analysis: the timeline's one cut rule (:mod:`skill.timeline.cuts`), for engine callers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from skill.timeline.cuts import MAX_OFFSET_MS, MIN_SHOT_S, Labelled, cut_times, on_downbeats
from skill.timeline.vocab import PACES, Pace, SectionLabel

from .analysis import TrackAnalysis
from .errors import ParameterError

__all__ = ["MAX_OFFSET_MS", "MIN_SEGMENT_S", "PACES", "Pace", "downbeat_cuts", "plan_cuts"]

MIN_SEGMENT_S = MIN_SHOT_S


def plan_cuts(
    analysis: TrackAnalysis,
    *,
    start_s: float,
    duration_s: float,
    pace: Pace = "beat",
    section_paces: Mapping[SectionLabel, Pace] | None = None,
    sections: Sequence[Labelled] = (),
    offset_ms: float = 0.0,
    fps: int | None = None,
) -> tuple[float, ...]:
    """Cut times on the beat grid, relative to ``start_s`` (see :func:`skill.timeline.cuts.cut_times`).

    Raises
    ------
    ParameterError
        On an unknown pace, a non-positive duration or an offset beyond ``MAX_OFFSET_MS``.
    """
    try:
        return cut_times(
            analysis.beats_s,
            analysis.downbeats_s,
            beats_per_bar=analysis.beats_per_bar,
            start_s=start_s,
            duration_s=duration_s,
            pace=pace,
            section_paces=section_paces,
            sections=sections,
            offset_ms=offset_ms,
            fps=fps,
        )
    except ValueError as err:
        raise ParameterError(str(err)) from None


def downbeat_cuts(
    analysis: TrackAnalysis, cuts_s: Sequence[float], *, start_s: float, offset_ms: float = 0.0
) -> tuple[bool, ...]:
    """For each cut, whether it falls on a downbeat (see :func:`skill.timeline.cuts.on_downbeats`)."""
    return on_downbeats(analysis.downbeats_s, cuts_s, start_s=start_s, offset_ms=offset_ms)
