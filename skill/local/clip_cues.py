"""Words about the clips (which, in what order, photos moving or not) and the history (redo, start over).

Part of :mod:`skill.local.edit_cues`; file names are read as written ("box.mp4"), other clips by a word
of their name before a clip noun ("the cat photo", "cat 的照片").
"""

from __future__ import annotations

import re

from skill.timeline.ops_edits import ClipOrderOp, OnlyClips, PhotoMotion, Redo, StartOver, UseClip

from . import edit_words as V
from .clip_names import FILE, NOT_A_NAME, numbered_clips, only_list

__all__ = ["ClipOp", "HistoryWords", "clip_edits", "file_name", "parse_history"]

ClipOp = ClipOrderOp | UseClip | OnlyClips | PhotoMotion
HistoryWords = Redo | StartOver

_CJK_LEAD = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+(?=[a-z0-9])")
_NAMED_CLIP = re.compile(rf"(?:the|my)\s+([a-z][\w\-]*)\s+(?:{'|'.join(V.CLIP_NOUN)})")
_ZH_NAMED = re.compile(r"([a-z][\w\-]*)\s*(?:的)?\s*(?:照片|图片|圖片|视频|視頻|影片|片段|clip)")
_ORDINAL_WORD = re.compile(r"\d+(?:st|nd|rd|th)?|first|second|third|fourth|fifth|last|final|next|same|whole")
_PHOTO_WORDS = ("photo", "picture", "image", "照片", "图片", "圖片", "ken burns")


def _has(text: str, *words: str) -> bool:
    return any(w in text for w in words)


def _says(text: str, *words: str) -> bool:
    """Like :func:`_has`, but an English word only as a whole word ("move", not in "remove")."""
    return any(
        re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", text) if w.isascii() else w in text for w in words
    )


def file_name(said: str) -> str:
    """A file name as said: Chinese run into a Latin name is not part of it ("把cup.mp4" is cup.mp4;
    "我的视频.mp4" stays whole)."""
    return _CJK_LEAD.sub("", said)


def _clip_names(text: str) -> list[str]:
    names = [file_name(n) for n in FILE.findall(text)]
    names += numbered_clips(text)
    words = [m.group(1) for m in (*_NAMED_CLIP.finditer(text), *_ZH_NAMED.finditer(text))]
    names += [w for w in words if w not in NOT_A_NAME and not _ORDINAL_WORD.fullmatch(w)]
    return list(dict.fromkeys(names))


_FIRST_PLACE = re.compile(r"(?:放|排)(?:在)?(?:第一个|第一個|第一张|第一張|第一位|最前面|最前)")
_CLAUSE = re.compile(r"[,，;；。]|\band\b|\bbut\b|但是|然后|然後")


def _intent(clause: str) -> str | None:
    """What a clause asks of the clips it names: back in, left out, in front; None names none."""
    if not _clip_names(_FIRST_PLACE.sub(" ", clause)):
        return None
    if _has(clause, *V.INCLUDE):
        return "include"
    if _has(clause, *V.EXCLUDE):
        return "exclude"
    if _has(clause, *V.CLIP_FIRST) or _FIRST_PLACE.search(clause):
        return "order"
    return None


def clip_edits(text: str) -> list[ClipOp]:
    """The clips' order, leaving one out or putting it back, photo motion (``text`` normalised).

    Clauses that ask different things of their clips are read one by one ("去掉dog.jpg，把cat.mp4放最前面":
    one left out, the other first); otherwise the sentence is one request ("box.mp4 first, then cup.mp4").
    """
    clauses = [c for c in _CLAUSE.split(text) if c.strip()]
    if len({i for c in clauses if (i := _intent(c)) is not None}) > 1:
        return list(dict.fromkeys(op for c in clauses for op in _clip_edits(c)))
    return _clip_edits(text)


def _clip_edits(text: str) -> list[ClipOp]:
    out: list[ClipOp] = []
    if _has(text, *V.SHUFFLE):
        out.append(ClipOrderOp(order="shuffle"))
    elif _has(text, *V.UPLOAD_ORDER):
        out.append(ClipOrderOp(order="upload"))
    only = only_list(text)  # "only use the box and cup clips", "只用照片": the others left out
    if only is not None:
        out.append(OnlyClips(clips=only) if isinstance(only, tuple) else OnlyClips(kind=only))
        return out
    names = _clip_names(_FIRST_PLACE.sub(" ", text))  # "放第一个" is where the clip goes, not clip #1
    photos = _has(text, *_PHOTO_WORDS)
    if photos and _says(text, *V.MOTION_OFF):
        out.append(PhotoMotion(on=False))
    elif photos and _says(text, *V.MOTION_ON):
        out.append(PhotoMotion(on=True))
    if not names:
        return out
    if _has(text, *V.INCLUDE):
        out.extend(UseClip(clip=n, use=True) for n in names)
    elif _has(text, *V.EXCLUDE):
        out.extend(UseClip(clip=n, use=False) for n in names)
    elif (_has(text, *V.CLIP_FIRST) or _FIRST_PLACE.search(text)) and not out:
        out.append(ClipOrderOp(names=tuple(names)))
    return out


def parse_history(norm: str) -> HistoryWords | None:
    """Redo or start over (the uploads stay), when the message asks for one."""
    if _has(norm, *V.START_OVER):  # before redo: "全部重做" is starting over
        return StartOver()
    if _has(norm, *V.REDO):
        return Redo()
    return None
