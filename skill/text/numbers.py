"""Numbers, lengths and clock times in English and Chinese ("1:05", "1分05秒", "九十秒", "half a minute").

Every pattern here is linear: a number starts only where a run of digits (or numerals) starts (a
look-behind), and quantifiers are bounded, so a megabyte of digits costs one pass, not a square.
"""

from __future__ import annotations

import re

from .normalise import MAX_INPUT_CHARS

__all__ = [
    "EN_NUM",
    "ZH_NUM",
    "parse_clock_s",
    "parse_duration_s",
    "parse_level",
    "parse_number",
    "parse_percent",
]

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_EN_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# aspect ratios look like clock times; they are never lengths
RATIOS = frozenset({"9:16", "16:9", "1:1", "4:5", "5:4", "4:3", "3:4", "21:9", "2:1", "1:2"})

ZH_NUM = r"(?<![零〇一二两兩三四五六七八九十百])[零〇一二两兩三四五六七八九十百]{1,8}"
_DIGITS = r"(?<![\d.])\d{1,6}(?:\.\d{1,3})?(?![\d])"
_EN_WORD = (
    r"\b(?:(?:"
    + "|".join(_TENS)
    + r")[-\s]?(?:one|two|three|four|five|six|seven|eight|nine)\b|"
    + "|".join(sorted(_EN_NUMBERS, key=len, reverse=True))
    + r")\b"
)
EN_NUM = _EN_WORD  # "five", "forty-five" (whole words)
_NUM = rf"({_DIGITS}|{ZH_NUM}|{_EN_WORD})"
# not \b: "30s再导出" has no word boundary after the s (a Chinese character is a word character)
_SEC_UNIT = r"(?:seconds?(?![a-z])|secs?(?![a-z])|s(?![a-z])|秒钟|秒鐘|秒)"
_MIN_UNIT = r"(?:minutes?(?![a-z])|mins?(?![a-z])|m(?![a-z])|分钟|分鐘|分(?!之))"
_AN = r"\b(?:a|an|one)\b"

_CLOCK = re.compile(r"(?<![\d:.])(\d{1,2}):([0-5]\d)(?![\d:])")
_ZH_MIN_SEC = re.compile(rf"{_NUM}\s*(?:分钟|分鐘|分)\s*(?:零\s*)?{_NUM}\s*(?:秒钟|秒鐘|秒)?")
_ZH_MIN_HALF = re.compile(rf"{_NUM}\s*(?:分钟|分鐘|分)\s*半|{_NUM}\s*(?:个|個)?\s*半\s*(?:分钟|分鐘)")
_EN_MIN_SEC = re.compile(rf"{_NUM}\s*{_MIN_UNIT}\s*(?:and\s+)?{_NUM}\s*{_SEC_UNIT}", re.IGNORECASE)
_EN_AND_HALF = re.compile(
    rf"(?:{_NUM}|{_AN})\s+and\s+a\s+half\s+minutes?\b|(?:{_AN})\s+minute\s+and\s+a\s+half\b", re.IGNORECASE
)
_HALF_MINUTE = re.compile(r"\bhalf\s+(?:a\s+)?minute\b|半分钟|半分鐘", re.IGNORECASE)
_SECONDS = re.compile(rf"{_NUM}\s*(?:-\s*)?{_SEC_UNIT}", re.IGNORECASE)
_MINUTES = re.compile(rf"(?:{_NUM}|({_AN}))\s*(?:-\s*)?{_MIN_UNIT}", re.IGNORECASE)
_PERCENT = re.compile(rf"{_NUM}\s*(?:%|percent\b)|百分之\s*{_NUM}", re.IGNORECASE)


# a level said in words: "六成" (6 tenths), "三分之一", "two thirds", "a quarter", "7 out of 10", "调到一半"
_TENTHS = re.compile(
    r"(?<![\d零〇一二两兩三四五六七八九十百])(10|[1-9]|[一二两兩三四五六七八九十])\s*成(半)?"
)
_ZH_FRACTION = re.compile(rf"{_NUM}\s*分之\s*{_NUM}")
_EN_FRACTION = re.compile(
    r"\b(a|an|one|two|three|four|five|six|seven|eight|nine)\s+"
    r"(halves|half|thirds?|quarters?|fourths?|fifths?|tenths?)\b"
)
_OUT_OF = re.compile(rf"{_NUM}\s*(?:/|out of|of)\s*(10|100)\b")
_HALF = re.compile(r"\b(?:to|at|by)\s+half\b|(?:到|成|为|為|至)\s*一半")
_PARTS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "tenth": 10}


