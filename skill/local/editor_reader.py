"""One sentence as the editor reads it: its normal form, the quoted parts blanked, concepts found once.

``normal_form`` is what every phrase is matched in (NFKC, case-folded, simplified script, typos and
IME slips repaired); :class:`Reader` finds a concept where it is asked for and not negated.
"""

from __future__ import annotations

import re
import unicodedata

from skill.text.negation import preceded_by
from skill.text.normalise import MAX_SCAN_CHARS
from skill.text.script import to_simplified
from skill.text.typos import fix_latin, ime_index, repair_ime
from skill.text.vocab import Vocabulary, words

from .edits import Edit

__all__ = ["QUOTED", "Reader", "find", "normal_form"]

# quoted words; an apostrophe counts only outside a word ("don't use the clip's audio" quotes nothing)
QUOTED = re.compile(r"[\"“‘《「『«]([^\"”’》」』»\n]{1,80})[\"”’》」』»]|(?<![\w'])'([^'\n]{1,80})'(?![\w'])")
_QUESTION_START = re.compile(r"^(?:what|whats|how|which|is|does|do|can|tell me)\b")
_ZH_QUESTION = re.compile(r"[吗呢几]|多少|什么|多长|多久|哪")


def normal_form(text: str, vocab: Vocabulary | None = None) -> str:
    """The form concepts are matched in: NFKC, case-folded, simplified script, typos and IME slips repaired."""
    vocab = vocab or words()
    norm = (
        unicodedata.normalize("NFKC", text[:MAX_SCAN_CHARS])
        .casefold()
        .replace("\u2019", "'")
        .replace("\u2018", "'")
    )
    norm = " ".join(to_simplified(norm).split())
    norm = fix_latin(norm, vocab.typo_targets, vocab.typo_keep)
    return repair_ime(norm, ime_index(vocab.chinese))


def find(norm: str, concept: str, vocab: Vocabulary | None = None) -> int:
    """Where the first phrase of ``concept`` starts in ``norm`` (whole words for English), or -1."""
    match = (vocab or words()).finder(concept).search(norm)
    return match.start() if match else -1


class Reader:
    """One sentence being read: its normal form, the quoted parts, and what has been found."""

    def __init__(self, text: str) -> None:
        self.vocab = words()
        self.original = text
        self.norm = normal_form(text, self.vocab)
        # quoted words are a title or a name, never instructions ("add the title 'Export'")
        self.bare = QUOTED.sub(lambda m: " " * len(m.group(0)), self.norm)
        self.edits: list[Edit] = []
        self._found: dict[str, int] = {}

    def at(self, concept: str) -> int:
        found = self._found.get(concept)
        if found is None:
            found = self._found[concept] = find(self.bare, concept, self.vocab)
        return found

    def has(self, concept: str) -> bool:
        return self.at(concept) >= 0

    def live(self, concept: str) -> int:
        """Where the concept is asked for: found, and not negated. -1 otherwise, -2 when negated."""
        at = self.at(concept)
        if at < 0:
            return -1
        return -2 if preceded_by(self.bare, at, "negation", vocab=self.vocab) else at

    def is_question(self) -> bool:
        norm = self.bare.strip()
        return "?" in norm or bool(_QUESTION_START.match(norm)) or bool(_ZH_QUESTION.search(norm))
