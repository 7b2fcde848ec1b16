"""Compile a timeline into what the engine renders: every choice already made, files resolved.

The shots' sources and in-points were chosen when the timeline was edited; here they only become
paths, one clip per shot (the engine cycles nothing and picks no window). The look (fades,
transitions, effects, texts, photo motion) and the sound (song gain, clips' sound, duck) come from
the timeline too. Export checks a draft with :func:`compile_draft` before it queues anything; the
render job and ``render-local`` render exactly what it returns. No wire keys here: the draft is read
by :mod:`skill.timeline.wire`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from skill.timeline import Timeline, TimelineError, from_draft
from skill.timeline.vocab import ASPECT_SIZES, DEFAULT_FPS

from .errors import BadRequest, NotFound

__all__ = ["Resolve", "compile_draft", "spec_fields"]

_MEDIA_PATH = re.compile(r"/api/media/(upl_[0-9a-f]+)")
Resolve = Callable[[str], Path]  # upload id -> local file; raises NotFound for anything else
_FRAME_SIZES = frozenset(ASPECT_SIZES.values())
MIN_FPS, MAX_FPS = 12, 60


def _upload_id(upload_id: str | None, src: str | None) -> str | None:
    """The upload a shot or song refers to: its id, else the one in its media URL."""
    if upload_id:
        return upload_id
    match = _MEDIA_PATH.search(src or "")
    return match.group(1) if match else None


def compile_draft(draft: object, resolve: Resolve) -> dict[str, Any]:
    """Read a wire draft and compile it; a malformed draft is a BadRequest naming the bad field."""
    try:
        timeline = from_draft(draft)
    except TimelineError as err:
        if any(f"m.{key}" in str(err) for key in ("width", "height", "fps")):
            raise BadRequest(f"Unsupported frame size or rate ({err}).") from None
        raise BadRequest(str(err)) from None
    return spec_fields(timeline, resolve)


def spec_fields(timeline: Timeline | object, resolve: Resolve) -> dict[str, Any]:
    """The engine's ``RenderSpec`` keyword arguments for ``timeline`` (a Timeline or a draft dict).

    Raises BadRequest saying why it cannot be rendered (nothing on it, no song, a file that is not
    one of the session's uploads, no length).
    """
    if not isinstance(timeline, Timeline):
        return compile_draft(timeline, resolve)
    from skill.timeline.edit_look import shot_styles

    from .engine.fx import ShotStyle
    from .engine.renderplan import TextCue

    t = timeline
    if not t.is_exportable:
        raise BadRequest("The draft has no track with segments; there is nothing to render.")
    song = t.song
    if song is None:
        raise BadRequest("The draft has no music (an audio track with a segment); add a song first.")
    song_id = _upload_id(song.upload_id, song.src)
    if song_id is None:
        raise BadRequest("The music segment does not refer to an uploaded song.")
    try:
        song_path = resolve(song_id)
    except NotFound as err:
        raise BadRequest(f"The song {song_id} is not one of this session's uploads.") from err
    duration = t.duration_s or song.duration_s
    if duration <= 0:
        raise BadRequest("The draft's duration is zero.")
    shots = [s for s in t.shots if s.start_s < duration]
    sources: list[Path | None] = []
    for shot in shots:
        clip_id = _upload_id(shot.upload_id, shot.src) if shot.kind != "generated" else None
        if clip_id is None:
            sources.append(None)
            continue
        try:
            sources.append(resolve(clip_id))
        except NotFound as err:
            raise BadRequest(f"The clip {clip_id} is not one of this session's uploads.") from err
    width, height = t.size
    if (width, height) not in _FRAME_SIZES:  # a draft from a client may ask for anything
        shown = ", ".join(f"{w}x{h}" for w, h in sorted(_FRAME_SIZES))
        raise BadRequest(f"Unsupported frame size {width}x{height}; use one of {shown}.")
    fps = int(t.fps or DEFAULT_FPS)
    if not MIN_FPS <= fps <= MAX_FPS:
        raise BadRequest(f"Unsupported frame rate {fps}; use {MIN_FPS}-{MAX_FPS} fps.")
    fields: dict[str, Any] = {
        "song_path": song_path,
        "start_s": song.song_start_s,
        "duration_s": duration,
        "width": width,
        "height": height,
        "fps": fps,
        "cut_times_s": tuple(s.start_s for s in shots[1:]),  # one per shot after the first
        "volume": t.song_volume,
        "beat_times_s": t.beats_s,
        "fade_in_s": t.fade_in_s,
        "fade_out_s": t.fade_out_s,
        "photo_motion": t.look.photo_motion,
        "keep_clip_audio": t.clip_audio.keep,
        "duck_db": t.clip_audio.duck_db,
        "styles": tuple(ShotStyle(tr, tr_s, fx) for tr, tr_s, fx in shot_styles(t)[: len(shots)]),
        "texts": tuple(
            TextCue(x.text or "", x.start_s, min(x.end_s, duration), x.position, x.size, x.colour)
            for x in t.texts
            if x.text and x.text.strip() and x.start_s < duration
        ),
    }
    if any(src is not None for src in sources):
        # one clip per shot, each from its chosen in-point; a shot without media shows the clip before it
        filled = _filled(sources)
        fields["clips"] = tuple(filled)
        # in-points as the timeline chose them (a draft from elsewhere without any: each clip's start)
        fields["clip_starts"] = tuple(
            s.source_in_s if src is not None else 0.0 for s, src in zip(shots, sources, strict=True)
        )
        gains = tuple(s.audio_gain if src is not None else 0.0 for s, src in zip(shots, sources, strict=True))
        if any(g != 1.0 for g in gains):
            fields["clip_gains"] = gains
    return fields


def _filled(sources: list[Path | None]) -> list[Path]:
    first = next(p for p in sources if p is not None)
    out: list[Path] = []
    for src in sources:
        out.append(src if src is not None else (out[-1] if out else first))
    return out
