"""Measure rendered files: streams (ffprobe), MP4 atom order, visual cuts from decoded frames."""

from __future__ import annotations

import json
import struct
import subprocess
from pathlib import Path

import numpy as np


def ffprobe(path: Path) -> dict:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", str(path)],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    return json.loads(out)


def top_level_atoms(path: Path) -> list[str]:
    atoms = []
    with path.open("rb") as f:
        size_total = path.stat().st_size
        pos = 0
        while pos + 8 <= size_total:
            f.seek(pos)
            size, kind = struct.unpack(">I4s", f.read(8))
            if size == 1:
                size = struct.unpack(">Q", f.read(8))[0]
            elif size == 0:
                size = size_total - pos
            atoms.append(kind.decode("latin-1"))
            if size < 8:
                break
            pos += size
    return atoms


def frame_differences(path: Path) -> np.ndarray:
    """Mean absolute luma difference between consecutive frames (index i: frame i vs i-1)."""
    import av

    diffs = [0.0]
    prev = None
    with av.open(str(path)) as c:
        for frame in c.decode(video=0):
            small = frame.reformat(width=96, height=96, format="gray").to_ndarray().astype(np.float32)
            if prev is not None:
                diffs.append(float(np.abs(small - prev).mean()))
            prev = small
    return np.array(diffs)


def detect_cuts(path: Path, *, min_diff: float = 30.0) -> np.ndarray:
    """Frame indices where the picture changes abruptly."""
    d = frame_differences(path)
    thresh = max(min_diff, 4.0 * float(np.median(d)))
    return np.flatnonzero(d > thresh)


def decode_frames(path: Path, fmt: str = "rgb24") -> np.ndarray:
    """Every frame of a (small) video as one array: (n, h, w, 3) for rgb24, (n, h, w) for gray."""
    import av

    with av.open(str(path)) as c:
        return np.stack([f.to_ndarray(format=fmt) for f in c.decode(video=0)])


def decode_audio_mono(path: Path, sr: int = 48000) -> np.ndarray:
    """The audio track as mono float32 at ``sr``."""
    import av

    out = []
    with av.open(str(path)) as c:
        resampler = av.AudioResampler(format="flt", layout="mono", rate=sr)
        for frame in c.decode(audio=0):
            for rf in resampler.resample(frame):
                out.append(rf.to_ndarray().reshape(-1))
        for rf in resampler.resample(None):
            out.append(rf.to_ndarray().reshape(-1))
    return np.concatenate(out).astype(np.float32)


def rms_db(y: np.ndarray, sr: int, t0: float, t1: float) -> float:
    """RMS level of ``y[t0:t1]`` (seconds) in dBFS."""
    seg = y[int(t0 * sr) : int(t1 * sr)].astype(np.float64)
    return float(20 * np.log10(np.sqrt(np.mean(seg**2)) + 1e-12))
