"""The timeline core: the typed model of the edit, its ops, the one ``apply`` and the one summary.

No I/O, no HTTP: ``model`` (dataclasses), ``wire`` (the draft's short keys, the only place they are
spelled), ``ops`` (the closed union of edits and its JSON Schema), ``apply`` (pure, exhaustive),
``recipe`` (the highlight: cuts on the beat grid and shots), ``context`` (what ``apply`` asks of the
world), ``describe`` (summary and diff in en/zh-Hans/zh-Hant), ``vocab`` (every closed set).
"""

from __future__ import annotations

from .apply import apply, apply_all
from .context import ClipFacts, EditContext, EditError, SongFacts
from .describe import diff, summarise, summary
from .model import Section, Segment, Shot, Sound, Text, Timeline, Track
from .ops import EditOp, Op, OpError, parse_ops
from .wire import TimelineError, from_draft, is_exportable, to_draft

__all__ = [
    "ClipFacts",
    "EditContext",
    "EditError",
    "EditOp",
    "Op",
    "OpError",
    "Section",
    "Segment",
    "Shot",
    "SongFacts",
    "Sound",
    "Text",
    "Timeline",
    "TimelineError",
    "Track",
    "apply",
    "apply_all",
    "diff",
    "from_draft",
    "is_exportable",
    "parse_ops",
    "summarise",
    "summary",
    "to_draft",
]