def _zh_number(text: str) -> int | None:
    """Parse a Chinese numeral up to 999: 十五, 三十, 一百二十, 两."""
    total, current = 0, 0
    for ch in text:
        if ch in _ZH_DIGITS:
            current = current * 10 + _ZH_DIGITS[ch] if current and ch not in "十百" else _ZH_DIGITS[ch]
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
    """Parse "15", "2.5", "fifteen", "forty-five", "a" or "十五" (None when it is not a number)."""
    token = token.strip().casefold()
    try:
        return float(token)
    except ValueError:
        pass
    if token in ("a", "an"):
        return 1.0
    if token in _EN_NUMBERS:
        return float(_EN_NUMBERS[token])
    parts = token.replace("-", " ").split()
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _EN_NUMBERS:
        return float(_EN_NUMBERS[parts[0]] + _EN_NUMBERS[parts[1]])
    value = _zh_number(token) if token else None
    return float(value) if value is not None else None


def _num(group: str | None) -> float | None:
    return parse_number(group) if group else None


def parse_clock_s(text: str) -> float | None:
    """The first "m:ss" in text, in seconds ("1:05" -> 65); aspect ratios ("9:16") are not times."""
    for match in _CLOCK.finditer(text[:MAX_INPUT_CHARS]):
        if match.group(0) not in RATIOS:
            return int(match.group(1)) * 60.0 + int(match.group(2))
    return None


def parse_duration_s(text: str) -> float | None:
    """The first length named in text, in seconds; None when there is none.

    Examples
    --------
    >>> [parse_duration_s(t) for t in ("make it 1:05", "1分05秒", "九十秒", "half a minute", "9:16 for Instagram")]
    [65.0, 65.0, 90.0, 30.0, None]
    """
    text = text[:MAX_INPUT_CHARS]  # a sentence; a pasted megabyte is read as its first lines
    found: list[tuple[int, float]] = []

    def add(start: int, value: float | None) -> None:
        if value is not None and value > 0:
            found.append((start, value))

    clock = parse_clock_s(text)
    if clock is not None:
        at = next(c.start() for c in _CLOCK.finditer(text) if c.group(0) not in RATIOS)
        add(at, clock)
    if m := _ZH_MIN_SEC.search(text):
        minutes, seconds = _num(m.group(1)), _num(m.group(2))
        if minutes is not None and seconds is not None:
            add(m.start(), minutes * 60 + seconds)
    if m := _ZH_MIN_HALF.search(text):
        minutes = _num(m.group(1) or m.group(2))
        add(m.start(), minutes * 60 + 30 if minutes is not None else None)
    if m := _EN_MIN_SEC.search(text):
        minutes, seconds = _num(m.group(1)), _num(m.group(2))
        if minutes is not None and seconds is not None:
            add(m.start(), minutes * 60 + seconds)
    if m := _EN_AND_HALF.search(text):
        whole = _num(m.group(1)) or 1.0
        add(m.start(), whole * 60 + 30)
    if m := _HALF_MINUTE.search(text):
        add(m.start(), 30.0)
    if m := _SECONDS.search(text):
        add(m.start(), _num(m.group(1)))
    if m := _MINUTES.search(text):
        value = _num(m.group(1)) if m.group(1) else 1.0
        add(m.start(), value * 60 if value is not None else None)
    if not found:
        return None
    # the earliest mention wins; at one position the longest reading ("1分05秒" over "1分")
    first = min(start for start, _ in found)
    return max(value for start, value in found if start == first)


def parse_percent(text: str) -> float | None:
    """The first percentage ("40%", "百分之三十", "forty percent") as a number of percent."""
    m = _PERCENT.search(text[:MAX_INPUT_CHARS])
    if m is None:
        return None
    return _num(m.group(1) or m.group(2))


def parse_level(text: str) -> float | None:
    """The first level named as a fraction: "60%", "百分之六十", "六成", "三分之二", "two thirds",
    "7 out of 10", "调到一半" ("half" after to/at/by) are 0.6, 0.6, 0.6, 0.667, 0.667, 0.7, 0.5.

    Examples
    --------
    >>> [parse_level(t) for t in ("音量调到六成", "music at sixty percent", "a quarter", "3 out of 10")]
    [0.6, 0.6, 0.25, 0.3]
    """
    text = text[:MAX_INPUT_CHARS]
    found: list[tuple[int, float]] = []
    if (m := _PERCENT.search(text)) and (value := _num(m.group(1) or m.group(2))) is not None:
        found.append((m.start(), value / 100))
    if (m := _TENTHS.search(text)) and (value := _num(m.group(1))) is not None:
        found.append((m.start(), value / 10 + (0.05 if m.group(2) else 0.0)))
    if m := _ZH_FRACTION.search(text):
        whole, part = _num(m.group(1)), _num(m.group(2))
        if whole and part is not None and part <= whole:
            found.append((m.start(), part / whole))
    if m := _EN_FRACTION.search(text):
        count = parse_number(m.group(1)) or 1.0
        parts = _PARTS[m.group(2).removesuffix("s") if m.group(2) != "halves" else "halves"]
        if count <= parts:
            found.append((m.start(), count / parts))
    if (m := _OUT_OF.search(text)) and (value := _num(m.group(1))) is not None and value <= float(m.group(2)):
        found.append((m.start(), value / float(m.group(2))))
    if m := _HALF.search(text):
        found.append((m.start(), 0.5))
    return round(min(found)[1], 3) if found else None
