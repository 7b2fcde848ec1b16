"""What the agent says after one of the creator's edits: the reply key and its fields, from the result.

The sentence is read off the new timeline (where it now starts, how many shots, which clips), so it
says what was done, not what was asked.
"""

from __future__ import annotations

from typing import Any

from skill.timeline import Timeline
from skill.timeline.model import BeatFix
from skill.timeline.ops import EditOp
from skill.timeline.ops_edits import (
    AddText,
    ClipOrderOp,
    Fade,
    FixBeat,
    Offset,
    OnlyClips,
    PhotoMotion,
    SectionPace,
    SetEffect,
    SetTransition,
    StartAt,
    TitleStyle,
    UseClip,
)
from skill.timeline.vocab import LOW_BEAT_CONFIDENCE

from .edit_words import COLOURS
from .replies import reply

__all__ = ["beat_note", "creator_reply", "mmss", "secs"]


def secs(seconds: float) -> str:
    """Seconds for people: ``10`` not ``10.0``, one decimal otherwise."""
    return f"{seconds:.1f}".rstrip("0").rstrip(".")


def _colour_name(colour: str, lang: str) -> str:
    """A colour as people say it ("white", "红色"); one the words have no name for, as its hex code."""
    name = next((words[0] for hex_, words in COLOURS if hex_ == colour.lower()), None)
    return reply(f"colour_{name}", lang) if name is not None else colour


def mmss(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


def _names(timeline: Timeline) -> str:
    seen = dict.fromkeys(s.source for s in timeline.shots)
    return ", ".join(seen)


def _clip_name(timeline: Timeline, op: UseClip, before: Timeline | None) -> str:
    """The file name of the clip the user named (as the timeline spells it): the one left out now, or
    the one that was left out before and is back ("put clip 2 back")."""
    if not op.use and timeline.sources.excluded_names:
        return timeline.sources.excluded_names[-1]
    if before is not None:
        back = [n for n in before.sources.excluded_names if n not in timeline.sources.excluded_names]
        if back:
            return back[0]
    want = op.clip.casefold()
    return next((s.source for s in timeline.shots if want in s.source.casefold()), op.clip)


def beat_note(timeline: Timeline) -> tuple[str, dict[str, Any]] | None:
    """The reply that follows a new highlight when the tracker was unsure of the beat and the user has
    not corrected it: how to ("double time", "half time", "the beat is on the off-beat", "tap: N BPM")."""
    song = timeline.song
    if song is None or song.beat_confidence is None or song.beat_fix != BeatFix():
        return None
    if song.beat_confidence >= LOW_BEAT_CONFIDENCE:
        return None
    return "beat_unsure", {"bpm": secs(timeline.bpm or 0.0)}


def creator_reply(
    timeline: Timeline, op: EditOp, lang: str, before: Timeline | None = None
) -> tuple[str, dict[str, Any]]:
    """The reply key for ``op`` (already applied: ``timeline`` is the result, ``before`` what it was
    applied to) and its fields."""
    if isinstance(op, StartAt):
        song = timeline.song
        start = song.song_start_s if song is not None else 0.0
        end = start + (timeline.duration_s or 0.0)
        where = reply(f"section_{op.at}", lang) if op.at is not None else mmss(start)
        return ("start_whole" if op.at == "whole" else "start_at"), {
            "where": where,
            "start": mmss(start),
            "end": mmss(end),
            "count": len(timeline.shots),
        }
    if isinstance(op, SectionPace):
        return ("section_pace" if op.pace else "section_pace_off"), {
            "section": reply(f"section_{op.section}", lang),
            "pace": reply(f"pace_{op.pace}", lang) if op.pace else "",
            "count": len(timeline.shots),
        }
    if isinstance(op, Offset):
        ms = timeline.offset_ms
        key = "offset_zero" if ms == 0 else ("offset_earlier" if ms < 0 else "offset_later")
        return key, {"ms": abs(ms)}
    if isinstance(op, Fade):
        fin, fout = timeline.fade_in_s, timeline.fade_out_s
        if not fin and not fout:
            return "fade_none", {}
        return "fade", {
            "fade_in": reply("seconds", lang, n=secs(fin)) if fin else reply("none_word", lang),
            "fade_out": reply("seconds", lang, n=secs(fout)) if fout else reply("none_word", lang),
        }
    if isinstance(op, SetTransition):
        look = timeline.look
        if look.transition == "cut":
            return "transition_cut", {}
        where = reply("in_chorus" if look.transition_scope == "chorus" else "everywhere", lang)
        return ("transition" if timeline.shots else "transition_next"), {
            "kind": reply(f"transition_{look.transition}", lang),
            "seconds": f"{round(look.transition_s, 2):g}",  # 0.25 s, not "0.2"
            "where": where,
        }
    if isinstance(op, SetEffect):
        look = timeline.look
        if look.effect == "none":
            return "effect_none", {}
        on = reply("on_downbeats" if look.effect_on == "downbeats" else "on_cuts", lang)
        where = reply("in_chorus" if look.effect_scope == "chorus" else "everywhere", lang)
        return ("effect" if timeline.shots else "effect_next"), {  # no shots yet: kept for the video
            "kind": reply(f"effect_{look.effect}", lang),
            "on": on,
            "where": where,
        }
    if isinstance(op, TitleStyle):
        title = timeline.title
        assert title is not None  # apply refused a style without a title
        return "title_style", {
            "position": reply(f"position_{title.position}", lang),
            "size": reply(f"size_{title.size}", lang),
            "colour": _colour_name(title.colour, lang),
            "start": secs(title.start_s),
            "end": secs(title.end_s),
        }
    if isinstance(op, AddText):
        text = timeline.texts[-1]
        return "text_added", {"text": text.text or "", "start": secs(text.start_s), "end": secs(text.end_s)}
    if isinstance(op, ClipOrderOp):
        return "clip_order", {"names": _names(timeline)}
    if isinstance(op, UseClip):
        key = "clip_back" if op.use else "clip_left_out"
        return (key if timeline.shots else f"{key}_next"), {
            "names": _names(timeline),
            "clip": _clip_name(timeline, op, before),
        }
    if isinstance(op, OnlyClips):
        left = ", ".join(timeline.sources.excluded_names) or reply("none_word", lang)
        if not timeline.shots:  # no highlight yet: the choice waits for it
            return "only_clips_next", {"left": left}
        return "only_clips", {"names": _names(timeline), "left": left}
    if isinstance(op, PhotoMotion):
        return ("photo_motion_on" if op.on else "photo_motion_off"), {}
    if isinstance(op, FixBeat):
        song = timeline.song
        if op.meter is not None:
            return "bar_meter", {"beats": reply(f"beat_count_{op.meter}", lang), "count": len(timeline.shots)}
        if op.bar is not None:
            shift = song.beat_fix.bar_shift if song is not None else 0
            if shift == 0:
                return "bar_detected", {"count": len(timeline.shots)}
            n = abs(op.bar)
            return ("bar_later" if op.bar > 0 else "bar_earlier"), {
                "beats": reply(f"beat_count_{n}", lang),
                "count": len(timeline.shots),
            }
        if op.bpm is not None:
            key = "beat_tap"
        elif op.fix == "offbeat":
            key = "beat_offbeat" if song is not None and song.beat_fix.offbeat else "beat_onbeat"
        else:
            key = f"beat_{op.fix}"
        return key, {"bpm": secs(timeline.bpm or 0.0), "count": len(timeline.shots)}
    raise ValueError(f"not one of the creator's edits: {op.op}")
