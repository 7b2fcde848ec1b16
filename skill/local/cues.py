"""The grammar of the local editor that is more than a word list: patterns over the normal form.

Word lists live in ``skill/text/words.yaml``; what stays here are shapes ("每 2 个 bar", "make a 30
second TikTok", a quoted title) that a phrase list cannot say. Text arrives case-folded and in
simplified script. Every pattern is linear: bounded repeats, no nested unbounded groups.
"""

from __future__ import annotations

import re
import unicodedata

from skill.text.numbers import EN_NUM, RATIOS, ZH_NUM
from skill.timeline.vocab import ASPECTS

__all__ = [
    "GREETING",
    "MAKE_VIDEO",
    "MAKE_VIDEO_EN",
    "MY_CLIPS",
    "other_ratio",
    "PACE_FASTER",
    "PACE_SLOWER",
    "SECTION_NAME",
    "SECTION_START",
    "USE_MEDIA",
    "USE_WORD",
    "VOLUME_BARE",
    "VOLUME_DECIMAL",
    "pace_pattern",
    "title_text",
]

# one or more greetings ("嗨～ 你好呀 👋"), each with its particles, punctuation and emoji
GREETING = re.compile(
    r"^(?:(?:hi|hello|hey|yo|good (?:morning|afternoon|evening)|你好|您好|嗨|哈喽|哈囉|哈啰|大家好)"
    r"(?:\s{0,3}(?:there|呀|啊|哦|喔|哈|~|～)){0,4}[!！.。,，~～\s\u2600-\u27bf\U0001f300-\U0001faff]{0,12}){1,6}$",
    re.I,
)
# Pointing at an upload with no edit in it: "use this song", "here's my track", "用这首歌", "就用這個".
USE_MEDIA = re.compile(
    r"\b(?:use|using|take|try)\s{1,3}(?:this|that|these|those|it|my|the)\b"
    r"|\b(?:here(?:'s| is| are)|this is|these are)\s{1,3}(?:(?:my|the|a|our)\s{1,3})?(?:song|track|music|tune|beat|file|clips?|audio|mp3|wav)"
    r"|^(?:my|this|the)\s{1,3}(?:song|track|music|tune|file|clips?)\b"
    r"|(?:用|使用|就用|拿|试试|試試)(?:这|這|那|我的|我)"
    r"|(?:这|這)(?:是|就是)?(?:我的)?(?:歌|首|段|个|個|支|些)"
    r"|^(?:我的)?(?:歌|音乐|音樂|素材|文件|檔案)(?:来了|來了|在这|在這)",
    re.I,
)
USE_WORD = re.compile(r"\b(?:use|using|with)\b|用")
# "start the highlight at 2:10", "begin from the drop": where in the song, not a new highlight
SECTION_START = re.compile(
    r"\b(?:start|starts|starting|begin|begins|beginning)\b[^.,;]{0,30}?(?:\b\d{1,2}:\d{2}\b|\b(?:chorus|drop|verse|intro|bridge)\b)"
)
SECTION_NAME = re.compile(r"\b(?:chorus|drop|verse|intro|outro|bridge)\b|副歌|高潮|前奏|主歌|尾奏")
VOLUME_DECIMAL = re.compile(r"(?:volume|音量)\D{0,12}?(?<![\d.])(0?\.\d{1,3}|1\.0|[01])(?![\d%]|\s%)")
VOLUME_BARE = re.compile(
    r"(?:volume|音量|调到|调成|调为|设为|设成|改成|改为|\bto|\bat)\s{0,3}"
    rf"(?<!\d)(100|[1-9]\d?|{EN_NUM}|{ZH_NUM})"  # "to 50", "to fifty", "调到六十"
    r"(?![\d.:]|\s{0,3}(?:秒|分|s\b|sec|min|%|x\b|bpm|帧|fps|p\b|个|段|张|拍|小节|倍|成|percent))",
    re.IGNORECASE,
)

# a frame shape the video cannot take ("make it 4:5", "改成4比3"): said plainly, nothing changed
_RATIO = re.compile(r"(?<![\d:.])(\d{1,2})\s*(?::|：|比|\s+by\s+)\s*(\d{1,2})(?![\d:])")


