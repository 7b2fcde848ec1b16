"""Words about the clips' own sound (English, simplified and traditional Chinese) and what they ask.

``parse_clip_sound(norm)`` reads a normalised message (NFKC, case-folded) into the timeline's sound
ops: keep or mute the clips' sound (all, or one clip named by its file name), "music only", the clips'
sound louder or quieter, and the music's duck under it deeper, shallower or off. "The music is too loud
over my clips" is a deeper duck, not a quieter song: the song stays as loud where no clip speaks.
"""

from __future__ import annotations

import re
from typing import Literal

from skill.text.numbers import parse_level
from skill.timeline.audio import SoundOp
from skill.timeline.ops import ClipLevel, ClipSound, Duck
from skill.timeline.vocab import MAX_CLIP_GAIN, MAX_DUCK_DB, VIDEO_FORMATS

from .clip_cues import file_name

__all__ = ["SoundOp", "parse_clip_sound"]

_CLIPS_EN = r"(?:clips?|videos?|footage|camera|recordings?|original|movies?)"
_CLIPS_ZH = r"(?:视频|視頻|影片|片段|素材|录像|錄像)"
_SOUND_EN = r"(?:sound|sounds|audio|volume|voices?|noise)"
# the clips' sound named: "clip sound", "the sound from my videos", "original audio", "voices", "原声"
CLIP_SOUND = re.compile(
    rf"\b{_CLIPS_EN}(?:'s|s')?\s+{_SOUND_EN}\b"
    rf"|\b{_SOUND_EN}\s+(?:of|from|in|on)\s+(?:the\s+|my\s+|all\s+|each\s+|every\s+)?(?:own\s+)?{_CLIPS_EN}"
    r"|\b(?:own|their|its|live|ambient|camera)\s+(?:sound|audio)\b"
    r"|\bvoices?\b|\bpeople talking\b|\btalking\b|\bspeech\b|\bdialog(?:ue)?\b|\bspeaking\b"
    rf"|原声|原聲|原音|人声|人聲|说话|說話|对白|對白|现场声|現場聲|现场音|現場音|环境音|環境音"
    rf"|{_CLIPS_ZH}\s*(?:的)?\s*(?:声音|聲音|音量|音频|音訊)"
)
# a clip noun with a mute word and no sound noun: "mute my clips", "silence the videos", "视频静音"
MUTE_CLIPS = re.compile(
    rf"\b(?:mute|silence)\s+(?:all\s+|my\s+|the\s+|every\s+|each\s+)*(?:the\s+)?{_CLIPS_EN}\b"
    rf"|{_CLIPS_ZH}\s*(?:都)?\s*(?:静音|靜音|消音)"
)
MUSIC_ONLY = re.compile(
    r"\b(?:music|song|bgm) only\b|\b(?:only|just)\s+(?:the\s+|keep\s+the\s+)?(?:background\s+)?(?:music|song|bgm)\b"
    r"|(?:只|仅|僅)\s*(?:要|留|保留|用|有|听|聽|放)?\s*(?:背景)?\s*(?:音乐|音樂|歌|bgm)"
)
UNMUTE = ("unmute", "un-mute", "取消静音", "取消靜音")
# a clip noun with an unmute word: "unmute the clips", "视频取消静音"
UNMUTE_CLIPS = re.compile(
    rf"\bun-?mute\s+(?:all\s+|my\s+|the\s+|every\s+|each\s+)*{_CLIPS_EN}\b"
    rf"|{_CLIPS_ZH}\s*(?:的声音|的聲音)?\s*取消\s*(?:静音|靜音)"
)
# the clips quieter or louder with no sound noun: "make the clips quieter", "the videos a bit louder"
CLIPS_LEVEL = re.compile(
    rf"\b{_CLIPS_EN}\s+(?:a\s+(?:bit|little)\s+|much\s+)?(quieter|softer|lower|louder)\b"
    rf"|{_CLIPS_ZH}\s*(?:再)?\s*(?:小声|小聲|轻一点|輕一點)"
)
# the clips turned up or down with no sound noun: "turn the clips down", "turn up my videos"
TURN_CLIPS = re.compile(
    rf"\bturn\s+(?:the\s+|my\s+|all\s+)*{_CLIPS_EN}\s+(up|down)\b"
    rf"|\bturn\s+(up|down)\s+(?:the\s+|my\s+|all\s+)*{_CLIPS_EN}\b"
)
MUTE = re.compile(
    r"\b(?:mute|silence|turn (?:it |them )?off|switch off|remove|drop|get rid of|no|without|don'?t|do not|"
    r"never|kill|lose|cut out|take out|strip)\b|\boff\b"
    r"|静音|靜音|关掉|關掉|关闭|關閉|去掉|去除|不要|拿掉|消音|删掉|刪掉|不用|别要|別要"
)
KEEP = re.compile(
    r"\b(?:keep|turn (?:it |them )?on|switch on|bring back|restore|with|use|add|want|hear|include)\b|\bon\b"
    r"|保留|留着|留著|打开|打開|开启|開啟|恢复|恢復|要|用|加上|听到|聽到"
)
TOO_QUIET = re.compile(r"too (?:quiet|soft|low)|can'?t hear|太小|太轻|太輕|太低|听不见|聽不見|听不清|聽不清")
TOO_LOUD = re.compile(r"too loud|too noisy|太大|太吵|太响|太響")
LOUDER = re.compile(
    r"\b(?:louder|boost|raise|increase|more|up|amplify)\b"
    r"|大声|大聲|调大|調大|调高|調高|大一点|大一點|大点|大點|加大|提高|响一点|響一點"
)
QUIETER = re.compile(
    r"\b(?:quieter|softer|lower|reduce|decrease|less|down)\b"
    r"|小声|小聲|调小|調小|调低|調低|小一点|小一點|小点|小點|减小|減小|降低|轻一点|輕一點"
)
DUCK = ("duck", "闪避", "閃避", "避让", "避讓", "自动降低", "自動降低")
DUCK_OFF = re.compile(
    r"\b(?:no|don'?t|do not|stop|disable|without|turn off|switch off|never)\b[^.!?]{0,12}duck"
    r"|duck(?:ing)?\s+off\b|(?:不要|关闭|關閉|取消|关掉|關掉|别|別|不用)\s*(?:自动)?\s*(?:闪避|閃避|避让|避讓)"
)
DUCK_MORE = re.compile(
    r"\b(?:more|deeper|stronger|harder|further)\b|更多|多一点|多一點|加强|加強|更明显|更明顯|更深|大一点|大一點"
)
DUCK_LESS = re.compile(
    r"\b(?:less|lighter|gentler|weaker|softer|shallower|a bit)\b"
    r"|少一点|少一點|减弱|減弱|轻一点|輕一點|弱一点|弱一點|小一点|小一點|浅一点|淺一點"
)
# the music over the clips' sound: heard as "duck deeper", whatever the exact words
MUSIC_OVER_CLIPS = re.compile(
    r"music[^.!?]{0,30}(?:too loud|drown|cover|over)[^.!?]{0,30}(?:clip|video|voice|footage|talk|speech)"
    r"|(?:can'?t|cannot|can not|hard to|barely)\s+hear\s+(?:the\s+|my\s+)?(?:clip|video|voice|footage|people|original|talk|speech)"
    r"|(?:music|song|bgm)[^.!?]{0,20}\b(?:quieter|lower|down|dip|softer)\b[^.!?]{0,12}"
    r"\b(?:when|while|whenever|under|during|over)\b[^.!?]{0,20}(?:talk|speak|voice|clip|video|people|sound)"
    r"|\b(?:lower|quiet|soften|dip|duck|turn down)\s+(?:the\s+)?(?:music|song|bgm)\b[^.!?]{0,12}"
    r"\b(?:when|while|whenever|under|during|over)\b[^.!?]{0,20}(?:talk|speak|voice|clip|video|people|sound)"
    r"|(?:音乐|音樂|背景音|歌)[^。！？]{0,8}(?:盖住|蓋住|盖过|蓋過|压过|壓過|淹没|淹沒)"
    # "too loud" is about the clips only when they are named ("背景音乐太大声了" alone is the volume)
    r"|(?:音乐|音樂|背景音|歌)[^。！？]{0,8}(?:太大|太响|太響|太吵)[^。！？]{0,12}(?:原声|原聲|人声|人聲|说话|說話|片段|素材)"
    r"|(?:原声|原聲|人声|人聲|说话|說話|片段|素材)[^。！？]{0,12}(?:音乐|音樂|背景音|歌)[^。！？]{0,8}(?:太大|太响|太響|太吵)"
    r"|(?:听不到|聽不到|听不清|聽不清)\s*(?:原声|原聲|人声|人聲|说话|說話|声音|聲音)"
    r"|(?:原声|原聲)[^。！？]{0,6}(?:听不清|聽不清|听不到|聽不到|被盖住|被蓋住)"
    r"|(?:说话|說話|人声|人聲|原声|原聲)\s*(?:的)?\s*(?:时|時|时候|時候)[^。！？]{0,6}(?:音乐|音樂|背景音)"
    r"[^。！？]{0,4}(?:小|低|降)"
)
# the clips themselves too quiet or too loud: "the clips are too quiet", "素材太吵"
CLIPS_TOO = re.compile(
    rf"\b{_CLIPS_EN}\b[^.!?]{{0,12}}\btoo\s+(quiet|soft|low|loud|noisy)\b|{_CLIPS_ZH}\s*(太小声|太小聲|太吵|太响|太響)"
)
# quoted text is the user's own words (a title), never an instruction about the sound
_QUOTED = re.compile(r"[\"“”«»「『《][^\"“”«»」』》]*[\"“”«»」』》]|(?:^|\s)'[^']+'(?=[\s.,!?]|$)")
_KEEP_WORDS = re.compile(r"\b(?:keep|bring back|restore|turn (?:it |them )?on)\b|保留|留着|留著|恢复|恢復")
_SOUND_NOUN = re.compile(r"\b(?:sound|audio|volume)\b|声音|聲音|音量")
_FILE = re.compile(r"[\w\-.()\[\]]+\.(?:" + "|".join(sorted(VIDEO_FORMATS)) + r")(?![a-z0-9_])")
_DB = re.compile(r"(\d{1,2}(?:\.\d)?)\s*db\b")


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def _duck(norm: str) -> Duck | None:
    if DUCK_OFF.search(norm):
        return Duck(db=0.0)
    if _has(norm, DUCK):
        db = _DB.search(norm)
        if db:
            return Duck(db=min(MAX_DUCK_DB, float(db.group(1))))
        if DUCK_LESS.search(norm) and not DUCK_MORE.search(norm):
            return Duck(step=-1)
        return Duck(step=1)  # "duck the music", "more ducking"
    if MUSIC_OVER_CLIPS.search(norm):
        return Duck(step=1)
    return None


