"""Render a beat-cut H.264/AAC MP4: exact audio excerpt, frames cut on the grid, temp file + rename.

This module runs the stages in order (decode, prepare, mix, encode) and times them; the spec and its
checks are :mod:`.spec`, the picture :mod:`.picture`, the sound :mod:`.mix`.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .encode import AUDIO_SR, encode_mp4
from .errors import EngineError, OutputPathError, ParameterError, RenderError
from .picture import make_drawer, make_feeder, make_post, segments_of
from .spec import (
    ASPECT_SIZES,
    MAX_VIDEO_S,
    MIN_VIDEO_S,
    RenderResult,
    RenderSpec,
    check_output_path,
    validate,
)

if TYPE_CHECKING:
    from skill.timeline.vocab import ShotKind

    from .clips import ClipFeeder
    from .fx import ShotStyle
    from .renderplan import RenderPlan

__all__ = ["ASPECT_SIZES", "MAX_VIDEO_S", "RenderResult", "RenderSpec", "check_output_path", "render_video"]


def render_video(
    spec: RenderSpec,
    out_path: Path,
    *,
    on_progress: Callable[[str, float], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> RenderResult:
    """Render ``spec`` to an MP4 (H.264 yuv420p + AAC, +faststart) at ``out_path``.

    Video timing comes from the audio sample count: the video has
    ``round(duration_s * fps)`` frames and a cut at ``t`` starts frame ``round(t * fps)``.
    The file is written beside ``out_path`` under a temporary name and renamed when
    complete; on any error or cancellation the temporary file is removed.

    Parameters
    ----------
    spec : RenderSpec
    out_path : Path
    on_progress : callable(stage, fraction), optional
    should_cancel : callable() -> bool, optional
        Polled every few frames; True stops the render with :class:`RenderCancelled`.

    Returns
    -------
    RenderResult

    Raises
    ------
    ParameterError, OutputPathError, AudioDecodeError, NoAudioError, RenderError, RenderCancelled
    """

    from .decode import decode_audio

    validate(spec)
    out_path = Path(out_path)
    check_output_path(out_path)
    stages: dict[str, float] = {}
    t0 = time.perf_counter()
    audio = decode_audio(
        spec.song_path, sr=AUDIO_SR, channels=2, start_s=spec.start_s, duration_s=spec.duration_s
    )
    n_samples = audio.shape[1]
    duration_s = n_samples / AUDIO_SR
    if duration_s < MIN_VIDEO_S:
        raise ParameterError(
            f"The excerpt is {duration_s:.1f} s long; the video must last at least {MIN_VIDEO_S:.0f} s"
        )
    stages["decode_audio"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    fps = spec.fps
    n_frames = max(1, round(duration_s * fps))
    segments, styles, kept = segments_of(spec.cut_times_s, n_frames, fps, spec.styles)
    cut_frames = [s for s, _ in segments[1:]]
    feeder = make_feeder(spec, segments, kept)
    drawer = make_drawer(spec, feeder, audio, n_frames, segments)
    post = make_post(spec, n_frames, segments, styles)
    stages["prepare"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    from .mix import build_mix

    plan = _mix_plan(spec, feeder, n_frames, segments, styles, kept)
    audio, _ = build_mix(plan, AUDIO_SR, music=audio)
    stages["mix"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    tmp = out_path.with_name(f".{out_path.name}.{os.getpid()}.part")
    try:
        encode_mp4(spec, tmp, audio, n_frames, drawer, post, on_progress, should_cancel)
        os.replace(tmp, out_path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(err, (EngineError, KeyboardInterrupt, SystemExit)):
            raise
        if isinstance(err, OSError):
            raise OutputPathError(f"Cannot write {out_path}: {err.strerror or err}") from err
        raise RenderError(f"Rendering failed: {err}") from err
    stages["encode"] = time.perf_counter() - t0
    return RenderResult(
        path=out_path,
        duration_s=n_frames / fps,
        width=spec.width,
        height=spec.height,
        fps=fps,
        cut_times_s=tuple(round(f / fps, 6) for f in cut_frames),
        stage_seconds={k: round(v, 3) for k, v in stages.items()},
        start_s=spec.start_s,
    )


def _mix_plan(
    spec: RenderSpec,
    feeder: ClipFeeder | None,
    n_frames: int,
    segments: list[tuple[int, int]],
    styles: list[ShotStyle],
    kept: list[int],
) -> RenderPlan:
    """The sound half of a plan for this spec: each segment's source, in-point and transition, as the
    feeder and the picture effects show them."""
    from .renderplan import MusicPlan, RenderPlan, ShotPlan

    fps = spec.fps
    shots = []
    for k, (f0, f1) in enumerate(segments):
        if feeder is None:
            shots.append(ShotPlan(f0 / fps, f1 / fps, "generated"))
            continue
        source, is_photo, source_in_s = feeder.source_of(k)
        gain = spec.clip_gains[kept[k]] if kept[k] < len(spec.clip_gains) else 1.0
        kind: ShotKind = "photo" if is_photo else "clip"
        style = styles[k] if k < len(styles) else None
        shots.append(
            ShotPlan(
                f0 / fps,
                f1 / fps,
                kind,
                source,
                source_in_s=source_in_s,
                audio_gain=gain,
                transition=style.transition if style else "cut",
                transition_s=style.transition_s if style else 0.0,
            )
        )
    return RenderPlan(
        width=spec.width,
        height=spec.height,
        duration_s=n_frames / fps,
        music=MusicPlan(spec.song_path, spec.start_s, gain=spec.volume),
        shots=tuple(shots),
        fps=fps,
        fade_in_s=spec.fade_in_s,
        fade_out_s=spec.fade_out_s,
        keep_clip_audio=spec.keep_clip_audio,
        duck_db=spec.duck_db,
        loudness_lufs=spec.loudness_lufs,
        true_peak_db=spec.true_peak_db,
    )
