"""Cut planning: where the picture changes, on the beat grid of a section."""

from __future__ import annotations

from typing import Literal

from .analysis import TrackAnalysis
from .errors import ParameterError

__all__ = ["MIN_SEGMENT_S", "PACES", "Pace", "plan_cuts"]

Pace = Literal["beat", "bar", "2bar"]
PACES: tuple[str, ...] = ("beat", "bar", "2bar")
# a cut closer than this to the start or end of the video would flash a near-empty shot
MIN_SEGMENT_S = 0.15


def plan_cuts(
    analysis: TrackAnalysis, *, start_s: float, duration_s: float, pace: Pace = "beat"
) -> tuple[float, ...]:
    """Cut times on the beat grid, relative to ``start_s``.

    Parameters
    ----------
    analysis : TrackAnalysis
    start_s, duration_s : float
        The section being rendered.
    pace : {"beat", "bar", "2bar"}
        Cut on every beat, every downbeat, or every second downbeat (counted from the
        section's first downbeat).

    Returns
    -------
    tuple[float, ...]
        Increasing times strictly inside ``(0, duration_s)``.

    Raises
    ------
    ParameterError
        On an unknown pace or a non-positive duration.
    """
    if pace not in PACES:
        raise ParameterError(f"Unknown pace {pace!r}; use one of: {', '.join(PACES)}")
    if not duration_s > 0:
        raise ParameterError("The video length must be positive")
    end_s = start_s + duration_s
    if pace == "beat":
        grid = list(analysis.beats_s)
    else:
        grid = list(analysis.downbeats_s) or list(analysis.beats_s[:: max(analysis.beats_per_bar, 1)])
        if pace == "2bar":
            inside = [t for t in grid if t >= start_s - MIN_SEGMENT_S]
            grid = inside[::2]
    cuts = [round(t - start_s, 4) for t in grid if start_s + MIN_SEGMENT_S <= t <= end_s - MIN_SEGMENT_S]
    return tuple(sorted(set(cuts)))
