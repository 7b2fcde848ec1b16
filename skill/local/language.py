"""Language helpers of the local agent: which language a message is in, and the lengths it names."""

from __future__ import annotations

import re

__all__ = ["ZH_NUM", "detect_language", "parse_duration_s", "parse_number"]

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# characters written differently in the two scripts (common ones, enough to tell them apart)
_HANT_ONLY = frozenset(
    "這們來時說為會點麼與視頻標題豎橫調聲樂長縮撤銷還幫節輯錄個兩從對開關後裡邊嗎於無畫頁選擇請謝讓變網設覽預顯樣滿現線刪擊聽導換約錦間沒歡實體將"
)
_HANS_ONLY = frozenset(
    "这们来时说为会点么与视频标题竖横调声乐长缩撤销还帮节辑录个两从对开关后里边吗于无画页选择请谢让变网设览预显样满现线删击听导换约锦间没欢实体将"
)


def detect_language(text: str) -> str:
    """``zh-Hant`` or ``zh`` (simplified) when the text has CJK ideographs, else ``en``."""
    if not _CJK.search(text):
        return "en"
    hant = sum(ch in _HANT_ONLY for ch in text)
    hans = sum(ch in _HANS_ONLY for ch in text)
    return "zh-Hant" if hant > hans else "zh"


# ---------------------------------------------------------------------------------------- numbers
_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_EN_NUMBERS = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
}  # fmt: skip
ZH_NUM = r"[零〇一二两兩三四五六七八九十百]+"


def _zh_number(text: str) -> int | None:
    """Parse a small Chinese numeral (up to 999): 十五, 三十, 一百二十, 两."""
    total, current = 0, 0
    for ch in text:
        if ch in _ZH_DIGITS:
            current = _ZH_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def parse_number(token: str) -> float | None:
    """Parse "15", "2.5", "fifteen" or "十五" (None when it is not a number)."""
    token = token.strip()
    try:
        return float(token)
    except ValueError:
        pass
    if token in _EN_NUMBERS:
        return float(_EN_NUMBERS[token])
    value = _zh_number(token)
    return float(value) if value is not None else None


# A number may only start where a run of digits (or of Chinese numerals) starts: without the
# look-behinds every position inside a long run is tried, each scanning to its end (quadratic).
_NUM = (
    rf"((?<![\d.])\d+(?:\.\d+)?|(?<![零〇一二两兩三四五六七八九十百]){ZH_NUM}|"
    rf"{'|'.join(sorted(_EN_NUMBERS, key=len, reverse=True))})"
)
_SECONDS = re.compile(rf"{_NUM}\s*(?:-\s*)?(?:seconds?|secs?|s\b|秒钟|秒鐘|秒)", re.IGNORECASE)
_MINUTES = re.compile(rf"{_NUM}\s*(?:-\s*)?(?:minutes?|mins?|m\b|分钟|分鐘|分)", re.IGNORECASE)
_HALF_MINUTE = re.compile(r"half\s+a\s+minute|半分钟|半分鐘", re.IGNORECASE)


def parse_duration_s(text: str) -> float | None:
    """Return the first length named in ``text`` in seconds ("15 seconds", "1 minute", "30秒", "一分钟")."""
    if _HALF_MINUTE.search(text):
        return 30.0
    best: tuple[int, float] | None = None
    for pattern, scale in ((_SECONDS, 1.0), (_MINUTES, 60.0)):
        for match in pattern.finditer(text):
            value = parse_number(match.group(1).lower())
            if value is not None and value > 0 and (best is None or match.start() < best[0]):
                best = (match.start(), value * scale)
            break
    return best[1] if best is not None else None
