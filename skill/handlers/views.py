"""The timeline and GUI-translation views the handlers use (skill.timeline, skill.gui), in one place."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from skill.client.errors import BadResponse

__all__ = ["translate", "warm", "summary", "changes", "is_exportable", "join_changes"]

log = logging.getLogger(__name__)


def translate(text: str, lang: str, *, auto_export: bool = False) -> tuple[str, tuple[str, ...]]:
    """Rewrite backend GUI talk into chat terms; return the text and the implied actions' names.

    ``auto_export`` says the caller runs the export right away (so the text says so, not "say export").
    """
    from skill.gui import translate as gui_translate

    result = gui_translate(text, lang, auto_export=auto_export)
    return result.text, tuple(str(action.value) for action in result.actions)


def warm(lang: str) -> None:
    """Load and compile the translator now, so the first reply sentence is not delayed by it."""
    translate("Open the timeline to preview.", lang)


def summary(draft: Mapping[str, Any] | None, lang: str) -> str:
    """The one-line timeline summary of a draft (the seed's format)."""
    from skill.timeline import TimelineError, summarise

    try:
        return summarise(dict(draft or {}), lang)
    except TimelineError as err:
        # TimelineError's text quotes the draft; keep it out of logs like the client does
        log.debug("draft failed validation: %s", type(err).__name__)
        raise BadResponse(what="a project draft of the wrong shape") from None


def changes(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None, lang: str) -> list[str]:
    """What changed between two drafts, one short phrase each (empty when nothing did)."""
    if dict(before or {}) == dict(after or {}):
        return []
    from skill.timeline import TimelineError, diff

    try:
        return [str(line) for line in diff(dict(before or {}), dict(after or {}), lang)]
    except TimelineError as err:
        log.info("cannot compare drafts: %s", err)
        return []


def is_exportable(draft: Mapping[str, Any] | None) -> bool:
    """True when the draft has a track with segments."""
    from skill.timeline import is_exportable as timeline_exportable

    return bool(timeline_exportable(dict(draft or {})))


def join_changes(found: Sequence[str], lang: str) -> str:
    """Join change phrases for a sentence ("added title ...; BGM volume 35% -> 20%")."""
    joined = ("；" if lang.startswith("zh") else "; ").join(found)
    if len(joined) > 1 and joined[0].isupper() and joined[1].islower():
        joined = joined[0].lower() + joined[1:]
    return joined
