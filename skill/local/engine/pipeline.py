"""The whole job: analyse a song, pick the best section, plan the cuts and render."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from skill.timeline.vocab import CLIP_AUDIO_DUCK_DB, LOUDNESS_TARGET_LUFS

from .analysis import MIN_TRACK_S, analyse_track
from .errors import ParameterError
from .highlight import best_section
from .plan import PACES, Pace, plan_cuts
from .render import ASPECT_SIZES, MAX_VIDEO_S, RenderResult, RenderSpec, check_output_path, render_video

__all__ = ["render_highlight"]

log = logging.getLogger(__name__)


def render_highlight(
    song: Path,
    out_path: Path,
    *,
    seconds: float | None = None,
    aspect: str = "16:9",
    pace: Pace = "beat",
    clips: Sequence[Path] = (),
    title: str | None = None,
    cache_dir: Path | None = None,
    on_progress: Callable[[str, float], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    keep_clip_audio: bool = True,
    duck_db: float = CLIP_AUDIO_DUCK_DB,
    loudness_lufs: float | None = LOUDNESS_TARGET_LUFS,
) -> RenderResult:
    """Turn a song into a beat-cut video: the whole track, or its best ``seconds``.

    Parameters
    ----------
    song : Path
    out_path : Path
    seconds : float, optional
        Highlight length; None renders the whole track.
    aspect : {"16:9", "9:16", "1:1"}
    pace : {"beat", "half", "bar", "2bar"}
    clips : sequence of Path
        User photos and videos; empty for generated visuals.
    title : str, optional
    cache_dir : Path, optional
        Analysis cache.
    on_progress : callable(stage, fraction), optional

    Returns
    -------
    RenderResult
        ``stage_seconds`` includes ``analyse``; ``is_steady_fallback`` is logged.

    Raises
    ------
    EngineError
    """
    if aspect not in ASPECT_SIZES:
        raise ParameterError(f"Unknown aspect {aspect!r}; use one of: {', '.join(ASPECT_SIZES)}")
    if pace not in PACES:
        raise ParameterError(f"Unknown pace {pace!r}; use one of: {', '.join(PACES)}")
    if seconds is not None and not seconds >= MIN_TRACK_S:
        raise ParameterError(f"The highlight must last at least {MIN_TRACK_S:.0f} s")
    for clip in clips:
        if not Path(clip).is_file():
            raise ParameterError(f"Clip not found: {Path(clip).name}")
    check_output_path(Path(out_path))
    if seconds is None:
        from .decode import probe_duration

        total_s = probe_duration(Path(song))
        if total_s > MAX_VIDEO_S:
            raise ParameterError(
                f"The track is {total_s / 60:.0f} minutes long; full-length videos are limited to "
                f"{MAX_VIDEO_S / 60:.0f} minutes: pick a highlight length (--seconds)"
            )
    t0 = time.perf_counter()
    analysis = analyse_track(Path(song), cache_dir=cache_dir, on_progress=on_progress)
    t_analyse = time.perf_counter() - t0
    if seconds is None:
        start_s, duration_s = 0.0, analysis.duration_s
    else:
        section = best_section(analysis, duration_s=seconds)
        start_s, duration_s = section.start_s, section.duration_s
    cuts = plan_cuts(analysis, start_s=start_s, duration_s=duration_s, pace=pace)
    beats = tuple(round(b - start_s, 4) for b in analysis.beats_s if start_s <= b < start_s + duration_s)
    width, height = ASPECT_SIZES[aspect]
    spec = RenderSpec(
        song_path=Path(song),
        start_s=start_s,
        duration_s=duration_s,
        width=width,
        height=height,
        cut_times_s=cuts,
        clips=tuple(Path(c) for c in clips),
        title=title,
        beat_times_s=beats,
        keep_clip_audio=keep_clip_audio,
        duck_db=duck_db,
        loudness_lufs=loudness_lufs,
    )
    result = render_video(spec, Path(out_path), on_progress=on_progress, should_cancel=should_cancel)
    result.stage_seconds["analyse"] = round(t_analyse, 3)
    if analysis.is_steady_fallback:
        log.info("no clear beat in %s: cuts follow a steady grid", Path(song).name)
    return dataclasses.replace(
        result,
        tempo_bpm=analysis.tempo_bpm,
        beats_per_bar=analysis.beats_per_bar,
        is_steady_fallback=analysis.is_steady_fallback,
    )
