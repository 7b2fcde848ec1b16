"""What the local editor reads out of one sentence: typed edits and conversational acts.

Edits change the draft (``Highlight`` ... ``Undo``); acts are answered without a change (``Help``,
``Greeting``, ``Show``, ``Ask``, ``Export``, ``Declined``, ``HowTo``, ``Unsupported``). An empty tuple means
"not understood".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from skill.timeline.audio import SoundOp
from skill.timeline.ops import CreatorOp
from skill.timeline.vocab import Aspect as AspectRatio
from skill.timeline.vocab import Pace as PaceName

from .clip_cues import HistoryWords

__all__ = [
    "Ask",
    "AskTopic",
    "Aspect",
    "Declined",
    "Edit",
    "Export",
    "Feature",
    "Greeting",
    "Help",
    "Highlight",
    "HowTo",
    "Length",
    "Pace",
    "RemoveTitle",
    "Show",
    "SoundOp",
    "Title",
    "Undo",
    "Unsupported",
    "UseMedia",
    "Volume",
]

AskTopic = Literal["duration", "bpm", "aspect", "title", "song", "pace", "volume", "shots"]
# asked for, understood, but not an operation yet: said plainly, nothing changed
Feature = Literal[
    "title_position",
    "title_size",
    "title_duration",
    "section_start",
    "fade",
    "transition",
    "aspect",
    "colour",
]


@dataclass(frozen=True, slots=True)
class Highlight:
    duration_s: float | None
    use_clips: bool = False
    start_s: float | None = None  # "start the highlight at 2:10": where in the song (None: the best part)


@dataclass(frozen=True, slots=True)
class Aspect:
    ratio: AspectRatio


@dataclass(frozen=True, slots=True)
class Title:
    text: str


@dataclass(frozen=True, slots=True)
class RemoveTitle:
    pass


@dataclass(frozen=True, slots=True)
class Volume:
    level: float | None = None  # absolute 0-1
    delta: float | None = None  # relative change


@dataclass(frozen=True, slots=True)
class Pace:
    pace: PaceName


@dataclass(frozen=True, slots=True)
class Length:
    duration_s: float | None
    delta_s: float | None = None  # "shorter" / "再短一点" with no number: its sign says which way (one step)
    by_s: float | None = None  # "5 seconds shorter", "再长10秒": exactly that much (signed)


@dataclass(frozen=True, slots=True)
class Undo:
    pass


@dataclass(frozen=True, slots=True)
class Help:
    pass


@dataclass(frozen=True, slots=True)
class Greeting:
    pass


@dataclass(frozen=True, slots=True)
class UseMedia:
    """The user points at what they uploaded ("use this song", "用这首歌"): acknowledge and suggest the next step."""


@dataclass(frozen=True, slots=True)
class Export:
    """The user asks for the video: the agent sends a typed ``export`` call (the client runs it)."""


@dataclass(frozen=True, slots=True)
class Show:
    """The user asks what is on the timeline."""


@dataclass(frozen=True, slots=True)
class Ask:
    """A question answered from the timeline ("how long is it?", "现在是几比几?")."""

    topic: AskTopic


@dataclass(frozen=True, slots=True)
class Declined:
    """A negated or held request ("don't export yet", "别加标题"): acknowledged, nothing done."""

    what: str  # "export", "title", "change"


@dataclass(frozen=True, slots=True)
class HowTo:
    """ "how do I export?": told how, not done."""

    what: str  # "export"


@dataclass(frozen=True, slots=True)
class Unsupported:
    """Understood but not an operation yet ("put the title at the bottom"): said plainly, nothing changed."""

    feature: Feature


Edit = (
    Highlight
    | Aspect
    | Title
    | RemoveTitle
    | Volume
    | Pace
    | Length
    | Undo
    | Help
    | Greeting
    | Export
    | Show
    | UseMedia
    | Ask
    | Declined
    | HowTo
    | Unsupported
    | SoundOp  # the clips' own sound (skill.local.sound_cues): already the timeline's typed ops
    | CreatorOp  # the creator's edits (read by skill.local.edit_cues): timeline ops too
    | HistoryWords  # redo, start over
)
