"""Which clips a sentence names: file names, a word of a name, a place in the upload order ("clip 2",
"the second photo", "第三个视频" are ``#2``, ``#2``, ``#3``; "the last clip" is ``#-1``), and the list
after "only" ("only use the box and cup clips", "只用 box 和 cup", "just use clips 2 and 3").

Part of :mod:`skill.local.clip_cues`; the text is normalised (NFKC, case-folded). A name is checked
against the uploads when the op is applied (an unknown one is refused there, by name).
"""

from __future__ import annotations

import re
from typing import Literal

from skill.text.numbers import ZH_NUM, parse_number

from . import edit_words as V

__all__ = ["FILE", "NOT_A_NAME", "numbered_clips", "only_list"]

# the name ends at its extension even when Chinese follows ("cup.mp4的声音": no word boundary there)
FILE = re.compile(r"[\w\-]+\.(?:mp4|mov|avi|webm|mkv|m4v|jpg|jpeg|png|gif|webp|bmp)(?![a-z0-9_])")
_NOUN = r"(?:clip|video|photo|picture|pic|image|shot|footage|file|upload)s?"
_ZH_NOUN = r"(?:个|個|段|张|張|条|條|号|號)?\s*(?:视频|視頻|影片|照片|图片|圖片|相片|片段|素材)?"
_EN_ORDINALS = {w: n for w, n in V.ORDINALS if w.isascii()} | {
    "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_ORDINAL = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(_EN_ORDINALS, key=len, reverse=True)) + ")"
# "clip 2", "photo #3", "video no. 4" ; "the second clip", "the 3rd photo", "the last one" ; "第二个视频", "2号"
_BY_NUMBER = re.compile(rf"\b{_NOUN}\s*(?:#|no\.?\s*|number\s+)?(\d{{1,3}})\b")
_BY_ORDINAL = re.compile(rf"\b({_ORDINAL})\s+(?:{_NOUN}|one)\b")
_ZH_BY_NUMBER = re.compile(rf"第\s*(\d{{1,3}}|{ZH_NUM})\s*{_ZH_NOUN}|(\d{{1,3}})\s*(?:号|號)")

# "only" before a list of clips; what follows up to the clause's end is the list
_ONLY = re.compile(
    r"\b(?:only|just)\s+(?:use|keep|want|show|include)\b|\b(?:use|keep|show|include|want)\s+(?:only|just)\b"
    r"|\bnothing but\b|\bonly\s+(?=the\b|clips?\b|videos?\b|photos?\b|#?\d)"
    r"|只用|只要|只留|只保留|只使用|仅用|僅用|仅使用|僅使用|只放|只选|只選|就用"
)
_CLAUSE_END = re.compile(r"[;；。!?！？]|\.(?![a-z0-9])|\b(?:then|but|also)\b|然后|然後|并且|並且|再")
_SEPARATOR = re.compile(r"\s*(?:,|，|、|&|\band\b|\bplus\b|\bor\b|和|跟|与|與|及|以及|还有|還有|或)\s*")
_FILLER = re.compile(r"^(?:(?:the|my|these|those|a|an|clips?|videos?|photos?)\s+)+")
_LATIN = re.compile(r"[a-z][a-z0-9_\-]*")
_CJK_NAME = re.compile(r"[\u3400-\u9fff]{1,8}")
_ZH_TRAILING_NOUN = re.compile(r"(?:的)?(?:视频|視頻|影片|照片|图片|圖片|相片|片段|素材|这段|這段)+$")
# words that are not a clip's name: the song and its parts, the edit's own words, the clip nouns
NOT_A_NAME = frozenset(
    (
        *("the", "my", "a", "an", "one", "it", "this", "that", "these", "those", "them", "some", "all"),
        *("any", "every", "each", "other", "with", "for", "to", "of", "in", "on", "at", "by", "from"),
        *("clip", "clips", "video", "videos", "photo", "photos", "picture", "pictures", "pic", "pics"),
        *("image", "images", "shot", "shots", "footage", "file", "files", "upload", "uploads"),
        *("music", "song", "track", "audio", "sound", "beat", "beats", "bar", "bars", "downbeat"),
        *("downbeats", "cut", "cuts", "title", "text", "chorus", "drop", "verse", "intro", "outro"),
        *("bridge", "part", "best", "section", "highlight", "make", "use", "keep", "remove", "skip"),
        *("leave", "out", "put", "back", "mute", "dont", "don't", "not", "no", "and", "or", "then"),
    )
)
_PHOTO_KIND = ("photos", "pictures", "images", "pics", "照片", "图片", "圖片", "相片")
_VIDEO_KIND = ("videos", "video clips", "视频", "視頻", "影片", "视频片段", "視頻片段", "影片片段")
# a kind left out is the other kept: "no photos", "不要照片" (a name before it, "不要猫的照片", is one clip)
_WITHOUT = (
    r"(?:\bno|\bwithout|\bleave out|\bdrop|\bskip|\bremove|\bexclude)(?:\s+(?:the|my|any|all))*\s+"
    r"|(?:不要|不用|去掉|别用|別用|删掉|刪掉|拿掉)\s*"
)
_WITHOUT_PHOTOS = re.compile(rf"(?:{_WITHOUT})(?:photos|pictures|images|pics|照片|图片|圖片|相片)(?![a-z])")
_WITHOUT_VIDEOS = re.compile(rf"(?:{_WITHOUT})(?:videos|video clips|视频|視頻|影片)(?![a-z])")

