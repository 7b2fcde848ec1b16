"""Render a beat-cut H.264/AAC MP4: exact audio excerpt, frames cut on the grid, temp file + rename."""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from skill.timeline.vocab import (
    ASPECT_SIZES,
    CLIP_AUDIO_DUCK_DB,
    LOUDNESS_TARGET_LUFS,
    MAX_DUCK_DB,
    MAX_LOUDNESS_LUFS,
    MIN_LOUDNESS_LUFS,
    TRUE_PEAK_DBTP,
)

from .encode import AUDIO_SR, encode_mp4
from .errors import EngineError, OutputPathError, ParameterError, RenderError

if TYPE_CHECKING:
    import numpy as np

    from skill.timeline.vocab import ShotKind

    from .clips import ClipFeeder
    from .fx import ShotStyle
    from .renderplan import RenderPlan, TextCue
    from .visuals import FrameBuffer

__all__ = ["ASPECT_SIZES", "RenderResult", "RenderSpec", "check_output_path", "render_video"]

log = logging.getLogger(__name__)

MIN_VIDEO_S = 1.0
# the excerpt is held as 48 kHz stereo float32 (~0.4 MB/s); this keeps a render under ~1 GB
MAX_VIDEO_S = 20 * 60.0


@dataclass(frozen=True, slots=True)
class RenderSpec:
    """Everything needed to render one video (times in seconds); built from the timeline by
    :func:`skill.local.compile.spec_fields`, so the engine draws the shots the timeline shows."""

    song_path: Path
    start_s: float
    duration_s: float
    width: int = 1920
    height: int = 1080
    fps: int = 30
    cut_times_s: tuple[float, ...] = ()
    clips: tuple[Path, ...] = ()
    title: str | None = None
    title_start_s: float = 0.0
    title_duration_s: float | None = None
    volume: float = 1.0
    beat_times_s: tuple[float, ...] = ()  # relative to start_s; the generated visuals pulse on them
    # picture and music fade together; styles[k] is how shot k begins (shot 0 at 0, shot k at cut k-1)
    fade_in_s: float = 0.0
    fade_out_s: float = 0.0
    styles: tuple[ShotStyle, ...] = ()
    texts: tuple[TextCue, ...] = ()  # drawn after the title
    photo_motion: bool = True
    # the clips' own sound under a ducked song (clip_gains[k]: shot k's, 1.0 when missing), then the
    # whole mix normalised to loudness_lufs (None: not normalised) under a true-peak ceiling
    keep_clip_audio: bool = True
    clip_gains: tuple[float, ...] = ()
    # clips[k] is shot k's file and clip_starts[k] its in-point (chosen when the timeline was edited;
    # empty: every shot from its file's start): the engine cycles nothing and picks no window
    clip_starts: tuple[float, ...] = ()
    duck_db: float = CLIP_AUDIO_DUCK_DB
    loudness_lufs: float | None = LOUDNESS_TARGET_LUFS
    true_peak_db: float = TRUE_PEAK_DBTP


@dataclass(frozen=True, slots=True)
class RenderResult:
    """What was written."""

    path: Path
    duration_s: float
    width: int
    height: int
    fps: int
    cut_times_s: tuple[float, ...]
    stage_seconds: dict[str, float] = field(default_factory=dict)
    start_s: float = 0.0
    tempo_bpm: float = 0.0  # filled by render_highlight
    beats_per_bar: int = 0
    is_steady_fallback: bool = False


