"""Loudness: measure with FFmpeg's EBU R128 meter and normalise with a gain plus a true-peak limiter.

Measuring is ``ebur128`` (ITU-R BS.1770 integrated loudness and 4x-oversampled true peak) through
PyAV's filter graph, so nothing here re-implements the standard. Normalising is one linear gain to the
target; only when that gain would push the true peak over the ceiling does a lookahead limiter
(``alimiter`` run at 4x the rate, so it sees the peaks between samples) shave the peaks, and the result
is measured again: the ceiling is a measured fact, not a hope.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import RenderError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Loudness", "measure_loudness", "normalise_loudness"]

SILENCE_LUFS = -70.0  # the standard's absolute gate: anything quieter has no integrated loudness
_CHUNK = 48000  # samples per pushed frame (1 s at 48 kHz)
_OVERSAMPLE = 4
_LIMIT_WINDOW_S = 0.006  # each gain dip spans this long around its peak
_LIMIT_MARGIN_DB = 0.2  # the limiter aims this far under the ceiling; the result is measured
_LIMIT_TRIES = 8
_LOUDNESS_TOLERANCE_LU = 0.2
_MAX_STEP_DB = 12.0
_MAX_GAIN_DB = 30.0  # never lift a near-silent mix by more than this


@dataclass(frozen=True, slots=True)
class Loudness:
    """Integrated loudness (LUFS, ``SILENCE_LUFS`` for silence) and true peak (dBTP)."""

    integrated_lufs: float
    true_peak_db: float


def _graph(sr: int, channels: int, chain: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    import av

    graph = av.filter.Graph()
    node = graph.add_abuffer(sample_rate=sr, format="fltp", layout="stereo" if channels == 2 else "mono")
    nodes = [node]
    for name, args in chain:
        nodes.append(graph.add(name, args))
    nodes.append(graph.add("abuffersink"))
    for a, b in zip(nodes[:-1], nodes[1:], strict=False):
        a.link_to(b)
    graph.configure()
    return graph


def _run(graph, audio: np.ndarray, sr: int, on_frame) -> None:  # type: ignore[no-untyped-def]
    """Push ``audio`` through ``graph`` and hand every output frame to ``on_frame``."""
    import av
    import numpy as np

    layout = "stereo" if audio.shape[0] == 2 else "mono"

    def drain() -> None:
        while True:
            try:
                frame = graph.pull()
            except (av.BlockingIOError, av.EOFError):
                return
            on_frame(frame)

    try:
        for i in range(0, audio.shape[1], _CHUNK):
            frame = av.AudioFrame.from_ndarray(
                np.ascontiguousarray(audio[:, i : i + _CHUNK], dtype=np.float32), format="fltp", layout=layout
            )
            frame.sample_rate = sr
            frame.pts = i
            graph.push(frame)
            drain()
        graph.push(None)
        drain()
    except av.FFmpegError as err:
        raise RenderError(f"Measuring the loudness failed: {err}") from err


def measure_loudness(audio: np.ndarray, sr: int, *, true_peak: bool = True) -> Loudness:
    """Measure ``audio`` (channels x samples, float32, 1 or 2 channels) with FFmpeg's ``ebur128``.

    ``true_peak=False`` skips the oversampled peak (``true_peak_db`` is then the sample peak), which
    is several times faster when only the loudness matters.
    """
    import numpy as np

    peak_mode = "true" if true_peak else "sample"
    graph = _graph(sr, audio.shape[0], [("ebur128", f"peak={peak_mode}:metadata=1:framelog=quiet")])
    last: dict[str, str] = {}

    def keep(frame) -> None:  # type: ignore[no-untyped-def]
        last.update(frame.metadata)

    _run(graph, audio, sr, keep)
    integrated = float(last.get("lavfi.r128.I", SILENCE_LUFS))
    if not math.isfinite(integrated) or integrated < SILENCE_LUFS:
        integrated = SILENCE_LUFS
    key = "lavfi.r128.true_peak" if true_peak else "lavfi.r128.sample_peak"
    peak = float(last.get(key, 0.0))
    if not peak and audio.size:
        peak = float(np.abs(audio).max())
    peak_db = 20 * math.log10(peak) if peak > 0 else -math.inf
    return Loudness(integrated_lufs=integrated, true_peak_db=peak_db)


def _oversampled_peaks(audio: np.ndarray, sr: int) -> np.ndarray:
    """Per sample: the largest magnitude, over channels, of the signal 4x oversampled around it."""
    import numpy as np

    graph = _graph(
        sr, audio.shape[0], [("aresample", f"{sr * _OVERSAMPLE}"), ("aformat", "sample_fmts=fltp")]
    )
    n = audio.shape[1]
    up = np.zeros((audio.shape[0], n * _OVERSAMPLE), dtype=np.float32)
    pos = 0

    def take(frame) -> None:  # type: ignore[no-untyped-def]
        nonlocal pos
        arr = frame.to_ndarray()
        m = min(arr.shape[1], up.shape[1] - pos)
        if m > 0:
            up[:, pos : pos + m] = arr[:, :m]
        pos += arr.shape[1]

    _run(graph, audio, sr, take)
    peaks: np.ndarray = np.abs(up).max(axis=0).reshape(n, _OVERSAMPLE).max(axis=1)
    peaks = np.maximum(peaks, np.abs(audio).max(axis=0))
    return peaks


def _running_min(x: np.ndarray, width: int) -> np.ndarray:
    """Minimum over a centred window of ``width`` samples (O(n log width), by doubling)."""
    import numpy as np

    half = width // 2
    padded = np.concatenate([np.full(half, x[0]), x, np.full(half, x[-1])])
    out = padded.copy()
    span = 1
    while span < width:  # out[i] = min(padded[i : i + span]) after each step
        step = min(span, width - span)
        out[: out.size - step] = np.minimum(out[: out.size - step], out[step:])
        span += step
    result: np.ndarray = out[: x.size]
    return result


def _box(x: np.ndarray, width: int) -> np.ndarray:
    """Centred moving average of ``width`` samples (edges held)."""
    import numpy as np

    half = width // 2
    padded = np.concatenate([np.full(half, x[0]), x, np.full(width - half, x[-1])])
    c = np.concatenate([[0.0], np.cumsum(padded, dtype=np.float64)])
    result: np.ndarray = ((c[width : width + x.size] - c[: x.size]) / width).astype(np.float32)
    return result


def _limit(audio: np.ndarray, sr: int, ceiling_db: float) -> np.ndarray:
    """Keep the 4x-oversampled peaks of ``audio`` under ``ceiling_db`` with smooth gain dips.

    The gain each peak needs is spread over a window (a running minimum), then smoothed by two box
    filters whose joint length is the window's: a smoothed gain can only be lower than the running
    minimum's at each peak, so every peak gets at least the reduction it needs, and the gain moves
    over a few milliseconds instead of jumping (no distortion clicks). Same length and alignment out.
    """
    import numpy as np

    limit = 10 ** (ceiling_db / 20)
    peaks = _oversampled_peaks(audio, sr)
    need = np.minimum(1.0, limit / np.maximum(peaks, 1e-12)).astype(np.float32)
    if need.min() >= 1.0:
        return audio
    width = max(4, round(_LIMIT_WINDOW_S * sr)) // 2 * 2
    gain = _box(_box(_running_min(need, width), width // 2), width // 2)
    limited: np.ndarray = (audio * gain[None, :]).astype(np.float32)
    return limited


def normalise_loudness(
    audio: np.ndarray, sr: int, *, target_lufs: float, ceiling_db: float
) -> tuple[np.ndarray, Loudness]:
    """Return ``audio`` at ``target_lufs`` integrated with its true peak at or under ``ceiling_db``,
    and its measured loudness.

    A silent input comes back unchanged. The gain is linear (the mix's dynamics are kept) unless the
    peaks would cross the ceiling; then the limiter takes them down and more gain restores the lost
    loudness, a few times until both hold (the ceiling wins when they cannot).
    """
    import numpy as np

    before = measure_loudness(audio, sr, true_peak=False)
    if before.integrated_lufs <= SILENCE_LUFS:
        return audio, before
    gain_db = min(target_lufs - before.integrated_lufs, _MAX_GAIN_DB)
    out = (audio * np.float32(10 ** (gain_db / 20))).astype(np.float32)
    level = measure_loudness(out, sr)
    if level.true_peak_db <= ceiling_db:
        return out, level
    # the limiter takes loudness with the peaks: feed it hotter until the loudness is back (secant
    # steps, as the loudness out grows ever more slowly with the gain in)
    limit_db = ceiling_db - _LIMIT_MARGIN_DB
    best: tuple[float, np.ndarray, Loudness] | None = None
    prev: tuple[float, float] | None = None
    for _ in range(_LIMIT_TRIES):
        limited = _limit(out, sr, limit_db)
        level = measure_loudness(limited, sr)
        if level.true_peak_db > ceiling_db:
            limit_db -= level.true_peak_db - ceiling_db + 0.05
            continue
        miss = target_lufs - level.integrated_lufs
        if best is None or abs(miss) < abs(target_lufs - best[2].integrated_lufs):
            best = (gain_db, limited, level)
        if abs(miss) <= _LOUDNESS_TOLERANCE_LU or gain_db >= _MAX_GAIN_DB:
            break
        slope = 1.0
        if prev is not None and gain_db != prev[0]:
            slope = min(1.0, max(0.1, (level.integrated_lufs - prev[1]) / (gain_db - prev[0])))
        prev = (gain_db, level.integrated_lufs)
        gain_db = min(_MAX_GAIN_DB, gain_db + max(-_MAX_STEP_DB, min(_MAX_STEP_DB, miss / slope)))
        out = (audio * np.float32(10 ** (gain_db / 20))).astype(np.float32)
    if best is not None:
        return best[1], best[2]
    # the limiter never got under the ceiling: a plain gain does, at the cost of loudness
    out = (limited * np.float32(10 ** ((ceiling_db - level.true_peak_db - 0.05) / 20))).astype(np.float32)
    return out, measure_loudness(out, sr)
