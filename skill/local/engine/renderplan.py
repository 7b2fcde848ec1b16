"""What the engine renders: a plan compiled from the timeline, with every choice already made.

The engine draws exactly this: it does not cycle clips, pick clip windows or place titles on its own.
Times are seconds on the video's own clock (0 = first frame) unless the name says ``source``/``song``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from skill.timeline.vocab import (
    DEFAULT_FPS,
    LOUDNESS_TARGET_LUFS,
    TRUE_PEAK_DBTP,
    Effect,
    ShotKind,
    TextSize,
    TitlePosition,
    Transition,
)

__all__ = ["MusicPlan", "RenderPlan", "ShotPlan", "TextCue"]


@dataclass(frozen=True, slots=True)
class ShotPlan:
    """One shot: ``[start_s, end_s)`` of the video shows ``source`` from ``source_in_s`` on.

    ``source`` is None for generated visuals. ``audio_gain`` is the linear gain of the clip's own sound
    (0 mutes it; photos and silent clips have none). ``transition`` is how this shot begins (the first
    shot's is ignored); ``effect`` is a beat effect on its first frames. ``motion`` pans/zooms photos.
    """

    start_s: float
    end_s: float
    kind: ShotKind
    source: Path | None = None
    source_in_s: float = 0.0
    audio_gain: float = 1.0
    transition: Transition = "cut"
    transition_s: float = 0.0
    effect: Effect = "none"
    motion: bool = True


@dataclass(frozen=True, slots=True)
class TextCue:
    """A text on screen during ``[start_s, end_s)``; ``colour`` is ``#rrggbb``."""

    text: str
    start_s: float
    end_s: float
    position: TitlePosition = "center"
    size: TextSize = "medium"
    colour: str = "#ffffff"


@dataclass(frozen=True, slots=True)
class MusicPlan:
    """The song excerpt ``[song_start_s, song_start_s + duration)`` at linear ``gain``."""

    path: Path
    song_start_s: float
    gain: float = 1.0


@dataclass(frozen=True, slots=True)
class RenderPlan:
    """Everything one render needs. ``beats_s`` makes generated visuals pulse; cuts are the shots' starts.

    ``fade_in_s``/``fade_out_s`` fade picture and sound together. With ``keep_clip_audio`` the clips'
    sound (each shot's ``audio_gain``) is mixed in and the music ducks ``duck_db`` under it; the mix is
    normalised to ``loudness_lufs`` (None: not normalised) with a true-peak ceiling ``true_peak_db``.
    """

    width: int
    height: int
    duration_s: float
    music: MusicPlan
    shots: tuple[ShotPlan, ...]
    fps: int = DEFAULT_FPS
    texts: tuple[TextCue, ...] = ()
    beats_s: tuple[float, ...] = ()
    fade_in_s: float = 0.0
    fade_out_s: float = 0.0
    keep_clip_audio: bool = True
    duck_db: float = 10.0
    loudness_lufs: float | None = LOUDNESS_TARGET_LUFS
    true_peak_db: float = TRUE_PEAK_DBTP

    @property
    def cuts_s(self) -> tuple[float, ...]:
        """Where a new shot starts, 0 excluded."""
        return tuple(s.start_s for s in self.shots[1:])
