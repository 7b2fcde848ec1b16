"""The ops that change how the video looks without re-cutting it: fades, transitions, beat effects,
photo motion, the title's style and more texts; and :func:`shot_styles`, which says per shot what the
look means (the render plan's transition and effect of each shot).
"""

from __future__ import annotations

from dataclasses import replace

from .context import EditError
from .model import TT_TEXT, Text, Timeline, Track
from .ops_edits import AddText, Fade, PhotoMotion, SetEffect, SetTransition, TitleStyle
from .recipe import TRACK_ORDER, fit_texts
from .vocab import (
    DEFAULT_FPS,
    DEFAULT_TITLE_S,
    DEFAULT_TRANSITION_S,
    MAX_HIGHLIGHT_S,
    MIN_TEXT_S,
    Effect,
    Transition,
)

__all__ = [
    "CAPTIONS_TRACK",
    "add_text",
    "fade",
    "photo_motion",
    "set_effect",
    "set_transition",
    "shot_styles",
    "title_style",
]

CAPTIONS_TRACK = "track_captions"
_LOUD = ("chorus", "drop")  # what "in the chorus" covers


def fade(timeline: Timeline, op: Fade) -> Timeline:
    """Fade in and/or out; each at most half the video, so the two never overlap."""
    half = (timeline.duration_s or 0.0) / 2 or None
    fade_in = timeline.fade_in_s if op.fade_in_s is None else op.fade_in_s
    fade_out = timeline.fade_out_s if op.fade_out_s is None else op.fade_out_s
    if half is not None:
        fade_in, fade_out = min(fade_in, half), min(fade_out, half)
    return replace(timeline, fade_in_s=round(fade_in, 3), fade_out_s=round(fade_out, 3))


def set_transition(timeline: Timeline, op: SetTransition) -> Timeline:
    look = replace(
        timeline.look,
        transition=op.kind,
        transition_s=round(op.seconds or DEFAULT_TRANSITION_S, 3),
        transition_scope=op.scope if op.kind != "cut" else "all",
    )
    return replace(timeline, look=look)


def set_effect(timeline: Timeline, op: SetEffect) -> Timeline:
    none = op.kind == "none"
    look = replace(
        timeline.look,
        effect=op.kind,
        effect_on="cuts" if none else op.on,
        effect_scope="all" if none else op.scope,
    )
    return replace(timeline, look=look)


def photo_motion(timeline: Timeline, op: PhotoMotion) -> Timeline:
    """Photos pan or stand still. Raises EditError ``no_photos`` when the video shows none."""
    if timeline.has_highlight and not any(s.kind == "photo" for s in timeline.shots):
        raise EditError("no_photos")
    return replace(timeline, look=replace(timeline.look, photo_motion=op.on))


def title_style(timeline: Timeline, op: TitleStyle) -> Timeline:
    """Restyle the title. Raises EditError ``need_title``, or ``title_at_end`` / ``title_shortest``
    (``end_s`` / ``length_s``) when a change of its length (``by_s``) cannot go further that way."""
    title, track = timeline.title, timeline.title_track
    if title is None or track is None:
        raise EditError("need_title")
    start, end = title.start_s, title.end_s
    if op.whole:
        start, end = 0.0, timeline.duration_s or end
    elif op.seconds is not None:
        end = start + op.seconds
    elif op.by_s is not None:
        end = _title_end(timeline, start, end, op.by_s)
    new = replace(
        title,
        position=op.position or title.position,
        size=op.size or title.size,
        colour=(op.colour or title.colour).lower(),
        start_s=start,
        end_s=end,
    )
    items = tuple(new if i is title else i for i in track.items)
    return fit_texts(timeline.swap_track(track, replace(track, items=items)))


def _title_end(timeline: Timeline, start: float, end: float, by_s: float) -> float:
    """Where a title ``by_s`` seconds longer (or shorter) ends: by the video's end, at least
    ``MIN_TEXT_S`` after it starts."""
    last = timeline.duration_s or MAX_HIGHLIGHT_S
    wanted = round(max(start + MIN_TEXT_S, min(last, end + by_s)), 3)
    if by_s > 0 and wanted <= end + 1e-3:
        raise EditError("title_at_end", end_s=round(end, 3))
    if by_s < 0 and wanted >= end - 1e-3:
        raise EditError("title_shortest", length_s=round(end - start, 3))
    return wanted


def add_text(timeline: Timeline, op: AddText) -> Timeline:
    """Another text on the captions track: at the start, at the end (the default), or from ``start_s``."""
    total = timeline.duration_s or 0.0
    seconds = op.seconds or DEFAULT_TITLE_S
    if op.start_s is not None:
        start = op.start_s
    elif op.at == "start":
        start = 0.0
    else:
        start = max(0.0, total - seconds) if total else 0.0
    track = next((t for t in timeline.tracks if t.id == CAPTIONS_TRACK), None)
    n = len(track.items) if track is not None else 0
    text = Text(
        id=f"seg_caption{n + 1}",
        start_s=round(start, 3),
        end_s=round(start + seconds, 3),
        text=op.text.strip(),
        position=op.position,
        size=op.size,
        colour=op.colour.lower(),
    )
    if track is None:
        new = Track(tt=TT_TEXT, id=CAPTIONS_TRACK, name="Captions", items=(text,))
        out = timeline.with_track(new, track_id=CAPTIONS_TRACK, order=(*TRACK_ORDER, CAPTIONS_TRACK))
    else:
        out = timeline.swap_track(track, replace(track, items=(*track.items, text)))
    return fit_texts(out)


def shot_styles(timeline: Timeline) -> tuple[tuple[Transition, float, Effect], ...]:
    """Per shot (in order): how it begins (transition, seconds) and its beat effect.

    "In the chorus" means shots starting inside a chorus or drop of the excerpt; "on the downbeats"
    means shots starting within half a frame of a downbeat once the offset is taken into account.
    """
    look = timeline.look
    fps = float(timeline.fps or DEFAULT_FPS)
    shift = timeline.offset_ms / 1000.0

    def in_chorus(t: float) -> bool:
        return any(s.label in _LOUD and s.start_s - 1e-6 <= t < s.end_s for s in timeline.sections)

    def on_downbeat(t: float) -> bool:
        return t < 1e-6 or any(abs(d + shift - t) <= 0.5 / fps + 1e-6 for d in timeline.downbeats_s)

    out: list[tuple[Transition, float, Effect]] = []
    for shot in timeline.shots:
        t = shot.start_s
        transition: Transition = look.transition
        if look.transition_scope == "chorus" and not in_chorus(t):
            transition = "cut"
        effect: Effect = look.effect
        if (look.effect_scope == "chorus" and not in_chorus(t)) or (
            look.effect_on == "downbeats" and not on_downbeat(t)
        ):
            effect = "none"
        out.append((transition, look.transition_s if transition != "cut" else 0.0, effect))
    return tuple(out)
