"""Read a chat instruction (English or Chinese) into the draft edits it asks for; pure and deterministic.

``parse_instruction(text)`` returns an :class:`Instruction`: the language to answer in and an ordered
tuple of edits (``Highlight``, ``Aspect``, ``Title``, ``RemoveTitle``, ``Volume``, ``Pace``, ``Length``,
``Undo``, ``Help``, ``Greeting``). An empty tuple means "not understood": the agent answers with what
it can do, never with silence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Aspect",
    "Edit",
    "Greeting",
    "Help",
    "Highlight",
    "Instruction",
    "Length",
    "Pace",
    "RemoveTitle",
    "Title",
    "Undo",
    "Volume",
    "detect_language",
    "parse_duration_s",
    "parse_instruction",
]

PaceName = Literal["beat", "bar", "2bar"]


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
    duration_s: float


@dataclass(frozen=True, slots=True)
class Undo:
    pass


@dataclass(frozen=True, slots=True)
class Help:
    pass


@dataclass(frozen=True, slots=True)
class Greeting:
    pass


Edit = Highlight | Aspect | Title | RemoveTitle | Volume | Pace | Length | Undo | Help | Greeting


@dataclass(frozen=True, slots=True)
class Instruction:
    lang: str  # "en" | "zh" | "zh-Hant"
    edits: tuple[Edit, ...]


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
_ZH_NUM = r"[零〇一二两兩三四五六七八九十百]+"


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


def _number(token: str) -> float | None:
    token = token.strip()
    try:
        return float(token)
    except ValueError:
        pass
    if token in _EN_NUMBERS:
        return float(_EN_NUMBERS[token])
    value = _zh_number(token)
    return float(value) if value is not None else None


_NUM = rf"(\d+(?:\.\d+)?|{_ZH_NUM}|{'|'.join(sorted(_EN_NUMBERS, key=len, reverse=True))})"
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
            value = _number(match.group(1).lower())
            if value is not None and value > 0 and (best is None or match.start() < best[0]):
                best = (match.start(), value * scale)
            break
    return best[1] if best is not None else None


# ---------------------------------------------------------------------------------------- cues
def _has(text: str, *cues: str) -> bool:
    return any(cue in text for cue in cues)


_HIGHLIGHT_CUES = (
    "highlight", "sync", "beat-synced", "best part", "best section", "make a video", "create a video",
    "make the video", "make me a video", "music video", "montage", "recap", "reel",
    "高光", "精华", "精華", "卡点", "卡點", "踩点", "踩點", "集锦", "集錦", "精彩", "同步", "做视频",
    "做一个视频", "做個影片", "生成视频", "生成影片", "剪辑", "剪輯", "混剪",
)  # fmt: skip
_CLIP_CUES = (
    "my clips", "my videos", "my footage", "my photos", "my pictures", "my images", "my files",
    "我的素材", "我的视频", "我的影片", "我的照片", "我的片段", "我的视频片段",
)  # fmt: skip
_UNDO_CUES = (
    "undo",
    "revert",
    "go back",
    "roll back",
    "撤销",
    "撤銷",
    "撤回",
    "还原",
    "還原",
    "上一步",
    "回退",
)
_HELP_CUES = (
    "what can you do", "help", "what do you do", "how does this work", "commands", "options",
    "你能做什么", "你能做什麼", "能做什么", "能做什麼", "帮助", "幫助", "功能", "怎么用", "怎麼用",
)  # fmt: skip
_GREETING = re.compile(
    r"^(hi|hello|hey|yo|good (morning|afternoon|evening)|你好|您好|嗨|哈喽|哈囉)[!！.。\s]*$", re.I
)
_ASPECT_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "9:16",
        (
            "9:16",
            "9x16",
            "vertical",
            "portrait",
            "tiktok",
            "reels",
            "shorts",
            "竖屏",
            "豎屏",
            "竖版",
            "豎版",
            "抖音",
        ),
    ),
    (
        "16:9",
        (
            "16:9",
            "16x9",
            "landscape",
            "horizontal",
            "widescreen",
            "youtube",
            "横屏",
            "橫屏",
            "横版",
            "橫版",
            "宽屏",
            "寬屏",
        ),
    ),
    ("1:1", ("1:1", "square", "方形", "正方形", "方屏")),
)
_PACE_CUES: tuple[tuple[PaceName, tuple[str, ...]], ...] = (
    (
        "2bar",
        (
            "every 2 bars",
            "every two bars",
            "every other bar",
            "每两小节",
            "每兩小節",
            "每2小节",
            "每2小節",
            "每二小节",
            "每两个小节",
            "每兩個小節",
        ),
    ),
    (
        "bar",
        (
            "every bar",
            "each bar",
            "every measure",
            "each measure",
            "on the downbeat",
            "per bar",
            "每小节",
            "每小節",
            "每一小节",
            "每一小節",
            "每个小节",
            "每個小節",
            "重拍",
        ),
    ),
    (
        "beat",
        ("every beat", "each beat", "per beat", "每拍", "每一拍", "每个节拍", "每個節拍", "每个拍", "每個拍"),
    ),
)
_PACE_FASTER = ("faster cuts", "more cuts", "cut faster", "快一点", "快一點", "节奏快", "節奏快", "剪快")
_PACE_SLOWER = ("slower cuts", "fewer cuts", "cut slower", "慢一点", "慢一點", "节奏慢", "節奏慢", "剪慢")
_TITLE_CUES = ("title", "caption", "heading", "标题", "標題", "字幕", "文字", "片名")
_REMOVE_CUES = (
    "remove",
    "delete",
    "drop",
    "no title",
    "get rid of",
    "删除",
    "刪除",
    "删掉",
    "刪掉",
    "去掉",
    "去除",
    "不要",
)
_MUSIC_CUES = (
    "music",
    "bgm",
    "song",
    "track",
    "audio",
    "volume",
    "音乐",
    "音樂",
    "背景音",
    "歌",
    "音量",
    "声音",
    "聲音",
)
_LOUDER = (
    "louder",
    "turn up",
    "turn the music up",
    "volume up",
    "raise",
    "increase",
    "调大",
    "調大",
    "调高",
    "調高",
    "大声",
    "大聲",
    "大一点",
    "大一點",
    "加大",
)
_QUIETER = (
    "quieter",
    "softer",
    "turn down",
    "turn the music down",
    "volume down",
    "lower",
    "reduce",
    "decrease",
    "调小",
    "調小",
    "调低",
    "調低",
    "小声",
    "小聲",
    "小一点",
    "小一點",
    "减小",
    "減小",
)
_MUTE = ("mute", "silence the music", "静音", "靜音")
_LENGTH_CUES = (
    "make it", "shorten", "shorter", "longer", "lengthen", "extend", "trim", "cut it to", "cut to",
    "length", "duration", "long", "缩短", "縮短", "延长", "延長", "加长", "加長", "剪到", "改成", "改为",
    "改為", "变成", "變成", "长度", "長度", "时长", "時長",
)  # fmt: skip

_QUOTED = re.compile(r"[\"'“‘《「『«]([^\"'”’》」』»]{1,80})[\"'”’》」』»]")
_TITLE_AFTER = re.compile(
    r"(?:title|caption|标题|標題|片名)\s*(?:to|as|is|=|:|：|改成|改为|改為|换成|換成|设为|設為|为|為|叫|是)?\s*(.+)$",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%|百分之\s*(\d{1,3}|" + _ZH_NUM + ")")
_VOLUME_DECIMAL = re.compile(r"(?:volume|音量)\D{0,12}?(0?\.\d+|1\.0|[01])(?!\d|\s*%)", re.IGNORECASE)


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _title_text(original: str) -> str | None:
    quoted = _QUOTED.search(original)
    if quoted:
        return quoted.group(1).strip()
    after = _TITLE_AFTER.search(unicodedata.normalize("NFKC", original))
    if after:
        value = after.group(1).strip().strip("\"'“”‘’《》「」『』.。!！ ")
        return value[:80] or None
    return None


def _volume(text: str) -> Volume | None:
    if not _has(text, *_MUSIC_CUES):
        return None
    if _has(text, *_MUTE):
        return Volume(level=0.0)
    percent = _PERCENT.search(text)
    if percent:
        raw = percent.group(1) or percent.group(2)
        value = _number(raw)
        if value is not None:
            return Volume(level=max(0.0, min(1.0, value / 100)))
    decimal = _VOLUME_DECIMAL.search(text)
    if decimal:
        return Volume(level=max(0.0, min(1.0, float(decimal.group(1)))))
    if _has(text, *_QUIETER):
        return Volume(delta=-0.2)
    if _has(text, *_LOUDER):
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
    if _has(norm, *_UNDO_CUES):
        return Instruction(lang, (Undo(),))
    duration = parse_duration_s(norm)
    use_clips = _has(norm, *_CLIP_CUES)
    if _has(norm, *_HIGHLIGHT_CUES) or (use_clips and _has(norm, "use", "用")):
        edits.append(Highlight(duration_s=duration, use_clips=use_clips))
        duration = None
    for ratio, cues in _ASPECT_CUES:
        if _has(norm, *cues):
            edits.append(Aspect(ratio))
            break
    for pace, cues in _PACE_CUES:
        if _has(norm, *cues):
            edits.append(Pace(pace))
            break
    else:
        if _has(norm, *_PACE_FASTER):
            edits.append(Pace("beat"))
        elif _has(norm, *_PACE_SLOWER):
            edits.append(Pace("2bar"))
    volume = _volume(norm)
    if volume is not None:
        edits.append(volume)
    if _has(norm, *_TITLE_CUES):
        if _has(norm, *_REMOVE_CUES) and not _QUOTED.search(text):
            edits.append(RemoveTitle())
        else:
            title = _title_text(text)
            if title:
                edits.append(Title(title))
    if duration is not None and (_has(norm, *_LENGTH_CUES) or not edits):
        edits.append(Length(duration))
    if not edits:
        if _has(norm, *_HELP_CUES) or norm.endswith("?") and "can you" in norm:
            edits.append(Help())
        elif _GREETING.match(norm):
            edits.append(Greeting())
    return Instruction(lang, tuple(edits))
