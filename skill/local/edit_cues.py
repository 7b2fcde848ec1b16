"""Words for the creator's edits (English, simplified and traditional Chinese, mixed) and the ops they ask.

``parse_creator_edits(text)`` reads one message into the timeline's ops for where the video starts, the
feel of the cuts, the beat as heard (:mod:`skill.local.beat_cues`), fades, transitions, beat effects,
the title's style, more texts and the clips; a
sentence may hold several ("crossfade, fade out 2 s and start at the chorus"). Negations turn an edit
off ("no fade", "不要转场"). Every word list is data here; the rules only combine them.
"""

from __future__ import annotations

import re
import unicodedata

from skill.text.numbers import parse_number
from skill.timeline.ops import CreatorOp, SetPace
from skill.timeline.ops_edits import (
    AddText,
    Fade,
    Offset,
    SectionPace,
    SetEffect,
    SetTransition,
    StartAt,
    TitleStyle,
)
from skill.timeline.vocab import (
    DEFAULT_FADE_S,
    MAX_OFFSET_MS,
    OFFSET_STEP_MS,
    TITLE_STEP_S,
    EffectOn,
    Pace,
    Scope,
)

from . import edit_words as V
from .beat_cues import parse_beat_fix
from .clip_cues import HistoryWords, clip_edits, parse_history
from .edit_cue_text import (
    AT_END,
    AT_SECONDS,
    AT_START,
    CLAUSES,
    FADE_AS_TRANSITION,
    FADE_TRANSITIONS,
    MIN_SEC,
    MMSS,
    MS,
    QUOTED,
    TITLE_SECONDS,
    has,
    negated,
    own_clause,
    removed_after,
    seconds_in,
    seconds_near,
    section_named,
    word,
)
from .editor_reader import QUOTED as QUOTED_WORDS  # the apostrophe in "it's" is not a quote
from .length_cues import relative_s

__all__ = ["TITLE_SECONDS", "HistoryWords", "parse_creator_edits", "parse_history"]


# "use the drop", "just the chorus", "用副歌", "就用高潮部分": that part of the song (not "副歌用每拍")
_USE_SECTION = re.compile(
    r"\b(?:use|using|take|pick|go with|just|only)\s+(?:only\s+|just\s+)?the\s+(?:\w+\s+)?"
    r"(?:chorus|drop|hook|refrain|verse|intro|outro|bridge)\b"
    r"|(?:^|就|只|请|請|直接)用(?:第.个?)?(?:副歌|高潮|前奏|主歌|尾奏|桥段|橋段)(?!用|每|切|剪)"
)


def _start(text: str) -> CreatorOp | None:
    if has(text, *V.WHOLE_SONG):
        return StartAt(at="whole")
    if _USE_SECTION.search(text) and (found := section_named(text)) is not None:
        return StartAt(at=found[0], nth=found[1])
    if not has(text, *V.START_CUES):
        return None
    mm = MMSS.search(text)
    if mm:
        return StartAt(start_s=int(mm.group(1)) * 60 + int(mm.group(2)))
    ms = MIN_SEC.search(text)
    if ms and ("分" in ms.group(0) or "min" in ms.group(0)):
        return StartAt(start_s=int(ms.group(1)) * 60 + int(ms.group(2) or 0))
    sec = AT_SECONDS.search(text)
    if sec:
        return StartAt(start_s=float(sec.group(1)))
    found = section_named(text)
    if found is not None:
        return StartAt(at=found[0], nth=found[1])
    return None


def _pace_of(clause: str) -> Pace | None:
    for pace, words in V.PACE_WORDS:
        if has(clause, *words):
            return pace
    return None


def _pace(text: str) -> list[CreatorOp]:
    """Pace per section ("every beat in the chorus, every bar elsewhere"), every other beat, downbeats."""
    out: list[CreatorOp] = []
    for clause in CLAUSES.split(text):
        found = section_named(clause)
        pace = _pace_of(clause)
        if pace is None:
            continue
        if found is not None and not has(clause, *V.START_CUES):
            out.append(SectionPace(section=found[0], pace=pace))
        elif has(clause, *V.ELSEWHERE):
            out.append(SetPace(pace=pace))
    if out:
        return out
    if has(text, *V.EVERY_OTHER_BEAT):
        return [SetPace(pace="half")]
    if has(text, *V.DOWNBEATS_ONLY) and not has(text, *(w for _, ws in V.EFFECTS for w in ws)):
        return [SetPace(pace="bar")]
    return []


