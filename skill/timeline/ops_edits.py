"""The edit ops a creator expects beyond the first cut: where the video starts, the feel of the cuts,
fades, transitions and beat effects, the look of the texts, and which clips in what order.

Part of the closed union in :mod:`skill.timeline.ops` (kept here so each module stays one screenful);
their ``apply`` cases are in :mod:`skill.timeline.edit_cut` and :mod:`skill.timeline.edit_look`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from .vocab import (
    MAX_BAR_SHIFT,
    MAX_BPM,
    MAX_FADE_S,
    MAX_HIGHLIGHT_S,
    MAX_OFFSET_MS,
    MAX_TRANSITION_S,
    MIN_BPM,
    BeatFixKind,
    Effect,
    EffectOn,
    Meter,
    Pace,
    Scope,
    SectionLabel,
    TextSize,
    TitlePosition,
    Transition,
)

__all__ = [
    "AddText",
    "ClipOrderOp",
    "Fade",
    "FixBeat",
    "Offset",
    "OnlyClips",
    "PhotoMotion",
    "Redo",
    "SectionPace",
    "SetEffect",
    "SetTransition",
    "StartAt",
    "StartOver",
    "TitleStyle",
    "UseClip",
]

_STRICT = ConfigDict(extra="forbid")
Name = Annotated[str, Field(min_length=1, max_length=200, pattern=r"\S")]
Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
OffsetMs = Annotated[int, Field(ge=-MAX_OFFSET_MS, le=MAX_OFFSET_MS)]
FadeS = Annotated[float, Field(ge=0.0, le=MAX_FADE_S)]
TextSeconds = Annotated[float, Field(gt=0.0, le=MAX_HIGHLIGHT_S)]


@dataclass(frozen=True, slots=True, kw_only=True)
class StartAt:
    """Start the video at a song time (``start_s``) or at a section (``at``; ``nth`` 1 = the first,
    -1 = the last; ``whole`` is the whole song). The start snaps to a downbeat; the length is kept."""

    op: Literal["section"] = "section"
    __pydantic_config__ = _STRICT
    at: SectionLabel | Literal["whole"] | None = None
    nth: Annotated[int, Field(ge=-1, le=8)] = 1
    start_s: Annotated[float, Field(ge=0.0)] | None = None

    def __post_init__(self) -> None:
        if (self.at is None) == (self.start_s is None):
            raise ValueError("give exactly one of at and start_s")
        if self.nth == 0:
            raise ValueError("nth counts from 1 (or -1 for the last)")


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionPace:
    """Cut at ``pace`` inside every ``section`` (e.g. every beat in the chorus); None: the overall pace."""

    op: Literal["section_pace"] = "section_pace"
    __pydantic_config__ = _STRICT
    section: SectionLabel
    pace: Pace | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Offset:
    """Move every cut: to ``ms`` (positive: later than the beat) or by ``nudge_ms`` from where it is."""

    op: Literal["offset"] = "offset"
    __pydantic_config__ = _STRICT
    ms: OffsetMs | None = None
    nudge_ms: OffsetMs | None = None

    def __post_init__(self) -> None:
        if (self.ms is None) == (self.nudge_ms is None):
            raise ValueError("give exactly one of ms and nudge_ms")


@dataclass(frozen=True, slots=True, kw_only=True)
class FixBeat:
    """Correct the song's detected beat: ``fix`` double / half the tempo, ``offbeat`` (the beat is on
    the off-beat: move it by half a beat), ``detected`` (take every correction back); ``bpm``, a
    tapped tempo (a steady grid at it, aligned to the detected beats); ``bar``, move the bar lines
    (downbeats) that many beats later (negative: earlier), the beats staying where they are; or
    ``meter``, the beats to a bar ("it's in 3/4": 3; 6/8 is 2), the first bar line staying. Kept with
    the song; the highlight is re-cut on the corrected grid now and by every later re-cut."""

    op: Literal["beat"] = "beat"
    __pydantic_config__ = _STRICT
    fix: BeatFixKind | None = None
    bpm: Annotated[float, Field(ge=MIN_BPM, le=MAX_BPM)] | None = None
    bar: Annotated[int, Field(ge=-MAX_BAR_SHIFT, le=MAX_BAR_SHIFT)] | None = None
    meter: Meter | None = None

    def __post_init__(self) -> None:
        if sum(x is not None for x in (self.fix, self.bpm, self.bar, self.meter)) != 1:
            raise ValueError("give exactly one of fix, bpm, bar and meter")
        if self.bar == 0:
            raise ValueError("bar moves the bar lines by 1 to 3 beats, later or earlier (-1 to -3)")


@dataclass(frozen=True, slots=True, kw_only=True)
class Fade:
    """Fade picture and music in at the start and/or out at the end (seconds; 0 = a hard start/end)."""

    op: Literal["fade"] = "fade"
    __pydantic_config__ = _STRICT
    fade_in_s: FadeS | None = None
    fade_out_s: FadeS | None = None

    def __post_init__(self) -> None:
        if self.fade_in_s is None and self.fade_out_s is None:
            raise ValueError("give fade_in_s, fade_out_s or both")


@dataclass(frozen=True, slots=True, kw_only=True)
class SetTransition:
    """How shots join: ``kind`` (cut = hard cut), ``seconds`` long, everywhere or in the chorus only."""

    op: Literal["transition"] = "transition"
    __pydantic_config__ = _STRICT
    kind: Transition
    seconds: Annotated[float, Field(gt=0.0, le=MAX_TRANSITION_S)] | None = None
    scope: Scope = "all"


@dataclass(frozen=True, slots=True, kw_only=True)
class SetEffect:
    """A beat effect (``none`` removes it) on every cut or only on downbeats, everywhere or in the chorus."""

    op: Literal["effect"] = "effect"
    __pydantic_config__ = _STRICT
    kind: Effect
    on: EffectOn = "cuts"
    scope: Scope = "all"


@dataclass(frozen=True, slots=True, kw_only=True)
class TitleStyle:
    """The title's position, size, colour and duration: ``seconds``, ``whole`` (the whole video) or
    ``by_s`` seconds longer (negative: shorter; "make the title 2 s longer"), kept inside the video."""

    op: Literal["title_style"] = "title_style"
    __pydantic_config__ = _STRICT
    position: TitlePosition | None = None
    size: TextSize | None = None
    colour: Colour | None = None
    seconds: TextSeconds | None = None
    whole: bool = False
    by_s: Annotated[float, Field(ge=-MAX_HIGHLIGHT_S, le=MAX_HIGHLIGHT_S)] | None = None

    def __post_init__(self) -> None:
        styled = (self.position, self.size, self.colour, self.seconds, self.by_s)
        if all(v is None for v in styled) and not self.whole:
            raise ValueError("give at least one of position, size, colour, seconds, whole, by_s")
        if sum((self.whole, self.seconds is not None, self.by_s is not None)) > 1:
            raise ValueError("give one of seconds, whole and by_s")
        if self.by_s == 0:
            raise ValueError("by_s: a change of 0 seconds changes nothing")


@dataclass(frozen=True, slots=True, kw_only=True)
class AddText:
    """Another text (a caption): at the ``start`` or ``end`` of the video, or from ``start_s``, for
    ``seconds`` (default: the title's default length)."""

    op: Literal["text"] = "text"
    __pydantic_config__ = _STRICT
    text: Name
    at: Literal["start", "end"] | None = None
    start_s: Annotated[float, Field(ge=0.0)] | None = None
    seconds: TextSeconds | None = None
    position: TitlePosition = "bottom"
    size: TextSize = "medium"
    colour: Colour = "#ffffff"

    def __post_init__(self) -> None:
        if self.at is not None and self.start_s is not None:
            raise ValueError("give at or start_s, not both")


@dataclass(frozen=True, slots=True, kw_only=True)
class ClipOrderOp:
    """The clips in upload ``order`` or shuffled, or in the order of ``names`` (upload ids or file
    names; clips not named follow in upload order)."""

    op: Literal["clip_order"] = "clip_order"
    __pydantic_config__ = _STRICT
    order: Literal["upload", "shuffle"] | None = None
    names: tuple[Name, ...] | None = None

    def __post_init__(self) -> None:
        if (self.order is None) == (self.names is None):
            raise ValueError("give exactly one of order and names")


@dataclass(frozen=True, slots=True, kw_only=True)
class UseClip:
    """Leave a clip out (``use`` false: "don't use the cat photo") or put it back."""

    op: Literal["use_clip"] = "use_clip"
    __pydantic_config__ = _STRICT
    clip: Name
    use: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class OnlyClips:
    """Use only some uploads, every other one left out ("only use the box and cup clips", "只用照片"):
    ``clips`` named by upload id, file name or ``#n`` (the n-th clip or photo uploaded; ``#-1`` the
    last), or every upload of one ``kind``. The named ones come back if they were left out."""

    op: Literal["only_clips"] = "only_clips"
    __pydantic_config__ = _STRICT
    clips: Annotated[tuple[Name, ...], Field(min_length=1, max_length=50)] | None = None
    kind: Literal["clip", "photo"] | None = None

    def __post_init__(self) -> None:
        if (self.clips is None) == (self.kind is None):
            raise ValueError("give exactly one of clips and kind")


@dataclass(frozen=True, slots=True, kw_only=True)
class PhotoMotion:
    """Photos pan slowly (``on``) or stand still."""

    op: Literal["photo_motion"] = "photo_motion"
    __pydantic_config__ = _STRICT
    on: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Redo:
    """Do again what the last undo took back (a history op: the store performs it)."""

    op: Literal["redo"] = "redo"
    __pydantic_config__ = _STRICT


@dataclass(frozen=True, slots=True, kw_only=True)
class StartOver:
    """An empty timeline again; the uploads stay (a history op, undoable)."""

    op: Literal["start_over"] = "start_over"
    __pydantic_config__ = _STRICT
