"""What the agent says after one applied edit: reply keys and their fields, read off the result.

Every :data:`skill.timeline.ops.EditOp` has its case (``assert_never``: a new op without a reply fails
mypy). The sentence describes the new timeline (where it starts, how many shots, which clips, the
volume now), so it says what was done, not what was asked. The creator's edits (section, fades,
transitions, ...) are answered by :func:`skill.local.edit_turn.creator_reply`.
"""

from __future__ import annotations

from typing import Any

from typing_extensions import assert_never

from skill.timeline import SongFacts, Timeline
from skill.timeline.audio import clip_shots
from skill.timeline.model import GENERATED
from skill.timeline.ops import (
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

from .edit_turn import beat_note, creator_reply, mmss, secs
from .replies import reply

__all__ = ["Said", "highlight_reply", "op_reply"]

Said = list[tuple[str, dict[str, Any]]]  # reply keys with their fields, in the order to say them


def op_reply(before: Timeline, after: Timeline, op: EditOp, lang: str, song: SongFacts | None) -> Said:
    """The sentences for ``op`` (``after`` is the result of applying it to ``before``).

    ``song`` is the analysed song when the op needed it (a highlight or a re-cut), else None.
    """
    if not before.has_highlight and after.has_highlight:
        return highlight_reply(after, lang, song, wanted_s=_wanted_s(op))
    match op:
        case Highlight():
            return highlight_reply(after, lang, song, wanted_s=op.seconds)
        case SetAspect():
            width, height = after.size
            return [("aspect", {"aspect": op.aspect, "width": width, "height": height})]
        case SetTitle():
            title = after.title
            assert title is not None  # just set
            return [("title", {"text": op.text, "start": secs(title.start_s), "end": secs(title.end_s)})]
        case RemoveTitle():
            return [("title_removed", {})]
        case SetVolume():
            return [("volume", {"percent": round(after.song_volume * 100)})]
        case SetPace():
            return [("pace", {"pace": reply(f"pace_{op.pace}", lang), "count": len(after.shots)})]
        case Length():
            start, end = _excerpt(after)
            length = reply("seconds", lang, n=secs(after.duration_s or 0.0))
            return [("length", {"length": length, "start": mmss(start), "end": mmss(end)})]
        case ClipSound() | ClipLevel() | Duck():
            return [_sound_reply(after, op)]
        case (
            StartAt()
            | SectionPace()
            | Offset()
            | Fade()
            | FixBeat()
            | SetTransition()
            | SetEffect()
            | TitleStyle()
            | AddText()
            | ClipOrderOp()
            | UseClip()
            | OnlyClips()
            | PhotoMotion()
        ):
            return [creator_reply(after, op, lang, before)]
        case _:
            assert_never(op)


def highlight_reply(timeline: Timeline, lang: str, song: SongFacts | None, *, wanted_s: float | None) -> Said:
    """The highlight sentence (song, tempo, excerpt, shots, visuals, pace, frame) and its notes."""
    start, end = _excerpt(timeline)
    names = list(dict.fromkeys(s.source for s in timeline.shots if s.source != GENERATED))
    if names:
        shown = ", ".join(names[:3]) + ("…" if len(names) > 3 else "")
        visuals = reply("visuals_clips", lang, names=shown)
    else:
        visuals = reply("visuals_generated", lang)
    width, height = timeline.size
    sound = timeline.song
    said: Said = [
        (
            "highlight",
            {
                "song": (sound.name if sound is not None else None) or (song.name if song else ""),
                "bpm": round(timeline.bpm or (song.bpm if song else 0.0)),
                "length": reply("seconds", lang, n=secs(timeline.duration_s or 0.0)),
                "start": mmss(start),
                "end": mmss(end),
                "count": len(timeline.shots),
                "visuals": visuals,
                "pace": reply(f"pace_{timeline.pace or 'beat'}", lang),
                "aspect": timeline.shape or f"{width}:{height}",
                "width": width,
                "height": height,
            },
        )
    ]
    note = beat_note(timeline)
    if song is not None and song.steady:
        said.append(("steady_note", {}))
    elif note is not None:  # the tracker was unsure: say how to correct it
        said.append(note)
    if song is not None and wanted_s is not None and wanted_s > song.duration_s + 0.05:
        said.append(("length_clamped", {"length": reply("seconds", lang, n=secs(song.duration_s))}))
    return said


def _wanted_s(op: EditOp) -> float | None:
    return op.seconds if isinstance(op, (Highlight, Length)) else None


def _excerpt(timeline: Timeline) -> tuple[float, float]:
    """Where the highlight starts and ends in the song (seconds)."""
    sound = timeline.song
    start = sound.song_start_s if sound is not None else 0.0
    return start, start + (timeline.duration_s or 0.0)


def _sound_reply(timeline: Timeline, op: ClipSound | ClipLevel | Duck) -> tuple[str, dict[str, Any]]:
    """Keep/mute the clips' sound, louder/quieter, the duck: answered from the mix now in effect."""
    audio = timeline.clip_audio
    if isinstance(op, Duck):
        return ("duck_off", {}) if audio.duck_db == 0 else ("duck", {"duck": f"{audio.duck_db:g}"})
    if isinstance(op, ClipSound):
        if op.clip is None:
            return ("clip_sound_on" if op.keep else "clip_sound_off"), {"duck": f"{audio.duck_db:g}"}
        return ("clip_kept" if op.keep else "clip_muted"), {"name": clip_shots(timeline, op.clip)[0].source}
    if not audio.keep:  # "clips quieter" while the clips are muted: still music only, said so
        return "clip_sound_off", {"duck": f"{audio.duck_db:g}"}
    shot = clip_shots(timeline, op.clip)[0]
    fields: dict[str, Any] = {"percent": round(shot.audio_gain * 100)}
    if op.clip is None:
        return "clip_level", fields
    return "clip_level_one", {**fields, "name": shot.source}
