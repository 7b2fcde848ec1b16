"""Real media for the NLE export tests (made here, never committed) and read-back helpers."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

FPS = 30


def clip_with_sound(
    path: Path, seconds: float = 3.0, size: tuple[int, int] = (160, 120), fps: int = 15
) -> Path:
    """A small H.264 + AAC MP4 (moving bars and a tone), made with PyAV."""
    import av
    import numpy as np

    with av.open(str(path), "w", format="mp4") as out:
        video = out.add_stream("libx264", rate=fps)
        video.width, video.height = size
        video.pix_fmt = "yuv420p"
        audio = out.add_stream("aac", rate=44100)
        audio.layout = "mono"
        for i in range(int(seconds * fps)):
            img = np.zeros((size[1], size[0], 3), dtype=np.uint8)
            img[:, :, 0] = (np.arange(size[0]) + i * 8) % 256
            for packet in video.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                out.mux(packet)
        t = np.arange(int(seconds * 44100)) / 44100
        samples = (0.2 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
        for start in range(0, len(samples), 1024):
            chunk = samples[start : start + 1024].reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(chunk, format="flt", layout="mono")
            frame.sample_rate = 44100
            for packet in audio.encode(frame):
                out.mux(packet)
        for stream in (video, audio):
            for packet in stream.encode():
                out.mux(packet)
    return path


def photo(path: Path, size: tuple[int, int] = (120, 160)) -> Path:
    from PIL import Image

    Image.new("RGB", size, (200, 80, 40)).save(path)
    return path


def song(path: Path, seconds: float = 12.0) -> Path:
    from tests.local.conftest import click_track

    path.write_bytes(click_track(seconds=seconds))
    return path


def url_path(url: str) -> Path:
    """The file a ``file://`` media URL names."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    assert parts.scheme == "file", url
    return Path(unquote(parts.path))


def video_clips(timeline: Any) -> list[Any]:
    import opentimelineio as otio

    track = timeline.video_tracks()[0]
    return [c for c in track if isinstance(c, otio.schema.Clip)]


def frames_of(time: Any) -> int:
    return int(round(time.to_seconds() * FPS))


def marker_names(clips: list[Any]) -> list[str]:
    return [m.name.lower() for c in clips for m in c.markers]


def count_kind(names: list[str], kind: str) -> int:
    return sum(1 for n in names if re.fullmatch(rf"{kind} \d+", n))


def edl_events(text: str) -> list[str]:
    """The event lines of a CMX 3600 EDL (``001  reel  V  C  ...``)."""
    return [line for line in io.StringIO(text) if re.match(r"^\d{3}\s", line)]
