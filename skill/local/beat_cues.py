"""Words that correct the beat as heard: double / half time, the off-beat, a tempo with a number.

``parse_beat_fix(text)`` reads one message (English, simplified or traditional Chinese, mixed) into
the timeline's :class:`~skill.timeline.ops_edits.FixBeat`, or None. "it's 68 not 136" compares the two
numbers: half (or double) the other one is half (or double) time, kept on the tracked beats; any
other tempo is a tapped one. The bar lines move with "the downbeat is one beat late" (heard late: one
beat earlier), "bars one beat later", "强拍在第三拍" (two beats later). A tempo outside the limits is still read (``apply`` refuses it with
``bpm_range``, so the user hears why). The word lists are :mod:`skill.local.edit_words` data.
"""

from __future__ import annotations

import re
import unicodedata

from skill.text.script import to_simplified
from skill.timeline.ops_edits import FixBeat

from . import edit_words as V

__all__ = ["parse_beat_fix"]

_N = r"(\d{1,4}(?:\.\d+)?)"
_BPM = r"\s*(?:bpm)?"
# "68 not 136", "68 bpm, not 136", "should be 68 instead of 136"; "不是 136 是 68", "不是136，而是68"
_PAIR = re.compile(rf"{_N}{_BPM}\s*[,，]?\s*(?:not|instead of|rather than|而不是|不是)\s*{_N}")
_PAIR_ZH = re.compile(rf"不是\s*{_N}{_BPM}\s*[,，]?\s*(?:而)?是\s*{_N}")
_NUMBER = re.compile(rf"(?<![\d.]){_N}(?![\d.])")
_REACH = 14  # a tempo word and its number are this close ("the tempo is 128", "128 bpm", "bpm 是 128")
_LEVEL = 0.04  # "68 not 136" is half time within this ratio
MIN_TEMPO_NUMBER = 20.0  # smaller numbers near a tempo word are counts ("every 2 beats"), not tempos


def _has(text: str, words: tuple[str, ...]) -> bool:
    """Any of ``words`` in ``text``: whole words for Latin ("on the and" is not in "on the andes")."""
    for w in words:
        if w.isascii() and w[:1].isalnum():
            if re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", text):
                return True
        elif w in text:
            return True
    return False


def _negated(text: str, words: tuple[str, ...]) -> bool:
    """ "not on the off-beat", "不是反拍": a negation right before the phrase."""
    for w in words:
        i = text.find(w)
        if i > 0:
            before = text[max(0, i - 20) : i].rstrip()
            if before.endswith(
                ("not", "no", "isn't", "not on the", "not the", "不是", "不在", "没有", "不要")
            ):
                return True
    return False


def _normal(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).casefold().replace("\u2019", "'")
    return " ".join(to_simplified(text).split())


def _pair(text: str) -> FixBeat | None:
    """ "it's 68 not 136" / "不是 136 是 68": the tempo it is, against the one it is not."""
    if _has(text, V.NOT_TEMPO):
        return None
    m = _PAIR.search(text)
    said, wrong = (m.group(1), m.group(2)) if m else (None, None)
    if m is None and (z := _PAIR_ZH.search(text)) is not None:
        said, wrong = z.group(2), z.group(1)
    if said is None or wrong is None:
        return None
    is_, not_ = float(said), float(wrong)
    if min(is_, not_) < MIN_TEMPO_NUMBER:
        return None
    if abs(is_ * 2 / not_ - 1) <= _LEVEL:
        return FixBeat(fix="half")
    if abs(is_ / (not_ * 2) - 1) <= _LEVEL:
        return FixBeat(fix="double")
    return FixBeat(bpm=is_)


def _tempo(text: str) -> FixBeat | None:
    """A number beside a tempo word: "tap: 128 bpm", "the tempo is 128", "bpm 是 128"."""
    spots = [m.start() for w in V.TEMPO_WORDS for m in re.finditer(re.escape(w), text)]
    if not spots:
        return None
    for m in _NUMBER.finditer(text):
        value = float(m.group(1))
        after = text[m.end() : m.end() + 6]
        if value < MIN_TEMPO_NUMBER or re.match(r"\s*(?:s\b|sec|秒|分|min|%|x\b|倍|帧|fps|p\b|ms)", after):
            continue
        if any(abs(m.start() - p) <= _REACH for p in spots):
            return FixBeat(bpm=value)
    return None


_COUNT = {"one": 1, "a": 1, "two": 2, "three": 3, "1": 1, "2": 2, "3": 3, "一": 1, "两": 2, "二": 2, "三": 3}
_BEATS = re.compile(r"(?<![\w.])(one|a|two|three|1|2|3)\s*beats?\b|(一|两|二|三|1|2|3)\s*(?:个)?拍")
# "the downbeat is on beat 3", "the one is on the second beat", "强拍在第三拍"
_ON_BEAT = re.compile(
    r"\bon (?:beat (2|3|4)|the (second|third|fourth|2nd|3rd|4th) beat)|在第\s*(二|三|四|2|3|4)\s*拍"
)
_ORDINAL = {"2": 2, "3": 3, "4": 4, "second": 2, "third": 3, "fourth": 4, "2nd": 2, "3rd": 3, "4th": 4,
            "二": 2, "三": 3, "四": 4}  # fmt: skip


def _bar(text: str) -> FixBeat | None:
    """ "the downbeat is one beat late", "move the bar lines a beat later", "强拍晚了一拍", "强拍在第三拍":
    how many beats to move the bar lines, later (positive) or earlier."""
    if not _has(text, V.BAR_WORDS):
        return None
    on = _ON_BEAT.search(text)
    if on is not None:  # what I call beat k is beat one: the bars start k - 1 beats later
        return FixBeat(bar=_ORDINAL[next(g for g in on.groups() if g)] - 1)
    # a count of beats is required: "每小节切，晚一点" (cut every bar, a bit later) is not about the bar lines
    count = _BEATS.search(text)
    if count is None and not _has(text, V.BAR_HALF):
        return None
    n = _COUNT[next(g for g in count.groups() if g)] if count else 2
    if _has(text, V.BAR_LATER):
        sign = 1
    elif _has(text, V.BAR_EARLIER):
        sign = -1
    elif _has(text, V.BAR_HEARD_EARLY):  # heard too early: move it later
        sign = 1
    elif _has(text, V.BAR_HEARD_LATE):
        sign = -1
    elif _has(text, V.BAR_HALF):  # half a bar either way is the same bar lines in 4/4
        sign = 1
    else:
        return None
    return FixBeat(bar=sign * n)


def parse_beat_fix(raw: str) -> FixBeat | None:
    """The beat correction ``raw`` asks for, or None (see the module docstring)."""
    text = _normal(raw)
    bar = _bar(text)
    if bar is not None:
        return bar
    named = _pair(text) or _tempo(text)
    if named is not None:
        return named
    for fix, words in (
        ("detected", V.BEAT_DETECTED),
        ("half", V.BEAT_HALF),
        ("double", V.BEAT_DOUBLE),
        ("offbeat", V.BEAT_OFFBEAT),
    ):
        if _has(text, words) and not _negated(text, words):
            return FixBeat(fix=fix)  # type: ignore[arg-type]
    return None