def _offset(text: str) -> CreatorOp | None:
    ms = MS.search(text)
    cut_words = has(
        text, "cut", "切", "剪", "卡点", "卡點", "offset", "偏移", "nudge", "shift", "timing", "sync"
    )
    if ms and cut_words:
        value = int(ms.group(1).replace(" ", "").replace("−", "-"))
        value = max(-MAX_OFFSET_MS, min(MAX_OFFSET_MS, value))
        earlier = has(text, "earlier", "提前", "早一点", "早一點", "往前")
        later = has(text, "later", "延后", "延後", "推迟", "推遲", "晚一点", "晚一點", "往后", "往後")
        if earlier:
            value = -abs(value)
        elif later:
            value = abs(value)
        if has(text, "offset to", "set the offset", "偏移设为", "偏移設為", "偏移改成"):
            return Offset(ms=value)
        return Offset(nudge_ms=value)
    if has(
        text,
        "reset the offset",
        "no offset",
        "offset to zero",
        "remove the offset",
        "取消偏移",
        "偏移归零",
        "偏移歸零",
    ):
        return Offset(ms=0)
    if cut_words and has(text, *V.LATE):
        return Offset(nudge_ms=-OFFSET_STEP_MS)
    if cut_words and has(text, *V.EARLY):
        return Offset(nudge_ms=OFFSET_STEP_MS)
    return None


def _fade(text: str) -> CreatorOp | None:
    for w in FADE_TRANSITIONS:  # "crossfade", "淡入淡出转场" are transitions, not fades of the ends
        text = text.replace(w, " ")
    if not has(text, *V.FADE_WORD):
        return None
    secs = seconds_in(seconds_near(text, V.FADE_WORD))
    length = secs if secs is not None else DEFAULT_FADE_S
    wants_in, wants_out = has(text, *V.FADE_IN), has(text, *V.FADE_OUT)
    if not (wants_in or wants_out):  # "开头淡化", "fade the ending": which end is said by where
        wants_in, wants_out = has(text, *AT_START), has(text, *AT_END)
    both = (wants_in and wants_out) or not (wants_in or wants_out)
    if negated(text, *V.FADE_WORD, *V.FADE_IN, *V.FADE_OUT) or has(text, "hard end", "hard ending", "硬结尾"):
        return Fade(
            fade_in_s=0.0 if both or wants_in else None, fade_out_s=0.0 if both or wants_out else None
        )
    if both and (wants_in or wants_out):
        return Fade(fade_in_s=length, fade_out_s=length)
    if wants_in:
        return Fade(fade_in_s=length)
    return Fade(fade_out_s=length)


def _transition(text: str) -> CreatorOp | None:
    for kind, words in V.TRANSITIONS:
        if has(text, *words):
            scope = "chorus" if has(own_clause(text, words), *V.CHORUS_ONLY) else "all"
            if kind != "cut" and negated(text, *words):
                return SetTransition(kind="cut")
            secs = seconds_in(seconds_near(text, words))
            seconds = secs if secs is not None and secs <= 2 else None
            return SetTransition(kind=kind, seconds=seconds, scope=scope if kind != "cut" else "all")  # type: ignore[arg-type]
    return None


def _effect(text: str) -> CreatorOp | None:
    """The beat effect asked for; one taken away ("no flash") is none unless another is named in its
    place ("no flash, zoom instead", "闪光不要了，换成缩放")."""
    off = False
    for kind, words in V.EFFECTS:
        if has(text, *words):
            removed = negated(text, *words) or removed_after(text, *words)
            if kind == "none" or removed:
                off = True
                continue
            clause = own_clause(text, words)
            on: EffectOn = "downbeats" if has(clause, *V.ON_DOWNBEATS) else "cuts"
            scope: Scope = "chorus" if has(clause, *V.CHORUS_ONLY) else "all"
            return SetEffect(kind=kind, on=on, scope=scope)
    return SetEffect(kind="none") if off else None


def _title_style(text: str) -> CreatorOp | None:
    if not has(text, *V.TITLE_WORDS) or has(text, *V.TEXT_ADD):
        return None
    scope = _title_scope(
        text
    )  # "做成方形，标题改成《夏天》，音乐小一点": the music is smaller, not the title
    position = next((p for p, words in V.POSITIONS if has(scope, *words)), None)
    size = next((s for s, words in V.SIZES if has(scope, *words)), None)
    colour = next((c for c, words in V.COLOURS if any(word(scope, w) for w in words)), None)
    whole = has(text, *V.TITLE_WHOLE)
    # "the title 2 s longer", "标题多显示两秒": a change of its time, not a time
    by = None if whole else next((b for c in CLAUSES.split(scope) if (b := relative_s(c)) is not None), None)
    # "show the title for 5 seconds", "标题显示5秒"; not "a 6 second highlight, title 'Kept'"
    timed = next((m for c in CLAUSES.split(scope) if (m := TITLE_SECONDS.search(c))), None)
    secs = None if whole or by is not None or timed is None else parse_number(timed.group(1))
    if by is None and secs is None and not whole:  # "keep the title on screen longer", "标题显示久一点"
        if has(scope, *V.TITLE_LONGER):
            by = TITLE_STEP_S
        elif has(scope, *V.TITLE_SHORTER):
            by = -TITLE_STEP_S
    if position is None and size is None and colour is None and secs is None and by is None and not whole:
        return None
    return TitleStyle(position=position, size=size, colour=colour, seconds=secs, whole=whole, by_s=by)


