"""Read a chat instruction (English or Chinese) into the draft edits it asks for; pure and deterministic.

``parse_instruction(text)`` returns an :class:`Instruction`: the language to answer in and an ordered
tuple of edits (``Highlight``, ``Aspect``, ``Title``, ``RemoveTitle``, ``Volume``, ``Pace``, ``Length``,
``Undo``, ``Help``, ``Greeting``, ``Export``, ``Show``, and the timeline's sound ops from
:mod:`~skill.local.sound_cues`). An empty tuple means "not understood": the agent answers with what
it can do, never with silence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import cues
from .cues import PaceName
from .language import ZH_NUM, detect_language, parse_duration_s, parse_number
from .sound_cues import SoundOp, parse_clip_sound

__all__ = [
    "Aspect",
    "Edit",
    "Export",
    "Greeting",
    "Show",
    "Help",
    "Highlight",
    "Instruction",
    "Length",
    "Pace",
    "RemoveTitle",
    "Title",
    "Undo",
    "UseMedia",
    "Volume",
    "detect_language",
    "parse_duration_s",
    "parse_instruction",
]


@dataclass(frozen=True, slots=True)
class Highlight:
    duration_s: float | None
    use_clips: bool = False


@dataclass(frozen=True, slots=True)
class Aspect:
    ratio: str  # "16:9" | "9:16" | "1:1"


@dataclass(frozen=True, slots=True)
class Title:
    text: str


@dataclass(frozen=True, slots=True)
class RemoveTitle:
    pass


@dataclass(frozen=True, slots=True)
class Volume:
    level: float | None = None  # absolute 0-1
    delta: float | None = None  # relative change


@dataclass(frozen=True, slots=True)
class Pace:
    pace: PaceName


@dataclass(frozen=True, slots=True)
class Length:
    duration_s: float | None
    delta_s: float | None = None  # "shorter" / "再短一点" with no number: its sign says which way (one step)


@dataclass(frozen=True, slots=True)
class Undo:
    pass


@dataclass(frozen=True, slots=True)
class Help:
    pass


@dataclass(frozen=True, slots=True)
class Greeting:
    pass


@dataclass(frozen=True, slots=True)
class UseMedia:
    """The user points at what they uploaded ("use this song", "用这首歌"): acknowledge and suggest the next step."""


@dataclass(frozen=True, slots=True)
class Export:
    """The user asks for the video: the reply points at Export (the client runs it)."""


@dataclass(frozen=True, slots=True)
class Show:
    """The user asks what is on the timeline."""


Edit = (
    Highlight
    | Aspect
    | Title
    | RemoveTitle
    | Volume
    | Pace
    | Length
    | Undo
    | Help
    | Greeting
    | Export
    | Show
    | UseMedia
    | SoundOp
)


@dataclass(frozen=True, slots=True)
class Instruction:
    lang: str  # "en" | "zh" | "zh-Hant"
    edits: tuple[Edit, ...]


# ---------------------------------------------------------------------------------------- cues
def _has(text: str, *cues: str) -> bool:
    return any(cue in text for cue in cues)


_QUOTED = re.compile(r"[\"'“‘《「『«]([^\"'”’》」』»]{1,80})[\"'”’》」』»]")
_TITLE_AFTER = re.compile(
    r"(?:title|caption|text|标题|標題|片名|字幕|文字)\s*"
    r"(?:to be|should be|to|as|is|=|:|：|改成|改为|改為|换成|換成|换为|換為|设为|設為|设成|設成|写成|寫成|写|寫|"
    r"叫做|叫|用|使用|为|為|是)?\s*(.+)$",
    re.IGNORECASE,
)
# an unquoted title ends where the next instruction starts ("title 换成 X，BGM 小声一点")
_TITLE_END = re.compile(r"\s*(?:[,，;；、]|然后|然後|and then\b|then\b).*$", re.IGNORECASE)
_TITLE_COMPLAINT = re.compile(
    r"(?:too|not|very|so|a bit|太|不|有点|有點|好)\b|(?:太|不够|不夠|有点|有點)", re.I
)
_TITLE_TAIL = re.compile(
    r"(?:\s*(?:吧|啊|呀|哦|喔|啦|就好|就行|可以吗|可以嗎|好吗|好嗎|please|pls|plz|thanks|thx|谢谢|謝謝|[!！.。?？~～]))+$",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%|百分之\s*(\d{1,3}|" + ZH_NUM + ")")
_VOLUME_DECIMAL = re.compile(r"(?:volume|音量)\D{0,12}?(0?\.\d+|1\.0|[01])(?!\d|\s*%)", re.IGNORECASE)


_VOLUME_BARE = re.compile(
    r"(?:volume|音量|调到|調到|调成|調成|调为|調為|设为|設為|设成|設成|改成|改为|改為|\bto|\bat)\s*"
    r"(100|[1-9]\d?)(?![\d.:]|\s*(?:秒|分|s\b|sec|min|%|x\b|bpm|帧|幀|fps|p\b))",
    re.IGNORECASE,
)


def _normalise(text: str) -> str:
    norm = unicodedata.normalize("NFKC", text).casefold().strip()
    return cues.fix_typos(norm)


def _title_text(original: str) -> str | None:
    quoted = _QUOTED.search(original)
    if quoted:
        return quoted.group(1).strip()
    after = _TITLE_AFTER.search(unicodedata.normalize("NFKC", original))
    if after:
        value = _TITLE_END.sub("", after.group(1).strip())
        value = _TITLE_TAIL.sub("", value).strip().strip("\"'“”‘’《》「」『』.。!！ ")
        if _TITLE_COMPLAINT.match(value):  # "the title is too long": about the title, not a new one
            return None
        return value[:80] or None
    return None


def _volume(text: str) -> Volume | None:
    if not _has(text, *cues.MUSIC_CUES, *cues.SOUND_WORDS):
        return None
    if _has(text, *cues.MUTE):
        return Volume(level=0.0)
    if _has(text, *cues.HALF_VOLUME):
        return Volume(level=0.5)
    percent = _PERCENT.search(text)
    if percent:
        raw = percent.group(1) or percent.group(2)
        value = parse_number(raw)
        if value is not None:
            return Volume(level=max(0.0, min(1.0, value / 100)))
    decimal = _VOLUME_DECIMAL.search(text)
    if decimal:
        return Volume(level=max(0.0, min(1.0, float(decimal.group(1)))))
    bare = _VOLUME_BARE.search(text)  # "BGM volume 50", "音量调到 30": a percent without its sign
    if bare:
        return Volume(level=max(0.0, min(1.0, int(bare.group(1)) / 100)))
    if _has(text, *cues.QUIETER):
        return Volume(delta=-0.2)
    if _has(text, *cues.LOUDER):
        return Volume(delta=0.2)
    return None


def parse_instruction(text: str) -> Instruction:
    """Parse one chat message into the edits it asks for, in the order they are applied.

    Examples
    --------
    >>> parse_instruction("make it 15 seconds").edits
    (Length(duration_s=15.0),)
    >>> parse_instruction("标题改成《夜光》").edits
    (Title(text='夜光'),)
    """
    lang = detect_language(text)
    norm = _normalise(text)
    edits: list[Edit] = []
    if not norm:
        return Instruction(lang, ())
    if _has(norm, *cues.UNDO_CUES):
        return Instruction(lang, (Undo(),))
    duration = parse_duration_s(norm)
    sound = parse_clip_sound(norm)  # the clips' own sound: "mute the clips", "music only", "duck more"
    use_clips = not sound and (_has(norm, *cues.CLIP_CUES) or cues.MY_CLIPS.search(norm) is not None)
    # "reels" is a format (9:16), "a reel" is a video to make
    if (
        _has(norm.replace("reels", ""), *cues.HIGHLIGHT_CUES)
        or cues.MAKE_VIDEO.search(norm)
        or (use_clips and _has(norm, "use", "用"))
    ):
        edits.append(Highlight(duration_s=duration, use_clips=use_clips))
        duration = None
    for ratio, words in cues.ASPECT_CUES:
        if _has(norm, *words):
            edits.append(Aspect(ratio))
            break
    for pace, words in cues.PACE_CUES:
        if _has(norm, *words) or cues.pace_pattern(pace).search(norm):
            edits.append(Pace(pace))
            break
    else:
        if _has(norm, *cues.PACE_FASTER):
            edits.append(Pace("beat"))
        elif _has(norm, *cues.PACE_SLOWER):
            edits.append(Pace("2bar"))
    edits.extend(sound)
    volume = None if sound else _volume(norm)
    if volume is not None:
        edits.append(volume)
    if _has(norm, *cues.TITLE_CUES):
        if _has(norm, *cues.REMOVE_CUES) and not _QUOTED.search(text):
            edits.append(RemoveTitle())
        else:
            title = _title_text(text)
            if title:
                edits.append(Title(title))
    if duration is not None and (_has(norm, *cues.LENGTH_CUES) or not edits):
        edits.append(Length(duration))
    elif duration is None and not edits and not _has(norm, *cues.TITLE_CUES):
        if _has(norm, *cues.SHORTER):
            edits.append(Length(None, delta_s=-cues.LENGTH_STEP_S))
        elif _has(norm, *cues.LONGER):
            edits.append(Length(None, delta_s=cues.LENGTH_STEP_S))
    if not edits:
        if _has(norm, *cues.HELP_CUES) or norm.endswith("?") and "can you" in norm:
            edits.append(Help())
        elif _has(norm, *cues.EXPORT_CUES):
            edits.append(Export())
        elif _has(norm, *cues.SHOW_CUES):
            edits.append(Show())
        elif cues.GREETING.match(norm):
            edits.append(Greeting())
        elif cues.USE_MEDIA.search(norm):
            edits.append(UseMedia())
    return Instruction(lang, tuple(edits))
