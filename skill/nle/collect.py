"""The timeline becomes an :class:`ExportPlan` whose every shot and song points at a real file.

Where the bytes come from is the caller's :class:`MediaSource` (the client: the backend's media route
for uploads, the draft's URLs on the cloud, a render for generated pictures), so this module is the one
mapping from the timeline model to the export and stays free of HTTP.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from skill.timeline.model import GENERATED, Shot, Sound, Timeline
from skill.timeline.vocab import DEFAULT_FPS, IMAGE_FORMATS, ShotKind

from .plan import ExportPlan, Media, MusicCue, SectionCue, ShotCue, TextMark

__all__ = ["MediaSource", "NothingToExport", "collect", "export_name"]


class NothingToExport(ValueError):
    """The timeline has no shots or no length (nothing an editor could open)."""


class MediaSource(Protocol):
    """Brings the timeline's media into the export's folder (each file once)."""

    def upload(self, upload_id: str | None, src: str | None, name: str) -> Media:
        """One of the user's files (a clip, photo or song), fetched and probed."""
        ...

    def visuals(self, timeline: Timeline) -> Media:
        """The generated pictures as one clip on the video's clock (rendered once, without texts)."""
        ...


def export_name(timeline: Timeline) -> str:
    """The sequence's name in the editor: the title, else the song's name, else the product's."""
    title = timeline.title
    if title is not None and (title.text or "").strip():
        return (title.text or "").strip()
    song = timeline.song
    if song is not None and song.name:
        return Path(song.name).stem or song.name
    return "music-to-best"


def _is_image(name: str) -> bool:
    return Path(name.split("?", 1)[0]).suffix.lower().lstrip(".") in IMAGE_FORMATS


def _shot(shot: Shot, timeline: Timeline, source: MediaSource) -> ShotCue:
    if shot.kind == "generated":
        media = source.visuals(timeline)
        # named as the state shows its source ("generated"); the render is on the video's clock, so the
        # shot's own stretch of it is what was seen
        return ShotCue(shot.start_s, shot.end_s, "generated", media, GENERATED, source_in_s=shot.start_s)
    name = shot.source
    media = source.upload(shot.upload_id, shot.src, name)
    # a draft may call a picture a clip (the kind is inferred from its having a file): the file says
    kind: ShotKind = "photo" if _is_image(name) or _is_image(shot.src or "") else shot.kind
    kept = timeline.clip_audio.keep and kind == "clip" and shot.audio_gain > 0
    return ShotCue(
        shot.start_s,
        shot.end_s,
        kind,
        media,
        name,
        source_in_s=shot.source_in_s,
        audio_gain=shot.audio_gain if kept else None,
    )


def _music(timeline: Timeline, source: MediaSource) -> MusicCue | None:
    song: Sound | None = timeline.song
    if song is None or not (song.upload_id or song.src):
        return None
    name = song.name or song.upload_id or "music"
    media = source.upload(song.upload_id, song.src, name)
    return MusicCue(media, name, song_start_s=song.song_start_s, gain=timeline.song_volume)


def collect(timeline: Timeline, source: MediaSource) -> ExportPlan:
    """The export plan of ``timeline``, its media brought in by ``source``.

    Raises
    ------
    NothingToExport
        The timeline has no shot or no length.
    """
    shots = timeline.shots
    duration = timeline.duration_s or (shots[-1].end_s if shots else 0.0)
    if not shots or duration <= 0:
        raise NothingToExport("the timeline has no shots")
    width, height = timeline.size
    texts = tuple(
        TextMark((t.text or "").strip(), t.start_s, t.end_s, t.position)
        for t in timeline.texts
        if (t.text or "").strip()
    )
    return ExportPlan(
        name=export_name(timeline),
        duration_s=duration,
        width=width,
        height=height,
        shots=tuple(_shot(s, timeline, source) for s in shots),
        music=_music(timeline, source),
        texts=texts,
        beats_s=timeline.beats_s,
        downbeats_s=timeline.downbeats_s,
        sections=tuple(SectionCue(s.label, s.start_s, s.end_s) for s in timeline.sections),
        fps=int(timeline.fps or DEFAULT_FPS),
        bpm=timeline.bpm,
        fade_in_s=timeline.fade_in_s,
        fade_out_s=timeline.fade_out_s,
    )