_STYLE_WORDS = tuple(w for _, ws in (*V.POSITIONS, *V.SIZES, *V.COLOURS) for w in ws)
# a clause about something else than the title: its size or place words are that thing's
_OTHER_SUBJECT = re.compile(
    r"\b(?:music|song|bgm|volume|sound|audio|clips?|videos?|photos?|fade|transition)\b"
    r"|音乐|音樂|音量|声音|聲音|歌|视频|視頻|影片|片段|照片|淡|转场|轉場"
)


def _title_scope(text: str) -> str:
    """The words about the title: its clause, and the clauses around it that only restyle it or time
    it ("title at the top, big, for 3 seconds", "move the title to the middle and make it smaller")."""
    clauses = CLAUSES.split(text)
    at = next((i for i, c in enumerate(clauses) if has(c, *V.TITLE_WORDS)), None)
    if at is None:
        return text

    def about_title(clause: str) -> bool:
        bare = clause.strip(" .!")
        if not bare:  # "，然后放大一点" splits at both: nothing between
            return True
        if re.fullmatch(rf"{TITLE_SECONDS.pattern}\w*", bare):
            return True
        # "put it at the bottom": a pronoun for the title allows a longer clause
        most = 6 if re.search(r"\b(?:it|its)\b|它", bare) else 4
        return len(bare.split()) <= most and has(bare, *_STYLE_WORDS) and not _OTHER_SUBJECT.search(bare)

    lo, hi = at, at + 1
    while lo > 0 and about_title(clauses[lo - 1]):
        lo -= 1
    while hi < len(clauses) and about_title(clauses[hi]):
        hi += 1
    return " , ".join(clauses[lo:hi])


def _add_text(raw: str, text: str) -> CreatorOp | None:
    """A caption: caption words, or text words with a place in time ("add text 'x' at the end");
    "add text 'Hello'" alone is the title's business."""
    placed = has(text, *AT_START, *AT_END)
    # 'add the title "Go" at the end' is the title's; '去掉标题，结尾加"下期见"' adds a caption
    said = next((c for c in CLAUSES.split(text) if QUOTED_WORDS.search(c)), text)
    untitled = not has(said, *V.TITLE_WORDS)
    if not (has(text, *V.TEXT_ADD) or (placed and untitled and has(said, *V.TEXT_ADD_PLACED))):
        return None
    if not (has(text, *V.CAPTION_WORDS) or placed):
        return None
    quoted = QUOTED.search(unicodedata.normalize("NFKC", raw))
    if not quoted:
        return None
    at = (
        "start"
        if has(text, "at the start", "at the beginning", "开头", "開頭", "开始", "開始", "片头", "片頭")
        else "end"
    )
    position = next((p for p, words in V.POSITIONS if has(text, *words)), "bottom")
    return AddText(text=quoted.group(1).strip(), at=at, seconds=seconds_in(text), position=position)  # type: ignore[arg-type]


def parse_creator_edits(raw: str) -> tuple[CreatorOp, ...]:
    """The creator's edits in one message, in the order they are applied (the start first: the
    other edits then apply to the new excerpt)."""
    text = " ".join(unicodedata.normalize("NFKC", raw).casefold().split())
    text = FADE_AS_TRANSITION.sub(" crossfade ", text)  # "转场用淡入淡出": the shots fade into each other
    # quoted words are a title's or a caption's ('the title "Fade out"'), not an edit; clip names and the
    # caption itself are read from the whole text
    bare = QUOTED_WORDS.sub(" ", text)
    out: list[CreatorOp] = []
    start = _start(bare)
    if start is not None:
        out.append(start)
    beat = parse_beat_fix(raw)  # the beat as heard (double time, the off-beat, 128 BPM): not a pace
    if beat is not None:
        out.append(beat)
    else:
        out.extend(_pace(bare))
    for parse in (_offset, _fade, _transition, _effect, _title_style):
        op = parse(bare)
        if op is not None:
            out.append(op)
    caption = _add_text(raw, text)
    if caption is not None:
        out.append(caption)
    out.extend(clip_edits(text))
    return tuple(out)
