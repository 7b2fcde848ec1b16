"""The clips' own sound on the timeline: what the sound ops do, and how the sound is shown.

The timeline holds two facts: :class:`~skill.timeline.model.ClipAudio` (kept or not, and how far the
music ducks under it) and each shot's ``audio_gain`` (0 mutes that shot's clip). "Music only" is
``keep`` off; muting one clip zeroes its shots' gains, so turning the clips back on later restores the
others as they were. A clip is named by upload id or file name (with or without its extension).
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from typing_extensions import assert_never

from .context import EditError
from .model import ClipAudio, Segment, Shot, Timeline
from .ops import ClipLevel, ClipSound, Duck
from .vocab import CLIP_GAIN_STEP_DB, DUCK_STEP_DB, MAX_CLIP_GAIN, MAX_DUCK_DB

__all__ = [
    "SoundOp",
    "apply_sound",
    "audio_state",
    "clip_shots",
    "gain_db",
    "set_clip_gain",
    "set_clip_sound",
    "set_duck",
]

SoundOp = ClipSound | ClipLevel | Duck


def apply_sound(timeline: Timeline, op: SoundOp) -> Timeline:
    """Perform one sound op (``apply``'s cases for them; the media is never needed)."""
    match op:
        case ClipSound():
            return set_clip_sound(timeline, keep=op.keep, clip=op.clip)
        case ClipLevel():
            return set_clip_gain(timeline, clip=op.clip, gain=op.gain, step=op.step)
        case Duck():
            return set_duck(timeline, db=op.db, step=op.step)
        case _:
            assert_never(op)


def _matches(shot: Shot, clip: str) -> bool:
    want = clip.strip().casefold()
    name = (shot.name or "").casefold()
    stem = name.rsplit(".", 1)[0] if "." in name else name
    # a name said with words run into it ("把我的视频.mp4"): the file name it ends with
    return bool(want) and (
        want in {(shot.upload_id or "").casefold(), name, stem} or bool(name) and want.endswith(name)
    )


def clip_shots(timeline: Timeline, clip: str | None) -> tuple[Shot, ...]:
    """The shots showing a clip with sound (every clip when ``clip`` is None).

    Raises EditError ``no_clip_sound`` when the timeline shows no clip, ``no_such_clip`` (``clip``)
    when none is called ``clip``.
    """
    shots = tuple(s for s in timeline.shots if s.kind == "clip")
    if not shots:
        raise EditError("no_clip_sound")
    if clip is None:
        return shots
    picked = tuple(s for s in shots if _matches(s, clip))
    if not picked:
        raise EditError("no_such_clip", clip=clip)
    return picked


def _with_gains(timeline: Timeline, gains: dict[int, float]) -> Timeline:
    """The timeline with the shots whose ``id(shot)`` is in ``gains`` at those gains."""
    video = timeline.video
    assert video is not None  # the shots came from it

    def regain(item: Segment) -> Segment:
        if isinstance(item, Shot) and id(item) in gains:
            return replace(item, audio_gain=round(gains[id(item)], 2))
        return item

    items = tuple(regain(i) for i in video.items)
    return timeline.swap_track(video, replace(video, items=items))


def set_clip_sound(timeline: Timeline, *, keep: bool, clip: str | None) -> Timeline:
    """Keep or mute the clips' sound: all of it (``clip`` None; off is "music only") or one clip's."""
    shots = clip_shots(timeline, clip)
    audio = timeline.clip_audio
    if clip is None:
        out = replace(timeline, clip_audio=replace(audio, keep=keep))
        # turning every clip back on un-mutes the shots muted one by one
        return _with_gains(out, {id(s): 1.0 for s in shots if keep and s.audio_gain == 0})
    if not keep:
        return _with_gains(timeline, {id(s): 0.0 for s in shots})
    gains = {id(s): 1.0 for s in shots if s.audio_gain == 0}
    if not audio.keep:  # the others were silent: they stay so, only this clip is heard
        mine = {id(s) for s in shots}
        gains.update({id(s): 0.0 for s in clip_shots(timeline, None) if id(s) not in mine})
    return _with_gains(replace(timeline, clip_audio=replace(audio, keep=True)), gains)


def set_clip_gain(timeline: Timeline, *, clip: str | None, gain: float | None, step: int | None) -> Timeline:
    """The clips' sound (or one clip's) at linear ``gain``, or a step of ``CLIP_GAIN_STEP_DB`` louder
    (``step`` 1) or quieter (-1). Louder turns the clips' sound on; a muted clip made louder plays again.
    """
    shots = clip_shots(timeline, clip)
    factor = 10 ** ((step or 0) * CLIP_GAIN_STEP_DB / 20)
    gains: dict[int, float] = {}
    for s in shots:
        if gain is not None:
            new = gain
        elif s.audio_gain == 0:
            new = 1.0 if (step or 0) > 0 else 0.0
        else:
            new = s.audio_gain * factor
        gains[id(s)] = max(0.0, min(MAX_CLIP_GAIN, new))
    audio = timeline.clip_audio
    keep = audio.keep or (step or 0) > 0 or (gain or 0) > 0
    return _with_gains(replace(timeline, clip_audio=replace(audio, keep=keep)), gains)


def set_duck(timeline: Timeline, *, db: float | None, step: int | None) -> Timeline:
    """How far the music dips under the clips' sound: ``db`` (0 = off) or ``DUCK_STEP_DB`` deeper/shallower."""
    clip_shots(timeline, None)
    audio = timeline.clip_audio
    depth = db if db is not None else audio.duck_db + (step or 0) * DUCK_STEP_DB
    depth = round(max(0.0, min(MAX_DUCK_DB, depth)), 1)
    return replace(timeline, clip_audio=ClipAudio(keep=audio.keep, duck_db=depth))


def gain_db(gain: float) -> float | None:
    """A linear gain in dB (None for 0: muted)."""
    return None if gain <= 0 else round(20 * math.log10(gain), 1)


def audio_state(timeline: Timeline) -> dict[str, Any]:
    """The sound as ``state --json`` shows it: ``clip_audio`` and, per clip shot, its gain.

    ``{"clip_audio": {"keep": true, "duck_db": 10.0}, "music_volume": 1.0,
    "shots": [{"start_ms": 0, "end_ms": 500, "source": "a.mp4", "gain": 1.0}]}``
    """
    audio = timeline.clip_audio
    return {
        "clip_audio": {"keep": audio.keep, "duck_db": audio.duck_db},
        "music_volume": timeline.song_volume,
        "shots": [
            {
                "start_ms": round(s.start_s * 1000),
                "end_ms": round(s.end_s * 1000),
                "source": s.source,
                "gain": s.audio_gain if audio.keep else 0.0,
            }
            for s in timeline.shots
            if s.kind == "clip"
        ],
    }
