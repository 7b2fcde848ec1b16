"""Title overlays: CJK font lookup, emoji, very long text."""

from __future__ import annotations

import pytest

from skill.local.engine.title import find_font, render_title, strip_emoji
from skill.local.engine.visuals import FrameBuffer


def test_cjk_font_found() -> None:
    path = find_font()
    if path is None or "CJK" not in path:
        pytest.skip("no Noto CJK font installed (apt package fonts-noto-cjk)")
    assert path.endswith((".ttc", ".otf", ".ttf"))


def test_emoji_are_dropped_not_drawn_as_boxes() -> None:
    assert strip_emoji("夏日 Highlights 🎵👍🏽 ❤️ ok") == "夏日 Highlights ok"
    assert render_title("🎵🎵", width=1920, height=1080) is None


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1080, 1920), (1080, 1080)])
@pytest.mark.parametrize(
    "text", ["夏日 Highlights", "很长的标题" * 40, "A very long English title " * 12, "x"]
)
def test_overlay_fits_and_blends(width: int, height: int, text: str) -> None:
    overlay = render_title(text, width=width, height=height)
    assert overlay is not None
    h, w = overlay.luma.shape
    assert overlay.x >= 0 and overlay.y >= 0
    assert overlay.x + w <= width and overlay.y + h <= height
    assert w % 2 == 0 and h % 2 == 0
    fb = FrameBuffer(width, height)
    fb.y[:] = 16
    overlay.blend(fb.y, fb.u, fb.v)
    assert fb.y.max() > 200  # white text is there
