"""The timeline core: the typed model of the edit, its vocabulary, and (for now) the draft reader.

``draft`` is the first reader of the wire draft (summary and diff); the timeline-core issue replaces
it with ``model``/``ops``/``apply``/``describe`` in this package.
"""

from __future__ import annotations

from .draft import (
    Segment,
    SegmentMeta,
    Timeline,
    TimelineError,
    Track,
    TrackMeta,
    diff,
    is_exportable,
    summarise,
)

__all__ = [
    "Segment",
    "SegmentMeta",
    "Timeline",
    "TimelineError",
    "Track",
    "TrackMeta",
    "diff",
    "is_exportable",
    "summarise",
]
