"""Picture effects keyed on the render plan: transitions between shots, beat effects, fades to black.

Every effect is scheduled once, before the first frame, as a few steps per affected frame; frames
without a step cost nothing. The steps are integer maths on the uint8 YUV planes (a tone towards
black or white, a blend with the held last frame of the previous shot) or one swscale resize of a
crop (zoom punch, shake), so a 30-s highlight with fades, transitions and a title costs little more
than a plain one (see benchmarks/bench_edits.py).

Crossfades blend the incoming shot with the outgoing shot's last frame, held: the drawer renders one
shot at a time, and a held frame over a quarter of a second reads as a dissolve.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from skill.timeline.vocab import DEFAULT_TRANSITION_S, Effect, Transition

if TYPE_CHECKING:
    from .renderplan import ShotPlan
    from .visuals import FrameBuffer

__all__ = ["EFFECT_S", "PictureFx", "ShotStyle", "style_of"]

# limited-range YUV: black and white luma, neutral chroma
_BLACK_Y, _WHITE_Y, _NEUTRAL_C = 16, 235, 128
FULL = 256
# how long each beat effect lasts on the first frames of its shot
EFFECT_S: dict[Effect, float] = {"none": 0.0, "flash": 0.15, "zoom": 0.2, "shake": 0.25}
_FLASH_PEAK = 0.75
_ZOOM_PEAK = 0.14
_SHAKE_ZOOM = 1.06
_SHAKE_AMPLITUDE = 0.025  # of the frame width, inside the shake zoom's margin
_MAX_SHARE = 3  # a transition takes at most 1/_MAX_SHARE of the shots it joins


@dataclass(frozen=True, slots=True)
class ShotStyle:
    """How a shot begins: its transition from the previous shot and its beat effect."""

    transition: Transition = "cut"
    transition_s: float = 0.0
    effect: Effect = "none"


def style_of(shot: ShotPlan) -> ShotStyle:
    return ShotStyle(shot.transition, shot.transition_s, shot.effect)


@dataclass(frozen=True, slots=True)
class _Tone:
    """Move the picture towards black (``white`` False) or white by ``amount``/256."""

    amount: int
    white: bool


@dataclass(frozen=True, slots=True)
class _Mix:
    """Blend ``amount``/256 of the held frame over the picture."""

    amount: int


@dataclass(frozen=True, slots=True)
class _Warp:
    """Show the centre crop ``1/scale`` of the frame, moved by (dx, dy) of the width, full size."""

    scale: float
    dx: float
    dy: float


_Step = _Tone | _Mix | _Warp


def _amount(x: float) -> int:
    return max(0, min(FULL, round(x * FULL)))


class PictureFx:
    """The per-frame picture steps of one render: ``shot(i, fb)`` before texts, ``fade(i, fb)`` after.

    ``segments`` are the shots' ``[first, end)`` frames; ``styles`` align with them (missing: a cut).
    """

    def __init__(
        self,
        segments: Sequence[tuple[int, int]],
        styles: Sequence[ShotStyle],
        *,
        fps: int,
        n_frames: int,
        fade_in_s: float = 0.0,
        fade_out_s: float = 0.0,
    ) -> None:
        self.steps: dict[int, list[_Step]] = {}
        self.snapshots: set[int] = set()
        self.fades: dict[int, int] = {}
        for k in range(1, len(segments)):
            style = styles[k] if k < len(styles) else ShotStyle()
            self._schedule_transition(segments[k - 1], segments[k], style, fps)
        for k, seg in enumerate(segments):
            style = styles[k] if k < len(styles) else ShotStyle()
            self._schedule_effect(seg, style.effect, fps, k)
        n_in = min(round(max(fade_in_s, 0.0) * fps), n_frames)
        n_out = min(round(max(fade_out_s, 0.0) * fps), n_frames)
        for i in range(n_in):
            self.fades[i] = _amount(1.0 - i / n_in)
        for j in range(n_out):  # the last frame is fully black
            i = n_frames - n_out + j
            self.fades[i] = max(self.fades.get(i, 0), _amount((j + 1) / n_out))
        self._held: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._scratch: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}

    def _add(self, i: int, step: _Step) -> None:
        self.steps.setdefault(i, []).append(step)

    def _schedule_transition(
        self, prev: tuple[int, int], cur: tuple[int, int], style: ShotStyle, fps: int
    ) -> None:
        if style.transition == "cut":
            return
        n = max(1, round((style.transition_s or DEFAULT_TRANSITION_S) * fps))
        # at most a third of either shot: past that the beat no longer reads as a cut
        n = min(n, max(1, (cur[1] - cur[0]) // _MAX_SHARE), max(1, (prev[1] - prev[0]) // _MAX_SHARE))
        cut = cur[0]
        if style.transition == "crossfade":
            n = min(n, cur[1] - cur[0] - 1)
            if n < 1:
                return
            self.snapshots.add(cut - 1)
            for j in range(n):
                self._add(cut + j, _Mix(_amount((n - j) / (n + 1))))
            return
        white = style.transition == "dip_white"
        half = max(1, math.ceil(n / 2))
        before = min(half - 1, prev[1] - prev[0] - 1)
        after = min(half, cur[1] - cur[0])
        for j in range(1, before + 1):  # darkest at the cut
            self._add(cut - j, _Tone(_amount(1.0 - j / half), white))
        for j in range(after):
            self._add(cut + j, _Tone(_amount(1.0 - j / half), white))

    def _schedule_effect(self, seg: tuple[int, int], effect: Effect, fps: int, k: int) -> None:
        if effect == "none":
            return
        n = min(max(1, round(EFFECT_S[effect] * fps)), seg[1] - seg[0])
        for j in range(n):
            decay = 1.0 - j / n
            if effect == "flash":
                self._add(seg[0] + j, _Tone(_amount(_FLASH_PEAK * decay), white=True))
            elif effect == "zoom":
                self._add(seg[0] + j, _Warp(1.0 + _ZOOM_PEAK * decay, 0.0, 0.0))
            elif effect == "shake":
                # a fixed pattern per shot, so a render is reproducible
                sign = 1.0 if (j + k) % 2 else -1.0
                dx, dy = sign * _SHAKE_AMPLITUDE * decay, -sign * 0.6 * _SHAKE_AMPLITUDE * decay
                self._add(seg[0] + j, _Warp(_SHAKE_ZOOM, dx, dy))

    @property
    def is_empty(self) -> bool:
        return not (self.steps or self.fades)

    def shot(self, i: int, fb: FrameBuffer) -> None:
        """Apply frame ``i``'s transition and effect steps, then hold the frame if a crossfade needs it."""
        for step in self.steps.get(i, ()):
            if isinstance(step, _Tone):
                self._tone(fb, step.amount, step.white)
            elif isinstance(step, _Mix):
                self._mix(fb, step.amount)
            else:
                _warp(fb, step)
        if i in self.snapshots:  # held as uint16: the blend then casts only the live frame
            self._held = (fb.y.astype(np.uint16), fb.u.astype(np.uint16), fb.v.astype(np.uint16))

    def fade(self, i: int, fb: FrameBuffer) -> None:
        """The fade to or from black of frame ``i`` (over texts too: a fade takes everything with it)."""
        amount = self.fades.get(i, 0)
        if amount:
            self._tone(fb, amount, white=False)

    def _bufs(self, plane: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        shape = (int(plane.shape[0]), int(plane.shape[1]))
        if shape not in self._scratch:
            self._scratch[shape] = (np.empty(shape, np.uint16), np.empty(shape, np.uint16))
        return self._scratch[shape]

    def _tone(self, fb: FrameBuffer, amount: int, white: bool) -> None:
        luma = _WHITE_Y if white else _BLACK_Y
        for plane, target in ((fb.y, luma), (fb.u, _NEUTRAL_C), (fb.v, _NEUTRAL_C)):
            if amount >= FULL:
                plane[:] = target
                continue
            buf, _ = self._bufs(plane)
            np.multiply(plane, FULL - amount, out=buf, dtype=np.uint16)
            buf += target * amount
            buf >>= 8
            plane[:] = buf

    def _mix(self, fb: FrameBuffer, amount: int) -> None:
        if self._held is None:
            return
        for plane, held in zip((fb.y, fb.u, fb.v), self._held, strict=True):
            buf, tmp = self._bufs(plane)
            np.multiply(plane, FULL - amount, out=buf, dtype=np.uint16)
            np.multiply(held, amount, out=tmp)
            buf += tmp
            buf >>= 8
            plane[:] = buf


def _warp(fb: FrameBuffer, step: _Warp) -> None:
    """Scale the crop back to full size with swscale (bilinear, in C)."""
    import av

    h, w = fb.y.shape
    cw, ch = int(w / step.scale) & ~3, int(h / step.scale) & ~3
    x0 = min(max(((w - cw) // 2 + round(step.dx * w)) & ~1, 0), w - cw)
    y0 = min(max(((h - ch) // 2 + round(step.dy * w)) & ~1, 0), h - ch)
    crop = np.empty((ch * 3 // 2, cw), np.uint8)
    crop[:ch] = fb.y[y0 : y0 + ch, x0 : x0 + cw]
    q = ch // 4
    crop[ch : ch + q] = fb.u[y0 // 2 : (y0 + ch) // 2, x0 // 2 : (x0 + cw) // 2].reshape(q, cw)
    crop[ch + q :] = fb.v[y0 // 2 : (y0 + ch) // 2, x0 // 2 : (x0 + cw) // 2].reshape(q, cw)
    frame = av.VideoFrame.from_ndarray(crop, format="yuv420p")
    out = frame.reformat(width=w, height=h, format="yuv420p", interpolation="BILINEAR").to_ndarray()
    q = h // 4
    fb.y[:] = out[:h]
    fb.u[:] = out[h : h + q].reshape(h // 2, w // 2)
    fb.v[:] = out[h + q :].reshape(h // 2, w // 2)
