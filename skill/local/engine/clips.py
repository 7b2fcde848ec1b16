"""User footage: photos and video clips cut on the beat grid, scaled and cropped to fill the frame."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from .errors import ParameterError, RenderError
from .orient import display_size, quarter_turns, turn_plane
from .visuals import FrameBuffer, rgb_to_yuv

__all__ = ["IMAGE_EXTENSIONS", "ClipFeeder", "activity_curve", "choose_in_point"]

log = logging.getLogger(__name__)

IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp"})
_PHOTO_OVERSCAN = 1.08  # room for a slow pan
_ACTIVITY_MAX_S = 90.0
_ACTIVITY_SIZE = (32, 18)
_PHOTO_CACHE = 6
_PUNCH_IN = 1.6
_SCENE_CUT_FACTOR = 6.0
_SCENE_CUT_MIN = 25.0


def _cover(src_w: int, src_h: int, w: int, h: int) -> tuple[int, int]:
    scale = max(w / src_w, h / src_h)
    return max(w, int(np.ceil(src_w * scale / 2)) * 2), max(h, int(np.ceil(src_h * scale / 2)) * 2)


def _open_video(path: Path):  # type: ignore[no-untyped-def]
    import av

    try:
        container = av.open(str(path))
    except (av.FFmpegError, OSError) as err:
        raise ParameterError(f"Cannot read the clip {path.name}: not a playable video or photo") from err
    if not container.streams.video:
        container.close()
        raise ParameterError(f"The clip {path.name} has no video")
    stream = container.streams.video[0]
    stream.thread_type = "AUTO"
    return container, stream


def activity_curve(path: Path) -> tuple[np.ndarray, np.ndarray, float]:
    """Frame-difference energy of a clip on a tiny grey decode: (times_s, activity, duration_s)."""
    container, stream = _open_video(path)
    times, acts = [], []
    prev = None
    try:
        for frame in container.decode(stream):
            t = float(frame.time or 0.0)
            if t > _ACTIVITY_MAX_S:
                break
            small = frame.reformat(
                width=_ACTIVITY_SIZE[0], height=_ACTIVITY_SIZE[1], format="gray"
            ).to_ndarray()
            small = small.astype(np.float32)
            acts.append(0.0 if prev is None else float(np.abs(small - prev).mean()))
            times.append(t)
            prev = small
    except Exception as err:  # av raises many error classes for broken files
        if not times:
            raise ParameterError(f"Cannot decode the clip {path.name}") from err
    finally:
        container.close()
    dur = times[-1] + 1.0 / float(stream.average_rate or 30) if times else 0.0
    return np.asarray(times), np.asarray(acts), dur


class _Photo:
    def __init__(self, path: Path, width: int, height: int, zoom: float = 1.0) -> None:
        from PIL import Image, ImageOps, UnidentifiedImageError

        try:
            with Image.open(path) as im:
                img = ImageOps.exif_transpose(im).convert("RGB")
        except (OSError, UnidentifiedImageError) as err:
            raise ParameterError(f"Cannot read the photo {path.name}") from err
        scale = _PHOTO_OVERSCAN * zoom
        cw, ch = _cover(img.width, img.height, int(width * scale) & ~1, int(height * scale) & ~1)
        img = img.resize((cw, ch), Image.Resampling.BILINEAR)
        yuv = rgb_to_yuv(np.asarray(img))
        self.y = np.clip(yuv[..., 0], 0, 255).astype(np.uint8)
        sub = yuv.reshape(ch // 2, 2, cw // 2, 2, 3).mean(axis=(1, 3))
        self.u = np.clip(sub[..., 1], 0, 255).astype(np.uint8)
        self.v = np.clip(sub[..., 2], 0, 255).astype(np.uint8)


def choose_in_point(
    path: Path,
    length_s: float,
    taken: Sequence[tuple[float, float]] = (),
    *,
    curves: dict[Path, tuple[np.ndarray, np.ndarray, float]] | None = None,
) -> float:
    """Where a ``length_s`` shot of the clip ``path`` starts: its most active stretch outside ``taken``.

    The timeline asks this once, when a shot is made, so the render plays exactly that. Windows holding
    a hard cut of the user's own footage are avoided: it would look like a cut off the beat. ``curves``
    caches activity curves across calls; photos and clips shorter than the shot start at 0.
    """
    path = Path(path)
    if path.suffix.lower() in IMAGE_EXTENSIONS:
        return 0.0
    cache = curves if curves is not None else {}
    if path not in cache:
        cache[path] = activity_curve(path)
    times, act, dur = cache[path]
    if times.size < 2 or dur <= length_s:
        return 0.0
    # a spike far above the clip's usual motion is a hard cut inside the user's clip
    spikes = (act > _SCENE_CUT_FACTOR * (np.median(act) + 1.0)) & (act > _SCENE_CUT_MIN)
    act_c = np.where(spikes, 0.0, act)
    csum = np.concatenate([[0.0], np.cumsum(act_c)])
    ends = np.searchsorted(times, times + length_s)
    score = (csum[ends] - csum[np.arange(times.size)]) / max(length_s, 1e-3)
    scut = np.concatenate([[0], np.cumsum(spikes)])
    # the first frame of the window may be a cut: that is where our own cut is
    inner = scut[ends] - scut[np.minimum(np.arange(times.size) + 1, times.size)]
    score = np.where(inner > 0, score - 1e6, score)
    fits = times + length_s <= dur
    uses = np.zeros(times.size, dtype=np.int64)  # how many taken shots each window overlaps
    for a, b in taken:
        uses += ~((times + length_s <= a) | (times >= b))
    # every window shown already (a short clip, a long video): the least shown ones, so the clip's
    # parts take turns rather than its best second playing again and again
    ok = fits & (uses == uses[fits].min()) if fits.any() else fits
    return float(times[int(np.argmax(np.where(ok, score, -np.inf)))])


class ClipFeeder:
    """Fill frames from user clips: segment ``k`` shows ``clips[k]`` from ``starts[k]`` (the plan's shots:
    the feeder cycles nothing and picks no window)."""

    def __init__(
        self,
        clips: Sequence[Path],
        *,
        width: int,
        height: int,
        fps: int,
        segments: Sequence[tuple[int, int]],
        starts: Sequence[float],
        motion: bool = True,
    ):
        if not clips:
            raise ParameterError("No clips given")
        if not len(clips) == len(segments) == len(starts):
            raise ParameterError("One clip and one in-point per shot")
        self.width, self.height, self.fps = width, height, fps
        self.motion = motion  # False: photos stand still, centred
        self.clips = [Path(c) for c in clips]
        for c in self.clips:
            if not c.is_file():
                raise ParameterError(f"Clip not found: {c.name}")
        self.segments = list(segments)
        self._photos: dict[tuple[Path, float], _Photo] = {}
        self._starts = [float(s) for s in starts]

    def _is_photo(self, path: Path) -> bool:
        return path.suffix.lower() in IMAGE_EXTENSIONS

    def source_of(self, k: int) -> tuple[Path, bool, float]:
        """What segment ``k`` shows: (file, is a photo, in-point in the clip in seconds)."""
        clip = self.clips[k]
        return clip, self._is_photo(clip), self._starts[k]

    def _photo(self, path: Path, zoom: float) -> _Photo:
        key = (path, zoom)
        if key not in self._photos:
            if len(self._photos) >= _PHOTO_CACHE:
                self._photos.pop(next(iter(self._photos)))
            self._photos[key] = _Photo(path, self.width, self.height, zoom)
        return self._photos[key]

    def segment_frames(self, k: int, fb: FrameBuffer) -> Iterator[None]:
        """Yield once per output frame of segment ``k`` after drawing it into ``fb``."""
        clip = self.clips[k]
        f0, f1 = self.segments[k]
        # the same clip twice in a row would hide the cut: punch in on every other segment
        same = k > 0 and self.clips[k - 1] == clip
        zoom = _PUNCH_IN if same and k % 2 else 1.0
        if self._is_photo(clip):
            yield from self._photo_frames(self._photo(clip, zoom), f1 - f0, fb, reverse=bool(k % 2))
        else:
            yield from self._video_frames(clip, self._starts[k], f1 - f0, fb, zoom=zoom)

    def _photo_frames(self, p: _Photo, n: int, fb: FrameBuffer, *, reverse: bool) -> Iterator[None]:
        w, h = self.width, self.height
        # a slow pan over the centre: at most the overscan margin, whatever the zoom
        span_x = min(p.y.shape[1] - w, int(w * (_PHOTO_OVERSCAN - 1)))
        span_y = min(p.y.shape[0] - h, int(h * (_PHOTO_OVERSCAN - 1)))
        cx, cy = (p.y.shape[1] - w - span_x) // 2, (p.y.shape[0] - h - span_y) // 2
        for j in range(n):
            a = j / max(n - 1, 1) if self.motion else 0.5
            a = 1.0 - a if reverse else a
            ox, oy = (cx + int(span_x * a)) & ~1, (cy + int(span_y * (0.25 + 0.5 * a))) & ~1
            fb.y[:] = p.y[oy : oy + h, ox : ox + w]
            fb.u[:] = p.u[oy // 2 : oy // 2 + h // 2, ox // 2 : ox // 2 + w // 2]
            fb.v[:] = p.v[oy // 2 : oy // 2 + h // 2, ox // 2 : ox // 2 + w // 2]
            yield

    @staticmethod
    def _fill(frame, w: int, h: int, zoom: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
        """The Y, U, V planes of ``frame`` shown upright (its display matrix), scaled to cover ``w`` x
        ``h`` (times ``zoom``) and cropped to the centre."""
        turns = quarter_turns(frame)
        shown_w, shown_h = display_size(frame.width, frame.height, turns)
        sw, sh = _cover(shown_w, shown_h, int(w * zoom) & ~1, int(h * zoom) & ~1)
        pw, ph = display_size(sw, sh, turns)  # the size to scale the stored pixels to
        # the planes one after another (a height of 2 mod 4 splits a chroma row across array rows)
        flat = frame.reformat(width=pw, height=ph, format="yuv420p").to_ndarray().reshape(-1)
        n_y, n_c = pw * ph, (pw // 2) * (ph // 2)
        y = turn_plane(flat[:n_y].reshape(ph, pw), turns)
        u = turn_plane(flat[n_y : n_y + n_c].reshape(ph // 2, pw // 2), turns)
        v = turn_plane(flat[n_y + n_c : n_y + 2 * n_c].reshape(ph // 2, pw // 2), turns)
        ox, oy = ((sw - w) // 2) & ~1, ((sh - h) // 2) & ~1
        return (
            y[oy : oy + h, ox : ox + w],
            u[oy // 2 : oy // 2 + h // 2, ox // 2 : ox // 2 + w // 2],
            v[oy // 2 : oy // 2 + h // 2, ox // 2 : ox // 2 + w // 2],
        )

    def _video_frames(
        self, clip: Path, start_s: float, n: int, fb: FrameBuffer, *, zoom: float = 1.0
    ) -> Iterator[None]:
        import av

        container, stream = _open_video(clip)
        w, h = self.width, self.height
        try:
            if start_s > 0 and stream.time_base:
                container.seek(int(start_s / stream.time_base), stream=stream, backward=True)
            decoded = container.decode(stream)
            current = None
            pending = None
            have = False
            for j in range(n):
                target = start_s + j / self.fps
                while True:
                    if pending is None:
                        pending = next(decoded, None)
                        if pending is None:
                            break
                    if current is None or float(pending.time or 0.0) <= target + 0.5 / self.fps:
                        current, pending = pending, None
                        have = False
                    else:
                        break
                if current is None:
                    raise RenderError(f"The clip {clip.name} has no frames")
                if not have:
                    planes = self._fill(current, w, h, zoom)
                    have = True
                fb.y[:], fb.u[:], fb.v[:] = planes
                yield
        except av.FFmpegError as err:
            raise RenderError(f"Cannot decode the clip {clip.name}") from err
        finally:
            container.close()
