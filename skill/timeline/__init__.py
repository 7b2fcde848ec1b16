"""The timeline core: the typed model of the edit, its ops, the one ``apply`` and the one summary.

No I/O, no HTTP: ``model`` (dataclasses), ``wire`` (the draft's short keys, the only place they are
spelled), ``ops`` (the closed union of edits and its JSON Schema), ``reducer`` (``apply``: pure,
exhaustive), ``recipe`` (the highlight: cuts on the beat grid and shots), ``context`` (what ``apply``
asks of the world), ``describe`` (summary and diff in en/zh-Hans/zh-Hant), ``vocab`` (every closed set).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.lazy import lazy_getattr

if TYPE_CHECKING:
    from .context import ClipFacts, EditContext, EditError, SongFacts
    from .describe import diff, summarise, summary
    from .model import Section, Segment, Shot, Sound, Text, Timeline, Track
    from .ops import EditOp, Op, OpError, parse_ops
    from .reducer import apply, apply_all
    from .wire import TimelineError, from_draft, is_exportable, to_draft

# Each name is imported from its module on first use (PEP 562): a command that reads only ``vocab``
# (the CLI's parser for ``--version``, ``doctor``) does not pay ~0.2 s for the pydantic ops and
# ``apply``.  No module here is named like a name it exports: Python binds a loaded submodule as
# the package's attribute, which would shadow a name not yet imported.
_HOME = {
    "apply": "reducer",
    "apply_all": "reducer",
    "ClipFacts": "context",
    "EditContext": "context",
    "EditError": "context",
    "SongFacts": "context",
    "diff": "describe",
    "summarise": "describe",
    "summary": "describe",
    "Section": "model",
    "Segment": "model",
    "Shot": "model",
    "Sound": "model",
    "Text": "model",
    "Timeline": "model",
    "Track": "model",
    "EditOp": "ops",
    "Op": "ops",
    "OpError": "ops",
    "parse_ops": "ops",
    "TimelineError": "wire",
    "from_draft": "wire",
    "is_exportable": "wire",
    "to_draft": "wire",
}


__getattr__ = lazy_getattr(__name__, _HOME, globals())


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
