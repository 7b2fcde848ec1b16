"""The ops that re-cut the video: where it starts (a time or a section), the pace per section, the
offset of every cut, and which clips the shots show in what order.

Each changes a setting on the timeline and, when there is a highlight, rebuilds it through the one
recipe (:func:`skill.timeline.recipe.build_highlight`), so the cuts, shots and sections are always the
recipe's answer to the settings, never patched by hand.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from .context import ClipFacts, EditContext, EditError, SongFacts
from .cuts import Labelled
from .model import Sources, Timeline
from .ops_edits import ClipOrderOp, Offset, OnlyClips, SectionPace, StartAt, UseClip
from .recipe import build_highlight
from .vocab import (
    DEFAULT_HIGHLIGHT_S,
    DEFAULT_PACE,
    MAX_HIGHLIGHT_S,
    MAX_OFFSET_MS,
    MIN_HIGHLIGHT_S,
    SectionLabel,
)

__all__ = [
    "arrange",
    "find_clip",
    "find_section",
    "offset",
    "only_clips",
    "rebuild",
    "section_pace",
    "set_clip_order",
    "start_at",
    "use_clip",
    "window",
]

S = TypeVar("S", bound=Labelled)
_NUMBERED = re.compile(r"#(-1|\d{1,3})")  # "#2": a clip by its place in the upload order
# what people call the loud part: a song without a labelled drop answers "the drop" with its chorus
_STAND_INS: dict[SectionLabel, SectionLabel] = {"drop": "chorus", "chorus": "drop"}


def find_section(sections: Sequence[S], label: SectionLabel, nth: int = 1) -> S | None:
    """The ``nth`` (1-based, -1 = last) section called ``label`` (or its stand-in); None if none."""
    named = [s for s in sections if s.label == label]
    if not named and label in _STAND_INS:
        named = [s for s in sections if s.label == _STAND_INS[label]]
    if nth == -1:
        return named[-1] if named else None
    return named[nth - 1] if 1 <= nth <= len(named) else None


def window(song: SongFacts, start_s: float, duration_s: float) -> tuple[float, float]:
    """(start, duration) of a ``duration_s`` excerpt from the downbeat nearest ``start_s``.

    The length is kept: when the song ends too soon the start moves back by whole bars; a song
    shorter than the request is used whole.
    """
    total = song.duration_s
    if duration_s >= total:
        return 0.0, round(total, 4)
    downbeats = song.downbeats_s or song.beats_s
    start = min(downbeats, key=lambda d: abs(d - start_s)) if downbeats else start_s
    if start + duration_s > total:
        earlier = [d for d in downbeats if d + duration_s <= total]
        start = max(earlier) if earlier else total - duration_s
    return round(max(0.0, start), 4), round(duration_s, 4)


def arrange(clips: Sequence[ClipFacts], sources: Sources) -> list[ClipFacts]:
    """The clips the shots cycle through: the excluded left out, the named order first."""
    kept = [c for c in clips if c.upload_id not in sources.excluded]
    if sources.order == "upload" or not sources.names:
        return kept
    rank = {uid: i for i, uid in enumerate(sources.names)}
    return sorted(kept, key=lambda c: (rank.get(c.upload_id, len(rank)), clips.index(c)))


def find_clip(clips: Sequence[ClipFacts], name: str) -> ClipFacts:
    """The clip called ``name``: its upload id, file name or name without extension, else the one
    whose name contains it ("cat" finds cat_photo.jpg); ``#n`` is the n-th clip in upload order
    (``#-1`` the last). Raises EditError ``no_such_clip`` or ``no_clip_number`` (``number``, ``count``)."""
    want = name.strip().casefold()
    numbered = _NUMBERED.fullmatch(want)
    if numbered:
        n = int(numbered.group(1))
        if n == -1 or 1 <= n <= len(clips):
            return clips[n - 1 if n > 0 else n]
        raise EditError("no_clip_number", number=n, count=len(clips))

    def stem(c: ClipFacts) -> str:
        return c.name.casefold().rsplit(".", 1)[0]

    exact = [c for c in clips if want in (c.upload_id.casefold(), c.name.casefold(), stem(c))]
    exact = exact or [c for c in clips if c.name and want.endswith(c.name.casefold())]  # "把我的视频.mp4"
    partial = [c for c in clips if want and want in stem(c)]
    if exact or partial:
        return (exact or partial)[0]
    raise EditError("no_such_clip", clip=name)


def _clips(timeline: Timeline, ctx: EditContext, song_id: str | None) -> list[ClipFacts]:
    return [c for c in ctx.clips() if c.upload_id != song_id]


def rebuild(
    timeline: Timeline, ctx: EditContext, *, start_s: float | None = None, duration_s: float | None = None
) -> Timeline:
    """The highlight re-made with the timeline's settings (same song, start and length unless given)."""
    current = timeline.song
    song = ctx.song(current.upload_id if current is not None and timeline.has_highlight else None)
    duration = duration_s or (timeline.duration_s if timeline.has_highlight else None) or DEFAULT_HIGHLIGHT_S
    duration = max(MIN_HIGHLIGHT_S, min(duration, song.duration_s, MAX_HIGHLIGHT_S))
    if start_s is None:
        start_s = current.song_start_s if current is not None and timeline.has_highlight else None
    if start_s is None:
        start_s = ctx.best_start(song, duration)
    start_s = max(0.0, min(start_s, song.duration_s - duration))
    clips = arrange(_clips(timeline, ctx, song.upload_id), timeline.sources)
    if not clips and _clips(timeline, ctx, song.upload_id):
        raise EditError("all_clips_excluded")
    return build_highlight(
        timeline,
        song,
        start_s=start_s,
        duration_s=duration,
        pace=timeline.pace or DEFAULT_PACE,
        clips=clips,
        ctx=ctx,
    )


def start_at(timeline: Timeline, op: StartAt, ctx: EditContext) -> Timeline:
    """Start at a song time or section, keeping the length. Raises EditError ``no_section``
    (``section``, ``nth``) or ``start_beyond_end`` (``start_s``, ``length_s``). The first (or last)
    chorus or drop of a song where none was found is its best section."""
    current = timeline.song
    song = ctx.song(current.upload_id if current is not None and timeline.has_highlight else None)
    length = (timeline.duration_s if timeline.has_highlight else None) or DEFAULT_HIGHLIGHT_S
    if op.at == "whole":
        return rebuild(timeline, ctx, start_s=0.0, duration_s=min(song.duration_s, MAX_HIGHLIGHT_S))
    if op.at is not None:
        section = find_section(song.sections, op.at, op.nth)
        loud = op.at in _STAND_INS and op.nth in (1, -1)
        if section is None and not (loud and not any(s.label in _STAND_INS for s in song.sections)):
            raise EditError("no_section", section=op.at, nth=op.nth)
        # a song with no chorus heard: its most chorus-like stretch is what "the chorus" means
        wanted = section.start_s if section is not None else ctx.best_start(song, length)
    else:
        wanted = op.start_s or 0.0
        if wanted >= song.duration_s:
            raise EditError("start_beyond_end", start_s=wanted, length_s=song.duration_s)
    start, duration = window(song, wanted, min(length, song.duration_s))
    return rebuild(timeline, ctx, start_s=start, duration_s=duration)


def section_pace(timeline: Timeline, op: SectionPace, ctx: EditContext) -> Timeline:
    """Set (or clear) the pace inside one kind of section. Raises EditError ``no_section`` when the
    song has sections and none of this kind."""
    paces = dict(timeline.look.section_paces)
    if op.pace is None:
        paces.pop(op.section, None)
    else:
        paces[op.section] = op.pace
    out = replace(timeline, look=replace(timeline.look, section_paces=tuple(sorted(paces.items()))))
    if not timeline.has_highlight:
        return out
    song = ctx.song(timeline.song.upload_id if timeline.song else None)
    if song.sections and find_section(song.sections, op.section) is None:
        raise EditError("no_section", section=op.section, nth=1)
    return rebuild(out, ctx)


def offset(timeline: Timeline, op: Offset, ctx: EditContext) -> Timeline:
    """Move every cut. Raises EditError ``offset_limit`` (``offset_ms``) when a nudge cannot go further."""
    wanted = op.ms if op.ms is not None else timeline.offset_ms + (op.nudge_ms or 0)
    new = max(-MAX_OFFSET_MS, min(MAX_OFFSET_MS, wanted))
    if op.nudge_ms is not None and new == timeline.offset_ms:
        raise EditError("offset_limit", offset_ms=new)
    out = replace(timeline, offset_ms=new)
    return rebuild(out, ctx) if timeline.has_highlight else out


def _song_id(timeline: Timeline, ctx: EditContext) -> str | None:
    if timeline.song is not None and timeline.song.upload_id:
        return timeline.song.upload_id
    try:
        return ctx.song(None).upload_id
    except EditError:
        return None


def set_clip_order(timeline: Timeline, op: ClipOrderOp, ctx: EditContext) -> Timeline:
    """Upload order, a new shuffle, or the order the user named. Raises EditError ``no_clips`` or
    ``no_such_clip``."""
    clips = _clips(timeline, ctx, _song_id(timeline, ctx))
    if not clips:
        raise EditError("need_clips")
    src = timeline.sources
    if op.names is not None:
        named = [find_clip(clips, n).upload_id for n in op.names]
        sources = replace(src, order="custom", names=tuple(dict.fromkeys(named)))
    elif op.order == "shuffle":
        ids = [c.upload_id for c in arrange(clips, src)]
        shuffles = src.shuffles + 1
        order = list(ids)
        rng = random.Random(f"{'|'.join(ids)}#{shuffles}")
        for _ in range(8):  # a shuffle that gives the same order back is no change
            rng.shuffle(order)
            if order != ids or len(ids) < 2:
                break
        sources = replace(src, order="shuffle", names=tuple(order), shuffles=shuffles)
    else:
        sources = replace(src, order="upload", names=())
    out = replace(timeline, sources=sources)
    return rebuild(out, ctx) if timeline.has_highlight else out


def use_clip(timeline: Timeline, op: UseClip, ctx: EditContext) -> Timeline:
    """Leave a clip out or put it back. Raises EditError ``no_clips``, ``no_such_clip`` or
    ``all_clips_excluded`` (the last clip cannot be left out)."""
    clips = _clips(timeline, ctx, _song_id(timeline, ctx))
    if not clips:
        raise EditError("need_clips")
    clip = find_clip(clips, op.clip)
    src = timeline.sources
    left = [(u, n) for u, n in zip(src.excluded, src.excluded_names, strict=False) if u != clip.upload_id]
    if not op.use:
        left.append((clip.upload_id, clip.name))
    if len(left) >= len(clips):
        raise EditError("all_clips_excluded")
    sources = replace(src, excluded=tuple(u for u, _ in left), excluded_names=tuple(n for _, n in left))
    out = replace(timeline, sources=sources)
    return rebuild(out, ctx) if timeline.has_highlight else out


def only_clips(timeline: Timeline, op: OnlyClips, ctx: EditContext) -> Timeline:
    """Use only the named clips (or every one of a kind), leaving out the rest. Raises EditError
    ``need_clips``, ``no_such_clip``, ``no_clip_number`` or ``no_clips_of_kind`` (``kind``)."""
    clips = _clips(timeline, ctx, _song_id(timeline, ctx))
    if not clips:
        raise EditError("need_clips")
    if op.clips is not None:
        kept = {find_clip(clips, n).upload_id for n in op.clips}
    else:
        kept = {c.upload_id for c in clips if c.kind == op.kind}
        if not kept:
            raise EditError("no_clips_of_kind", kind=op.kind)
    left = [c for c in clips if c.upload_id not in kept]
    src = timeline.sources
    sources = replace(
        src, excluded=tuple(c.upload_id for c in left), excluded_names=tuple(c.name for c in left)
    )
    out = replace(timeline, sources=sources)
    return rebuild(out, ctx) if timeline.has_highlight else out