def parse_clip_sound(norm: str) -> tuple[SoundOp, ...]:
    """The sound ops ``norm`` asks for (empty: it is not about the clips' sound)."""
    norm = _QUOTED.sub(" ", norm)
    duck = _duck(norm)
    if duck is not None:
        return (duck,)
    if MUSIC_ONLY.search(norm):
        return (ClipSound(keep=False),)
    named = _FILE.search(norm)
    clip = file_name(named.group(0)) if named else None
    too = CLIPS_TOO.search(norm)
    if too:
        loud = too.group(1) in ("loud", "noisy") or too.group(2) in ("太吵", "太响", "太響")
        return (ClipLevel(step=-1 if loud else 1, clip=clip),)
    if MUTE_CLIPS.search(norm) and not _has(norm, UNMUTE):
        return (ClipSound(keep=False, clip=clip),)
    if UNMUTE_CLIPS.search(norm):
        return (ClipSound(keep=True, clip=clip),)
    turned = TURN_CLIPS.search(norm)
    if turned:
        return (ClipLevel(step=1 if "up" in (turned.group(1), turned.group(2)) else -1, clip=clip),)
    said = CLIPS_LEVEL.search(norm)
    if said:  # "the clips quieter", "视频小声一点"
        return (ClipLevel(step=1 if said.group(1) == "louder" else -1, clip=clip),)
    if not (CLIP_SOUND.search(norm) or (clip is not None and _SOUND_NOUN.search(norm))):
        # a clip named with mute / unmute ("mute beach.mp4", "把 beach.mp4 静音") is about its sound
        if clip is None:
            return ()
        if _has(norm, UNMUTE):
            return (ClipSound(keep=True, clip=clip),)
        if _has(norm, ("mute", "静音", "靜音", "消音")):
            return (ClipSound(keep=False, clip=clip),)
        return ()
    gain = parse_level(norm)  # "60%", "六成", "一半": the clips' sound at that level
    if gain is not None:
        return (ClipLevel(gain=min(MAX_CLIP_GAIN, gain), clip=clip),)
    if _has(norm, UNMUTE):
        return (ClipSound(keep=True, clip=clip),)
    if TOO_QUIET.search(norm):
        return (ClipLevel(step=1, clip=clip),)
    if TOO_LOUD.search(norm):
        return (ClipLevel(step=-1, clip=clip),)
    if MUTE.search(norm):
        return (ClipSound(keep=False, clip=clip),)
    step: Literal[-1, 1] | None = -1 if QUIETER.search(norm) else 1 if LOUDER.search(norm) else None
    if step is not None:  # "keep the clip sound but quieter": heard again, one step down
        level = ClipLevel(step=step, clip=clip)
        return (ClipSound(keep=True, clip=clip), level) if _KEEP_WORDS.search(norm) else (level,)
    if KEEP.search(norm):
        return (ClipSound(keep=True, clip=clip),)
    return ()
