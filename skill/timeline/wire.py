"""The draft's wire form (protocol.md's short keys) read into a :class:`Timeline` and written back.

This module and its part :mod:`skill.timeline.wire_meta` (the draft-level extras) are the only ones
that spell the keys. pydantic checks the shape at the edge (a clear
``TimelineError`` naming the bad field); everything inside is dataclasses. A known key is consumed only
when it holds a valid value other than its default; everything else stays in ``rest`` and is written
back untouched, so a cloud draft survives ``to_draft(from_draft(d))`` (keys this code does not know,
values it does not understand, defaults spelled out) while edits overlay what they change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from .model import TT_AUDIO, TT_TEXT, TT_VIDEO, BeatFix, Segment, Shot, Sound, Text, Timeline, Track
from .vocab import SIZES, TITLE_POSITIONS, ShotKind
from .wire_meta import read_beat_fix, read_meta, write_beat_fix, write_meta
from .wire_values import Taker, colour, ms, ms_to_s, number, put, text

__all__ = ["TimelineError", "from_draft", "is_exportable", "to_draft"]

MAX_REPORTED_ERRORS = 3
_SHOT_KINDS: tuple[ShotKind, ...] = get_args(ShotKind)


class TimelineError(ValueError):
    """A draft that cannot be read as a timeline (not an object, wrong types, missing keys)."""


class _Edge(BaseModel):
    """Wire data: unknown keys are kept; numbers where text is expected (a clip named 2024) become text."""

    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True)


class _Meta(_Edge):
    name: str | None = None
    text: str | None = None
    volume: float | None = Field(default=None, ge=0)
    src: str | None = None


class _Segment(_Edge):
    id: str | int | None = None
    st: int | float = Field(ge=0)  # int first: whole milliseconds round-trip as ints
    d: int | float = Field(ge=0)
    m: _Meta | None = None


class _Track(_Edge):
    id: str | int | None = None
    tt: int
    m: _Meta | None = None
    sg: list[_Segment] | None = None


class _Canvas(_Edge):
    width: int | None = None
    height: int | None = None
    fps: int | float | None = None


class _Draft(_Edge):
    t: list[_Track] | None = None
    d: int | float | None = Field(default=None, ge=0)
    m: _Canvas | None = None

    @field_validator("t", mode="before")
    @classmethod
    def _null_to_empty(cls, value: object, info: ValidationInfo) -> object:
        return [] if value is None else value


# ------------------------------------------------------------------------------------------- reading
def from_draft(draft: object) -> Timeline:
    """Read a draft dict (or a state dict holding one under ``draft``); None is an empty timeline.

    Raises
    ------
    TimelineError
        The draft is not an object, has values of the wrong type, or lacks a required key.
    """
    if draft is None:
        return Timeline()
    if not isinstance(draft, Mapping):
        raise TimelineError(f"malformed draft: expected an object, got {type(draft).__name__}")
    data: Mapping[Any, Any] = draft
    if "t" not in data and isinstance(data.get("draft"), Mapping):
        data = data["draft"]
    try:
        wire = _Draft.model_validate(dict(data))
    except ValidationError as err:
        raise TimelineError(_describe(err)) from err
    rest = _rest(wire, ("t", "d", "m"))
    meta = wire.m.model_dump(exclude_unset=True) if wire.m is not None else None
    canvas = wire.m or _Canvas()
    for key in ("width", "height", "fps"):
        if meta is not None:
            meta.pop(key, None)
    take = Taker(meta)
    return Timeline(
        tracks=tuple(_track(t) for t in wire.t or ()),
        duration_s=None if wire.d is None else wire.d / 1000,
        width=canvas.width,
        height=canvas.height,
        fps=canvas.fps,
        **read_meta(take),
        rest={**rest, "m": take.left} if take.left else rest,
    )


def _track(wire: _Track) -> Track:
    meta = wire.m or _Meta()
    rest = _rest(wire, ("id", "tt", "m", "sg"))
    left = {k: v for k, v in (wire.m.model_dump(exclude_unset=True) if wire.m else {}).items()}
    left = {k: v for k, v in left.items() if k not in ("name", "volume") or v is None}
    if left:
        rest["m"] = left
    return Track(
        tt=wire.tt,
        id=wire.id,
        name=meta.name,
        volume=meta.volume,
        items=tuple(_item(wire.tt, s) for s in wire.sg or ()),
        rest=rest,
    )


def _item(tt: int, wire: _Segment) -> Segment:
    raw = wire.m.model_dump(exclude_unset=True) if wire.m is not None else None
    take = Taker(raw)
    common: dict[str, Any] = {
        "start_s": round(wire.st / 1000, 6),
        # to the microsecond the wire keeps: a cut on a frame of 30 fps is not a whole millisecond
        "end_s": round((wire.st + wire.d) / 1000, 6),
        "id": wire.id,
        "name": take.value("name", text, None),
        "text": take.value("text", text, None),
        "src": take.value("src", text, None),
        "volume": take.value("volume", number, None),
    }
    item: Segment
    if tt == TT_VIDEO:
        upload_id = take.value("upload_id", text, None)
        inferred: ShotKind = "clip" if upload_id or common["src"] else "generated"
        kind = take.choice("kind", _SHOT_KINDS, default=inferred) or inferred
        item = Shot(
            **common,
            kind=kind,
            upload_id=upload_id,
            source_in_s=take.value("in_ms", ms_to_s, 0.0),
            audio_gain=take.value("gain", number, 1.0),
        )
    elif tt == TT_AUDIO:
        song_id = take.value("upload_id", text, None)
        item = Sound(
            **common,
            upload_id=song_id,
            # an uploaded song's excerpt start is written even at 0, so it is read even at 0
            song_start_s=(take.always if song_id else take.value)("start_ms", ms_to_s, 0.0),
            song_duration_s=take.value("source_duration_ms", ms_to_s, None),
            beat_fix=take.value("beat_fix", read_beat_fix, BeatFix()),
            beat_confidence=take.value("beat_confidence", number, None),
        )
    elif tt == TT_TEXT:
        item = Text(
            **common,
            position=take.choice("position", TITLE_POSITIONS, default="center") or "center",
            size=take.choice("size", SIZES, default="medium") or "medium",
            colour=take.value("colour", colour, "#ffffff"),
        )
    else:
        item = Segment(**common)
    rest = _rest(wire, ("id", "st", "d", "m"))
    if take.left:  # unknown keys of ``m`` (an empty ``m`` is not kept: it says nothing)
        rest["m"] = take.left
    return _with_rest(item, rest)


def _rest(wire: BaseModel, known: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in wire.model_dump(exclude_unset=True).items() if k not in known}


def _with_rest(item: Segment, rest: dict[str, Any]) -> Segment:
    from dataclasses import replace

    return replace(item, rest=rest)


def _describe(err: ValidationError) -> str:
    problems = []
    for item in err.errors()[:MAX_REPORTED_ERRORS]:
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in item["loc"]).lstrip(".")
        problems.append(f"{where or 'draft'}: {item['msg']}")
    more = err.error_count() - len(problems)
    suffix = f" (and {more} more)" if more > 0 else ""
    return "malformed draft: " + "; ".join(problems) + suffix


# ------------------------------------------------------------------------------------------- writing
def to_draft(timeline: Timeline) -> dict[str, Any]:
    """Write the timeline in its wire form, unknown keys included."""
    t = timeline
    meta: dict[str, Any] = put(t.rest.get("m"), **write_meta(t))
    out = {k: v for k, v in t.rest.items() if k != "m"}
    out["t"] = [_write_track(track) for track in t.tracks]
    if t.duration_s is not None:
        out["d"] = ms(t.duration_s)
    if meta or "m" in t.rest:
        out["m"] = meta
    return out


def _write_track(track: Track) -> dict[str, Any]:
    out = {k: v for k, v in track.rest.items() if k != "m"}
    if track.id is not None:
        out["id"] = track.id
    out["tt"] = track.tt
    meta = put(track.rest.get("m"), name=track.name, volume=track.volume)
    if meta or "m" in track.rest:
        out["m"] = meta
    out["sg"] = [_write_item(item) for item in track.items]
    return out


def _write_item(item: Segment) -> dict[str, Any]:
    out = {k: v for k, v in item.rest.items() if k != "m"}
    if item.id is not None:
        out["id"] = item.id
    out["st"] = ms(item.start_s)
    # from the written ends, so that st + d is the next segment's st (the shots tile the video)
    end, start = ms(item.end_s), ms(item.start_s)
    out["d"] = int(end - start) if isinstance(end, int) and isinstance(start, int) else end - start
    known: dict[str, Any] = {"name": item.name, "text": item.text, "src": item.src, "volume": item.volume}
    if isinstance(item, Shot):
        inferred = "clip" if item.upload_id or item.src else "generated"
        known.update(
            kind=None if item.kind == inferred else item.kind,
            upload_id=item.upload_id,
            in_ms=ms(item.source_in_s) or None,
            gain=None if item.audio_gain == 1.0 else item.audio_gain,
        )
    elif isinstance(item, Sound):
        known.update(
            upload_id=item.upload_id,
            # where an uploaded song's excerpt starts is said even at 0 (readers need it)
            start_ms=ms(item.song_start_s) if item.upload_id else (ms(item.song_start_s) or None),
            source_duration_ms=None if item.song_duration_s is None else ms(item.song_duration_s),
            beat_fix=write_beat_fix(item.beat_fix),
            beat_confidence=item.beat_confidence,
        )
    elif isinstance(item, Text):
        known.update(
            position=None if item.position == "center" else item.position,
            size=None if item.size == "medium" else item.size,
            colour=None if item.colour == "#ffffff" else item.colour,
        )
    meta = put(item.rest.get("m"), **known)
    if meta or "m" in item.rest:
        out["m"] = meta
    return out


def is_exportable(draft: object) -> bool:
    """Say whether a draft (dict or Timeline) has a track with segments; never raises."""
    if isinstance(draft, Timeline):
        return draft.is_exportable
    if isinstance(draft, Mapping) and "t" not in draft and isinstance(draft.get("draft"), Mapping):
        draft = draft["draft"]
    if not isinstance(draft, Mapping) or not isinstance(draft.get("t"), list):
        return False
    return any(
        isinstance(track, Mapping) and isinstance(track.get("sg"), list) and track["sg"]
        for track in draft["t"]
    )
