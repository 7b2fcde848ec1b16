"""The highlight recipe, once: cut times on the beat grid and the shots between them, in-points chosen.

Chat, ``edit``, ``make`` and ``render-local`` all build their video with :func:`build_highlight`, so the
same song, length and pace give the same cuts everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .context import ClipFacts, EditContext, SongFacts
from .cuts import MIN_SHOT_S, cut_times
from .model import TT_AUDIO, TT_VIDEO, BeatFix, Section, Shot, Sound, Timeline, Track
from .vocab import DEFAULT_FPS, MIN_TEXT_S, Pace

__all__ = ["GENERATED_NAME", "MIN_SHOT_S", "TRACK_ORDER", "build_highlight", "cut_grid", "make_shots"]

GENERATED_NAME = "Beat visuals"
TRACK_ORDER = ("track_video", "track_bgm", "track_title")


def cut_grid(
    song: SongFacts, *, start_s: float, duration_s: float, pace: Pace, timeline: Timeline | None = None
) -> tuple[float, ...]:
    """Cut times relative to ``start_s``, strictly inside ``(0, duration_s)``, on the pace's grid
    (see :func:`skill.timeline.cuts.cut_times`); with ``timeline``, its pace per section, its offset
    and its frame rate apply too (cuts on frame boundaries)."""
    look = timeline.look if timeline is not None else None
    return cut_times(
        song.beats_s,
        song.downbeats_s,
        beats_per_bar=song.beats_per_bar,
        start_s=start_s,
        duration_s=duration_s,
        pace=pace,
        section_paces=dict(look.section_paces) if look is not None else None,
        sections=song.sections,
        offset_ms=timeline.offset_ms if timeline is not None else 0,
        fps=int(timeline.fps or DEFAULT_FPS) if timeline is not None else None,
    )


def make_shots(
    duration_s: float, cuts_s: Sequence[float], clips: Sequence[ClipFacts], ctx: EditContext
) -> tuple[Shot, ...]:
    """The shots between the cuts: the clips in turn (each in-point chosen now), else generated art."""
    bounds = [0.0, *sorted(c for c in cuts_s if 0 < c < duration_s), duration_s]
    taken: dict[str, list[tuple[float, float]]] = {}
    shots = []
    for i, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
        sid = f"seg_v{i + 1}"
        if not clips:
            shots.append(Shot(id=sid, start_s=start, end_s=end, kind="generated", name=GENERATED_NAME))
            continue
        clip = clips[i % len(clips)]
        source_in = 0.0
        if clip.kind == "clip":
            used = taken.setdefault(clip.upload_id, [])
            source_in = round(ctx.choose_in(clip, end - start, tuple(used)), 3)
            used.append((source_in, source_in + end - start))
        shots.append(
            Shot(
                id=sid,
                start_s=start,
                end_s=end,
                kind=clip.kind,
                name=clip.name,
                src=clip.src,
                upload_id=clip.upload_id,
                source_in_s=source_in,
            )
        )
    return tuple(shots)


def build_highlight(
    timeline: Timeline,
    song: SongFacts,
    *,
    start_s: float,
    duration_s: float,
    pace: Pace,
    clips: Sequence[ClipFacts],
    ctx: EditContext,
) -> Timeline:
    """Rebuild the video and music tracks for this excerpt; the title, size and song volume are kept,
    and the song's beat correction while it is the same song (``song`` is already corrected by it)."""
    cuts = cut_grid(song, start_s=start_s, duration_s=duration_s, pace=pace, timeline=timeline)
    video = timeline.video
    new_video = Track(
        tt=TT_VIDEO,
        id="track_video",
        name=video.name if video is not None else "Video",
        items=_with_clip_gains(make_shots(duration_s, cuts, clips, ctx), timeline),
    )
    old = timeline.song
    sound = Sound(
        id="seg_bgm",
        start_s=0.0,
        end_s=duration_s,
        name=song.name,
        src=song.src,
        upload_id=song.upload_id,
        volume=old.volume if old is not None and old.volume is not None else 1.0,
        song_start_s=round(start_s, 4),
        song_duration_s=round(song.duration_s, 3),
        beat_fix=old.beat_fix if old is not None and old.upload_id == song.upload_id else BeatFix(),
        beat_confidence=song.beat_confidence,
    )
    music = timeline.music
    new_music = Track(
        tt=TT_AUDIO, id="track_bgm", name=music.name if music is not None else "BGM", items=(sound,)
    )
    out = timeline.with_track(new_video, track_id="track_video", order=TRACK_ORDER)
    out = out.with_track(new_music, track_id="track_bgm", order=TRACK_ORDER)
    width, height = out.size
    out = replace(
        out,
        duration_s=duration_s,
        width=width,
        height=height,
        fps=out.fps or DEFAULT_FPS,
        pace=pace,
        bpm=round(song.bpm, 1),
    )
    out = with_excerpt_grid(out, song.beats_s, song.downbeats_s, song.sections, start_s, duration_s)
    return fit_texts(out)


def _with_clip_gains(shots: tuple[Shot, ...], timeline: Timeline) -> tuple[Shot, ...]:
    """The new shots at the clip-sound levels the old timeline gave their clips ("mute cup.mp4", "clip
    sound at 50%" outlive a re-cut to another length, pace or start)."""
    gains: dict[str, float] = {}
    for old in timeline.shots:
        if old.kind == "clip" and old.upload_id:
            gains.setdefault(old.upload_id, old.audio_gain)
    return tuple(
        replace(s, audio_gain=gains[s.upload_id]) if s.upload_id in gains and s.kind == "clip" else s
        for s in shots
    )


def with_excerpt_grid(
    timeline: Timeline,
    beats_s: Sequence[float],
    downbeats_s: Sequence[float],
    sections: Sequence[Section],
    start_s: float,
    duration_s: float,
) -> Timeline:
    """``timeline`` holding the song's beats, downbeats and sections inside the excerpt that starts at
    ``start_s`` (song clock), moved to the video's clock."""
    end_s = start_s + duration_s
    return replace(
        timeline,
        beats_s=tuple(round(b - start_s, 4) for b in beats_s if start_s <= b < end_s),
        downbeats_s=tuple(round(b - start_s, 4) for b in downbeats_s if start_s <= b < end_s),
        sections=tuple(
            replace(s, start_s=max(0.0, s.start_s - start_s), end_s=min(duration_s, s.end_s - start_s))
            for s in sections
            if s.end_s > start_s and s.start_s < end_s
        ),
    )


def fit_texts(timeline: Timeline) -> Timeline:
    """Keep every text inside the video: start at least ``MIN_TEXT_S`` before the end, end by it."""
    total = timeline.duration_s
    if not total:
        return timeline
    tracks = []
    for track in timeline.tracks:
        if track.kind != "text":
            tracks.append(track)
            continue
        items = []
        for item in track.items:
            start = min(item.start_s, max(total - MIN_TEXT_S, 0.0))
            end = max(min(item.end_s, total), start + 0.001)
            items.append(replace(item, start_s=round(start, 3), end_s=round(end, 3)))
        tracks.append(replace(track, items=tuple(items)))
    return replace(timeline, tracks=tuple(tracks))
