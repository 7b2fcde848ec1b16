"""A change of length said in seconds, signed: "5 seconds shorter", "shorter by 5 s", "two more
seconds", "缩短5秒", "再长10秒", "标题多显示两秒" (+2), "少显示一秒" (-1).

Read for the video (:mod:`skill.local.editor`) and for the title (:mod:`skill.local.edit_cues`): the
clause that names the title changes the title's time, the others the video's.
"""

from __future__ import annotations

import re

from skill.text.numbers import EN_NUM, ZH_NUM, parse_number
from skill.text.script import to_simplified

from . import edit_words as V

__all__ = ["relative_s", "video_relative_s"]

_N = rf"(?P<n>(?<![\d.])\d{{1,4}}(?:\.\d{{1,3}})?|{ZH_NUM}|{EN_NUM}|\ban?\b)"
_SECS = r"\s*(?:s\b|secs?\b|seconds?\b|秒钟|秒)"
_LONGER = r"longer|lengthen|extend|more|extra"
_SHORTER = r"shorter|shorten|trim|less|fewer"
_ZH_LONGER = r"加长|延长|增加|多加|(?<!差不)(?<![最很好])多|再|(?<![时全总频片])长"
_ZH_SHORTER = r"缩短|减少|减掉|减去|剪掉|剪短|去掉|砍掉|删掉|减|(?<![至最多很])少|(?<![最很])短"
_ZH_STAY = r"(?:显示|停留|留|持续|出现|放|保持|展示)?"
# each form names the amount (``n``) and the word that says which way (``w``)
_FORMS = tuple(
    re.compile(form)
    for form in (
        rf"\b(?P<w>{_LONGER}|{_SHORTER})\b[^,.;，。；]{{0,24}}?\bby\s+{_N}{_SECS}",  # "longer by 5 s"
        rf"{_N}{_SECS}\s+(?P<w>{_LONGER}|{_SHORTER})\b",  # "5 seconds shorter"
        rf"{_N}\s+(?P<w>more|extra|fewer|less)\s+(?:s\b|secs?\b|seconds?\b)",  # "two more seconds"
        rf"\b(?P<w>add|take off|remove|cut)\s+{_N}{_SECS}",  # "add 2 seconds"
        rf"\b(?P<w>cut(?: it)? down|trim(?: it)?(?: down)?|shave(?: off)?|chop(?: off)?)\s+(?:by\s+)?{_N}{_SECS}",
        rf"(?P<w>{_ZH_LONGER}|{_ZH_SHORTER}){_ZH_STAY}\s*(?:个|個)?\s*{_N}{_SECS}",  # "多显示两秒", "再短个十秒"
        rf"(?P<w>[+＋]|(?<![\w.])-)\s*{_N}{_SECS}",  # "长度 +10s"
    )
)
_CLAUSES = re.compile(r"[,，;；。]|\band\b|\bbut\b|\bthen\b|然后|并且|同时")
_LONGER_WORD = re.compile(rf"{_LONGER}|add|[+＋]|{_ZH_LONGER}")


def relative_s(text: str) -> float | None:
    """The signed change in seconds the text names, or None ("5 s shorter": -5)."""
    text = to_simplified(text.casefold())
    found = [m for form in _FORMS if (m := form.search(text))]
    if not found:
        return None
    m = min(found, key=lambda f: f.start())
    amount = parse_number(m.group("n"))
    if amount is None or amount <= 0:
        return None
    return amount if _LONGER_WORD.fullmatch(m.group("w")) else -amount


def video_relative_s(bare: str) -> float | None:
    """The video's change of length: the first clause that names one and not the title."""
    for clause in _CLAUSES.split(bare):
        if not any(w in clause for w in V.TITLE_WORDS):
            by = relative_s(clause)
            if by is not None:
                return by
    return None
