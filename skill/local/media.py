"""Uploaded media: the file type from its name, a display-safe name, and a probe with PyAV."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from skill.timeline.vocab import FORMATS_LISTED

from .constants import AUDIO_EXTENSIONS, IMAGE_EXTENSIONS, VIDEO_EXTENSIONS
from .engine.orient import display_size, quarter_turns
from .errors import UnsupportedFile

__all__ = ["ACCEPTED", "MediaInfo", "display_name", "file_type_for", "probe_media"]

ACCEPTED = " ".join(FORMATS_LISTED)
_DISPLAY_MAX_CHARS = 120


@dataclass(frozen=True, slots=True)
class MediaInfo:
    """What a probe learns about an upload (``None`` where it does not apply)."""

    file_type: str
    duration_s: float | None
    width: int | None
    height: int | None
    fps: float | None
    has_audio: bool


def _extension(filename: str) -> str:
    base = display_name(filename)
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def file_type_for(filename: str) -> tuple[str, str]:
    """Return ``(file_type, ext)`` for a client filename, or raise UnsupportedFile (4001)."""
    ext = _extension(filename)
    if ext in AUDIO_EXTENSIONS:
        return "audio", ext
    if ext in VIDEO_EXTENSIONS:
        return "video", ext
    if ext in IMAGE_EXTENSIONS:
        return "image", ext
    shown = display_name(filename) or "the file"
    raise UnsupportedFile(f"Unsupported file type: {shown}. Accepted: {ACCEPTED}.")


def display_name(filename: str) -> str:
    """Reduce a client filename to a safe display name: the last path part, no control characters.

    The name is only ever shown; files are stored under server-chosen names.
    """
    name = unicodedata.normalize("NFC", filename or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().strip(".")
    if len(name) > _DISPLAY_MAX_CHARS:
        stem, dot, ext = name.rpartition(".")
        name = (
            (stem[: _DISPLAY_MAX_CHARS - len(ext) - 1] + dot + ext)
            if dot and len(ext) <= 5
            else name[:_DISPLAY_MAX_CHARS]
        )
    return name


def _first_frame_turns(container, video) -> int:  # type: ignore[no-untyped-def]
    """How the first frame is turned for showing (a phone's portrait clip: a quarter); 0 if unreadable."""
    import av

    try:
        for frame in container.decode(video):
            return quarter_turns(frame)
    except (av.FFmpegError, OSError, ValueError):
        return 0
    return 0


def probe_media(path: Path, file_type: str, shown_name: str) -> MediaInfo:
    """Open ``path`` with PyAV and read duration, size and rate; raise UnsupportedFile if it is unreadable."""
    import av

    try:
        container = av.open(str(path))
    except (av.FFmpegError, OSError, ValueError) as err:
        raise UnsupportedFile(f"Cannot read {shown_name} as {file_type}: not a playable media file.") from err
    try:
        duration = float(container.duration) / 1_000_000 if container.duration else None
        video = container.streams.video[0] if container.streams.video else None
        has_audio = bool(container.streams.audio)
        if file_type == "audio" and not has_audio:
            raise UnsupportedFile(f"{shown_name} has no audio track.")
        if file_type in ("video", "image") and video is None:
            raise UnsupportedFile(f"{shown_name} has no picture.")
        if file_type == "audio" and duration is None:
            stream = container.streams.audio[0]
            if stream.duration and stream.time_base:
                duration = float(stream.duration * stream.time_base)
        width = height = None
        fps = None
        if video is not None:
            width, height = video.codec_context.width or None, video.codec_context.height or None
            if file_type == "video" and width and height:
                width, height = display_size(width, height, _first_frame_turns(container, video))
            if file_type == "video" and video.average_rate:
                fps = round(float(video.average_rate), 3)
        if file_type == "image":
            duration = None
        return MediaInfo(
            file_type=file_type,
            duration_s=round(duration, 3) if duration is not None else None,
            width=width,
            height=height,
            fps=fps,
            has_audio=has_audio,
        )
    finally:
        container.close()