def other_ratio(text: str) -> str | None:
    """A known frame ratio named in ``text`` that is not one of the video's shapes, or None."""
    for m in _RATIO.finditer(text):
        ratio = f"{m.group(1)}:{m.group(2)}"
        if ratio in RATIOS and ratio not in ASPECTS:
            return ratio
    return None


# ---------------------------------------------------------------------------------------- pace
# the cuts' pace said as a change ("slow the cuts down", "quicker cuts", "the cuts are too fast")
_CUTTING = r"(?:cuts?|cutting|edits?|editing|pace|pacing|shots?|shot changes|switching|switches)"
_ZH_CUTTING = r"(?:切换|切|剪|换镜头|镜头切换|镜头|画面切换|换画面)(?:得|的)?(?:再|稍微|稍稍)?"
PACE_SLOWER = re.compile(
    rf"\bslow(?:er)?\s+(?:down\s+)?(?:the\s+)?{_CUTTING}\b|\b{_CUTTING}\s+(?:are\s+|is\s+)?(?:way\s+)?too\s+"
    rf"(?:fast|quick|frequent|hectic|busy)\b|\btoo many (?:cuts|shots)\b|\bless frequent\s+{_CUTTING}"
    rf"|\bcut\s+less(?:\s+often)?\b|\b(?:calm|ease|relax)\s+(?:down\s+)?(?:the\s+)?{_CUTTING}\b|\bless hectic\b"
    rf"|\bthe\s+{_CUTTING}\s+(?:a\s+bit\s+|a\s+little\s+)?(?:slower|calmer|less\s+(?:frequent|often))\b"
    rf"|\b(?:don't|dont|do not)\s+cut\s+(?:so|too)\s+(?:fast|quick(?:ly)?|often|much)\b|\bless\s+cuts\b"
    rf"|\bnot\s+so\s+many\s+cuts\b|{_ZH_CUTTING}慢(?!了)"
)
PACE_FASTER = re.compile(
    rf"\b(?:quick(?:er)?|fast(?:er)?|snappier|punchier|speed\s+up)\s+(?:the\s+)?{_CUTTING}\b"
    rf"|\bspeed\s+(?:the\s+)?{_CUTTING}\s+up\b|\b{_CUTTING}\s+(?:are\s+|is\s+)?(?:way\s+)?too\s+slow\b"
    rf"|\bthe\s+{_CUTTING}\s+(?:a\s+bit\s+|a\s+little\s+)?(?:faster|quicker|snappier|more\s+(?:frequent|often))\b"
    rf"|\btoo few (?:cuts|shots)\b|\bmore frequent\s+{_CUTTING}|\bcut\s+more(?:\s+often)?\b|{_ZH_CUTTING}快(?!了)"
)
# Creators mix scripts inside one phrase ("每个 bar 切一次"): an English or a Chinese noun after either frame.
_BAR = r"(?:bars?|measures?|小节)"
_BEAT = r"(?:beats?|拍|节拍)"
_EACH = r"(?:每|every|each|per)\s{0,3}(?:一\s{0,3})?(?:个\s{0,3})?"
_TWO = r"(?:2|两|二|two|other)\s{0,3}(?:个\s{0,3})?"
_PACE_PATTERNS: dict[str, re.Pattern[str]] = {
    # in 4/4, four beats are a bar and eight are two
    "2bar": re.compile(
        rf"(?:每|every)\s{{0,3}}(?:{_TWO}{_BAR}|(?:8|八|eight)\s{{0,3}}(?:个\s{{0,3}})?{_BEAT})"
    ),
    "bar": re.compile(
        rf"{_EACH}{_BAR}|(?:每|every)\s{{0,3}}(?:4|四|four)\s{{0,3}}(?:个\s{{0,3}})?{_BEAT}|\bonce (?:a|per) bar\b"
    ),
    "beat": re.compile(rf"{_EACH}{_BEAT}"),
}


def pace_pattern(pace: str) -> re.Pattern[str]:
    """The mixed-script pattern for a cut pace ("每个 bar", "每 2 个 bar", "每 beat")."""
    return _PACE_PATTERNS[pace]


