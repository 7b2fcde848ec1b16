"""Typo repair: an English word one slip from a known word, and a Chinese input-method homophone.

Pinyin IMEs offer characters by sound, so a slip picks a homophone: 导处 for 导出, 装态 for 状态, 上穿 for
上传. A window of the text that differs from a known phrase in one character is repaired when that
character sounds the same (toneless pinyin, any reading), compared with pypinyin's character table. The
table is loaded only when a window could be such a slip, so text with no near miss never pays for it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

__all__ = ["ImeIndex", "fix_latin", "ime_index", "one_slip", "pinyin", "repair_ime", "within_one_edit"]

MAX_REPAIR_CHARS = 600  # as many characters as the router scans
_WORD = re.compile(r"[a-z]{4,20}")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


def within_one_edit(a: str, b: str) -> bool:
    """Say whether a and b differ by one insertion, deletion, substitution or adjacent swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [k for k in range(len(a)) if a[k] != b[k]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))


def one_slip(a: str, b: str) -> bool:
    """True when ``a`` becomes ``b`` by one swap of neighbours, or (words of 5+ letters) one edit after
    the first letter (a slip rarely changes the first letter; "flower" is not "slower")."""
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        ):
            return True
        return len(b) >= 5 and len(diff) == 1 and diff[0] > 0
    if len(b) < 5 or abs(len(a) - len(b)) != 1 or a[0] != b[0]:
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def fix_latin(text: str, targets: tuple[str, ...], keep: frozenset[str]) -> str:
    """Replace words of ``text`` (casefolded) that are one slip of a target word by that word."""
    return _WORD.sub(lambda m: _fixed(m.group(0), targets, keep), text)


@functools.lru_cache(maxsize=4096)
def _fixed(word: str, targets: tuple[str, ...], keep: frozenset[str]) -> str:
    if word in keep or word in targets:
        return word
    return next((t for t in targets if one_slip(word, t)), word)


# ---------------------------------------------------------------------------------------- pinyin
@functools.lru_cache(maxsize=1)
def _pinyin_table() -> dict[int, str]:
    from pypinyin.pinyin_dict import pinyin_dict  # a large table: imported only when needed

    return pinyin_dict


def _toneless(syllable: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFD", syllable) if not unicodedata.combining(c))
    return plain.replace("ü", "v")


@functools.lru_cache(maxsize=8192)
def pinyin(char: str) -> str:
    """The character's usual reading without its tone ("" when pypinyin does not know it).

    Only the first (most common) reading counts: an input method lists a character under the syllable
    it is usually read as, and rare readings (大 as tài) would turn real words (太小) into slips.
    """
    raw = _pinyin_table().get(ord(char), "")
    return _toneless(raw.split(",")[0]) if raw else ""


class ImeIndex:
    """Known Chinese phrases keyed with one character masked: "导?" -> [("导出", 1)]."""

    __slots__ = ("masked", "phrases")

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = frozenset(p for p in phrases if 2 <= len(p) <= 4 and all(_HAN.match(c) for c in p))
        self.masked: dict[str, list[tuple[str, int]]] = {}
        for phrase in sorted(self.phrases):
            for i in range(len(phrase)):
                self.masked.setdefault(phrase[:i] + "?" + phrase[i + 1 :], []).append((phrase, i))


@functools.lru_cache(maxsize=4)
def ime_index(phrases: frozenset[str]) -> ImeIndex:
    return ImeIndex(phrases)


def repair_ime(text: str, index: ImeIndex) -> str:
    """Replace one-character homophone slips of known phrases ("导处视频" -> "导出视频").

    Text that already holds the phrase is left alone at that place; a window is repaired only when its
    odd character has the phrase's character's usual reading, tone aside. Only the first
    ``MAX_REPAIR_CHARS`` characters are looked at (a sentence, not a paste).
    """
    if not _HAN.search(text):
        return text
    head, tail = text[:MAX_REPAIR_CHARS], text[MAX_REPAIR_CHARS:]
    n = len(head)
    han = [bool(_HAN.match(c)) for c in head]
    runs = [0] * (n + 1)  # runs[i]: Han characters in a row ending just before i
    for i in range(n):
        runs[i + 1] = runs[i] + 1 if han[i] else 0
    # characters inside a phrase already spelled right are never changed (背景音 is not 背静音)
    kept = [False] * n
    for length in (4, 3, 2):
        for start in range(n - length + 1):
            if runs[start + length] >= length and head[start : start + length] in index.phrases:
                kept[start : start + length] = [True] * length
    chars = list(head)
    changed = False
    for length in (4, 3, 2):
        for start in range(n - length + 1):
            if runs[start + length] < length or any(kept[start : start + length]):
                continue
            window = "".join(chars[start : start + length])
            for i in range(length):
                hits = index.masked.get(window[:i] + "?" + window[i + 1 :])
                fix = next((p for p, pos in hits or () if pinyin(window[pos]) == pinyin(p[pos]) != ""), None)
                if fix is not None:
                    chars[start : start + length] = list(fix)
                    kept[start : start + length] = [True] * length
                    changed = True
                    break
    return "".join(chars) + tail if changed else text
