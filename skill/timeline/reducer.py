"""``apply(timeline, op, ctx) -> timeline``: the one place an edit happens; pure and exhaustive.

Every :data:`EditOp` has its case (``assert_never`` makes mypy fail when one is missing). An op that
cannot be done on this timeline raises :class:`EditError` with a stable code, never a silent no-op.
History ops (``Undo``) are the store's: see :mod:`skill.timeline.ops`.
"""

from __future__ import annotations

from dataclasses import replace

from typing_extensions import assert_never

from . import edit_cut, edit_look
from .audio import apply_sound
from .context import ClipFacts, EditContext, EditError
from .edit_beat import beat_context, fix_beat
from .model import TT_TEXT, Text, Timeline, Track
from .ops import (
    ClipLevel,
    ClipSound,
    Duck,
    EditOp,
    Highlight,
    Length,
    RemoveTitle,
    SetAspect,
    SetPace,
    SetTitle,
    SetVolume,
)
from .ops_edits import (
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
from .recipe import TRACK_ORDER, build_highlight, fit_texts
from .vocab import (
    ASPECT_SIZES,
    DEFAULT_FPS,
    DEFAULT_HIGHLIGHT_S,
    DEFAULT_PACE,
    DEFAULT_TITLE_S,
    MAX_HIGHLIGHT_S,
    MIN_HIGHLIGHT_S,
    Pace,
)

__all__ = ["apply", "apply_all", "length_step"]


def apply(timeline: Timeline, op: EditOp, ctx: EditContext) -> Timeline:
    """Return the timeline with ``op`` performed. Raises EditError (see :class:`EditError` codes).

    The song is asked of ``ctx`` with the timeline's beat correction applied (:func:`beat_context`).
    """
    ctx = beat_context(ctx, timeline)
    match op:
        case Highlight():
            return _highlight(timeline, op, ctx)
        case SetAspect():
            width, height = ASPECT_SIZES[op.aspect]
            return replace(
                timeline, aspect=op.aspect, width=width, height=height, fps=timeline.fps or DEFAULT_FPS
            )
        case SetTitle():
            return _title(timeline, op.text)
        case RemoveTitle():
            if timeline.title is None:
                raise EditError("no_title")
            track = timeline.title_track
            assert track is not None  # a title lives on a title track
            return timeline.swap_track(track, None)
        case SetVolume():
            song = timeline.song
            if song is None:
                raise EditError("need_highlight")
            level = op.level if op.level is not None else timeline.song_volume + (op.delta or 0.0)
            return _replace_song_volume(timeline, round(max(0.0, min(1.0, level)), 2))
        case SetPace():
            return _recut(timeline, ctx, duration_s=None, pace=op.pace)
        case Length():
            if not timeline.has_highlight:
                if op.seconds is None:
                    raise EditError("need_highlight")
                return _highlight(timeline, Highlight(seconds=op.seconds), ctx)
            current = timeline.duration_s or 0.0
            if op.seconds is not None:
                wanted = op.seconds
            elif op.by_s is not None:
                wanted = max(MIN_HIGHLIGHT_S, min(MAX_HIGHLIGHT_S, round(current + op.by_s, 3)))
            else:
                wanted = length_step(current, op.step or 1)
            if abs(wanted - (timeline.duration_s or 0.0)) < 0.05 and op.seconds is None:
                raise EditError("length_limit", length_s=timeline.duration_s or 0.0)
            return _recut(timeline, ctx, duration_s=wanted, pace=None)
        case ClipSound() | ClipLevel() | Duck():
            if not timeline.has_highlight:
                raise EditError("need_highlight")
            return apply_sound(timeline, op)
        case StartAt():
            return edit_cut.start_at(timeline, op, ctx)
        case SectionPace():
            return edit_cut.section_pace(timeline, op, ctx)
        case Offset():
            return edit_cut.offset(timeline, op, ctx)
        case ClipOrderOp():
            return edit_cut.set_clip_order(timeline, op, ctx)
        case UseClip():
            return edit_cut.use_clip(timeline, op, ctx)
        case OnlyClips():
            return edit_cut.only_clips(timeline, op, ctx)
        case Fade():
            return edit_look.fade(timeline, op)
        case SetTransition():
            return edit_look.set_transition(timeline, op)
        case SetEffect():
            return edit_look.set_effect(timeline, op)
        case TitleStyle():
            return edit_look.title_style(timeline, op)
        case AddText():
            return edit_look.add_text(timeline, op)
        case PhotoMotion():
            return edit_look.photo_motion(timeline, op)
        case FixBeat():
            return fix_beat(timeline, op, ctx)
        case _:
            assert_never(op)


def apply_all(timeline: Timeline, ops: tuple[EditOp, ...], ctx: EditContext) -> Timeline:
    """Apply ops in order (the first failing one raises; nothing of the batch is kept then)."""
    for op in ops:
        timeline = apply(timeline, op, ctx)
    return timeline


def length_step(current_s: float, step: int) -> float:
    """One step longer or shorter: a quarter of the length (at least 2 s), whole seconds, within limits."""
    size = max(2.0, round(current_s * 0.25))
    return max(MIN_HIGHLIGHT_S, min(MAX_HIGHLIGHT_S, round(current_s + (1 if step > 0 else -1) * size)))


def _highlight(timeline: Timeline, op: Highlight, ctx: EditContext) -> Timeline:
    song = ctx.song(None)
    current = timeline.duration_s if timeline.has_highlight else None
    wanted = max(MIN_HIGHLIGHT_S, min(MAX_HIGHLIGHT_S, op.seconds or current or DEFAULT_HIGHLIGHT_S))
    duration = min(wanted, song.duration_s)
    start = op.start_s if op.start_s is not None else ctx.best_start(song, duration)
    start = max(0.0, min(start, song.duration_s - duration))
    clips = edit_cut.arrange([c for c in ctx.clips() if c.upload_id != song.upload_id], timeline.sources)
    pace: Pace = op.pace or timeline.pace or DEFAULT_PACE
    return build_highlight(
        timeline, song, start_s=start, duration_s=duration, pace=pace, clips=clips, ctx=ctx
    )


def _recut(timeline: Timeline, ctx: EditContext, *, duration_s: float | None, pace: Pace | None) -> Timeline:
    """Re-cut the current highlight (new length and/or pace) keeping its song, clips, start and title."""
    current = timeline.song
    if current is None or not current.upload_id:
        raise EditError("need_highlight")
    song = ctx.song(current.upload_id)
    pace = pace or timeline.pace or DEFAULT_PACE
    duration = duration_s or timeline.duration_s or DEFAULT_HIGHLIGHT_S
    duration = max(MIN_HIGHLIGHT_S, min(duration, song.duration_s))
    start = current.song_start_s
    if start + duration > song.duration_s:
        start = max(0.0, min(ctx.best_start(song, duration), song.duration_s - duration))
    return build_highlight(
        timeline, song, start_s=start, duration_s=duration, pace=pace, clips=_clips_of(timeline), ctx=ctx
    )


def _clips_of(timeline: Timeline) -> list[ClipFacts]:
    """The distinct clips the timeline shows, in the order they first appear."""
    seen: dict[str, ClipFacts] = {}
    for shot in timeline.shots:
        if shot.kind != "generated" and shot.upload_id and shot.upload_id not in seen:
            seen[shot.upload_id] = ClipFacts(shot.upload_id, shot.name or "", shot.src or "", shot.kind)
    return list(seen.values())


def _title(timeline: Timeline, text: str) -> Timeline:
    old = timeline.title
    track = timeline.title_track
    if old is not None:
        title = replace(old, text=text)
    else:
        # where titles have always been drawn: near the top (other texts default to the centre)
        title = Text(id="seg_title", start_s=0.0, end_s=DEFAULT_TITLE_S, text=text, position="top")
    if track is None:
        new_track = Track(tt=TT_TEXT, id="track_title", name="Title", items=(title,))
        out = timeline.with_track(new_track, track_id="track_title", order=TRACK_ORDER)
    else:
        items = tuple(title if i is old else i for i in track.items) if old else (*track.items, title)
        out = timeline.swap_track(track, replace(track, items=items))
    if not out.duration_s:
        out = replace(out, duration_s=max(out.duration_s or 0.0, title.end_s))
    return fit_texts(out)


def _replace_song_volume(timeline: Timeline, level: float) -> Timeline:
    music = timeline.music
    song = timeline.song
    assert music is not None and song is not None  # checked by the caller
    items = tuple(replace(i, volume=level) if i is song else i for i in music.items)
    return timeline.swap_track(music, replace(music, items=items))
