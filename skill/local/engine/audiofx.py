"""Fades of the finished soundtrack: the music rises from and falls to silence with the picture."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["DECLICK_S", "fade_audio"]

# even without a fade, the first and last samples ramp over this long, so the excerpt does not click
DECLICK_S = 0.05


def fade_audio(audio: np.ndarray, sr: int, *, fade_in_s: float = 0.0, fade_out_s: float = 0.0) -> None:
    """Fade ``audio`` (channels, samples) in place; the first sample of a fade in and the last of a
    fade out are silent.

    A real fade is a squared ramp (gain = x**2) because loudness is heard in decibels: with a linear
    ramp the last 50 ms of a 1-s fade are only 26 dB down; squared, they are 50 dB down and the video
    ends in silence. Without a fade the ends still ramp linearly over ``DECLICK_S``.
    """
    import numpy as np

    n = audio.shape[1]
    for seconds, at_start in ((fade_in_s, True), (fade_out_s, False)):
        is_fade = seconds > DECLICK_S
        m = min(round((seconds if is_fade else DECLICK_S) * sr), n if is_fade else n // 2)
        if m <= 0:
            continue
        ramp = np.linspace(0.0, 1.0, m, dtype=np.float32)
        if is_fade:
            ramp *= ramp
        if at_start:
            audio[:, :m] *= ramp
        else:
            audio[:, n - m :] *= ramp[::-1]
