"""State: the project's timeline as the seed's one-line summary and as its structure (for agents)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from skill.client.errors import BadResponse

if TYPE_CHECKING:
    from skill.client.api import NemoClient

__all__ = ["StateReply", "project_link", "show_state", "state_of"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StateReply:
    text: str
    exportable: bool
    tracks: int
    duration_ms: int
    link: str | None = None  # the project page (None: no page server, or the service gave no link)
    # the structure (skill.timeline.view): duration_s, aspect, song, pace, cuts_s, shots, title, sound...
    timeline: dict[str, Any] | None = None


def project_link(client: NemoClient) -> str | None:
    """The browser link to the current project, or None when there is none to give."""
    from skill.backend import page_base
    from skill.client.errors import APIError, TransportError

    base = page_base(client.settings)
    if base is None:
        return None
    try:
        return client.claim_link(web_base=base)
    except (APIError, TransportError) as err:
        log.info("project link unavailable: %s", type(err).__name__)
        return None


def state_of(draft: dict[str, Any], *, lang: str, client: NemoClient, link: str | None = None) -> StateReply:
    """Summarise and structure a draft (a malformed one is the service's bad answer, naming the host)."""
    from skill.timeline import TimelineError, from_draft, summary
    from skill.timeline.view import timeline_view

    try:
        timeline = from_draft(draft)
    except TimelineError:
        raise client.decorate(BadResponse(what="a project draft of the wrong shape")) from None
    return StateReply(
        text=summary(timeline, lang),
        exportable=timeline.is_exportable,
        tracks=len(timeline.tracks),
        duration_ms=round((timeline.duration_s or 0.0) * 1000),
        link=link,
        timeline=timeline_view(timeline),
    )


def show_state(client: NemoClient, *, lang: str = "en", with_link: bool = False) -> StateReply:
    """Fetch the state of the current project and describe its timeline (and link to its page)."""
    draft = client.state().draft or {}
    return state_of(draft, lang=lang, client=client, link=project_link(client) if with_link else None)
