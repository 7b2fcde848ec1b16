"""Pictures and peaks for the page, computed once and cached as files: poster, shot thumbnails, waveform.

Why a real poster: Chromium shows a black box (or, in some builds, the first frame, often black after a
fade-in) until the user presses play; a JPEG from inside the video says what the video is at once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

from ..engine.orient import quarter_turns

__all__ = ["POSTER_MAX_PX", "THUMB_MAX_PX", "frame_jpeg", "image_jpeg", "outline"]

log = logging.getLogger(__name__)

POSTER_MAX_PX = 720
THUMB_MAX_PX = 160
WAVE_SR = 4000
_JPEG_QUALITY = 82
_CACHE_VERSION = 1


def _key(*parts: object) -> str:
    return hashlib.sha256(json.dumps([_CACHE_VERSION, *map(str, parts)]).encode()).hexdigest()[:24]


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # requests run in threads
    tmp.write_bytes(data)
    tmp.replace(path)


def _stat(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def frame_jpeg(video: Path, at_s: float, *, max_px: int, cache_dir: Path) -> Path | None:
    """A JPEG of the frame of ``video`` at (or just after) ``at_s``, longest side ``max_px``; None if unreadable."""
    out = cache_dir / f"frame-{_key(video, _stat(video), round(at_s, 3), max_px)}.jpg"
    if out.exists():
        return out
    import av

    try:
        with av.open(str(video)) as container:
            if not container.streams.video:
                return None
            stream = container.streams.video[0]
            target = max(0.0, at_s)
            if stream.time_base and target > 0:
                container.seek(int(target / stream.time_base), stream=stream, backward=True)
            chosen = None
            for frame in container.decode(stream):
                chosen = frame
                if frame.time is not None and frame.time >= target - 1e-3:
                    break
            if chosen is None:
                return None
            image = chosen.to_image()
            turns = quarter_turns(chosen)
            if turns:  # shown the way players show it (a phone's portrait clip stands up)
                image = image.rotate(90 * turns, expand=True)
    except (av.FFmpegError, OSError) as err:
        log.info("no frame from %s: %s", video.name, type(err).__name__)
        return None
    return _save(image, out, max_px)


def image_jpeg(photo: Path, *, max_px: int, cache_dir: Path) -> Path | None:
    """A small JPEG of a photo (EXIF orientation applied); None if unreadable."""
    out = cache_dir / f"photo-{_key(photo, _stat(photo), max_px)}.jpg"
    if out.exists():
        return out
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(photo) as im:
            image = ImageOps.exif_transpose(im).convert("RGB")
    except (OSError, UnidentifiedImageError):
        return None
    return _save(image, out, max_px)


def _save(image: object, out: Path, max_px: int) -> Path:
    import io

    from PIL import Image

    assert isinstance(image, Image.Image)
    image = image.convert("RGB")
    image.thumbnail((max_px, max_px), Image.Resampling.BILINEAR)
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=_JPEG_QUALITY)
    _write_atomic(out, buf.getvalue())
    return out


def _levels(y: Any, buckets: int) -> list[float]:
    import numpy as np

    if y.size == 0 or buckets <= 0:
        return []
    edges = np.linspace(0, y.size, buckets + 1).astype(int)
    return [float(np.abs(y[a:b]).max()) if b > a else 0.0 for a, b in zip(edges[:-1], edges[1:], strict=True)]


def outline(
    song: Path, *, start_s: float, end_s: float, buckets: int, song_buckets: int, cache_dir: Path
) -> tuple[list[float], list[float]]:
    """The loudness outline of the excerpt ``[start_s, end_s)`` and of the whole song, peaks in 0-1.

    One decode at a low rate (an outline needs no treble) serves both; both are scaled by the song's
    loudest peak, so the excerpt reads as loud or quiet within its song. ([], []) when undecodable.
    """
    out = (
        cache_dir
        / f"outline-{_key(song, _stat(song), round(start_s, 3), round(end_s, 3), buckets, song_buckets)}.json"
    )
    try:
        cached = json.loads(out.read_text(encoding="utf-8"))
        return [float(v) for v in cached[0]], [float(v) for v in cached[1]]
    except (OSError, ValueError, IndexError, TypeError):
        pass
    from ..engine.decode import decode_audio
    from ..engine.errors import EngineError

    try:
        y = decode_audio(song, sr=WAVE_SR)[0]
    except EngineError as err:
        log.info("no waveform for %s: %s", song.name, err.message)
        return [], []
    whole = _levels(y, song_buckets)
    excerpt = _levels(y[int(start_s * WAVE_SR) : int(end_s * WAVE_SR)], buckets)
    top = max(whole, default=0.0) or 1.0
    result = [round(v / top, 3) for v in excerpt], [round(v / top, 3) for v in whole]
    _write_atomic(out, json.dumps(result).encode())
    return result
