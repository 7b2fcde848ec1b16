"""What an NLE export contains, with every file already on disk: the input of :mod:`skill.nle.build`.

The plan is made from the timeline once its media are collected (:mod:`skill.nle.collect`), so the
builder is a pure function of it and the tests can hand it a plan directly. Times are seconds on the
video's clock unless the name says ``source``/``song``; frames appear only in the builder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from skill.timeline.vocab import DEFAULT_FPS, SectionLabel, ShotKind

__all__ = ["ExportPlan", "MarkerKind", "Media", "MusicCue", "SectionCue", "ShotCue", "TextMark"]

MarkerKind = Literal["beat", "downbeat", "section"]  # the markers put on the video clips


@dataclass(frozen=True, slots=True)
class Media:
    """One file the export points at. ``duration_s`` None: not known (a photo, or no prober installed).

    ``has_audio``/``has_video`` say which tracks may use it (a photo has no audio, a song no video).
    """

    path: Path
    duration_s: float | None = None
    has_video: bool = True
    has_audio: bool = False


@dataclass(frozen=True, slots=True)
class ShotCue:
    """``[start_s, end_s)`` of the video shows ``media`` from ``source_in_s`` on.

    ``name`` is what the editor sees on the clip: the shot's source as ``state`` shows it (the user's
    file name, or "generated");
    ``audio_gain`` the linear gain of the clip's own sound, None when it is not kept.
    """

    start_s: float
    end_s: float
    kind: ShotKind
    media: Media
    name: str
    source_in_s: float = 0.0
    audio_gain: float | None = None


@dataclass(frozen=True, slots=True)
class MusicCue:
    """The song excerpt from ``song_start_s``, under the whole video, at linear ``gain``."""

    media: Media
    name: str
    song_start_s: float
    gain: float = 1.0


@dataclass(frozen=True, slots=True)
class TextMark:
    """A text on screen during ``[start_s, end_s)`` (the title, and later captions)."""

    text: str
    start_s: float
    end_s: float
    position: str = "center"


@dataclass(frozen=True, slots=True)
class SectionCue:
    label: SectionLabel
    start_s: float
    end_s: float


@dataclass(frozen=True, slots=True)
class ExportPlan:
    """The whole export. ``shots`` tile ``[0, duration_s)`` in order; beats are on the video's clock."""

    name: str
    duration_s: float
    width: int
    height: int
    shots: tuple[ShotCue, ...]
    music: MusicCue | None = None
    texts: tuple[TextMark, ...] = ()
    beats_s: tuple[float, ...] = ()
    downbeats_s: tuple[float, ...] = ()
    sections: tuple[SectionCue, ...] = ()
    fps: int = DEFAULT_FPS
    bpm: float | None = None
    fade_in_s: float = 0.0
    fade_out_s: float = 0.0
