"""The timeline and GUI-translation views the handlers use (skill.timeline, skill.gui), in one place."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from skill.client.api import has_segments

__all__ = ["translate", "summary", "changes", "is_exportable"]

log = logging.getLogger(__name__)


def translate(text: str, lang: str) -> tuple[str, tuple[str, ...]]:
    """Rewrite backend GUI talk into chat terms; return the text and the implied actions' names."""
    try:
        from skill.gui import translate as gui_translate
    except ImportError:  # the translator ships in another issue; until then text passes unchanged
        return text, ()
    result = gui_translate(text, lang)
    actions = tuple(str(getattr(a, "value", a)).lower() for a in getattr(result, "actions", ()) or ())
    return str(getattr(result, "text", text)), actions


def summary(draft: Mapping[str, Any] | None, lang: str) -> str:
    """The one-line timeline summary of a draft (the seed's format)."""
    from skill.messages import text

    if not has_segments(draft):
        return text("state.empty", lang)
    from skill.timeline import Timeline

    return str(Timeline.from_draft(dict(draft or {})).summary())


def changes(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None, lang: str) -> list[str]:
    """What changed between two drafts, one short phrase each (empty when nothing did)."""
    before_d = dict(before or {"t": []})
    after_d = dict(after or {"t": []})
    if before_d == after_d:
        return []
    from skill.timeline import diff

    return [str(line) for line in diff(before_d, after_d, lang)]


def is_exportable(draft: Mapping[str, Any] | None) -> bool:
    """True when the draft has a track with segments."""
    return has_segments(draft)
