"""Which font draws titles, whether it covers Chinese, and the exact fix when none does.

Titles are drawn by the local engine with pillow. A machine without a CJK font would draw Chinese as
boxes ("□□"), so ``doctor`` reports the font and the command that installs one, and the engine refuses
to draw text its font has no glyphs for (see ``engine/title.py``) instead of rendering boxes. Only the
stdlib here: ``doctor`` must stay light.
"""

from __future__ import annotations

import functools
import os
import platform
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

__all__ = ["FONT_ENV", "CJK_FONT_CANDIDATES", "find_cjk_font", "font_fix", "is_cjk_font_name"]

FONT_ENV = "SKILL_FONT"  # optional: a font file to draw titles with (no root needed)
CJK_FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)
_CJK_NAME_HINTS = ("cjk", "pingfang", "heiti", "msyh", "yahei", "wqy", "droidsansfallback", "sourcehan")
_FC_MATCH_TIMEOUT_S = 5.0


def is_cjk_font_name(path: str) -> bool:
    """True when a font file's name says it covers Chinese (Noto CJK, PingFang, YaHei, WenQuanYi...)."""
    name = Path(path).name.casefold().replace(" ", "").replace("-", "")
    return any(hint in name for hint in _CJK_NAME_HINTS)


@functools.lru_cache(maxsize=4)
def _system_cjk_font() -> str | None:
    if shutil.which("fc-match"):
        try:
            out = subprocess.run(
                ["fc-match", "-f", "%{file}", "sans-serif:lang=zh-cn:weight=bold"],
                capture_output=True,
                text=True,
                timeout=_FC_MATCH_TIMEOUT_S,
                check=False,
            ).stdout.strip()
            if out and is_cjk_font_name(out) and Path(out).is_file():
                return out
        except (OSError, subprocess.SubprocessError):
            pass
    return next((c for c in CJK_FONT_CANDIDATES if Path(c).is_file()), None)


def find_cjk_font(environ: Mapping[str, str] | None = None) -> str | None:
    """The font titles use when it covers Chinese: ``SKILL_FONT`` if it names a CJK font file, else one
    installed on the system; None when there is none."""
    env = os.environ if environ is None else environ
    chosen = (env.get(FONT_ENV) or "").strip()
    if chosen:
        return chosen if Path(chosen).is_file() and is_cjk_font_name(chosen) else None
    return _system_cjk_font()


def font_fix() -> str:
    """The command that installs a CJK font on this machine (or how to point at one without root)."""
    system = platform.system()
    if system == "Darwin":
        return "macOS ships PingFang; if it is missing: brew install --cask font-noto-sans-cjk"
    if system == "Windows":
        return "install the Microsoft YaHei font (Settings > Fonts), or set SKILL_FONT to a CJK font file"
    if shutil.which("apt-get"):
        return "sudo apt-get install -y fonts-noto-cjk (or set SKILL_FONT=/path/to/a/CJK-font.ttc)"
    if shutil.which("dnf"):
        return "sudo dnf install -y google-noto-sans-cjk-fonts (or set SKILL_FONT=/path/to/a/CJK-font.ttc)"
    if shutil.which("apk"):
        return "apk add font-noto-cjk (or set SKILL_FONT=/path/to/a/CJK-font.ttc)"
    if shutil.which("pacman"):
        return "sudo pacman -S noto-fonts-cjk (or set SKILL_FONT=/path/to/a/CJK-font.ttc)"
    return "install Noto Sans CJK, or set SKILL_FONT=/path/to/a/CJK-font.ttc"
