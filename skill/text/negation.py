"""Negation scope: does a "don't", "no", 别 or 先不要 govern the phrase found at a given place?

A negation covers a phrase when it comes shortly before it (a few words, or a few Chinese characters)
with no clause break between ("don't change anything, just export" negates the change, not the export).
A negation word inside the matched phrase itself ("no music" is the mute phrase) is not a negation of it,
nor is the 不 of a yes-no question ("能不能短一点": can it be shorter?).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocab import Vocabulary, words

__all__ = ["Scope", "negated", "preceded_by"]

WINDOW_WORDS = 3  # "don't [want to] export": English words between the negation and the phrase
WINDOW_CHARS = 4  # "先别[急着]导出": Chinese characters between them
_PUNCT_BREAK = re.compile(r"[,，;；.。!！?？、\n]")
_LATIN = re.compile(r"[a-z0-9]")


@dataclass(frozen=True, slots=True)
class Scope:
    """The phrases that end a negation's reach and the words of the negation itself."""

    negations: tuple[str, ...]
    breaks: tuple[str, ...]


def _scope(vocab: Vocabulary, concept: str) -> Scope:
    return Scope(vocab.concept(concept), vocab.concept("clause_break"))


def _bounded(text: str, start: int, end: int) -> bool:
    """A Latin phrase must stand as whole words ("no" is not in "know", "not" not in "note")."""
    before = text[start - 1 : start]
    after = text[end : end + 1]
    phrase = text[start:end]
    if phrase[:1].isascii() and before and _LATIN.match(before):
        return False
    return not (phrase[-1:].isascii() and after and _LATIN.match(after))


def preceded_by(text: str, start: int, concept: str, *, vocab: Vocabulary | None = None) -> str | None:
    """The phrase of ``concept`` (negation, howto, ...) that reaches the place ``start``, or None."""
    scope = _scope(vocab or words(), concept)
    head = text[:start]
    best: str | None = None
    for phrase in scope.negations:
        at = head.rfind(phrase)
        while at >= 0:
            end = at + len(phrase)
            if _bounded(text, at, end) and not _a_not_a(text, at) and _reaches(text[end:start], scope.breaks):
                best = phrase if best is None or len(phrase) > len(best) else best
                break
            at = head.rfind(phrase, 0, at)
    return best


def _a_not_a(text: str, at: int) -> bool:
    """The 不 of a Chinese yes-no question ("能不能短一点", "可不可以", "要不要加标题") asks, not negates."""
    return text.startswith("不", at) and 0 < at < len(text) - 1 and text[at - 1] == text[at + 1]


def _reaches(gap: str, breaks: tuple[str, ...]) -> bool:
    if _PUNCT_BREAK.search(gap):
        return False
    padded = f" {gap} "
    for word in breaks:
        if (f" {word} " in padded) if word.isascii() else (word in gap):
            return False
    latin = gap.split()
    cjk = sum(1 for c in gap if not c.isascii() and not c.isspace())
    return len([w for w in latin if w.isascii()]) <= WINDOW_WORDS and cjk <= WINDOW_CHARS


def negated(text: str, start: int, *, vocab: Vocabulary | None = None) -> bool:
    """Say whether the phrase found at ``start`` of folded ``text`` is negated."""
    return preceded_by(text, start, "negation", vocab=vocab) is not None
