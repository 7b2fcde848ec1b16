"""Decode the audio of any media file with PyAV into float32 arrays, streamed and resampled."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from skill.timeline.vocab import AUDIO_FORMATS, VIDEO_FORMATS

from .errors import AudioDecodeError, NoAudioError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["AUDIO_EXTENSIONS", "VIDEO_EXTENSIONS", "decode_audio", "probe_duration"]

log = logging.getLogger(__name__)

AUDIO_EXTENSIONS = frozenset(f".{ext}" for ext in AUDIO_FORMATS)  # defined once in timeline/vocab.py
VIDEO_EXTENSIONS = frozenset(f".{ext}" for ext in VIDEO_FORMATS)
_MAX_BAD_PACKETS = 50
_MAX_LOST_S = 1.0  # a longer hole in the timestamps is the file's own gap, not lost packets
_SEEK_MIN_S = 20.0
_SEEK_PREROLL_S = 5.0


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


def _expected_samples(container, stream, sr: int) -> int:  # type: ignore[no-untyped-def]
    if stream.duration and stream.time_base:
        return int(float(stream.duration * stream.time_base) * sr) + sr
    if container.duration:
        return int(container.duration / 1_000_000 * sr) + sr
    return 0


class _Sink:
    """Grow-only float32 buffer: preallocated from the container's duration, so decoding a long
    file holds the output once instead of many small chunks plus their concatenation."""

    def __init__(self, channels: int, expected: int) -> None:
        import numpy as np

        self._np = np
        self.buf = np.empty((channels, max(expected, 1 << 16)), dtype=np.float32)
        self.n = 0

    def append(self, chunk: np.ndarray) -> None:
        m = chunk.shape[1]
        if self.n + m > self.buf.shape[1]:
            grown = self._np.empty(
                (self.buf.shape[0], max(2 * self.buf.shape[1], self.n + m)), dtype=self._np.float32
            )
            grown[:, : self.n] = self.buf[:, : self.n]
            self.buf = grown
        self.buf[:, self.n : self.n + m] = chunk
        self.n += m

    def result(self) -> np.ndarray:
        if self.n == self.buf.shape[1]:
            return self.buf
        # a copy of the used part frees the slack (and untouched pages were never resident)
        return self.buf[:, : self.n].copy() if self.n < self.buf.shape[1] // 2 else self.buf[:, : self.n]


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
        expected = _expected_samples(container, stream, sr)
        if stop is not None:
            expected = min(expected, stop - start) if expected else stop - start
        sink = _Sink(channels, expected)
        pos = 0
        bad = 0
        lost = False
        done = False

        def take_array(arr: np.ndarray) -> bool:
            nonlocal pos
            n = arr.shape[1]
            lo, hi = max(start - pos, 0), n if stop is None else min(stop - pos, n)
            if hi > lo:
                sink.append(arr[:, lo:hi])
            pos += n
            return stop is not None and pos >= stop

        def take(frames: list[av.AudioFrame]) -> bool:
            return any(take_array(out.to_ndarray()) for out in frames)

        first_pts_pending = False
        if start_s > _SEEK_MIN_S and stream.time_base:
            # Skip most of a long file: seek a little before the excerpt, then count samples
            # from the first decoded frame's timestamp (measured equal to a full decode).
            target = (start_s - _SEEK_PREROLL_S) / float(stream.time_base)
            try:
                container.seek(int(target), stream=stream, backward=True)
                first_pts_pending = True
            except av.FFmpegError:
                log.debug("seek failed in %s; decoding from the start", path.name)
        origin_s = float(stream.start_time * stream.time_base) if stream.start_time is not None else 0.0
        for packet in container.demux(stream):
            try:
                frames = packet.decode()
            except av.FFmpegError as err:
                bad += 1
                if bad > _MAX_BAD_PACKETS:
                    raise AudioDecodeError(
                        f"Cannot decode the audio of {path.name}: the file is corrupt"
                    ) from err
                lost = True  # the next frame's timestamp says how much was lost
                continue
            for frame in frames:
                if first_pts_pending:
                    if frame.pts is None:
                        raise AudioDecodeError(f"Cannot seek in {path.name}")
                    pos = max(0, round((float(frame.pts * stream.time_base) - origin_s) * sr))
                    first_pts_pending = False
                elif lost and frame.pts is not None and stream.time_base:
                    # silence where a packet could not be decoded, so the sound after it stays in
                    # time with the picture (a clip's first AC3 packet lost moved all of it 32 ms early)
                    gap = round((float(frame.pts * stream.time_base) - origin_s) * sr) - pos
                    if 0 < gap <= sr * _MAX_LOST_S and take_array(np.zeros((channels, gap), np.float32)):
                        done = True
                        break
                lost = False
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
        log.info("skipped %d undecodable audio packets in %s (silence in their place)", bad, path.name)
    if pos == 0:
        raise AudioDecodeError(f"Cannot decode the audio of {path.name}: no audio samples")
    return sink.result()
