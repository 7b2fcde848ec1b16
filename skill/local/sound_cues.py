"""Words about the clips' own sound (English, simplified and traditional Chinese) and what they ask.

``parse_clip_sound(norm)`` reads a normalised message (NFKC, case-folded) into the timeline's sound
ops: keep or mute the clips' sound (all, or one clip named by its file name), "music only", the clips'
sound louder or quieter, and the music's duck under it deeper, shallower or off. "The music is too loud
over my clips" is a deeper duck, not a quieter song: the song stays as loud where no clip speaks.
"""

from __future__ import annotations

import re

from skill.timeline.audio import SoundOp
from skill.timeline.ops import ClipLevel, ClipSound, Duck
from skill.timeline.vocab import MAX_CLIP_GAIN, MAX_DUCK_DB, VIDEO_FORMATS

__all__ = ["SoundOp", "parse_clip_sound"]

CLIP_SOUND = (
    "clip sound", "clip audio", "clips' sound", "clip's sound", "clips sound", "clips audio",
    "sound of the clip", "sound of my clip", "sound from the clip", "sound from my clip", "audio of the clip",
    "audio from the clip", "sound of the video", "sound of my video", "video sound", "video audio",
    "original sound", "original audio", "own sound", "their sound", "its sound", "camera sound",
    "live sound", "ambient sound", "sound of the footage", "footage sound",
    "原声", "原聲", "原音", "视频声音", "视频的声音", "視頻聲音", "視頻的聲音", "影片聲音", "影片的聲音",
    "片段声音", "片段的声音", "片段聲音", "片段的聲音", "素材声音", "素材的声音", "素材聲音", "素材的聲音",
    "现场声", "現場聲", "现场音", "現場音", "环境音", "環境音",
)  # fmt: skip
MUSIC_ONLY = (
    "music only", "only music", "only the music", "just the music", "just music", "only the song",
    "just the song", "只要音乐", "只要音樂", "只留音乐", "只留音樂", "只保留音乐", "只保留音樂", "只用音乐",
    "只用音樂", "只有音乐", "只有音樂", "只要背景音乐", "只要背景音樂", "只听音乐", "只聽音樂",
)  # fmt: skip
UNMUTE = ("unmute", "un-mute", "取消静音", "取消靜音")
MUTE = (
    "mute", "silence", "turn off", "switch off", "remove", "drop", "get rid of", "no ", "without",
    "静音", "靜音", "关掉", "關掉", "关闭", "關閉", "去掉", "去除", "不要", "拿掉", "消音", "删掉", "刪掉",
)  # fmt: skip
KEEP = (
    "keep", "turn on", "switch on", "bring back", "restore", "with ", "use ", "add ",
    "保留", "留着", "留著", "打开", "打開", "开启", "開啟", "恢复", "恢復", "要", "用", "加上",
)  # fmt: skip
LOUDER = ("louder", "turn up", "raise", "boost", "increase", "more", "大声", "大聲", "调大", "調大", "调高", "調高", "大一点", "大一點", "加大", "提高")  # fmt: skip
QUIETER = ("quieter", "softer", "turn down", "lower", "reduce", "decrease", "less", "小声", "小聲", "调小", "調小", "调低", "調低", "小一点", "小一點", "减小", "減小", "降低")  # fmt: skip
DUCK = ("duck", "闪避", "閃避", "避让", "避讓", "自动降低", "自動降低")
DUCK_OFF = (
    "no ducking", "don't duck", "do not duck", "dont duck", "stop ducking", "turn off ducking",
    "ducking off", "duck off", "disable ducking", "without ducking", "关闭闪避", "關閉閃避", "不要闪避",
    "不要閃避", "取消闪避", "取消閃避", "关掉闪避", "關掉閃避",
)  # fmt: skip
DUCK_MORE = ("more", "deeper", "stronger", "harder", "更多", "多一点", "多一點", "加强", "加強", "更明显", "更明顯", "更深")  # fmt: skip
DUCK_LESS = ("less", "lighter", "gentler", "weaker", "softer", "少一点", "少一點", "减弱", "減弱", "轻一点", "輕一點", "弱一点", "弱一點")  # fmt: skip
# the music over the clips: heard as "duck deeper", whatever the exact words
MUSIC_OVER_CLIPS = re.compile(
    r"music[^.!?]{0,30}(?:too loud|drown|cover|over)[^.!?]{0,30}(?:clip|video|voice|footage|talk|speech)"
    r"|(?:can'?t|cannot|can not|hard to|barely)\s+hear\s+(?:the\s+|my\s+)?(?:clip|video|voice|footage|people|original)"
    r"|(?:音乐|音樂|背景音|歌)[^。！？]{0,8}(?:盖住|蓋住|盖过|蓋過|压过|壓過|淹没|淹沒|太大|太响|太響)"
    r"|(?:听不到|聽不到|听不清|聽不清)\s*(?:原声|原聲|人声|人聲|说话|說話|声音|聲音)"
    r"|(?:原声|原聲)[^。！？]{0,6}(?:听不清|聽不清|听不到|聽不到|被盖住|被蓋住)"
)
_FILE = re.compile(r"[\w\-.()\[\]]+\.(?:" + "|".join(sorted(VIDEO_FORMATS)) + r")\b")
_PERCENT = re.compile(r"(\d{1,3})\s*%")
_DB = re.compile(r"(\d{1,2}(?:\.\d)?)\s*db\b")


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def _duck(norm: str) -> Duck | None:
    if _has(norm, DUCK_OFF):
        return Duck(db=0.0)
    if _has(norm, DUCK):
        db = _DB.search(norm)
        if db:
            return Duck(db=min(MAX_DUCK_DB, float(db.group(1))))
        if _has(norm, DUCK_LESS):
            return Duck(step=-1)
        return Duck(step=1)  # "duck the music", "more ducking"
    if MUSIC_OVER_CLIPS.search(norm):
        return Duck(step=1)
    return None


def parse_clip_sound(norm: str) -> tuple[SoundOp, ...]:
    """The sound ops ``norm`` asks for (empty: it is not about the clips' sound)."""
    duck = _duck(norm)
    if duck is not None:
        return (duck,)
    if _has(norm, MUSIC_ONLY):
        return (ClipSound(keep=False),)
    named = _FILE.search(norm)
    clip = named.group(0) if named else None
    if not _has(norm, CLIP_SOUND):
        # a clip named with mute / unmute ("mute beach.mp4", "把 beach.mp4 静音") is about its sound
        if clip is None:
            return ()
        if _has(norm, UNMUTE):
            return (ClipSound(keep=True, clip=clip),)
        if _has(norm, ("mute", "静音", "靜音", "消音")):
            return (ClipSound(keep=False, clip=clip),)
        return ()
    percent = _PERCENT.search(norm)
    if percent:
        return (ClipLevel(gain=min(MAX_CLIP_GAIN, int(percent.group(1)) / 100), clip=clip),)
    if _has(norm, UNMUTE):
        return (ClipSound(keep=True, clip=clip),)
    if _has(norm, MUTE):
        return (ClipSound(keep=False, clip=clip),)
    if _has(norm, QUIETER):
        return (ClipLevel(step=-1, clip=clip),)
    if _has(norm, LOUDER):
        return (ClipLevel(step=1, clip=clip),)
    if _has(norm, KEEP):
        return (ClipSound(keep=True, clip=clip),)
    return ()
