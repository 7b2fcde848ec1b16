"""A sound op in a chat turn: the draft read as a timeline, the op applied there, the reply chosen.

The chat and ``edit`` share one implementation of what "mute the clips" does (:mod:`skill.timeline.
audio`); this module only turns its result (or its :class:`EditError`) into a draft and a reply key.
"""

from __future__ import annotations

from typing import Any

from skill.timeline import EditError, from_draft, to_draft
from skill.timeline.audio import SoundOp, apply_sound, clip_shots
from skill.timeline.ops import ClipLevel, ClipSound, Duck

__all__ = ["sound_edit"]


def sound_edit(draft: dict[str, Any], op: SoundOp) -> tuple[dict[str, Any] | None, str, dict[str, Any]]:
    """Return ``(new draft or None when nothing changed, reply key, reply fields)``."""
    timeline = from_draft(draft)
    try:
        edited = apply_sound(timeline, op)
    except EditError as err:
        return None, err.code, dict(err.fields)
    audio = edited.clip_audio
    fields: dict[str, Any]
    if isinstance(op, Duck):
        key, fields = ("duck_off", {}) if audio.duck_db == 0 else ("duck", {"duck": f"{audio.duck_db:g}"})
    elif isinstance(op, ClipSound):
        if op.clip is None:
            key = "clip_sound_on" if op.keep else "clip_sound_off"
            fields = {"duck": f"{audio.duck_db:g}"}
        else:
            key, fields = ("clip_kept" if op.keep else "clip_muted"), {"name": _name(edited, op.clip)}
    elif isinstance(op, ClipLevel):
        shot = clip_shots(edited, op.clip)[0]
        fields = {"percent": round(shot.audio_gain * 100)}
        key = "clip_level"
        if op.clip is not None:
            key, fields = "clip_level_one", {**fields, "name": _name(edited, op.clip)}
    new = to_draft(edited)
    return (None if edited == timeline else new), key, fields


def _name(timeline: Any, clip: str) -> str:
    """The file name of the clip the user named (as the timeline spells it)."""
    return clip_shots(timeline, clip)[0].source
