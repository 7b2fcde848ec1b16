"""Typed edit operations: a closed union of frozen dataclasses, each tagged by its ``op`` literal.

Words (the local editor) and agents (``music-to-best edit``) both produce these; :func:`skill.timeline.
reducer.apply` is the one place that performs them. ``Undo`` is a *history* op: it changes which timeline
is current, not the timeline, so the store/loop performs it (``apply`` never sees it). Conversational
acts (help, greeting, show, export) are not ops.

``OPS`` is a pydantic TypeAdapter over the union: :func:`parse_ops` validates JSON from an agent
(one object or a list) with a one-line error naming the bad field, :func:`schema` is ``edit --schema``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Annotated, Any, Literal, get_args

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError

from .ops_edits import (
    AddText,
    ClipOrderOp,
    Fade,
    FixBeat,
    Offset,
    OnlyClips,
    PhotoMotion,
    Redo,
    SectionPace,
    SetEffect,
    SetTransition,
    StartAt,
    StartOver,
    TitleStyle,
    UseClip,
)
from .vocab import MAX_CLIP_GAIN, MAX_DUCK_DB, MAX_HIGHLIGHT_S, MIN_HIGHLIGHT_S, Aspect, Pace

__all__ = [
    "CREATOR_OPS",
    "OPS",
    "ClipLevel",
    "ClipSound",
    "CreatorOp",
    "Duck",
    "EditOp",
    "Highlight",
    "HistoryOp",
    "Length",
    "Op",
    "OpError",
    "RemoveTitle",
    "SetAspect",
    "SetPace",
    "SetTitle",
    "SetVolume",
    "Undo",
    "dump_op",
    "parse_ops",
    "schema",
]

_STRICT = ConfigDict(extra="forbid")  # a misspelt field ("levle") is an error, not ignored
Seconds = Annotated[float, Field(ge=MIN_HIGHLIGHT_S, le=MAX_HIGHLIGHT_S)]
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]
TitleText = Annotated[str, Field(min_length=1, max_length=200, pattern=r"\S")]


@dataclass(frozen=True, slots=True, kw_only=True)
class Highlight:
    """Make (or remake) the highlight: ``seconds`` of the song from ``start_s`` (None: the best section).

    ``seconds`` None keeps the current length (or the default for a first highlight); ``pace`` None
    keeps the current pace. The song is the newest uploaded one; the clips are every uploaded clip
    and photo, each shot's in-point chosen now.
    """

    op: Literal["highlight"] = "highlight"
    __pydantic_config__ = _STRICT
    seconds: Seconds | None = None
    start_s: Annotated[float, Field(ge=0.0)] | None = None
    pace: Pace | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SetAspect:
    """Frame shape; the pixel size follows (``vocab.ASPECT_SIZES``)."""

    op: Literal["aspect"] = "aspect"
    __pydantic_config__ = _STRICT
    aspect: Aspect


@dataclass(frozen=True, slots=True, kw_only=True)
class SetTitle:
    """Set the title text (its timing is kept, or the default first seconds)."""

    op: Literal["title"] = "title"
    __pydantic_config__ = _STRICT
    text: TitleText


@dataclass(frozen=True, slots=True, kw_only=True)
class RemoveTitle:
    op: Literal["remove_title"] = "remove_title"
    __pydantic_config__ = _STRICT


@dataclass(frozen=True, slots=True, kw_only=True)
class SetVolume:
    """The song's volume: ``level`` a fraction (1.0 = as recorded) or ``delta`` added to the current one."""

    op: Literal["volume"] = "volume"
    __pydantic_config__ = _STRICT
    level: Fraction | None = None
    delta: Annotated[float, Field(ge=-1.0, le=1.0)] | None = None

    def __post_init__(self) -> None:
        if (self.level is None) == (self.delta is None):
            raise ValueError("give exactly one of level and delta")


@dataclass(frozen=True, slots=True, kw_only=True)
class SetPace:
    """Re-cut the highlight on every beat, every other beat, every bar or every two bars."""

    op: Literal["pace"] = "pace"
    __pydantic_config__ = _STRICT
    pace: Pace


@dataclass(frozen=True, slots=True, kw_only=True)
class Length:
    """Re-cut the highlight to ``seconds``, one step longer (``step`` 1) or shorter (``step`` -1), or
    ``by_s`` seconds longer (negative: shorter; "make it 5 seconds shorter")."""

    op: Literal["length"] = "length"
    __pydantic_config__ = _STRICT
    seconds: Seconds | None = None
    step: Literal[-1, 1] | None = None
    by_s: Annotated[float, Field(ge=-MAX_HIGHLIGHT_S, le=MAX_HIGHLIGHT_S)] | None = None

    def __post_init__(self) -> None:
        if sum(v is not None for v in (self.seconds, self.step, self.by_s)) != 1:
            raise ValueError("give exactly one of seconds, step and by_s")


