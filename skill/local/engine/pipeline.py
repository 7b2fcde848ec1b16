"""``render-local``'s whole job through the one recipe: the same ops as the chat, compiled, rendered."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from skill.timeline import Timeline, apply_all
from skill.timeline import ops as O  # noqa: N812 - the ops namespace
from skill.timeline.model import ClipAudio
from skill.timeline.vocab import (
    ASPECTS,
    CLIP_AUDIO_DUCK_DB,
    DEFAULT_ASPECT,
    IMAGE_FORMATS,
    LOUDNESS_TARGET_LUFS,
    PACES,
)

from .analysis import MIN_TRACK_S, analyse_track
from .context import MediaContext, MediaRef
from .errors import ParameterError
from .render import MAX_VIDEO_S, RenderResult, RenderSpec, check_output_path, render_video

__all__ = ["plan_highlight", "render_highlight"]

log = logging.getLogger(__name__)


def plan_highlight(
    song: Path,
    *,
    seconds: float | None,
    aspect: str,
    pace: str,
    clips: Sequence[Path] = (),
    title: str | None = None,
    cache_dir: Path | None = None,
    on_progress: Callable[[str, float], None] | None = None,
) -> tuple[Timeline, MediaContext]:
    """The timeline the chat would build for these files: aspect, highlight (its best ``seconds``), title."""
    refs = [MediaRef("song", Path(song).name, str(song), Path(song), "audio")]
    refs += [
        MediaRef(
            f"clip{i}",
            Path(c).name,
            str(c),
            Path(c),
            "image" if Path(c).suffix.lower().lstrip(".") in IMAGE_FORMATS else "video",
        )
        for i, c in enumerate(clips)
    ]
    ctx = MediaContext(
        refs, lambda ref: analyse_track(ref.path, cache_dir=cache_dir, on_progress=on_progress)
    )
    if seconds is None:  # the whole track
        seconds = ctx.song("song").duration_s
    ops: list[O.EditOp] = [
        O.SetAspect(aspect=aspect),  # type: ignore[arg-type]
        O.Highlight(seconds=seconds, pace=pace),  # type: ignore[arg-type]
    ]
    if title and title.strip():
        ops.append(O.SetTitle(text=title))
    return apply_all(Timeline(), tuple(ops), ctx), ctx


def render_highlight(
    song: Path,
    out_path: Path,
    *,
    seconds: float | None = None,
    aspect: str = DEFAULT_ASPECT,
    pace: str = "beat",
    clips: Sequence[Path] = (),
    title: str | None = None,
    cache_dir: Path | None = None,
    on_progress: Callable[[str, float], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    keep_clip_audio: bool = True,
    duck_db: float = CLIP_AUDIO_DUCK_DB,
    loudness_lufs: float | None = LOUDNESS_TARGET_LUFS,
) -> RenderResult:
    """Turn a song into a beat-cut video: the whole track, or its best ``seconds`` (exactly that long).

    The same recipe as the chat (:func:`plan_highlight`, then the compiled timeline), so a length
    gives the same video here and there. Raises EngineError (ParameterError for a bad argument).
    """
    from skill.timeline import EditError

    from ..compile import spec_fields

    if aspect not in ASPECTS:
        raise ParameterError(f"Unknown aspect {aspect!r}; use one of: {', '.join(ASPECTS)}")
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
    try:
        timeline, ctx = plan_highlight(
            Path(song),
            seconds=seconds,
            aspect=aspect,
            pace=pace,
            clips=clips,
            title=title,
            cache_dir=cache_dir,
            on_progress=on_progress,
        )
    except EditError as err:  # the song could not be analysed: the engine's own reason says why
        raise ParameterError(str(err.fields.get("reason") or err.code)) from None
    timeline = dataclasses.replace(timeline, clip_audio=ClipAudio(keep=keep_clip_audio, duck_db=duck_db))
    t_plan = time.perf_counter() - t0
    paths = {"song": Path(song), **{f"clip{i}": Path(c) for i, c in enumerate(clips)}}
    fields = spec_fields(timeline, paths.__getitem__)
    spec = RenderSpec(**fields, loudness_lufs=loudness_lufs)
    result = render_video(spec, Path(out_path), on_progress=on_progress, should_cancel=should_cancel)
    result.stage_seconds["analyse"] = round(t_plan, 3)
    analysis = ctx.analysed("song")
    assert analysis is not None  # the highlight analysed it
    if analysis.is_steady_fallback:
        log.info("no clear beat in %s: cuts follow a steady grid", Path(song).name)
    return dataclasses.replace(
        result,
        tempo_bpm=analysis.tempo_bpm,
        beats_per_bar=analysis.beats_per_bar,
        is_steady_fallback=analysis.is_steady_fallback,
    )
