"""The draft-level extras under ``m`` on the wire: the look, the clips' order and sound, sections, and
the song's beat correction; read into model values and written back (only what differs from the
default). Part of :mod:`skill.timeline.wire`, the one place the keys are spelled.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .model import BeatFix, ClipAudio, Look, Section, Sources, Timeline
from .vocab import (
    ASPECTS,
    CLIP_ORDERS,
    EFFECT_ON,
    EFFECTS,
    MAX_BAR_SHIFT,
    METERS,
    PACES,
    SCOPES,
    SECTION_LABELS,
    TRANSITIONS,
)
from .wire_values import Taker, ms, ms_to_s, number, one_of, times, whole

__all__ = ["read_beat_fix", "read_meta", "write_beat_fix", "write_meta"]


def read_meta(take: Taker) -> dict[str, Any]:
    """The Timeline fields the draft's ``m`` holds (besides the canvas), taken from ``take``."""
    return {
        "aspect": take.choice("aspect", ASPECTS),
        "pace": take.choice("pace", PACES),
        "bpm": take.value("tempo_bpm", number, None),
        "offset_ms": take.value("offset_ms", whole, 0),
        "fade_in_s": take.value("fade_in_ms", ms_to_s, 0.0),
        "fade_out_s": take.value("fade_out_ms", ms_to_s, 0.0),
        "beats_s": take.value("beats_ms", times, ()),
        "downbeats_s": take.value("downbeats_ms", times, ()),
        "sections": take.value("sections", _sections, ()),
        "clip_audio": take.value("clip_audio", _clip_audio, None) or ClipAudio(),
        "look": take.value("look", _look, Look()),
        "sources": take.value("sources", _sources_choice, Sources()),
    }


def write_meta(t: Timeline) -> dict[str, Any]:
    """The draft's ``m`` keys for ``t`` (None values are left out by the writer)."""
    return {
        "width": t.width,
        "height": t.height,
        "fps": t.fps,
        "aspect": t.aspect,
        "pace": t.pace,
        "tempo_bpm": t.bpm,
        "offset_ms": t.offset_ms or None,
        "fade_in_ms": ms(t.fade_in_s) or None,
        "fade_out_ms": ms(t.fade_out_s) or None,
        "beats_ms": [ms(b) for b in t.beats_s] or None,
        "downbeats_ms": [ms(b) for b in t.downbeats_s] or None,
        "sections": [{"label": s.label, "start_ms": ms(s.start_s), "end_ms": ms(s.end_s)} for s in t.sections]
        or None,
        "clip_audio": None
        if t.clip_audio == ClipAudio()
        else {"keep": t.clip_audio.keep, "duck_db": t.clip_audio.duck_db},
        "look": _write_look(t.look),
        "sources": _write_sources(t.sources),
    }


def _sections(raw: Any) -> tuple[Section, ...]:
    if not isinstance(raw, list):
        raise TypeError(raw)
    out = []
    for item in raw:
        if not isinstance(item, Mapping) or item.get("label") not in SECTION_LABELS:
            raise ValueError(item)
        out.append(Section(item["label"], ms_to_s(item["start_ms"]), ms_to_s(item["end_ms"])))
    return tuple(out)


def read_beat_fix(raw: Any) -> BeatFix:
    if not isinstance(raw, Mapping) or set(raw) - {"factor", "bpm", "offbeat", "bar_shift", "meter"}:
        raise TypeError(raw)
    offbeat, bar_shift, meter = raw.get("offbeat", False), raw.get("bar_shift", 0), raw.get("meter")
    if not isinstance(offbeat, bool) or not isinstance(bar_shift, int) or isinstance(bar_shift, bool):
        raise TypeError(raw)
    if not 0 <= bar_shift <= MAX_BAR_SHIFT or (meter is not None and meter not in METERS):
        raise ValueError(raw)
    factor = float(number(raw.get("factor", 1.0)))
    bpm = raw.get("bpm")
    if factor <= 0 or (bpm is not None and number(bpm) <= 0):
        raise ValueError(raw)
    return BeatFix(
        factor=factor,
        bpm=None if bpm is None else float(bpm),
        offbeat=offbeat,
        bar_shift=bar_shift,
        meter=meter,
    )


def write_beat_fix(fix: BeatFix) -> dict[str, Any] | None:
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
    if fix.bar_shift:
        out["bar_shift"] = fix.bar_shift
    if fix.meter is not None:
        out["meter"] = fix.meter
    return out


def _clip_audio(raw: Any) -> ClipAudio:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("keep", True), bool):
        raise TypeError(raw)
    return ClipAudio(
        keep=raw.get("keep", True), duck_db=float(number(raw.get("duck_db", ClipAudio().duck_db)))
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
        transition=one_of(raw.get("transition", d.transition), TRANSITIONS),
        transition_s=ms_to_s(raw.get("transition_ms", ms(d.transition_s))),
        transition_scope=one_of(raw.get("transition_scope", d.transition_scope), SCOPES),
        effect=one_of(raw.get("effect", d.effect), EFFECTS),
        effect_on=one_of(raw.get("effect_on", d.effect_on), EFFECT_ON),
        effect_scope=one_of(raw.get("effect_scope", d.effect_scope), SCOPES),
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
        order=one_of(raw.get("order", "upload"), CLIP_ORDERS),
        names=tuple(names),
        excluded=tuple(excluded),
        excluded_names=tuple(excluded_names),
        shuffles=whole(raw.get("shuffles", 0)),
    )


def _write_look(look: Look) -> dict[str, Any] | None:
    """The look as the draft keeps it: only what differs from the default (None: all default)."""
    default = _look_keys(Look())
    kept = {k: v for k, v in _look_keys(look).items() if v != default[k]}
    return kept or None


def _look_keys(look: Look) -> dict[str, Any]:
    return {
        "transition": look.transition,
        "transition_ms": ms(look.transition_s),
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