ClipName = Annotated[str, Field(min_length=1, max_length=200, pattern=r"\S")]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClipSound:
    """Keep (``keep`` true) or mute the clips' own sound: every clip (``clip`` None; muting all of
    them is "music only") or one clip, named by upload id or file name."""

    op: Literal["clip_sound"] = "clip_sound"
    __pydantic_config__ = _STRICT
    keep: bool
    clip: ClipName | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ClipLevel:
    """The clips' sound (or one clip's) at linear ``gain`` (1.0 = levelled to the music, 0 mutes), or
    one step louder (``step`` 1) or quieter (-1)."""

    op: Literal["clip_level"] = "clip_level"
    __pydantic_config__ = _STRICT
    gain: Annotated[float, Field(ge=0.0, le=MAX_CLIP_GAIN)] | None = None
    step: Literal[-1, 1] | None = None
    clip: ClipName | None = None

    def __post_init__(self) -> None:
        if (self.gain is None) == (self.step is None):
            raise ValueError("give exactly one of gain and step")


@dataclass(frozen=True, slots=True, kw_only=True)
class Duck:
    """How far the music dips under the clips' sound: ``db`` (0 turns ducking off) or one step deeper
    (``step`` 1) or shallower (-1)."""

    op: Literal["duck"] = "duck"
    __pydantic_config__ = _STRICT
    db: Annotated[float, Field(ge=0.0, le=MAX_DUCK_DB)] | None = None
    step: Literal[-1, 1] | None = None

    def __post_init__(self) -> None:
        if (self.db is None) == (self.step is None):
            raise ValueError("give exactly one of db and step")


@dataclass(frozen=True, slots=True, kw_only=True)
class Undo:
    """Go back to the timeline before the last change (a history op: the store performs it)."""

    op: Literal["undo"] = "undo"
    __pydantic_config__ = _STRICT


CreatorOp = (
    StartAt
    | SectionPace
    | SetPace
    | Offset
    | Fade
    | SetTransition
    | SetEffect
    | TitleStyle
    | AddText
    | ClipOrderOp
    | UseClip
    | OnlyClips
    | PhotoMotion
    | FixBeat
)
"""The creator's edits beyond the first cut (read by ``skill.local.edit_cues``); the one list of them."""
CREATOR_OPS: tuple[type[CreatorOp], ...] = get_args(CreatorOp)
EditOp = (
    Highlight
    | SetAspect
    | SetTitle
    | RemoveTitle
    | SetVolume
    | SetPace
    | Length
    | ClipSound
    | ClipLevel
    | Duck
    | CreatorOp
)
HistoryOp = Undo | Redo | StartOver
Op = EditOp | HistoryOp

OPS: TypeAdapter[Op] = TypeAdapter(Annotated[Op, Field(discriminator="op")])
_MANY: TypeAdapter[list[Op]] = TypeAdapter(list[Annotated[Op, Field(discriminator="op")]])


class OpError(ValueError):
    """Operations that do not validate; ``field`` names the first bad one (``[1].level``)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def parse_ops(data: str | bytes | object) -> tuple[Op, ...]:
    """Validate one op or a list of ops (JSON text or already parsed) into typed ops.

    Raises
    ------
    OpError
        One line naming the first bad field and what is wrong with it.
    """
    if isinstance(data, (str, bytes)):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as err:
            raise OpError(f"not JSON: {err.msg} at character {err.pos}") from None
    many = isinstance(data, list)
    if many and not data:
        raise OpError("an empty list: give at least one operation")
    try:
        ops = _MANY.validate_python(data) if many else [OPS.validate_python(data)]
    except ValidationError as err:
        raise _one_line(err) from None
    return tuple(ops)


def _one_line(err: ValidationError) -> OpError:
    """The first problem in one line: ``[1].level: Input should be less than or equal to 1``."""
    first = err.errors()[0]
    loc = list(first["loc"])
    # the discriminator's tag ("aspect") follows the list index; before a field name it says nothing
    at = 1 if loc and isinstance(loc[0], int) else 0
    if len(loc) > at + 1 and loc[at] in _TAGS:
        del loc[at]
    parts = loc
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".")
    msg = str(first["msg"])
    if first["type"] == "union_tag_invalid":
        msg = f"unknown op; use one of: {', '.join(_TAGS)}"
        where = where or "op"
    elif first["type"] == "union_tag_not_found":
        where = (where + ".op").lstrip(".")
        msg = "missing; use one of: " + ", ".join(_TAGS)
    if msg.startswith("Value error, "):
        msg = msg.removeprefix("Value error, ")
    return OpError(f"{where or 'op'}: {msg}", where)


# every op's tag, read from the union itself: a new op needs no second list
_TAGS: tuple[str, ...] = tuple(str(cls.__dataclass_fields__["op"].default) for cls in get_args(Op))


def schema() -> dict[str, Any]:
    """The JSON Schema of one op or a list of ops (what ``edit --schema`` prints)."""
    one = OPS.json_schema()
    defs = one.pop("$defs", {})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "music-to-best edit operations",
        "oneOf": [one, {"type": "array", "minItems": 1, "items": one}],
        "$defs": defs,
    }


def dump_op(op: Op) -> dict[str, Any]:
    """An op as its JSON object (None fields left out)."""
    return {k: v for k, v in asdict(op).items() if v is not None}
