"""Title overlay: text drawn once with pillow in a CJK-capable font, blended onto YUV frames."""

from __future__ import annotations

import functools
import logging
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from skill.fonts import FONT_ENV, find_cjk_font, font_fix
from skill.timeline.vocab import TextSize, TitlePosition

from .errors import FontMissingError, ParameterError

__all__ = [
    "TEXT_MARGIN",
    "TEXT_SCALE",
    "TitleOverlay",
    "find_font",
    "missing_glyphs",
    "parse_colour",
    "render_title",
    "strip_emoji",
]

log = logging.getLogger(__name__)

_FALLBACK_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",)
_PROBE_PX = 24
_NEVER_A_GLYPH = "\U0010fffd"  # a private-use code point no title font draws: its rendering is the box
_MAX_LINES = 3
_MAX_CHARS = 200
# text height (of the frame's short side) per size, and the gap above a top / below a bottom text
TEXT_SCALE: dict[TextSize, float] = {"small": 0.055, "medium": 0.085, "large": 0.12}
TEXT_MARGIN = 0.12
_DARK_LUMA = 80


@dataclass(frozen=True, slots=True)
class TitleOverlay:
    """A pre-blended title: YUV values and alpha for a box at (x, y), all even-aligned.

    The constant half of the blend (value x alpha, and 256 - alpha) is computed once here, so each
    frame costs one multiply-add on the box.
    """

    x: int
    y: int
    luma: np.ndarray  # (h, w) uint16
    alpha: np.ndarray  # (h, w) uint16, 0..256
    chroma_u: np.ndarray  # (h/2, w/2) uint16
    chroma_v: np.ndarray
    alpha_c: np.ndarray  # (h/2, w/2) uint16, 0..256
    _parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = field(
        init=False, repr=False, compare=False, default_factory=list
    )

    def _prepare(self) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        if not self._parts:
            for val, a in (
                (self.luma, self.alpha),
                (self.chroma_u, self.alpha_c),
                (self.chroma_v, self.alpha_c),
            ):
                a16 = a.astype(np.uint16)
                inv = (256 - a16).astype(np.uint16)
                self._parts.append((inv, (val.astype(np.uint16) * a16).astype(np.uint16), np.empty_like(inv)))
        return self._parts

    def blend(self, y: np.ndarray, u: np.ndarray, v: np.ndarray) -> None:
        """Alpha-blend onto the planes in place (integer maths on the title box only)."""
        h, w = self.luma.shape
        cy, cx = self.y // 2, self.x // 2
        regions = (
            y[self.y : self.y + h, self.x : self.x + w],
            u[cy : cy + h // 2, cx : cx + w // 2],
            v[cy : cy + h // 2, cx : cx + w // 2],
        )
        for reg, (inv, premult, buf) in zip(regions, self._prepare(), strict=True):
            np.multiply(reg, inv, out=buf)
            buf += premult
            buf >>= 8
            reg[:] = buf


_EMOJI_RANGES = (
    (0x1F000, 0x1FAFF),  # emoji, pictographs, flags
    (0x2600, 0x27BF),  # dingbats, misc symbols
    (0xFE00, 0xFE0F),  # variation selectors
    (0x200D, 0x200D),  # zero-width joiner
    (0xE0000, 0xE007F),  # tags
)


def strip_emoji(text: str) -> str:
    """Drop emoji and their joiners: the CJK fonts have no colour glyphs and would draw boxes."""
    out = "".join(ch for ch in text if not any(lo <= ord(ch) <= hi for lo, hi in _EMOJI_RANGES))
    if out != text:
        log.info("title: emoji are not drawn")
    return " ".join(out.split()) if "\n" not in out else out


def find_font() -> str | None:
    """Path of the title font: ``SKILL_FONT`` when set, else one that covers Chinese, else a Latin
    fallback, else None (pillow's default). Text the chosen font cannot draw is refused, not boxed."""
    return _find_font(os.environ.get(FONT_ENV, "").strip())


@functools.lru_cache(maxsize=4)
def _find_font(explicit: str) -> str | None:
    if explicit and Path(explicit).is_file():
        return explicit
    cjk = find_cjk_font({})
    if cjk:
        return cjk
    for cand in _FALLBACK_FONTS:
        if Path(cand).is_file():
            log.info("no CJK font found; titles in Chinese will be refused (%s)", font_fix())
            return cand
    log.info("no TrueType font found; using pillow's built-in font")
    return None


def missing_glyphs(font, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The characters of ``text`` that ``font`` draws as its "missing glyph" box (or not at all)."""
    from PIL import Image, ImageDraw

    def drawn(ch: str) -> bytes:
        img = Image.new("L", (_PROBE_PX * 2, _PROBE_PX * 2))
        ImageDraw.Draw(img).text((4, 4), ch, font=probe, fill=255)
        return img.tobytes()

    probe = font.font_variant(size=_PROBE_PX) if hasattr(font, "font_variant") else font
    box = drawn(_NEVER_A_GLYPH)
    return [
        ch
        for ch in dict.fromkeys(text)
        if not ch.isspace() and unicodedata.category(ch)[0] not in "CMZ" and drawn(ch) == box
    ]


def _wrap(text: str, font, max_w: int, draw) -> list[str]:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line = ""
        # CJK has no spaces: break anywhere; Latin: prefer spaces
        tokens = para.split(" ") if " " in para else list(para)
        sep = " " if " " in para else ""
        for tok in tokens:
            trial = f"{line}{sep}{tok}" if line else tok
            if draw.textlength(trial, font=font) <= max_w or not line:
                line = trial
            else:
                lines.append(line)
                line = tok
        lines.append(line)
    return lines


def parse_colour(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` (or ``rrggbb``) to an RGB triple.

    Raises
    ------
    ParameterError
    """
    hexa = colour.strip().lstrip("#")
    if len(hexa) != 6 or any(c not in "0123456789abcdefABCDEF" for c in hexa):
        raise ParameterError(f"Text colour must look like #rrggbb, not {colour!r}")
    return int(hexa[0:2], 16), int(hexa[2:4], 16), int(hexa[4:6], 16)


def _top(position: TitlePosition, height: int, th: int) -> int:
    if position == "top":
        return int(height * TEXT_MARGIN) & ~1
    if position == "bottom":
        return max(0, height - th - int(height * TEXT_MARGIN)) & ~1
    return max(0, (height - th) // 2) & ~1


def render_title(
    text: str,
    *,
    width: int,
    height: int,
    position: TitlePosition = "top",
    size: TextSize = "medium",
    colour: str = "#ffffff",
) -> TitleOverlay | None:
    """Draw ``text`` (wrapped, shrunk to fit, at most three lines) into an overlay.

    ``size`` sets the starting letter height; long text still shrinks to fit three lines. The outline
    is black, or white for a dark ``colour``, so the text reads on any picture. Characters the font
    cannot draw (emoji) show as boxes or blanks; only a malformed ``colour`` raises.
    """
    fill = parse_colour(colour)
    from PIL import Image, ImageDraw, ImageFont

    from .visuals import rgb_to_yuv

    text = strip_emoji(" ".join(text.split()) if "\n" not in text else text.strip())
    text = text[:_MAX_CHARS]
    if not text:
        return None
    path = find_font()
    first = ImageFont.truetype(path, 24) if path else ImageFont.load_default(24)
    missing = missing_glyphs(first, text)
    if missing:  # boxes ("□□") in a video are worse than no video: say what to install
        shown = "".join(missing[:8])
        raise FontMissingError(
            f"No font on this machine can draw “{shown}” in the title. Fix: {font_fix()}; then export again."
        )
    max_w = int(width * 0.86)
    px = max(16, int(min(width, height) * TEXT_SCALE[size]))
    min_size = max(16, int(min(width, height) * 0.035))  # smaller is unreadable on a phone
    draw = ImageDraw.Draw(Image.new("L", (8, 8)))
    while True:
        font = ImageFont.truetype(path, px) if path else ImageFont.load_default()
        lines = _wrap(text, font, max_w, draw)
        if (
            len(lines) <= _MAX_LINES and all(draw.textlength(ln, font=font) <= max_w for ln in lines)
        ) or px <= min_size:
            break
        px = int(px * 0.85)
    if len(lines) > _MAX_LINES:  # still too long at the smallest size: cut with an ellipsis
        lines = lines[:_MAX_LINES]
        lines[-1] = lines[-1][:-1].rstrip() + "…"

    stroke = max(2, px // 14)
    dark = 0.2126 * fill[0] + 0.7152 * fill[1] + 0.0722 * fill[2] < _DARK_LUMA
    outline = (255, 255, 255, 230) if dark else (0, 0, 0, 230)
    spacing = int(px * 0.25)
    box = draw.multiline_textbbox(
        (0, 0), "\n".join(lines), font=font, spacing=spacing, align="center", stroke_width=stroke
    )
    tw, th = int(box[2] - box[0]) + 4 * stroke, int(box[3] - box[1]) + 4 * stroke
    tw, th = min(tw + (tw & 1), width & ~1), min(th + (th & 1), height & ~1)
    img = Image.new("RGBA", (tw, th), (0, 0, 0, 0))
    ImageDraw.Draw(img).multiline_text(
        (tw / 2, th / 2),
        "\n".join(lines),
        font=font,
        fill=(*fill, 255),
        anchor="mm",
        spacing=spacing,
        align="center",
        stroke_width=stroke,
        stroke_fill=outline,
    )
    rgba = np.asarray(img, dtype=np.float32)
    yuv = rgb_to_yuv(rgba[..., :3])
    alpha = rgba[..., 3] / 255.0
    x = ((width - tw) // 2) & ~1
    y = _top(position, height, th)
    a16 = np.round(alpha * 256).astype(np.uint16)
    ac = alpha.reshape(th // 2, 2, tw // 2, 2).mean(axis=(1, 3))
    uc = yuv[..., 1].reshape(th // 2, 2, tw // 2, 2).mean(axis=(1, 3))
    vc = yuv[..., 2].reshape(th // 2, 2, tw // 2, 2).mean(axis=(1, 3))
    return TitleOverlay(
        x=x,
        y=y,
        luma=np.round(yuv[..., 0]).astype(np.uint16),
        alpha=a16,
        chroma_u=np.round(uc).astype(np.uint16),
        chroma_v=np.round(vc).astype(np.uint16),
        alpha_c=np.round(ac * 256).astype(np.uint16),
    )
