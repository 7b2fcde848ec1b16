"""An :class:`ExportPlan` becomes an OpenTimelineIO timeline: the one place that knows OTIO's model.

Layout (what every format is written from):

* ``Video``: one clip per shot, in order, each pointing at its file with the shot's in-point. The beat,
  downbeat and section markers are put on these clips (in the clip's source time, as OTIO wants),
  because the EDL and FCPXML adapters drop timeline and track markers.
* ``Music``: the song excerpt under the whole video, from its in-point, with its gain.
* ``Clip audio`` (only when some shot keeps its sound): the clips' own sound under each shot, or gaps.
* The title and other texts are markers on the timeline's top stack (their exact range on the video's
  clock); :mod:`skill.nle.formats` carries them into formats whose adapters drop those markers.

Everything is counted in whole frames at the plan's rate, so durations add up exactly.
"""

from __future__ import annotations

import bisect
from typing import Any

import opentimelineio as otio

from .plan import ExportPlan, MarkerKind, Media, ShotCue

__all__ = ["META", "build_timeline", "frames"]

META = "music_to_best"  # our metadata namespace on every object we write
_COLOURS: dict[MarkerKind, str] = {
    "beat": otio.schema.MarkerColor.YELLOW,
    "downbeat": otio.schema.MarkerColor.ORANGE,
    "section": otio.schema.MarkerColor.PURPLE,
}
_TEXT_COLOUR = otio.schema.MarkerColor.CYAN


def frames(seconds: float, fps: int) -> int:
    """Seconds to whole frames (nearest), from the millisecond the timeline's JSON view shows.

    Rounding to the millisecond first means a frame count worked out from ``state --json`` (which
    rounds to 3 decimals) is the one written here, even next to a half-frame boundary.
    """
    return round(round(seconds, 3) * fps)


def _rt(frame: int, fps: int) -> Any:
    return otio.opentime.RationalTime(frame, fps)


def _range(start: int, duration: int, fps: int) -> Any:
    return otio.opentime.TimeRange(_rt(start, fps), _rt(duration, fps))


def _reference(media: Media, needed: int, fps: int) -> Any:
    """A reference to a real file; its available range is the file's length (at least what is used)."""
    known = frames(media.duration_s, fps) if media.duration_s else 0
    return otio.schema.ExternalReference(
        target_url=media.path.absolute().as_uri(),
        available_range=_range(0, max(known, needed), fps),
        metadata={META: {"file": media.path.name}},
    )


def _level_filter(gain: float) -> dict[str, Any]:
    """The gain as FCP 7 / Premiere XML's "Audio Levels" filter, in the fcp_xml adapter's metadata form."""
    return {
        "filter": {
            "effect": {
                "name": "Audio Levels",
                "effectid": "audiolevels",
                "effectcategory": "audiolevels",
                "effecttype": "audiolevels",
                "mediatype": "audio",
                "parameter": {
                    "parameterid": "level",
                    "name": "Level",
                    "valuemin": "0",
                    "valuemax": "3.98109",
                    "value": f"{gain:.4f}",
                },
            }
        }
    }


def _gain_metadata(gain: float) -> dict[str, Any]:
    return {META: {"gain": round(gain, 4)}, "fcp_xml": _level_filter(gain)}


class _Grid:
    """The shots' frame bounds, to find which clip a point on the video's clock falls in."""

    def __init__(self, plan: ExportPlan) -> None:
        fps = plan.fps
        self.fps = fps
        self.total = frames(plan.duration_s, fps)
        self.starts = [frames(s.start_s, fps) for s in plan.shots]
        self.ends = [frames(s.end_s, fps) for s in plan.shots]

    def locate(self, seconds: float) -> tuple[int, int] | None:
        """(shot index, frame on the video) for a time in ``[0, duration)``, else None."""
        if not 0 <= seconds < self.total / self.fps:
            return None
        frame = min(frames(seconds, self.fps), self.total - 1)
        index = bisect.bisect_right(self.starts, frame) - 1
        if index < 0 or frame >= self.ends[index]:
            return None
        return index, frame


def _marker(name: str, kind: MarkerKind, start: int, duration: int, fps: int, **meta: Any) -> Any:
    return otio.schema.Marker(
        name=name,
        marked_range=_range(start, max(duration, 1), fps),
        color=_COLOURS[kind],
        metadata={META: {"kind": kind, **meta}},
    )


