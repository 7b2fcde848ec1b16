"""The timeline as plain JSON for agents (``state --json``, ``edit --json``) and the browser page.

The names are a contract (the timeline-core issue fixes them): ``song.volume`` is a fraction (1.0 = as
recorded), ``offset_ms`` is positive when cuts move later, ``cuts_s`` never lists 0, times are seconds
on the video's clock except ``song.start_s``/``end_s`` (the excerpt, on the song's) and
``source_in_s`` (on the clip's). Beats, downbeats and sections are there for the edits that use them.
``song.bpm`` is the tempo the cuts follow (the user's correction included), ``song.beat_confidence``
how sure the tracker was (0-1, None when not known) and ``song.beat_fix`` the correction in effect
(None: the detected beat; else ``factor``, ``tap_bpm``, ``offbeat``, ``bar_shift``, the beats the
bar lines were moved later, and ``meter``, the beats to a bar the user set, None: as detected).
"""

from __future__ import annotations

from typing import Any

from .edit_view import edit_view
from .model import BeatFix, Text, Timeline
from .vocab import DEFAULT_FPS

__all__ = ["timeline_view"]


def _s(seconds: float) -> float:
    return round(seconds, 3)


def _text(text: Text) -> dict[str, Any]:
    return {
        "text": text.text or "",
        "position": text.position,
        "size": text.size,
        "colour": text.colour,
        "start_s": _s(text.start_s),
        "end_s": _s(text.end_s),
    }


def _beat_fix(fix: BeatFix) -> dict[str, Any] | None:
    if fix == BeatFix():
        return None
    return {
        "factor": fix.factor,
        "tap_bpm": fix.bpm,
        "offbeat": fix.offbeat,
        "bar_shift": fix.bar_shift,
        "meter": fix.meter,
    }


def timeline_view(timeline: Timeline) -> dict[str, Any]:
    """The structure of ``timeline`` (see the module docstring for the meaning of each name)."""
    t = timeline
    width, height = t.size
    duration = t.duration_s or 0.0
    song = t.song
    title = t.title
    return {
        "duration_s": _s(duration),
        "aspect": t.shape,
        "width": width,
        "height": height,
        "fps": t.fps or DEFAULT_FPS,
        "song": None
        if song is None
        else {
            "name": song.name or "",
            "start_s": _s(song.song_start_s),
            "end_s": _s(song.song_start_s + (duration or song.duration_s)),
            "bpm": t.bpm,
            "beat_confidence": song.beat_confidence,
            "beat_fix": _beat_fix(song.beat_fix),
            "volume": t.song_volume,
        },
        "pace": t.pace,
        "offset_ms": t.offset_ms,
        "cuts_s": [_s(c) for c in t.cuts_s],
        "shots": [
            {
                "start_s": _s(s.start_s),
                "end_s": _s(s.end_s),
                "source": s.source,
                "source_in_s": _s(s.source_in_s),
                "kind": s.kind,
                "audio_gain": s.audio_gain,
                # the gain the clip's sound plays at (0 when the clips' sound is off or there is none)
                "gain": s.audio_gain if t.clip_audio.keep and s.kind == "clip" else 0.0,
            }
            for s in t.shots
        ],
        "title": None if title is None else _text(title),
        "texts": [_text(x) for x in t.texts if x is not title],
        "fade_in_s": _s(t.fade_in_s),
        "fade_out_s": _s(t.fade_out_s),
        "beats_s": [_s(b) for b in t.beats_s],
        "downbeats_s": [_s(b) for b in t.downbeats_s],
        "sections": [{"label": x.label, "start_s": _s(x.start_s), "end_s": _s(x.end_s)} for x in t.sections],
        "clip_audio": {"keep": t.clip_audio.keep, "duck_db": t.clip_audio.duck_db},
        "music_volume": t.song_volume,
        **edit_view(t),
    }
