"""Which way up a video frame is shown: the display matrix a phone writes instead of turning the pixels.

A phone held upright records landscape pixels and a rotation in the file (the display matrix, once the
``rotate`` tag); every player turns the picture when it shows it. Whoever draws a clip's frames (the
render, the page's thumbnails, the upload's size) must turn them the same way, or a portrait clip comes
out lying on its side. One place reads the turn, so they all agree with the players.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

__all__ = ["display_size", "quarter_turns", "turn_plane"]


def quarter_turns(frame: Any) -> int:
    """Counter-clockwise quarter turns (0-3) that show ``frame`` (a PyAV VideoFrame) the way players do.

    The display matrix's angle is counter-clockwise (FFmpeg's ``av_display_rotation_get``); an angle
    that is not a multiple of 90 degrees rounds to the nearest quarter, as FFmpeg's autorotate does.
    """
    try:
        degrees = float(getattr(frame, "rotation", 0) or 0)
    except (TypeError, ValueError):
        return 0
    return round(degrees / 90.0) % 4


def display_size(width: int, height: int, turns: int) -> tuple[int, int]:
    """The shown (width, height) of a ``width`` x ``height`` picture turned ``turns`` quarters."""
    return (height, width) if turns % 2 else (width, height)


def turn_plane(plane: np.ndarray, turns: int) -> np.ndarray:
    """``plane`` (rows x columns) turned ``turns`` quarters counter-clockwise (a view when 0)."""
    import numpy as np

    if not turns % 4:
        return plane
    turned: np.ndarray = np.ascontiguousarray(np.rot90(plane, turns % 4))
    return turned
