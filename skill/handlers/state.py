"""State: the project's timeline as the seed's one-line summary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from skill.client.errors import BadResponse
from skill.handlers import views

if TYPE_CHECKING:
    from skill.client.api import NemoClient

__all__ = ["StateReply", "show_state"]


@dataclass(frozen=True, slots=True)
class StateReply:
    text: str
    exportable: bool
    tracks: int
    duration_ms: int


def show_state(client: NemoClient, *, lang: str = "en") -> StateReply:
    """Fetch the state of the current project and summarise its timeline."""
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
    )
