"""The picture of a render: shot frame ranges, the frames of each shot (clips or generated visuals), and
what is drawn over them (transitions, effects, texts, fades)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .encode import AUDIO_SR

if TYPE_CHECKING:
    import numpy as np

    from .clips import ClipFeeder
    from .fx import ShotStyle
    from .spec import RenderSpec
    from .visuals import FrameBuffer

__all__ = ["make_drawer", "make_feeder", "make_post", "segments_of"]


def segments_of(
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


def make_feeder(spec: RenderSpec, segments: list[tuple[int, int]], kept: list[int]) -> ClipFeeder | None:
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


def make_drawer(
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


def make_post(
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
