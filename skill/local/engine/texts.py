"""The texts of a render: every cue drawn once, then blended on the frames it covers."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .title import render_title

if TYPE_CHECKING:
    from .renderplan import TextCue
    from .title import TitleOverlay
    from .visuals import FrameBuffer

__all__ = ["TextLayer"]

_STACK_GAP = 0.02  # of the frame height, between two texts stacked at one position


class TextLayer:
    """Overlays for ``cues``; a cue shows on frames ``[round(start_s*fps), round(end_s*fps))``.

    Two cues at the same position whose times overlap are stacked (the later one below a top or
    centre text, above a bottom one) instead of drawn over each other.
    """

    def __init__(self, cues: Sequence[TextCue], *, width: int, height: int, fps: int, n_frames: int) -> None:
        self.items: list[tuple[TitleOverlay, int, int]] = []
        placed: list[tuple[TextCue, TitleOverlay, int, int]] = []
        for cue in cues:
            overlay = render_title(
                cue.text, width=width, height=height, position=cue.position, size=cue.size, colour=cue.colour
            )
            first = max(0, round(cue.start_s * fps))
            last = min(n_frames, round(cue.end_s * fps))
            if overlay is None or last <= first:
                continue
            for other, o_overlay, o_first, o_last in placed:
                if other.position == cue.position and first < o_last and o_first < last:
                    overlay = _stack(overlay, o_overlay, cue, height)
            placed.append((cue, overlay, first, last))
            self.items.append((overlay, first, last))

    def __bool__(self) -> bool:
        return bool(self.items)

    def blend(self, i: int, fb: FrameBuffer) -> None:
        for overlay, first, last in self.items:
            if first <= i < last:
                overlay.blend(fb.y, fb.u, fb.v)


def _stack(overlay: TitleOverlay, under: TitleOverlay, cue: TextCue, height: int) -> TitleOverlay:
    h = overlay.luma.shape[0]
    gap = int(height * _STACK_GAP)
    y = under.y - gap - h if cue.position == "bottom" else under.y + under.luma.shape[0] + gap
    y = min(max(0, y), height - h) & ~1
    return dataclasses.replace(overlay, y=y)