def _shot_markers(plan: ExportPlan, grid: _Grid) -> list[list[Any]]:
    """The markers of each shot's clip: every beat, downbeat and section start within the video."""
    per_shot: list[list[Any]] = [[] for _ in plan.shots]
    ins = [frames(s.source_in_s, grid.fps) for s in plan.shots]

    def place(seconds: float, name: str, kind: MarkerKind, length_s: float = 0.0, **meta: Any) -> None:
        found = grid.locate(seconds)
        if found is None:
            return
        index, frame = found
        length = min(frames(length_s, grid.fps), grid.ends[index] - frame)
        start = ins[index] + frame - grid.starts[index]
        per_shot[index].append(_marker(name, kind, start, length, grid.fps, time_s=round(seconds, 3), **meta))

    for n, beat in enumerate(plan.beats_s, 1):
        place(beat, f"beat {n}", "beat", index=n)
    for n, bar in enumerate(plan.downbeats_s, 1):
        place(bar, f"downbeat {n}", "downbeat", index=n)
    for section in plan.sections:
        if section.end_s <= 0 or section.start_s >= plan.duration_s:
            continue
        start = max(section.start_s, 0.0)
        place(
            start, section.label, "section", min(section.end_s, plan.duration_s) - start, label=section.label
        )
    return per_shot


def _shot_clip(shot: ShotCue, start: int, end: int, fps: int, markers: list[Any]) -> Any:
    in_f = frames(shot.source_in_s, fps)
    clip = otio.schema.Clip(
        name=shot.name,
        media_reference=_reference(shot.media, in_f + end - start, fps),
        source_range=_range(in_f, end - start, fps),
        metadata={META: {"kind": shot.kind, "start_s": shot.start_s, "source_in_s": shot.source_in_s}},
    )
    clip.markers.extend(markers)
    return clip


def _fill(track: Any, at: int, start: int, fps: int) -> None:
    """A gap from ``at`` to ``start`` (none when they meet)."""
    if start > at:
        track.append(otio.schema.Gap(source_range=_range(0, start - at, fps)))


def build_timeline(plan: ExportPlan) -> Any:
    """The OTIO timeline of ``plan`` (see the module docstring for its tracks)."""
    fps = plan.fps
    grid = _Grid(plan)
    timeline = otio.schema.Timeline(name=plan.name, global_start_time=_rt(0, fps))
    # the sequence's frame size and rate for Premiere / FCP 7 (the fcp_xml adapter writes this metadata
    # into the sequence's format; without it a vertical edit opens in a 1920x1080 sequence)
    timeline.metadata["fcp_xml"] = {
        "media": {
            "video": {
                "format": {
                    "samplecharacteristics": {
                        "rate": {"timebase": str(fps), "ntsc": "FALSE"},
                        "width": str(plan.width),
                        "height": str(plan.height),
                        "anamorphic": "FALSE",
                        "pixelaspectratio": "square",
                        "fielddominance": "none",
                    }
                }
            }
        }
    }
    timeline.metadata[META] = {
        "width": plan.width,
        "height": plan.height,
        "fps": fps,
        "duration_s": plan.duration_s,
        "bpm": plan.bpm,
        "fade_in_s": plan.fade_in_s,
        "fade_out_s": plan.fade_out_s,
    }
    video = otio.schema.Track(name="Video", kind=otio.schema.TrackKind.Video)
    clip_audio = otio.schema.Track(name="Clip audio", kind=otio.schema.TrackKind.Audio)
    at = 0
    for shot, start, end, markers in zip(
        plan.shots, grid.starts, grid.ends, _shot_markers(plan, grid), strict=True
    ):
        if end <= start:
            continue
        _fill(video, at, start, fps)
        video.append(_shot_clip(shot, start, end, fps, markers))
        if shot.audio_gain and shot.media.has_audio:  # None: not kept; 0: muted
            _fill(clip_audio, clip_audio.duration().to_frames(), start, fps)
            in_f = frames(shot.source_in_s, fps)
            clip_audio.append(
                otio.schema.Clip(
                    name=shot.name,
                    media_reference=_reference(shot.media, in_f + end - start, fps),
                    source_range=_range(in_f, end - start, fps),
                    metadata=_gain_metadata(shot.audio_gain),
                )
            )
        at = end
    _fill(video, at, grid.total, fps)
    timeline.tracks.append(video)
    if plan.music is not None and grid.total > 0:
        music = otio.schema.Track(name="Music", kind=otio.schema.TrackKind.Audio)
        song_in = frames(plan.music.song_start_s, fps)
        music.append(
            otio.schema.Clip(
                name=plan.music.name,
                media_reference=_reference(plan.music.media, song_in + grid.total, fps),
                source_range=_range(song_in, grid.total, fps),
                metadata=_gain_metadata(plan.music.gain),
            )
        )
        timeline.tracks.append(music)
    if len(clip_audio):
        _fill(clip_audio, clip_audio.duration().to_frames(), grid.total, fps)
        timeline.tracks.append(clip_audio)
    for text in plan.texts:
        start = frames(max(text.start_s, 0.0), fps)
        end = min(frames(text.end_s, fps), grid.total)
        if end > start:
            timeline.tracks.markers.append(
                otio.schema.Marker(
                    name=text.text,
                    marked_range=_range(start, end - start, fps),
                    color=_TEXT_COLOUR,
                    metadata={META: {"kind": "text", "position": text.position}},
                )
            )
    return timeline
