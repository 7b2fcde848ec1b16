"""What tracks hold: :class:`Shot` on video tracks, :class:`Sound` on audio tracks, :class:`Text` on
text tracks, plain :class:`Segment` on any other kind, and :class:`Track` itself.

Part of :mod:`skill.timeline.model` (which re-exports every name); ``rest`` keeps what a draft carries
that the model does not know, written back untouched by :mod:`skill.timeline.wire`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .vocab import ShotKind, TextSize, TitlePosition, TrackKind

__all__ = [
    "GENERATED",
    "TRACK_KINDS",
    "TT_AUDIO",
    "TT_TEXT",
    "TT_VIDEO",
    "BeatFix",
    "Item",
    "Rest",
    "Segment",
    "Shot",
    "Sound",
    "Text",
    "Track",
    "file_name",
    "no_rest",
]

TT_VIDEO, TT_AUDIO, TT_TEXT = 0, 1, 7  # the protocol's track types
TRACK_KINDS: dict[int, TrackKind] = {TT_VIDEO: "video", TT_AUDIO: "audio", TT_TEXT: "text"}
GENERATED = "generated"  # Shot.source of generated pictures
Rest = Mapping[str, Any]


def no_rest() -> Rest:
    """An empty ``rest`` (a default factory: each object its own)."""
    return {}


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """Anything placed on a track during ``[start_s, end_s)``; ``name``/``text``/``src`` as the wire has them."""

    start_s: float
    end_s: float
    id: str | int | None = None
    name: str | None = None
    text: str | None = None
    src: str | None = None
    volume: float | None = None
    rest: Rest = field(default_factory=no_rest)

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


@dataclass(frozen=True, slots=True, kw_only=True)
class Shot(Segment):
    """One shot: the video shows ``upload_id`` (``kind`` clip/photo) from ``source_in_s`` on, or generated art.

    ``source_in_s`` is chosen once, when the shot is made, so the timeline says what will be seen.
    ``audio_gain`` is the linear gain of the clip's own sound (0 mutes it).
    """

    kind: ShotKind = "generated"
    upload_id: str | None = None
    source_in_s: float = 0.0
    audio_gain: float = 1.0

    @property
    def source(self) -> str:
        """The file name shown to people (``generated`` for generated pictures)."""
        if self.kind == "generated":
            return GENERATED
        return self.name or file_name(self.src) or self.upload_id or ""


@dataclass(frozen=True, slots=True)
class BeatFix:
    """The user's correction of the song's detected beat, kept with the song so every re-cut uses it.

    ``bpm`` (a tapped tempo) replaces the detected grid by a steady one at that tempo; otherwise the
    detected tempo is multiplied by ``factor`` (2 = double time, 0.5 = half time). ``offbeat`` then
    moves every beat by half a beat, and ``bar_shift`` moves the bar lines that many beats later on the
    corrected grid (0 up to beats per bar - 1: the tracker's weakest guess is which beat starts the
    bar). ``meter`` (None: as detected) is the beats to a bar the user said, counted from the first
    detected bar line. The default changes nothing (see :mod:`skill.timeline.beat_grid`).
    """

    factor: float = 1.0
    bpm: float | None = None
    offbeat: bool = False
    bar_shift: int = 0
    meter: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Sound(Segment):
    """Audio on an audio track: the song excerpt ``[song_start_s, song_start_s + duration)`` of ``upload_id``.

    ``volume`` is a fraction (1.0 = as recorded; None = not set); ``song_duration_s`` the whole song's.
    ``beat_fix`` is the user's correction of its beat; ``beat_confidence`` (0-1) how sure the tracker was.
    """

    upload_id: str | None = None
    song_start_s: float = 0.0
    song_duration_s: float | None = None
    beat_fix: BeatFix = BeatFix()
    beat_confidence: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Text(Segment):
    """Text on screen; ``colour`` is ``#rrggbb``."""

    position: TitlePosition = "center"
    size: TextSize = "medium"
    colour: str = "#ffffff"


Item = Segment  # Shot, Sound and Text are Segments


@dataclass(frozen=True, slots=True, kw_only=True)
class Track:
    """A track of wire type ``tt`` (0 video, 1 audio, 7 text, others kept as they are)."""

    tt: int
    id: str | int | None = None
    name: str | None = None
    volume: float | None = None
    items: tuple[Segment, ...] = ()
    rest: Rest = field(default_factory=no_rest)

    @property
    def kind(self) -> TrackKind | None:
        return TRACK_KINDS.get(self.tt)


def file_name(src: str | None) -> str | None:
    """The last path part of a URL, without its query: ``https://x/u/a.mp4?sig=1`` -> ``a.mp4``."""
    if not src:
        return None
    return src.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1] or None
