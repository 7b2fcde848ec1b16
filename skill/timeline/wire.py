"""The draft's wire form (protocol.md's short keys) read into a :class:`Timeline` and written back.

This is the only module that spells the keys. pydantic checks the shape at the edge (a clear
``TimelineError`` naming the bad field); everything inside is dataclasses. A known key is consumed only
when it holds a valid value other than its default; everything else stays in ``rest`` and is written
back untouched, so a cloud draft survives ``to_draft(from_draft(d))`` (keys this code does not know,
values it does not understand, defaults spelled out) while edits overlay what they change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from .model import (
    TT_AUDIO,
    TT_TEXT,
    TT_VIDEO,
    BeatFix,
    ClipAudio,
    Look,
    Section,
    Segment,
    Shot,
    Sound,
    Sources,
    Text,
    Timeline,
    Track,
)
from .vocab import (
    ASPECTS,
    CLIP_ORDERS,
    EFFECT_ON,
    EFFECTS,
    PACES,
    SCOPES,
    SECTION_LABELS,
    SIZES,
    TITLE_POSITIONS,
    TRANSITIONS,
    ShotKind,
)

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
    take = _Taker(meta)
    clip_audio = take.value("clip_audio", _clip_audio, None)
    return Timeline(
        tracks=tuple(_track(t) for t in wire.t or ()),
        duration_s=None if wire.d is None else wire.d / 1000,
        width=canvas.width,
        height=canvas.height,
        fps=canvas.fps,
        aspect=take.choice("aspect", ASPECTS),
        pace=take.choice("pace", PACES),
        bpm=take.value("tempo_bpm", _number, None),
        offset_ms=take.value("offset_ms", _int, 0),
        fade_in_s=take.value("fade_in_ms", _ms_to_s, 0.0),
        fade_out_s=take.value("fade_out_ms", _ms_to_s, 0.0),
        beats_s=take.value("beats_ms", _times, ()),
        downbeats_s=take.value("downbeats_ms", _times, ()),
        sections=take.value("sections", _sections, ()),
        clip_audio=clip_audio or ClipAudio(),
        look=take.value("look", _look, Look()),
        sources=take.value("sources", _sources_choice, Sources()),
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
    take = _Taker(raw)
    common: dict[str, Any] = {
        "start_s": round(wire.st / 1000, 6),
        # to the microsecond the wire keeps: a cut on a frame of 30 fps is not a whole millisecond
        "end_s": round((wire.st + wire.d) / 1000, 6),
        "id": wire.id,
        "name": take.value("name", _text, None),
        "text": take.value("text", _text, None),
        "src": take.value("src", _text, None),
        "volume": take.value("volume", _number, None),
    }
    item: Segment
    if tt == TT_VIDEO:
        upload_id = take.value("upload_id", _text, None)
        inferred: ShotKind = "clip" if upload_id or common["src"] else "generated"
        kind = take.choice("kind", _SHOT_KINDS, default=inferred) or inferred
        item = Shot(
            **common,
            kind=kind,
            upload_id=upload_id,
            source_in_s=take.value("in_ms", _ms_to_s, 0.0),
            audio_gain=take.value("gain", _number, 1.0),
        )
    elif tt == TT_AUDIO:
        item = Sound(
            **common,
            upload_id=take.value("upload_id", _text, None),
            song_start_s=take.value("start_ms", _ms_to_s, 0.0),
            song_duration_s=take.value("source_duration_ms", _ms_to_s, None),
            beat_fix=take.value("beat_fix", _beat_fix, BeatFix()),
            beat_confidence=take.value("beat_confidence", _number, None),
        )
    elif tt == TT_TEXT:
        item = Text(
            **common,
            position=take.choice("position", TITLE_POSITIONS, default="center") or "center",
            size=take.choice("size", SIZES, default="medium") or "medium",
            colour=take.value("colour", _colour, "#ffffff"),
        )
    else:
        item = Segment(**common)
    rest = _rest(wire, ("id", "st", "d", "m"))
    if take.left:  # unknown keys of ``m`` (an empty ``m`` is not kept: it says nothing)
        rest["m"] = take.left
    return _with_rest(item, rest)


class _Taker:
    """Consume known keys from a wire dict: a valid, non-default value is taken; anything else is left."""

    def __init__(self, raw: dict[str, Any] | None) -> None:
        self.left: dict[str, Any] = dict(raw or {})

    def value(self, key: str, parse: Callable[[Any], Any], default: Any) -> Any:
        if key not in self.left:
            return default
        try:
            value = parse(self.left[key])
        except (TypeError, ValueError):
            return default
        if value != default:
            del self.left[key]
            return value
        return default

    def choice(self, key: str, allowed: tuple[Any, ...], default: Any = None) -> Any:
        def parse(raw: Any) -> Any:
            if raw not in allowed:
                raise ValueError(raw)
            return raw

        return self.value(key, parse, default)


def _text(raw: Any) -> str:
    if raw is None:
        raise TypeError(raw)
    return str(raw)


def _number(raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise TypeError(raw)
    return raw


def _int(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or raw != int(raw):
        raise TypeError(raw)
    return int(raw)


def _ms_to_s(raw: Any) -> float:
    return round(_number(raw) / 1000, 6)  # to the microsecond the wire keeps


def _times(raw: Any) -> tuple[float, ...]:
    if not isinstance(raw, list):
        raise TypeError(raw)
    return tuple(_ms_to_s(v) for v in raw)


def _colour(raw: Any) -> str:
    text = str(raw)
    if len(text) != 7 or not text.startswith("#") or any(c not in "0123456789abcdefABCDEF" for c in text[1:]):
        raise ValueError(raw)
    return text.lower()


def _sections(raw: Any) -> tuple[Section, ...]:
    if not isinstance(raw, list):
        raise TypeError(raw)
    out = []
    for item in raw:
        if not isinstance(item, Mapping) or item.get("label") not in SECTION_LABELS:
            raise ValueError(item)
        out.append(Section(item["label"], _ms_to_s(item["start_ms"]), _ms_to_s(item["end_ms"])))
    return tuple(out)


def _beat_fix(raw: Any) -> BeatFix:
    if not isinstance(raw, Mapping) or set(raw) - {"factor", "bpm", "offbeat"}:
        raise TypeError(raw)
    offbeat = raw.get("offbeat", False)
    if not isinstance(offbeat, bool):
        raise TypeError(raw)
    factor = float(_number(raw.get("factor", 1.0)))
    bpm = raw.get("bpm")
    if factor <= 0 or (bpm is not None and _number(bpm) <= 0):
        raise ValueError(raw)
    return BeatFix(factor=factor, bpm=None if bpm is None else float(bpm), offbeat=offbeat)


def _write_beat_fix(fix: BeatFix) -> dict[str, Any] | None:
    """The correction as the draft keeps it: only what differs from the default (None: no correction)."""
    if fix == BeatFix():
        return None
    out: dict[str, Any] = {}
    if fix.bpm is not None:
        out["bpm"] = fix.bpm
    if fix.factor != 1.0:
        out["factor"] = fix.factor
    if fix.offbeat:
        out["offbeat"] = True
    return out


def _clip_audio(raw: Any) -> ClipAudio:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("keep", True), bool):
        raise TypeError(raw)
    return ClipAudio(
        keep=raw.get("keep", True), duck_db=float(_number(raw.get("duck_db", ClipAudio().duck_db)))
    )


def _look(raw: Any) -> Look:
    if not isinstance(raw, Mapping):
        raise TypeError(raw)
    d = Look()
    paces = raw.get("section_paces", {})
    if not isinstance(paces, Mapping) or any(
        k not in SECTION_LABELS or v not in PACES for k, v in paces.items()
    ):
        raise ValueError(paces)
    return Look(
        transition=_one_of(raw.get("transition", d.transition), TRANSITIONS),
        transition_s=_ms_to_s(raw.get("transition_ms", _ms(d.transition_s))),
        transition_scope=_one_of(raw.get("transition_scope", d.transition_scope), SCOPES),
        effect=_one_of(raw.get("effect", d.effect), EFFECTS),
        effect_on=_one_of(raw.get("effect_on", d.effect_on), EFFECT_ON),
        effect_scope=_one_of(raw.get("effect_scope", d.effect_scope), SCOPES),
        photo_motion=bool(raw.get("photo_motion", d.photo_motion)),
        section_paces=tuple(sorted(paces.items())),
    )


def _sources_choice(raw: Any) -> Sources:
    if not isinstance(raw, Mapping):
        raise TypeError(raw)
    names, excluded = raw.get("names", []), raw.get("excluded", [])
    excluded_names = raw.get("excluded_names", excluded)
    lists = (names, excluded, excluded_names)
    if not all(isinstance(x, list) and all(isinstance(n, str) for n in x) for x in lists):
        raise TypeError(raw)
    return Sources(
        order=_one_of(raw.get("order", "upload"), CLIP_ORDERS),
        names=tuple(names),
        excluded=tuple(excluded),
        excluded_names=tuple(excluded_names),
        shuffles=_int(raw.get("shuffles", 0)),
    )


def _one_of(raw: Any, allowed: tuple[Any, ...]) -> Any:
    if raw not in allowed:
        raise ValueError(raw)
    return raw


def _write_look(look: Look) -> dict[str, Any] | None:
    """The look as the draft keeps it: only what differs from the default (None: all default)."""
    default = _look_keys(Look())
    kept = {k: v for k, v in _look_keys(look).items() if v != default[k]}
    return kept or None


def _look_keys(look: Look) -> dict[str, Any]:
    return {
        "transition": look.transition,
        "transition_ms": _ms(look.transition_s),
        "transition_scope": look.transition_scope,
        "effect": look.effect,
        "effect_on": look.effect_on,
        "effect_scope": look.effect_scope,
        "photo_motion": look.photo_motion,
        "section_paces": dict(look.section_paces),
    }


def _write_sources(sources: Sources) -> dict[str, Any] | None:
    if sources == Sources():
        return None
    return {
        "order": sources.order,
        "names": list(sources.names),
        "excluded": list(sources.excluded),
        "excluded_names": list(sources.excluded_names),
        "shuffles": sources.shuffles,
    }


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
    meta: dict[str, Any] = _put(
        t.rest.get("m"),
        width=t.width,
        height=t.height,
        fps=t.fps,
        aspect=t.aspect,
        pace=t.pace,
        tempo_bpm=t.bpm,
        offset_ms=t.offset_ms or None,
        fade_in_ms=_ms(t.fade_in_s) or None,
        fade_out_ms=_ms(t.fade_out_s) or None,
        beats_ms=[_ms(b) for b in t.beats_s] or None,
        downbeats_ms=[_ms(b) for b in t.downbeats_s] or None,
        sections=[{"label": s.label, "start_ms": _ms(s.start_s), "end_ms": _ms(s.end_s)} for s in t.sections]
        or None,
        clip_audio=None
        if t.clip_audio == ClipAudio()
        else {"keep": t.clip_audio.keep, "duck_db": t.clip_audio.duck_db},
        look=_write_look(t.look),
        sources=_write_sources(t.sources),
    )
    out = {k: v for k, v in t.rest.items() if k != "m"}
    out["t"] = [_write_track(track) for track in t.tracks]
    if t.duration_s is not None:
        out["d"] = _ms(t.duration_s)
    if meta or "m" in t.rest:
        out["m"] = meta
    return out


def _write_track(track: Track) -> dict[str, Any]:
    out = {k: v for k, v in track.rest.items() if k != "m"}
    if track.id is not None:
        out["id"] = track.id
    out["tt"] = track.tt
    meta = _put(track.rest.get("m"), name=track.name, volume=track.volume)
    if meta or "m" in track.rest:
        out["m"] = meta
    out["sg"] = [_write_item(item) for item in track.items]
    return out


def _write_item(item: Segment) -> dict[str, Any]:
    out = {k: v for k, v in item.rest.items() if k != "m"}
    if item.id is not None:
        out["id"] = item.id
    out["st"] = _ms(item.start_s)
    # from the written ends, so that st + d is the next segment's st (the shots tile the video)
    end, start = _ms(item.end_s), _ms(item.start_s)
    out["d"] = int(end - start) if isinstance(end, int) and isinstance(start, int) else end - start
    known: dict[str, Any] = {"name": item.name, "text": item.text, "src": item.src, "volume": item.volume}
    if isinstance(item, Shot):
        inferred = "clip" if item.upload_id or item.src else "generated"
        known.update(
            kind=None if item.kind == inferred else item.kind,
            upload_id=item.upload_id,
            in_ms=_ms(item.source_in_s) or None,
            gain=None if item.audio_gain == 1.0 else item.audio_gain,
        )
    elif isinstance(item, Sound):
        known.update(
            upload_id=item.upload_id,
            start_ms=_ms(item.song_start_s) or None,
            source_duration_ms=None if item.song_duration_s is None else _ms(item.song_duration_s),
            beat_fix=_write_beat_fix(item.beat_fix),
            beat_confidence=item.beat_confidence,
        )
    elif isinstance(item, Text):
        known.update(
            position=None if item.position == "center" else item.position,
            size=None if item.size == "medium" else item.size,
            colour=None if item.colour == "#ffffff" else item.colour,
        )
    meta = _put(item.rest.get("m"), **known)
    if meta or "m" in item.rest:
        out["m"] = meta
    return out


def _put(rest: object, **known: Any) -> dict[str, Any]:
    out = dict(rest) if isinstance(rest, Mapping) else {}
    out.update({k: v for k, v in known.items() if v is not None})
    return out


def _ms(seconds: float) -> int | float:
    """Seconds to wire milliseconds: whole milliseconds as an int (10.0 -> 10000), else rounded to 1 µs."""
    value = round(seconds * 1000, 3)
    return int(value) if value == int(value) else value


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
