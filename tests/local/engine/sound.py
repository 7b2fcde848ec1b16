"""Clips with a known sound, made here with PyAV, and measurements of a mix (tone energy, loudness, peaks).

The meters are independent of the engine's: pyloudnorm for BS.1770 loudness and scipy's polyphase
resampler for the 4x true peak, so a test does not grade the engine with the engine's own ruler.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

SR = 48000


def write_clip(
    path: Path,
    *,
    seconds: float,
    sound: Callable[[np.ndarray], np.ndarray] | None,
    fps: int = 30,
    size: tuple[int, int] = (64, 48),
    sr: int = SR,
    channels: int = 2,
    audio_start_s: float = 0.0,
) -> Path:
    """Write an H.264 + AAC MP4 (no audio stream when ``sound`` is None) whose picture is a moving ramp.

    ``sound(t)`` maps sample times (s) to a mono signal; it is written to every channel. With
    ``audio_start_s`` the audio stream starts that late on the container's clock (the picture at 0).
    """
    import av

    w, h = size
    with av.open(str(path), "w", format="mp4") as c:
        v = c.add_stream("libx264", rate=fps)
        v.width, v.height, v.pix_fmt = w, h, "yuv420p"
        a = None
        if sound is not None:
            a = c.add_stream("aac", rate=sr)
            a.layout = "stereo" if channels == 2 else "mono"
        n_frames = round(seconds * fps)
        for i in range(n_frames):
            img = np.zeros((h, w, 3), np.uint8)
            img[..., 0] = (np.arange(w)[None, :] * 4 + i * 8) % 256
            img[..., 1] = 128
            frame = av.VideoFrame.from_ndarray(img, format="rgb24")
            frame.pts = i
            c.mux(v.encode(frame))
        c.mux(v.encode(None))
        if a is not None:
            t = np.arange(round(seconds * sr)) / sr
            y = np.asarray(sound(t), dtype=np.float32)
            data = np.repeat(y[None, :], channels, axis=0)
            for i in range(0, data.shape[1], 1024):
                af = av.AudioFrame.from_ndarray(
                    np.ascontiguousarray(data[:, i : i + 1024]),
                    format="fltp",
                    layout="stereo" if channels == 2 else "mono",
                )
                af.sample_rate = sr
                af.pts = i + round(audio_start_s * sr)
                c.mux(a.encode(af))
            c.mux(a.encode(None))
    return path


def tone(hz: float, amp: float) -> Callable[[np.ndarray], np.ndarray]:
    return lambda t: amp * np.sin(2 * np.pi * hz * t)


def band_db(y: np.ndarray, sr: int, hz: float, start_s: float, end_s: float) -> float:
    """Level (dB, amplitude of a sine at ``hz``) of the mono mix in ``[start_s, end_s)``."""
    x = y.mean(axis=0) if y.ndim == 2 else y
    seg = x[round(start_s * sr) : round(end_s * sr)].astype(np.float64)
    t = np.arange(seg.size) / sr
    win = np.hanning(seg.size)
    c = np.sum(seg * win * np.exp(-2j * np.pi * hz * t)) / (win.sum() / 2)
    return float(20 * np.log10(abs(c) + 1e-12))


def integrated_lufs(y: np.ndarray, sr: int) -> float:
    import pyloudnorm

    return float(pyloudnorm.Meter(sr).integrated_loudness(y.T.astype(np.float64)))


def true_peak_db(y: np.ndarray) -> float:
    from scipy.signal import resample_poly

    up = resample_poly(y.astype(np.float64), 4, 1, axis=1)
    return float(20 * np.log10(np.abs(up).max()))


def read_audio(path: Path, sr: int = SR) -> np.ndarray:
    """All the audio of a media file, stereo float32 at ``sr``."""
    import av

    chunks = []
    with av.open(str(path)) as c:
        res = av.AudioResampler(format="fltp", layout="stereo", rate=sr)
        for frame in c.decode(audio=0):
            chunks.extend(f.to_ndarray() for f in res.resample(frame))
        chunks.extend(f.to_ndarray() for f in res.resample(None))
    return np.concatenate(chunks, axis=1)
