"""The words the local agent listens for, per edit, in English, simplified and traditional Chinese (data)."""

from __future__ import annotations

import re
from typing import Literal

__all__ = [
    "ASPECT_CUES", "CLIP_CUES", "GREETING", "HELP_CUES", "HIGHLIGHT_CUES", "LENGTH_CUES", "LOUDER",
    "MUSIC_CUES", "MUTE", "PACE_CUES", "PACE_FASTER", "PACE_SLOWER", "PaceName", "QUIETER", "REMOVE_CUES",
    "TITLE_CUES", "UNDO_CUES", "USE_MEDIA", "EXPORT_CUES", "SHOW_CUES", "MY_CLIPS", "SHORTER", "LONGER", "LENGTH_STEP_S",
    "fix_typos", "pace_pattern", "SOUND_WORDS", "HALF_VOLUME", "MAKE_VIDEO",
]  # fmt: skip

PaceName = Literal["beat", "bar", "2bar"]

HIGHLIGHT_CUES = (
    "highlight", "sync", "beat-synced", "best part", "best section", "make a video", "create a video",
    "make the video", "make me a video", "music video", "montage", "recap", "reel",
    "高光", "精华", "精華", "卡点", "卡點", "踩点", "踩點", "集锦", "集錦", "精彩", "同步", "做视频",
    "做一个视频", "做個影片", "生成视频", "生成影片", "剪辑", "剪輯", "混剪",
)  # fmt: skip
CLIP_CUES = (
    "my clips", "my videos", "my footage", "my photos", "my pictures", "my images", "my files",
    "我的素材", "我的视频", "我的影片", "我的照片", "我的片段", "我的视频片段",
)  # fmt: skip
UNDO_CUES = (
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
HELP_CUES = (
    "what can you do", "help", "what do you do", "how does this work", "commands", "options",
    "你能做什么", "你能做什麼", "能做什么", "能做什麼", "可以做什么", "可以做什麼", "会做什么", "會做什麼",
    "帮助", "幫助", "功能", "怎么用", "怎麼用",
)  # fmt: skip
# one or more greetings ("嗨～ 你好呀 👋"), each with its particles, punctuation and emoji
GREETING = re.compile(
    r"^(?:(?:hi|hello|hey|yo|good (?:morning|afternoon|evening)|你好|您好|嗨|哈喽|哈囉|哈啰|大家好)"
    r"(?:\s*(?:there|呀|啊|哦|喔|哈|~|～))*[!！.。,，~～\s\u2600-\u27bf\U0001f300-\U0001faff]*)+$",
    re.I,
)
# Pointing at an upload with no edit in it: "use this song", "here's my track", "用这首歌", "就用這個".
USE_MEDIA = re.compile(
    r"\b(?:use|using|take|try)\s+(?:this|that|these|those|it|my|the)\b"
    r"|\b(?:here(?:'s| is| are)|this is|these are)\s+(?:my|the|a|our)?\s*(?:song|track|music|tune|beat|file|clips?|audio|mp3|wav)"
    r"|^(?:my|this|the)\s+(?:song|track|music|tune|file|clips?)\b"
    r"|(?:用|使用|就用|拿|试试|試試)(?:这|這|那|我的|我)"
    r"|(?:这|這)(?:是|就是)?(?:我的)?(?:歌|首|段|个|個|支|些)"
    r"|^(?:我的)?(?:歌|音乐|音樂|素材|文件|檔案)(?:来了|來了|在这|在這)",
    re.I,
)
ASPECT_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
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
            "竖的",
            "豎的",
            "直的",
            "直式",
            "竖向",
            "豎向",
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
            "横的",
            "橫的",
            "横式",
            "橫式",
            "横向",
            "橫向",
        ),
    ),
    ("1:1", ("1:1", "square", "方形", "正方形", "方屏", "ig post", "instagram post", "feed post")),
)
PACE_CUES: tuple[tuple[PaceName, tuple[str, ...]], ...] = (
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
PACE_FASTER = ("faster cuts", "more cuts", "cut faster", "快一点", "快一點", "节奏快", "節奏快", "剪快")
PACE_SLOWER = ("slower cuts", "fewer cuts", "cut slower", "慢一点", "慢一點", "节奏慢", "節奏慢", "剪慢")
TITLE_CUES = (
    "title", "caption", "heading", "add text", "text overlay", "text to", "text:",
    "标题", "標題", "字幕", "文字", "片名",
)  # fmt: skip
REMOVE_CUES = (
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
    "拿掉",
    "拿走",
    "移除",
    "清除",
    "删了",
    "刪了",
    "take off",
    "take out",
)
MUSIC_CUES = (
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
LOUDER = (
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
    "大点声",
    "大點聲",
)
QUIETER = (
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
    "小点声",
    "小點聲",
)
# words that are about loudness on their own ("大声点", "quieter"): a volume edit even with no music word
SOUND_WORDS = (
    "louder", "quieter", "softer", "mute", "大声", "大聲", "小声", "小聲", "大点声", "大點聲", "小点声",
    "小點聲", "静音", "靜音",
)  # fmt: skip
HALF_VOLUME = ("half volume", "half the volume", "音量一半", "一半音量", "一半的音量", "音量减半", "音量減半")
MUTE = (
    "mute", "silence the music", "turn off the music", "turn the music off", "no music", "no bgm",
    "静音", "靜音", "关掉", "關掉", "关闭", "關閉", "不要音乐", "不要音樂", "不要背景音", "不要 bgm",
)  # fmt: skip
LENGTH_CUES = (
    "make it", "shorten", "shorter", "longer", "lengthen", "extend", "trim", "cut it to", "cut to",
    "length", "duration", "long", "缩短", "縮短", "延长", "延長", "加长", "加長", "剪到", "改成", "改为",
    "改為", "变成", "變成", "长度", "長度", "时长", "時長",
)  # fmt: skip
EXPORT_CUES = (
    "export", "download", "render", "send me the video", "give me the video", "mp4",
    "导出", "導出", "下载", "下載", "渲染", "输出", "輸出",
)  # fmt: skip
SHOW_CUES = (
    "timeline", "show the tracks", "show tracks", "show me", "status", "what's in", "what is in", "summary",
    "时间线", "時間線", "轨道", "軌道", "状态", "狀態", "预览", "預覽", "进度", "進度",
)  # fmt: skip

# ---------------------------------------------------------------------------------------- mixed phrasing
# Creators mix scripts inside one phrase ("每个 bar 切一次", "用我的 clips"): these patterns accept an
# English or a Chinese noun after a Chinese (or English) frame.
_BAR = r"(?:bars?|measures?|小节|小節)"
_BEAT = r"(?:beats?|拍|节拍|節拍)"
_EACH = r"(?:每|every|each|per)\s*(?:一\s*)?(?:个|個)?\s*"
_TWO = r"(?:2|两|兩|二|two|other)\s*(?:个|個)?\s*"
_PACE_PATTERNS: dict[str, re.Pattern[str]] = {
    # in 4/4, four beats are a bar and eight are two
    "2bar": re.compile(rf"(?:每|every)\s*(?:{_TWO}{_BAR}|(?:8|八|eight)\s*(?:个|個)?\s*{_BEAT})"),
    "bar": re.compile(rf"{_EACH}{_BAR}|(?:每|every)\s*(?:4|四|four)\s*(?:个|個)?\s*{_BEAT}"),
    "beat": re.compile(rf"{_EACH}{_BEAT}"),
}


def pace_pattern(pace: str) -> re.Pattern[str]:
    """The mixed-script pattern for a cut pace ("每个 bar", "每 2 个 bar", "每 beat")."""
    return _PACE_PATTERNS[pace]


MY_CLIPS = re.compile(
    r"(?:my|我的|我自己的|我拍的|我上传的|我上傳的)\s*(?:own\s+)?"
    r"(?:clips?|videos?|footage|photos?|pictures?|images?|files?|shots?|素材|视频|視頻|影片|照片|片段|图片|圖片)"
)
SHORTER = (
    "shorter",
    "shorten it",
    "too long",
    "短一点",
    "短一點",
    "短一些",
    "再短",
    "太长",
    "太長",
    "缩短一点",
    "縮短一點",
)
LONGER = (
    "longer",
    "lengthen it",
    "too short",
    "长一点",
    "長一點",
    "长一些",
    "長一些",
    "再长",
    "再長",
    "太短",
    "加长一点",
    "加長一點",
)
LENGTH_STEP_S = 5.0

# Common English words of the cues above: a typed word one slip away from one of them ("highlgiht",
# "sycn", "vertcal", "exprot") is read as that word. Short words are left alone (too many near misses).
_TYPO_VOCAB = (
    "highlight", "sync", "montage", "vertical", "portrait", "landscape", "horizontal", "square",
    "title", "caption", "volume", "music", "quieter", "louder", "softer", "export", "download", "render",
    "timeline", "undo", "revert", "shorter", "longer", "shorten", "seconds", "second", "clips", "footage",
    "every", "beat", "bars", "faster", "slower", "remove", "delete", "summary", "status",
)  # fmt: skip
_WORD = re.compile(r"[a-z]{4,}")


def _one_slip(a: str, b: str) -> bool:
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


_KNOWN = frozenset(_TYPO_VOCAB) | {
    "expert", "title", "tiles", "tile", "sing", "sink", "song", "songs", "bear", "bears", "beats", "very",
    "beta", "best", "music", "clip", "every", "ever", "some", "sound", "under", "long", "remote", "musing", "timelines",
}  # fmt: skip


def fix_typos(norm: str) -> str:
    """Replace words of ``norm`` (already casefolded) that are a slip of a cue word by that word."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in _KNOWN:
            return word
        for target in _TYPO_VOCAB:
            if _one_slip(word, target):
                return target
        return word

    return _WORD.sub(fix, norm)


# "做个视频", "做一支影片", "剪一个 video", "生成个卡点 mv": a request for the video in either script
_MEASURE = r"(?:(?:一\s*)?(?:个|個|支|条|條|段)|一)"
_VIDEO_GAP = (
    r"(?:[\d.\s]|[零一二两兩三四五六七八九十百]|秒钟|秒鐘|秒|分钟|分鐘|s\b|的|卡点|卡點|高光|精彩|短|"
    r"竖屏|豎屏|横屏|橫屏|vertical|square)*"
)
MAKE_VIDEO = re.compile(
    rf"(?:做|生成|剪|弄|(?:来|來)(?=\s*{_MEASURE}))\s*(?:{_MEASURE}{_VIDEO_GAP})?\s*"
    r"(?:视频|影片|視頻|video|mv|clip)"
)
