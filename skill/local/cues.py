"""The words the local agent listens for, per edit, in English, simplified and traditional Chinese (data)."""

from __future__ import annotations

import re
from typing import Literal

__all__ = [
    "ASPECT_CUES", "CLIP_CUES", "GREETING", "HELP_CUES", "HIGHLIGHT_CUES", "LENGTH_CUES", "LOUDER",
    "MUSIC_CUES", "MUTE", "PACE_CUES", "PACE_FASTER", "PACE_SLOWER", "PaceName", "QUIETER", "REMOVE_CUES",
    "TITLE_CUES", "UNDO_CUES", "EXPORT_CUES", "SHOW_CUES",
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
    "你能做什么", "你能做什麼", "能做什么", "能做什麼", "帮助", "幫助", "功能", "怎么用", "怎麼用",
)  # fmt: skip
GREETING = re.compile(
    r"^(hi|hello|hey|yo|good (morning|afternoon|evening)|你好|您好|嗨|哈喽|哈囉)[!！.。\s]*$", re.I
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
TITLE_CUES = ("title", "caption", "heading", "标题", "標題", "字幕", "文字", "片名")
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
)
MUTE = ("mute", "silence the music", "静音", "靜音")
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
    "时间线", "時間線", "轨道", "軌道", "状态", "狀態", "预览", "預覽",
)  # fmt: skip
