"""State: the project's timeline as the seed's one-line summary."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from skill.client.errors import BadResponse
from skill.handlers import views

if TYPE_CHECKING:
    from skill.client.api import NemoClient

__all__ = ["StateReply", "project_link", "show_state"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StateReply:
    text: str
    exportable: bool
    tracks: int
    duration_ms: int
    link: str | None = None  # the project page (None: no page server, or the service gave no link)
    # the sound: {"clip_audio": {"keep", "duck_db"}, "music_volume", "shots": [{..., "gain"}]}
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


def show_state(client: NemoClient, *, lang: str = "en", with_link: bool = False) -> StateReply:
    """Fetch the state of the current project and summarise its timeline (and link to its page)."""
    draft: dict[str, Any] = client.state().draft or {}
    tracks = draft.get("t")
    duration = draft.get("d")
    try:
        summary = views.summary(draft, lang)
    except BadResponse as err:
        raise client.decorate(err) from None  # names the host, like the client's own errors
    return StateReply(
        text=summary,
        exportable=views.is_exportable(draft),
        tracks=len(tracks) if isinstance(tracks, list) else 0,
        duration_ms=int(duration) if isinstance(duration, (int, float)) else 0,
        link=project_link(client) if with_link else None,
        timeline=_sound(draft),
    )


def _sound(draft: dict[str, Any]) -> dict[str, Any] | None:
    """The timeline's sound settings (None when the draft is not one the timeline model reads)."""
    from skill.timeline import TimelineError, from_draft
    from skill.timeline.audio import audio_state

    if not draft.get("t"):
        return None
    try:
        return audio_state(from_draft(draft))
    except TimelineError:
        return None
