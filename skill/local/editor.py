"""Read a chat instruction (English, Chinese in either script, or both) into the edits it asks for.

``parse_instruction(text)`` returns an :class:`Instruction`: the language to answer in and an ordered
tuple of edits and acts (:mod:`skill.local.edits`). An empty tuple means "not understood": the agent
says so and answers with what it can do, never with silence. Words come from ``skill/text/words.yaml``
through :mod:`skill.text`; this module holds the grammar: which concept found where means which edit,
and what a negation or a how-to frame does to it. Pure and deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skill.text import numbers
from skill.text.lang import detect, reply_lang
from skill.text.normalise import MAX_SCAN_CHARS
from skill.text.numbers import ZH_NUM, parse_number

from . import cues
from .clause_cues import split_sound, title_before_style, video_length_s
from .clip_cues import parse_history
from .edit_cue_text import CLAUSES
from .edit_cues import parse_creator_edits
from .edit_words import COLOUR_LOOKS, EFFECTS, TITLE_WORDS, VERTICAL_HINTS
from .editor_parts import read_acts, read_export, read_title, read_volume, section_start
from .editor_reader import QUOTED, Reader, find, normal_form
from .edits import (
    Ask,
    AskTopic,
    Aspect,
    Edit,
    Highlight,
    Length,
    Pace,
    RemoveTitle,
    Undo,
    Unsupported,
)
from .length_cues import video_relative_s

_LENGTH_WORDS = re.compile(
    r"\blong\b|\blength\b|\bshorter\b|\blonger\b|时长|時長|长度|長度|秒长|秒長|的视频|的影片"
)


_AFTER_UNDO = re.compile(r"\s*(?:[,，;；]\s*)?(?:\bthen\b|\band\b|然后|然後|再)\s*|\s*[,，;；]\s*")


def _has(text: str, *words: str) -> bool:
    return any(w in text for w in words)


_EFFECT_WORDS = tuple(w for kind, words in EFFECTS if kind != "none" for w in words)
_EFFECT_PLACES = ("on the beat", "on every beat", "on each beat", "on beat", "卡点", "卡點", "踩点", "踩點")


def _title_removed(r: Reader) -> bool:
    """A clause of its own asks for the title to go ("去掉标题，结尾加“下期见”")."""
    return any(
        _has(c, *TITLE_WORDS) and find(c, "remove", r.vocab) >= 0 and not QUOTED.search(c)
        for c in CLAUSES.split(r.bare)
    )


def _beat_words_place_the_effect(r: Reader) -> bool:
    """The highlight's words ("on the beat", "卡点") in the effect's own clause say where the effect goes
    ("add a flash on the beat"); in a clause of their own they ask for the video too ("sync the visuals
    to the beat and add a flash"), as "make a video" does anywhere."""
    at = r.live("highlight")
    if at < 0 or cues.MAKE_VIDEO.search(r.bare) or cues.MAKE_VIDEO_EN.search(r.bare):
        return False
    if not r.bare[at:].startswith(_EFFECT_PLACES):  # "beat sync my clips with a shake" asks for the video
        return False
    start = max((m.end() for m in CLAUSES.finditer(r.bare) if m.end() <= at), default=0)
    end = next((m.start() for m in CLAUSES.finditer(r.bare) if m.start() > at), len(r.bare))
    return _has(r.bare[start:end], *_EFFECT_WORDS)


__all__ = ["Instruction", "find", "normal_form", "parse_duration_s", "parse_instruction"]

parse_duration_s = numbers.parse_duration_s

LENGTH_STEP_S = 5.0
_ASPECTS = (("aspect_9_16", "9:16"), ("aspect_16_9", "16:9"), ("aspect_1_1", "1:1"))
_PACES = (("pace_2bar", "2bar"), ("pace_bar", "bar"), ("pace_beat", "beat"))
# 復原 is Traditional Chinese for "undo" (alone only: "恢复原来的顺序" restores an order)
_UNDO_ALONE = re.compile(r"(?:请|麻烦)?复原(?:一下|吧)?")
_ASKS: tuple[tuple[str, AskTopic], ...] = (
    ("ask_title", "title"),
    ("ask_shots", "shots"),
    ("ask_aspect", "aspect"),
    ("ask_song", "song"),
    ("ask_bpm", "bpm"),
    ("ask_duration", "duration"),
)


@dataclass(frozen=True, slots=True)
class Instruction:
    lang: str  # the reply language: "en" | "zh-Hans" | "zh-Hant"
    edits: tuple[Edit, ...]


def parse_instruction(text: str) -> Instruction:
    """Parse one chat message into the edits it asks for, in the order they are applied.

    Examples
    --------
    >>> parse_instruction("make it 15 seconds").edits
    (Length(duration_s=15.0, delta_s=None),)
    >>> parse_instruction("make it vertical and export").edits
    (Aspect(ratio='9:16'), Export())
    >>> parse_instruction("先别导出").edits
    (Declined(what='export'),)
    """
    text = text[:MAX_SCAN_CHARS]  # an instruction, not a paste: the router reads as much
    # a Chinese title quoted in an English sentence keeps the reply English
    unquoted = QUOTED.sub(" ", text)
    lang = (
        reply_lang(unquoted, detect(unquoted)) if unquoted.strip(" .!?") else reply_lang(text, detect(text))
    )
    r = Reader(text)
    if not r.norm.strip():
        return Instruction(lang, ())
    history = parse_history(r.bare)  # redo, start over (before undo: "undo the undo" is a redo)
    if history is not None:
        return Instruction(lang, (history,))
    if r.live("undo") >= 0 or _UNDO_ALONE.fullmatch(r.bare.strip(" .!。！")):
        undo = (Undo(),) * _undo_steps(r.bare)
        then = _AFTER_UNDO.split(text, maxsplit=1)  # "undo, then make it 40 seconds": both, in order
        rest = parse_instruction(then[1]).edits if len(then) == 2 and r.at("undo") < len(then[0]) else ()
        return Instruction(lang, undo + tuple(e for e in rest if not isinstance(e, Undo)))
    if r.is_question():
        asked = next((topic for concept, topic in _ASKS if r.has(concept)), None)
        if asked is not None and not r.has("howto"):
            return Instruction(lang, (Ask(asked),))
    _edits(r)
    read_export(r)
    if not r.edits:
        read_acts(r)
    return Instruction(lang, tuple(r.edits))


_UNDO_STEPS = re.compile(
    rf"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|{ZH_NUM})\s*"
    r"(?:changes?|edits?|steps?|times|things|步|次|个|個|下|处|處)"
)
MAX_UNDO_STEPS = 10


def _undo_steps(norm: str) -> int:
    """How many edits an undo takes back: "undo the last two changes", "撤销三步" (one unless said)."""
    found = _UNDO_STEPS.search(norm)
    if found is None:
        return 2 if "twice" in norm else 1
    steps = parse_number(found.group(1))
    return 1 if steps is None else max(1, min(MAX_UNDO_STEPS, int(steps)))


def _edits(r: Reader) -> None:
    duration = numbers.parse_duration_s(r.bare)
    # the clips' own sound ("mute the clips", "music only", "duck more") in its clauses; the rest of the
    # sentence holds the other edits ("keep the clip sound, music at 0%")
    sound, rest = split_sound(r.original)
    clips = not sound and (r.has("clips") or cues.MY_CLIPS.search(r.bare) is not None)
    # the creator's edits: start at the chorus, fades, transitions, effects, title style, the clips
    creator = parse_creator_edits(rest) if rest.strip() else ()
    if numbers.parse_clock_s(r.bare) is not None:  # "start at 2:10": the highlight from there (below)
        creator = tuple(
            op for op in creator if not (op.op == "section" and getattr(op, "start_s", None) is not None)
        )
    kinds = {op.op for op in creator}
    by = video_relative_s(r.bare)  # "make the video 5 s longer" re-cuts it; not "the title 2 s longer"
    asked_video = by is None and (
        bool(cues.MAKE_VIDEO.search(r.bare) or cues.MAKE_VIDEO_EN.search(r.bare)) or r.live("highlight") >= 0
    )
    if "effect" in kinds and _beat_words_place_the_effect(r):
        asked_video = False  # "add a flash on the beat", "卡点加闪白": where the effect goes, not a new cut
    title_by = any(getattr(op, "by_s", None) is not None for op in creator)  # "the title 2 s longer"
    if creator and (title_by or not _LENGTH_WORDS.search(r.bare)):  # "2 second fade out": the fade's
        duration = video_length_s(r.bare, creator, asked_video=asked_video)
    section = None if "section" in kinds else section_start(r, duration)
    if section is not None and not isinstance(section, Unsupported):
        asked_video = True  # a start time given is the highlight re-made from there
    if creator and not asked_video:
        pass  # "don't use the cat photo", "卡点有点晚" edit the video; only asking for one makes it
    elif section is not None:
        r.edits.append(section)
        if numbers.parse_clock_s(r.bare) is not None:
            duration = None  # "at 2:10" is where it starts, not how long it is
    elif by is None and (
        r.live("highlight") >= 0
        or cues.MAKE_VIDEO.search(r.bare)
        or cues.MAKE_VIDEO_EN.search(r.bare)
        or (clips and cues.USE_WORD.search(r.bare))
    ):
        r.edits.append(Highlight(duration_s=duration, use_clips=clips))
        duration = None
    r.edits.extend(creator)
    aspect = next((ratio for concept, ratio in _ASPECTS if r.live(concept) >= 0), None)
    if aspect is None and any(isinstance(e, Highlight) for e in r.edits) and _has(r.bare, *VERTICAL_HINTS):
        aspect = "9:16"  # a 卡点 video, or one for Kuaishou or Douyin, is vertical when no ratio is named
    if aspect is not None:
        r.edits.append(Aspect(aspect))  # type: ignore[arg-type]
    elif cues.other_ratio(r.bare) is not None:
        r.edits.append(Unsupported("aspect"))  # "make it 4:5": the shapes it can take are said
    pace = next(
        (p for concept, p in _PACES if r.live(concept) >= 0 or cues.pace_pattern(p).search(r.bare)), None
    )
    if pace is None and (r.live("pace_faster") >= 0 or cues.PACE_FASTER.search(r.bare)):
        pace = "beat"
    elif pace is None and (r.live("pace_slower") >= 0 or cues.PACE_SLOWER.search(r.bare)):
        pace = "2bar"
    if pace is not None and not kinds & {"pace", "section_pace", "beat"}:  # "节奏快一倍" is double time
        r.edits.append(Pace(pace))  # type: ignore[arg-type]
    r.edits.extend(sound)
    volume = read_volume(Reader(rest) if sound else r) if rest.strip() else None
    if volume is not None:
        r.edits.append(volume)
    about_title = None if kinds & {"title_style", "text"} else read_title(r, duration)
    if "text" in kinds and _title_removed(r):
        r.edits.append(RemoveTitle())  # "remove the title and put 'see you' at the end"
    if "title_style" in kinds and "text" not in kinds and QUOTED.search(r.original) and r.live("title") >= 0:
        title_before_style(r.edits, cues.title_text(r.original))  # "title 'Go' at the top": set, then styled
    if about_title == "title_duration":
        duration = None
    if by is not None and not any(isinstance(e, Highlight) for e in r.edits):
        r.edits.append(Length(None, by_s=by))  # "5 seconds shorter": not "make it 5 seconds"
    elif duration is not None:  # a length not taken by the highlight or the title: the video's
        r.edits.append(Length(duration))
    elif duration is None and not r.edits and not r.has("title"):
        if r.live("shorter") >= 0:
            r.edits.append(Length(None, delta_s=-LENGTH_STEP_S))
        elif r.live("longer") >= 0:
            r.edits.append(Length(None, delta_s=LENGTH_STEP_S))
    if not r.has("title") and _has(QUOTED.sub(" ", r.bare), *COLOUR_LOOKS):
        r.edits.append(Unsupported("colour"))  # "make it black and white": said plainly, not "not understood"
