"""Decode the audio of any media file with PyAV into float32 arrays, streamed and resampled."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import AudioDecodeError, NoAudioError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["AUDIO_EXTENSIONS", "VIDEO_EXTENSIONS", "decode_audio", "probe_duration"]

log = logging.getLogger(__name__)

AUDIO_EXTENSIONS = frozenset({".mp3", ".wav", ".m4a", ".aac", ".flac", ".ogg", ".opus"})
VIDEO_EXTENSIONS = frozenset({".mp4", ".mov", ".mkv", ".webm", ".avi", ".m4v"})
_MAX_BAD_PACKETS = 50


def _open(path: Path):  # type: ignore[no-untyped-def]
    import av

    try:
        return av.open(str(path))
    except FileNotFoundError as err:
        raise AudioDecodeError(f"File not found: {path.name}") from err
    except (av.FFmpegError, OSError, ValueError) as err:
        raise AudioDecodeError(f"Cannot read {path.name}: not a playable audio or video file") from err


def probe_duration(path: Path) -> float:
    """Return the container's duration in seconds (0.0 when unknown)."""
    container = _open(path)
    try:
        if container.duration:
            return float(container.duration) / 1_000_000
        stream = container.streams.audio[0] if container.streams.audio else None
        if stream is not None and stream.duration and stream.time_base:
            return float(stream.duration * stream.time_base)
        return 0.0
    finally:
        container.close()


def decode_audio(
    path: Path,
    *,
    sr: int,
    channels: int = 1,
    start_s: float = 0.0,
    duration_s: float | None = None,
) -> np.ndarray:
    """Decode, downmix and resample the first audio stream of a media file.

    Only the resampled output is kept, so memory is bounded by ``sr * channels``
    times the kept duration, not by the source's rate or length.

    Parameters
    ----------
    path : Path
        Any file FFmpeg reads (mp3, wav, m4a, aac, mp4, mov, mkv, webm, avi, ...).
    sr : int
        Output sample rate in Hz.
    channels : int
        1 (mono) or 2 (stereo).
    start_s, duration_s : float
        The excerpt to keep; sample-accurate, counted from the first decoded sample.

    Returns
    -------
    np.ndarray [shape=(channels, n), dtype=float32]

    Raises
    ------
    AudioDecodeError, NoAudioError
    """
    import av
    import numpy as np

    container = _open(path)
    try:
        if not container.streams.audio:
            raise NoAudioError(f"{path.name} has no audio track")
        stream = container.streams.audio[0]
        stream.thread_type = "AUTO"
        layout = "mono" if channels == 1 else "stereo"
        resampler = av.AudioResampler(format="fltp", layout=layout, rate=sr)
        start = max(0, round(start_s * sr))
        stop = None if duration_s is None else start + max(0, round(duration_s * sr))
        kept: list[np.ndarray] = []
        pos = 0
        bad = 0
        done = False

        def take(frames: list[av.AudioFrame]) -> bool:
            nonlocal pos
            for out in frames:
                arr = out.to_ndarray()
                n = arr.shape[1]
                lo, hi = max(start - pos, 0), n if stop is None else min(stop - pos, n)
                if hi > lo:
                    kept.append(np.ascontiguousarray(arr[:, lo:hi], dtype=np.float32))
                pos += n
                if stop is not None and pos >= stop:
                    return True
            return False

        for packet in container.demux(stream):
            try:
                frames = packet.decode()
            except av.FFmpegError as err:
                bad += 1
                if bad > _MAX_BAD_PACKETS:
                    raise AudioDecodeError(
                        f"Cannot decode the audio of {path.name}: the file is corrupt"
                    ) from err
                continue
            for frame in frames:
                if take(resampler.resample(frame)):
                    done = True
                    break
            if done:
                break
        if not done:
            take(resampler.resample(None))
    except av.FFmpegError as err:
        raise AudioDecodeError(f"Cannot decode the audio of {path.name}: the file is corrupt") from err
    finally:
        container.close()
    if bad:
        log.warning("skipped %d undecodable audio packets in %s", bad, path.name)
    if not kept:
        if pos == 0:
            raise AudioDecodeError(f"Cannot decode the audio of {path.name}: no audio samples")
        return np.zeros((channels, 0), dtype=np.float32)
    return np.concatenate(kept, axis=1)