def check_output_path(out_path: Path) -> None:
    """Fail early, before any heavy work, when ``out_path`` cannot be written.

    Raises
    ------
    OutputPathError
    """
    out_path = Path(out_path)
    parent = out_path.parent if str(out_path.parent) else Path(".")
    if out_path.is_dir():
        raise OutputPathError(f"The output path {out_path} is a directory")
    if not parent.is_dir():
        raise OutputPathError(f"The output folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK) or (out_path.exists() and not os.access(out_path, os.W_OK)):
        raise OutputPathError(f"Cannot write to {out_path}: permission denied")


def _validate(spec: RenderSpec) -> None:
    if spec.width <= 0 or spec.height <= 0 or spec.width % 2 or spec.height % 2:
        raise ParameterError("Video width and height must be positive even numbers")
    if not 1 <= spec.fps <= 120:
        raise ParameterError("Frame rate must be between 1 and 120")
    if not spec.duration_s >= MIN_VIDEO_S:
        raise ParameterError(f"The video must last at least {MIN_VIDEO_S:.0f} s")
    if spec.duration_s > MAX_VIDEO_S:
        raise ParameterError(
            f"Videos longer than {MAX_VIDEO_S / 60:.0f} minutes are not supported; choose a shorter section"
        )
    if spec.start_s < 0:
        raise ParameterError("The start time cannot be negative")
    if not 0.0 <= spec.volume <= 4.0:
        raise ParameterError("Volume must be between 0 and 4")
    if spec.loudness_lufs is not None and not MIN_LOUDNESS_LUFS <= spec.loudness_lufs <= MAX_LOUDNESS_LUFS:
        raise ParameterError(
            f"The loudness target must be between {MIN_LOUDNESS_LUFS:.0f} and {MAX_LOUDNESS_LUFS:.0f} LUFS"
        )
    if not 0.0 <= spec.duck_db <= MAX_DUCK_DB:
        raise ParameterError(f"The music can duck 0 to {MAX_DUCK_DB:.0f} dB under the clips' sound")
    if not -9.0 <= spec.true_peak_db <= 0.0:
        raise ParameterError("The true-peak ceiling must be between -9 and 0 dBTP")
    shots = len(spec.cut_times_s) + 1
    if spec.clips and len(spec.clips) != shots:
        raise ParameterError(f"One clip per shot: {shots} shots but {len(spec.clips)} clips")
    if spec.clip_starts and len(spec.clip_starts) != len(spec.clips):
        raise ParameterError(
            f"One in-point per clip: {len(spec.clips)} clips but {len(spec.clip_starts)} in-points"
        )


def _segments(
    cut_times_s: tuple[float, ...], n_frames: int, fps: int, styles: tuple[ShotStyle, ...] = ()
) -> tuple[list[tuple[int, int]], list[ShotStyle], list[int]]:
    """Shot frame ranges from the cut times (on frame boundaries), the style of each shot, and which
    of the spec's shots each range is (a cut that falls on an earlier cut's frame, or outside the
    video, drops its shot)."""
    from .fx import ShotStyle

    first = styles[0] if styles else ShotStyle()
    by_frame: dict[int, int] = {}
    for k, t in enumerate(cut_times_s):
        f = round(t * fps)
        if 0 < f < n_frames and f not in by_frame:
            by_frame[f] = k + 1
    cuts = sorted(by_frame)
    bounds = [0, *cuts, n_frames]
    kept = [0, *(by_frame[f] for f in cuts)]
    shot_styles = [first, *(styles[i] if i < len(styles) else ShotStyle() for i in kept[1:])]
    return list(zip(bounds[:-1], bounds[1:], strict=True)), shot_styles, kept


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

    _validate(spec)
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
    segments, styles, kept = _segments(spec.cut_times_s, n_frames, fps, spec.styles)
    cut_frames = [s for s, _ in segments[1:]]
    feeder = _make_feeder(spec, segments, kept)
    drawer = _make_drawer(spec, feeder, audio, n_frames, segments)
    post = _make_post(spec, n_frames, segments, styles)
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


def _make_feeder(spec: RenderSpec, segments: list[tuple[int, int]], kept: list[int]) -> ClipFeeder | None:
    """The clip drawer for the shots that are on frames: each its own file from its own in-point."""
    if not spec.clips:
        return None
    from .clips import ClipFeeder

    starts = spec.clip_starts or (0.0,) * len(spec.clips)
    return ClipFeeder(
        [spec.clips[i] for i in kept],
        width=spec.width,
        height=spec.height,
        fps=spec.fps,
        segments=segments,
        motion=spec.photo_motion,
        starts=[starts[i] for i in kept],
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


def _make_drawer(
    spec: RenderSpec,
    feeder: ClipFeeder | None,
    audio: np.ndarray,
    n_frames: int,
    segments: list[tuple[int, int]],
) -> Callable[[FrameBuffer], Iterator[None]]:
    """Return ``frames(fb)``: a generator drawing every frame into ``fb`` in order."""
    import numpy as np

    if feeder is not None:

        def clip_frames(fb: FrameBuffer) -> Iterator[None]:
            for k in range(len(segments)):
                yield from feeder.segment_frames(k, fb)

        return clip_frames

    from .visuals import MusicVisuals

    beats = spec.beat_times_s or spec.cut_times_s
    beat_frames = np.array([0, *[round(t * spec.fps) for t in beats]])
    visuals = MusicVisuals(
        audio=audio.mean(axis=0),
        sr=AUDIO_SR,
        fps=spec.fps,
        n_frames=n_frames,
        width=spec.width,
        height=spec.height,
        beat_frames=beat_frames,
    )

    def generated(fb: FrameBuffer) -> Iterator[None]:
        for k, (f0, f1) in enumerate(segments):
            for i in range(f0, f1):
                visuals.draw(fb, i, k)
                yield

    return generated


def _make_post(
    spec: RenderSpec, n_frames: int, segments: list[tuple[int, int]], styles: list[ShotStyle]
) -> Callable[[int, FrameBuffer], None] | None:
    """Return ``post(i, fb)``: transitions and effects, then texts, then the fades; None when plain."""
    from .fx import PictureFx
    from .renderplan import TextCue
    from .texts import TextLayer

    cues = list(spec.texts)
    if spec.title and spec.title.strip():
        end = (
            n_frames / spec.fps
            if spec.title_duration_s is None
            else spec.title_start_s + spec.title_duration_s
        )
        cues.insert(0, TextCue(spec.title, spec.title_start_s, end, position="top"))
    texts = TextLayer(cues, width=spec.width, height=spec.height, fps=spec.fps, n_frames=n_frames)
    fx = PictureFx(
        segments,
        styles,
        fps=spec.fps,
        n_frames=n_frames,
        fade_in_s=spec.fade_in_s,
        fade_out_s=spec.fade_out_s,
    )
    if fx.is_empty and not texts:
        return None
    if fx.is_empty:
        return texts.blend

    def post(i: int, fb: FrameBuffer) -> None:
        fx.shot(i, fb)
        texts.blend(i, fb)
        fx.fade(i, fb)

    return post
