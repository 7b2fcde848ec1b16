"""What a collected file holds (length, picture, sound), so the export's media ranges are true.

PyAV (the ``[local]`` extra) answers when it is installed, else ``ffprobe`` when it is on the PATH;
with neither, the kind comes from the extension and the length stays unknown (the builder then gives
each reference just the range it uses, which every editor accepts).
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from pathlib import Path

from skill.timeline.vocab import AUDIO_FORMATS, IMAGE_FORMATS

from .plan import Media

__all__ = ["probe"]

log = logging.getLogger(__name__)
_FFPROBE_TIMEOUT_S = 30


def _guess(path: Path) -> Media:
    ext = path.suffix.lower().lstrip(".")
    if ext in AUDIO_FORMATS:
        return Media(path, None, has_video=False, has_audio=True)
    if ext in IMAGE_FORMATS:
        return Media(path, None, has_video=True, has_audio=False)
    return Media(path, None, has_video=True, has_audio=True)


def _with_av(path: Path, still: bool) -> Media | None:
    try:
        import av
    except ImportError:
        return None
    try:
        with av.open(str(path)) as container:
            duration = float(container.duration) / 1_000_000 if container.duration else None
            return Media(
                path,
                None if still else duration,
                has_video=bool(container.streams.video),
                has_audio=bool(container.streams.audio),
            )
    except (av.FFmpegError, OSError, ValueError) as err:
        log.info("probe: %s is not readable media (%s)", path.name, type(err).__name__)
        return None


def _with_ffprobe(path: Path, still: bool) -> Media | None:
    exe = shutil.which("ffprobe")
    if exe is None:
        return None
    args = [
        exe,
        "-v",
        "error",
        "-show_entries",
        "format=duration:stream=codec_type",
        "-of",
        "json",
        str(path),
    ]
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=_FFPROBE_TIMEOUT_S, check=True)
        info = json.loads(done.stdout or "{}")
    except (OSError, subprocess.SubprocessError, ValueError) as err:
        log.info("probe: ffprobe could not read %s (%s)", path.name, type(err).__name__)
        return None
    kinds = {s.get("codec_type") for s in info.get("streams", [])}
    raw = (info.get("format") or {}).get("duration")
    duration = float(raw) if raw not in (None, "N/A") else None
    return Media(path, None if still else duration, has_video="video" in kinds, has_audio="audio" in kinds)


def probe(path: Path) -> Media:
    """The file at ``path`` as export media; a photo has no length (an editor holds it as long as needed)."""
    still = path.suffix.lower().lstrip(".") in IMAGE_FORMATS
    return _with_av(path, still) or _with_ffprobe(path, still) or _guess(path)
