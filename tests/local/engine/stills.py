"""Test stills (solid colours, a square on black, noise) and a tiny render helper for the edit tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from skill.local.engine import RenderResult, RenderSpec, render_video

W, H, FPS = 160, 288, 30


def solid(path: Path, rgb: tuple[int, int, int]) -> Path:
    from PIL import Image

    Image.new("RGB", (64, 64), rgb).save(path)
    return path


def square(path: Path, side: float = 0.3) -> Path:
    """A white square of ``side`` (of the width) centred on black, in a frame shaped like the video."""
    from PIL import Image

    img = np.zeros((H * 2, W * 2, 3), np.uint8)
    s = int(side * W * 2) // 2
    img[H - s : H + s, W - s : W + s] = 255
    Image.fromarray(img).save(path)
    return path


def noise(path: Path, seed: int = 0) -> Path:
    from PIL import Image

    rng = np.random.default_rng(seed)
    small = rng.integers(0, 255, (24, 14, 3), dtype=np.uint8)
    Image.fromarray(small).resize((W * 3, H * 3), Image.Resampling.BICUBIC).save(path)
    return path


def per_shot(clips: tuple[Path, ...], cut_times_s: tuple[float, ...]) -> tuple[Path, ...]:
    """The clips in turn, one per shot (the plan a timeline would make; the engine cycles nothing)."""
    return tuple(clips[k % len(clips)] for k in range(len(cut_times_s) + 1)) if clips else ()


def render(wav: Path, out: Path, seconds: float, **fields: Any) -> RenderResult:
    fields.setdefault("width", W)
    fields.setdefault("height", H)
    fields["clips"] = per_shot(tuple(fields.get("clips", ())), tuple(fields.get("cut_times_s", ())))
    spec = RenderSpec(
        song_path=wav, start_s=fields.pop("start_s", 0.0), duration_s=seconds, fps=FPS, **fields
    )
    return render_video(spec, out)


def white_square_box(gray: np.ndarray, level: int = 128) -> tuple[float, float, float]:
    """(area share, centroid x, centroid y) of the bright pixels of one grey frame."""
    ys, xs = np.nonzero(gray > level)
    if xs.size == 0:
        return 0.0, float("nan"), float("nan")
    return xs.size / gray.size, float(xs.mean()), float(ys.mean())
