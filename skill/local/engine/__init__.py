"""Media engine: beats, downbeats, best section and beat-cut 1080p H.264 rendering.

Importing this package is cheap: submodules (numpy, PyAV, pillow) load on first use
of a name, so ``import skill.local.engine`` pulls in neither av nor numpy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.lazy import lazy_getattr

from .errors import (
    AudioDecodeError,
    EngineError,
    NoAudioError,
    OutputPathError,
    ParameterError,
    RenderCancelled,
    RenderError,
    SilentAudioError,
    TooShortError,
)
from .plan import Pace
from .render import ASPECT_SIZES, RenderResult, RenderSpec, render_video

if TYPE_CHECKING:
    from .analysis import TrackAnalysis, analyse_track
    from .highlight import Section, best_section
    from .pipeline import render_highlight
    from .plan import plan_cuts

__all__ = [
    "ASPECT_SIZES",
    "AudioDecodeError",
    "EngineError",
    "NoAudioError",
    "OutputPathError",
    "Pace",
    "ParameterError",
    "RenderCancelled",
    "RenderError",
    "RenderResult",
    "RenderSpec",
    "Section",
    "SilentAudioError",
    "TooShortError",
    "TrackAnalysis",
    "analyse_track",
    "best_section",
    "plan_cuts",
    "render_highlight",
    "render_video",
]

_LAZY = {
    "TrackAnalysis": "analysis",
    "analyse_track": "analysis",
    "Section": "highlight",
    "best_section": "highlight",
    "plan_cuts": "plan",
    "render_highlight": "pipeline",
}


__getattr__ = lazy_getattr(__name__, _LAZY, globals())


def __dir__() -> list[str]:
    return sorted(__all__)
