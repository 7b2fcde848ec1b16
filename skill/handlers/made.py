"""What a finished video is, for the closing result of ``make``: song, tempo, section, frame, shots."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from skill.client.api import NemoClient
    from skill.timeline import Timeline

__all__ = ["made_facts", "facts_of"]


def _r(value: float | None, places: int = 3) -> float | None:
    return None if value is None else round(float(value), places)


def facts_of(timeline: Timeline) -> dict[str, Any]:
    """The timeline's facts an agent reports back: ``bpm``, ``section`` of the song used, ``aspect`` and
    size, ``duration_s``, ``shots`` (a count) and ``cuts``, ``song`` and ``title``."""
    song = timeline.song
    section: dict[str, Any] | None = None
    if song is not None:
        start, end = song.song_start_s, song.song_start_s + song.duration_s
        label = None
        overlap = 0.0
        for part in timeline.sections:  # the song part the window sits in most
            shared = min(end, part.end_s) - max(start, part.start_s)
            if shared > overlap:
                overlap, label = shared, part.label
        section = {"start_s": _r(start), "end_s": _r(end), "label": label}
    title = timeline.title
    return {
        "song": song.name if song is not None else None,
        "bpm": _r(timeline.bpm, 1),
        "section": section,
        "aspect": timeline.aspect,
        "width": timeline.width,
        "height": timeline.height,
        "duration_s": _r(timeline.duration_s),
        "shots": len(timeline.shots),
        "cuts": len(timeline.cuts_s),
        "title": title.text if title is not None else None,
    }


def made_facts(client: NemoClient) -> dict[str, Any]:
    """Read the project's timeline and return :func:`facts_of`; empty when the service's draft is not
    readable (a cloud draft of another shape), so a finished video is never reported as failed."""
    from skill.timeline import TimelineError, from_draft

    try:
        return facts_of(from_draft(client.state().draft or {}))
    except TimelineError:
        return {}
