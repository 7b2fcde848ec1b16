"""Words that correct the beat as heard: double / half time, the off-beat, a tempo with a number.

``parse_beat_fix(text)`` reads one message (English, simplified or traditional Chinese, mixed) into
the timeline's :class:`~skill.timeline.ops_edits.FixBeat`, or None. "it's 68 not 136" compares the two
numbers: half (or double) the other one is half (or double) time, kept on the tracked beats; any
other tempo is a tapped one. The bar lines move with "the downbeat is one beat late" (heard late: one
beat earlier), "bars one beat later", "强拍在第三拍" (two beats later). The meter is a time signature
said as one ("it's in 3/4", "6/8 time": 2 dotted-quarter beats, "四三拍": Chinese reads the lower
number first), a count per bar ("3 beats per bar", "每小节三拍") or a word ("waltz", "三拍子"). A tempo outside the limits is still read (``apply`` refuses it with
``bpm_range``, so the user hears why). The word lists are :mod:`skill.local.edit_words` data.
"""

from __future__ import annotations

import re
import unicodedata

from skill.text.script import to_simplified
from skill.timeline.ops_edits import FixBeat
from skill.timeline.vocab import METERS

from . import edit_words as V
from .editor_reader import QUOTED

__all__ = ["parse_beat_fix", "without_signatures"]

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
    """Folded to one script and case, quoted words left out: a title "Double time" is not a correction."""
    text = QUOTED.sub(" ", unicodedata.normalize("NFKC", raw))
    text = text.casefold().replace("\u2019", "'")
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


# a time signature where it names the song's: "in 3/4", "it's 6/8", "3/4 time", "3/4拍" (not "3/4 of it")
_SIGNATURE = re.compile(r"(?<![\d/.])(2|3|4|6|9|12)\s*/\s*(4|8)(?![\d/])")
_SIGNATURE_BEFORE = re.compile(r"(?:\bin|\bis|'s|signature|meter|metre|拍号|是|成|为)\s*(?:a\s+)?$")
_SIGNATURE_AFTER = re.compile(r"^\s*(?:time\b|meter|metre|signature|feel\b|拍)")
# Chinese reads the lower number first: 四三拍 is 3/4, 八六拍 6/8
_SIGNATURE_ZH = re.compile(r"(四|八)(二|三|四|六|九)拍")
_PER_BAR = re.compile(
    r"(?<![\w.])(two|three|four|2|3|4)\s*beats?\s*(?:per|to a|to the|in a|in each|a|each)\s*(?:bar|measure)"
    r"|(?:each|every|a|the) (?:bar|measure) has (two|three|four|2|3|4)\b"
    r"|\bbars of (two|three|four|2|3|4)\b"
    r"|(?:每|一)\s*(?:个)?小节\s*(?:有|是)?\s*(两|二|三|四|2|3|4)\s*(?:个)?拍"
    r"|(两|二|三|四|2|3|4)\s*拍\s*(?:一|为一|是一)\s*(?:个)?小节"
)
_METER_COUNT = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4, "两": 2, "二": 2, "三": 3, "四": 4}
_ZH_DIGIT = {"二": 2, "三": 3, "四": 4, "六": 6, "八": 8, "九": 9}
_NOT_BEFORE = ("not", "isn't", "not in", "no", "不是", "并非", "不")


def _beats_of(upper: int, lower: int) -> int | None:
    """Beats to a bar of a time signature, as the tracker counts them: 3/4 is 3, 6/8 is 2 (dotted quarters)."""
    n = upper // 3 if lower == 8 and upper % 3 == 0 else upper
    return n if n in METERS else None


def _signatures(text: str) -> list[tuple[re.Match[str], int]]:
    """The time signatures in ``text`` that name the song's meter, each with its beats to a bar."""
    out = []
    for m in _SIGNATURE.finditer(text):
        if _has(text[max(0, m.start() - 24) : m.start()], V.NOT_METER):  # "the volume is 3/4", "crop to 3/4"
            continue
        if _SIGNATURE_BEFORE.search(text[: m.start()]) or _SIGNATURE_AFTER.match(text[m.end() :]):
            beats = _beats_of(int(m.group(1)), int(m.group(2)))
            if beats is not None:
                out.append((m, beats))
    return out


def without_signatures(text: str) -> str:
    """``text`` with its time signatures blanked, so "the song is in 3/4" is not also a level of 0.75."""
    for m, _ in reversed(_signatures(text)):
        text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    return text


def _meter(text: str) -> FixBeat | None:
    """ "it's in 3/4", "6/8 time", "四三拍", "3 beats per bar", "每小节三拍", "a waltz": the beats to a bar
    (the first said that is not negated: "not 3/4 but 4/4" is 4)."""
    found = [(m.start(), beats) for m, beats in _signatures(text)]  # (where, beats)
    for m in _SIGNATURE_ZH.finditer(text):
        beats = _beats_of(_ZH_DIGIT[m.group(2)], _ZH_DIGIT[m.group(1)])
        if beats is not None:
            found.append((m.start(), beats))
    for m in _PER_BAR.finditer(text):
        found.append((m.start(), _METER_COUNT[next(g for g in m.groups() if g)]))
    for word, beats in V.METER_WORDS:
        if (i := text.find(word)) >= 0 and _has(text, (word,)):
            found.append((i, beats))
    for at, beats in sorted(found):
        if not text[max(0, at - 12) : at].rstrip().endswith(_NOT_BEFORE):
            return FixBeat(meter=beats)  # type: ignore[arg-type]
    return None


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
    meter = _meter(text)
    if meter is not None:
        return meter
    bar = _bar(text)
    if bar is not None:
        return bar
    named = _pair(text) or _tempo(text)
    if named is not None:
        return named
    for fix, words in (
        ("double", V.BEAT_HEARD_HALF),
        ("half", V.BEAT_HEARD_DOUBLE),
        ("detected", V.BEAT_DETECTED),
        ("half", V.BEAT_HALF),
        ("double", V.BEAT_DOUBLE),
        ("offbeat", V.BEAT_OFFBEAT),
    ):
        if _has(text, words) and not _negated(text, words):
            return FixBeat(fix=fix)  # type: ignore[arg-type]
    return None