Kind = Literal["clip", "photo"]


def _place(word: str) -> str | None:
    """``#n`` for an ordinal or a number ("second", "3rd", "第二", "2"), None otherwise."""
    if word in ("last", "final", "最后", "最後"):
        return "#-1"
    n = _EN_ORDINALS.get(word)
    if n is None:
        value = parse_number(re.sub(r"(?:st|nd|rd|th)$", "", word).removeprefix("第"))
        n = int(value) if value is not None and value == int(value) else None
    return f"#{n}" if n is not None and n != 0 else None


def numbered_clips(text: str) -> list[str]:
    """The clips a sentence names by their place in the upload order, as ``#n``."""
    found = [(m.start(), f"#{int(m.group(1))}") for m in _BY_NUMBER.finditer(text)]
    found += [(m.start(), p) for m in _BY_ORDINAL.finditer(text) if (p := _place(m.group(1)))]
    found += [(m.start(), p) for m in _ZH_BY_NUMBER.finditer(text) if (p := _place(m.group(1) or m.group(2)))]
    return list(dict.fromkeys(name for _, name in sorted(found)))


def _item(item: str) -> tuple[str | None, bool, bool]:
    """One list item: its clip name (or None), whether the list goes on after it, and whether the name
    is a Chinese word that counts only if the list says it names clips ("海边和日落的视频")."""
    item = _FILLER.sub("", item.strip())
    if not item:
        return None, True, False
    files = FILE.findall(item)
    if files:
        return files[0], item == files[0], False
    numbered = numbered_clips(item)
    if numbered:
        return numbered[0], True, False
    head, _, rest = item.partition(" ")
    if re.fullmatch(rf"#?\d{{1,3}}|{_ORDINAL}", head):  # "2", "third clips"; not "20 seconds"
        counted = not rest or bool(re.fullmatch(_NOUN, rest))
        return (_place(head.lstrip("#")) if counted else None), counted, False
    latin = _LATIN.match(item)
    if latin:
        name = latin.group(0)
        tail = item[latin.end() :].strip()
        goes_on = not tail or bool(re.fullmatch(rf"{_NOUN}|的\s*{_ZH_NOUN}", tail))
        return (None if name in NOT_A_NAME else name), goes_on, False
    cjk = _CJK_NAME.fullmatch(_ZH_TRAILING_NOUN.sub("", item))
    return (cjk.group(0), True, True) if cjk else (None, False, False)


def _kind_left_out(text: str) -> Kind | None:
    """ "no photos", "不要照片": the videos only; "without the videos": the photos only."""
    photos, videos = _WITHOUT_PHOTOS.search(text), _WITHOUT_VIDEOS.search(text)
    if photos and not videos:
        return "clip"
    if videos and not photos:
        return "photo"
    return None


def only_list(text: str) -> tuple[str, ...] | Kind | None:
    """The clips an "only" names (``#n`` for places), or the kind of upload ("only the photos": photo),
    or None when the sentence asks no such thing."""
    cue = _ONLY.search(text)
    if cue is None:
        return _kind_left_out(text)
    span = text[cue.end() :]
    end = _CLAUSE_END.search(span)
    span = span[: end.start()] if end else span
    first = _SEPARATOR.split(span.strip(), maxsplit=1)[0]  # "只用视频，不要照片": the kind comes first
    for bare in dict.fromkeys(_FILLER.sub("", part).strip() for part in (span.strip(), first)):
        if bare in _PHOTO_KIND or bare.removesuffix("的") in _PHOTO_KIND:
            return "photo"
        if bare in _VIDEO_KIND:
            return "clip"
    names: list[str] = []
    pending: list[str] = []  # Chinese names, kept once an item says they are clips
    for part in _SEPARATOR.split(span):
        name, goes_on, chinese = _item(part)
        if name is not None:
            (pending if chinese else names).append(name)
        if chinese and _ZH_TRAILING_NOUN.search(part.strip()):
            names += pending
            pending.clear()
        if not goes_on:
            break
    return tuple(dict.fromkeys(names)) or None
