"""The small readers the creator's edit words share: seconds and milliseconds, clock times, clauses,
negation right before a word, whole words, which section and which one of it.

Part of :mod:`skill.local.edit_cues`; the word lists themselves are data in :mod:`skill.local.edit_words`.
"""

from __future__ import annotations

import re

from skill.text.numbers import ZH_NUM, parse_number
from skill.timeline.vocab import SectionLabel

from . import edit_words as V

__all__ = [
    "AT_END",
    "AT_SECONDS",
    "AT_START",
    "CLAUSES",
    "FADE_AS_TRANSITION",
    "FADE_TRANSITIONS",
    "HALF_SECOND",
    "MIN_SEC",
    "MMSS",
    "MS",
    "NUM",
    "QUOTED",
    "SECONDS",
    "TRANSITION_WORDS",
    "seconds_near",
    "has",
    "negated",
    "own_clause",
    "seconds_in",
    "section_named",
    "word",
]

NUM = r"(\d+(?:\.\d+)?)"
SECONDS = re.compile(rf"(\d+(?:\.\d+)?|{ZH_NUM})\s*(?:s\b|sec|second|秒)")
HALF_SECOND = re.compile(r"half a second|half-second|半秒")
MMSS = re.compile(r"(?<![\d.])(\d{1,2})[:：](\d{2})(?![\d:])")
MIN_SEC = re.compile(r"(\d+)\s*(?:分|min(?:ute)?s?\s*)\s*(\d+)?\s*(?:秒|s\b|sec)?")
AT_SECONDS = re.compile(
    rf"(?:start|begin|from|at|从|從|开始于)\s*(?:at\s*|from\s*)?{NUM}\s*(?:s\b|sec|second|秒)"
)
TITLE_SECONDS = re.compile(
    rf"(?:for|lasts?|last for|显示|顯示|持续|持續|停留|保持|出现|出現)\s*(\d+(?:\.\d+)?|{ZH_NUM})\s*(?:s\b|sec|second|秒)"
)
MS = re.compile(r"([+\-−]?\s*\d+)\s*(?:ms\b|milli|毫秒)")
CLAUSES = re.compile(r"[,，;；。]|\band\b|\bbut\b|然后|然後")
QUOTED = re.compile(r"[\"“”「『‘'](.+?)[\"“”」』’']")


AT_START = ("at the start", "at the beginning", "开头", "開頭", "开始", "開始", "片头", "片頭")
AT_END = ("at the end", "in the end", "结尾", "結尾", "最后", "最後", "片尾", "末尾", "ending")
TRANSITION_WORDS = tuple(w for kind, ws in V.TRANSITIONS if kind != "cut" for w in ws)
FADE_TRANSITIONS = tuple(w for w in TRANSITION_WORDS if "fade" in w or "淡" in w)
# a fade named as the transition ("转场用淡入淡出", "fade transitions", "過渡用淡化"): a crossfade
_TRANSITION_NOUN = r"(?:转场|轉場|过渡|過渡|transitions?)"
_FADE_NOUN = r"(?:淡入淡出|淡化|渐变|漸變|fades?|fading)"
FADE_AS_TRANSITION = re.compile(
    rf"{_TRANSITION_NOUN}[^,，。;；]{{0,6}}?{_FADE_NOUN}|{_FADE_NOUN}\s*(?:的|式)?\s*{_TRANSITION_NOUN}"
)


def has(text: str, *words: str) -> bool:
    return any(w in text for w in words)


def word(text: str, word: str) -> bool:
    """``word`` as a whole word in Latin text ("gold" is not in "golden"); anywhere in Chinese."""
    if not word.isascii():
        return word in text
    return re.search(rf"\b{re.escape(word)}\b", text) is not None


def negated(text: str, *words: str) -> bool:
    """A negation right before one of ``words`` ("no fade", "不要淡出", "without the flash")."""
    for w in words:
        for m in re.finditer(re.escape(w), text):
            before = text[max(0, m.start() - 14) : m.start()]
            if any(before.rstrip().endswith(n) or f"{n} " in before[-len(n) - 6 :] for n in V.NEGATION):
                return True
    return False


def removed_after(text: str, *words: str) -> bool:
    """One of ``words`` taken away after it is named: "把flash效果去掉", "the flash off", "闪白不要了"."""
    for w in words:
        for m in re.finditer(re.escape(w), text):
            after = text[m.end() : m.end() + 12]
            if _REMOVED_AFTER.match(after):
                return True
    return False


_REMOVED_AFTER = re.compile(
    r"\s*(?:effects?\s*)?(?:特效|效果)?\s*(?:去掉|删掉|刪掉|拿掉|关掉|關掉|取消|去除|移除|不要了|不用了|off\b)"
)


def seconds_near(text: str, words: tuple[str, ...]) -> str:
    """Where the seconds of the edit named by ``words`` are read: in its own clause, the number of
    seconds nearest it ("a 6 second highlight with a 2 second fade out": 2 for the fade)."""
    clause = next((c for c in CLAUSES.split(text) if has(c, *words)), "")
    spots = [m.start() for w in words for m in re.finditer(re.escape(w), clause)]
    found = [*SECONDS.finditer(clause), *HALF_SECOND.finditer(clause)]
    if not spots or not found:
        return ""
    return min(found, key=lambda m: min(abs(m.start() - p) for p in spots)).group(0)


def seconds_in(text: str) -> float | None:
    if HALF_SECOND.search(text):
        return 0.5
    m = SECONDS.search(text)
    return parse_number(m.group(1)) if m else None


def section_named(text: str) -> tuple[SectionLabel, int] | None:
    for label, words in V.SECTIONS:
        for w in words:
            i = text.find(w)
            if i < 0:
                continue
            before = text[max(0, i - 12) : i]
            nth = next((n for word, n in V.ORDINALS if word in before), 1)
            return label, nth
    return None


def own_clause(text: str, words: tuple[str, ...]) -> str:
    return next((c for c in CLAUSES.split(text) if has(c, *words)), text)