MY_CLIPS = re.compile(
    r"(?:my|我的|我自己的|我拍的|我上传的)\s{0,3}(?:own\s{1,3})?"
    r"(?:clips?|videos?|footage|photos?|pictures?|images?|files?|shots?|素材|视频|影片|照片|片段|图片)"
)

# "做个视频", "做一支影片", "剪一个 video", "生成个卡点 mv": a request for the video in either script
_MEASURE = r"(?:(?:一\s?)?(?:个|支|条|段)|一)"
_VIDEO_GAP = r"(?:[\d.\s]|[零一二两三四五六七八九十百]|秒钟|秒|分钟|s\b|的|卡点|高光|精彩|短|抖音|竖屏|横屏|vertical|square){0,12}"
MAKE_VIDEO = re.compile(
    rf"(?:做|生成|剪|弄|来(?=\s?{_MEASURE}))\s?(?:{_MEASURE}{_VIDEO_GAP})?\s?(?:视频|影片|video|mv|clip)"
)
# "make a 30 second TikTok", "create me a vertical reel", "cut a short montage"
MAKE_VIDEO_EN = re.compile(
    r"\b(?:make|create|build|cut|produce|generate|give me|do)\s{1,3}(?:me\s{1,3})?(?:a|an|the|my|one)\s{1,3}"
    r"(?:[\w:-]{1,20}\s{1,3}){0,4}?(?:video|tiktok|reel|short|montage|edit|highlight|mv|recap)s?\b"
)

# ---------------------------------------------------------------------------------------- titles
# quoted words; an apostrophe counts only outside a word ("don't use the clip's audio" quotes nothing)
_QUOTED = re.compile(
    r"[\"“‘《「『«]([^\"”’》」』»\n]{1,80})[\"”’》」』»]|(?<![\w'])'([^'\n]{1,80})'(?![\w'])"
)
_TITLE_AFTER = re.compile(
    r"(?:title|caption|text|call it|name it|标题|標題|片名|字幕|文字)\s{0,3}"
    r"(?:to be|should be|to|as|is|=|:|：|改成|改为|改為|换成|換成|换为|換為|设为|設為|设成|設成|写成|寫成|写|寫|"
    r"叫做|叫|用|使用|为|為|是)?\s{0,3}([^\n]{1,120})$",
    re.IGNORECASE,
)
# an unquoted title ends where the next instruction starts ("title 换成 X，BGM 小声一点")
_TITLE_END = re.compile(
    r"\s{0,3}(?:[,，;；、]|然后|然後|\bthen\b|\band\s(?:then|make|set|add|cut|change|turn|use|go|export|put)\b).*$",
    re.IGNORECASE | re.DOTALL,
)
_NOT_A_TITLE = re.compile(r"(?:off|on|away|out|up|down|back|gone|please)", re.I)
_TITLE_COMPLAINT = re.compile(r"(?:too|not|very|so|a bit)\b|太|不够|不夠|有点|有點|好", re.I)
_TITLE_TAIL = re.compile(
    r"(?:\s{0,3}(?:吧|啊|呀|哦|喔|啦|就好|就行|可以吗|可以嗎|好吗|好嗎|please|pls|plz|thanks|thx|谢谢|謝謝|[!！.。?？~～])){1,6}$",
    re.IGNORECASE,
)


def title_text(original: str) -> str | None:
    """The title a sentence asks for: quoted text, else the words after "title (to)" / 标题改成."""
    quoted = _QUOTED.search(original)
    if quoted:
        return (quoted.group(1) or quoted.group(2)).strip()
    after = _TITLE_AFTER.search(unicodedata.normalize("NFKC", original[:2_000]))
    if after:
        value = _TITLE_END.sub("", after.group(1).strip())
        value = _TITLE_TAIL.sub("", value).strip().strip("\"'“”‘’《》「」『』.。!！ ")
        if _TITLE_COMPLAINT.match(value) or _NOT_A_TITLE.fullmatch(value):  # "the title is too long",
            return None  # "take the title off": about the title, not a new one
        return value[:80] or None
    return None
