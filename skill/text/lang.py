"""Which language a sentence is in, and which language to answer it in: one detector for every part.

Chinese is found by Unicode script, simplified and traditional are told apart by OpenCC's tables
(:mod:`skill.text.script`), Chinese with a real Latin word is "mixed", and long Latin text without
English markers is handed to langdetect (loaded only then).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import Literal

from .normalise import HAN_RE, MAX_INPUT_CHARS, repair_surrogates
from .script import scripts
from .vocab import words

__all__ = ["Lang", "ReplyLang", "detect", "detect_language", "reply_lang"]

log = logging.getLogger(__name__)

Lang = Literal["en", "zh-Hans", "zh-Hant", "mixed"]
ReplyLang = Literal["en", "zh-Hans", "zh-Hant"]

LANGDETECT_MIN_CHARS = 40  # shorter Latin text is English for reply purposes
LANGDETECT_MIN_PROB = 0.80
LANGDETECT_MIN_WORDS = 4  # langdetect guesses wildly on a handful of words

_KANA_RE = re.compile("[\u3040-\u30ff]")
_HANGUL_RE = re.compile("[\uac00-\ud7af\u1100-\u11ff]")
_LATIN_WORD_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]+(?![A-Za-z0-9])")
_NON_WORD_RE = re.compile(r"[\W_]+")
_APOSTROPHE_RE = re.compile("['\u2018\u2019\u02bc`\u00b4]")


def detect_language(text: str) -> str:
    """Say which language to reply in: "en", "zh-Hans", "zh-Hant", "mixed", or a langdetect code.

    Examples
    --------
    >>> detect_language("send me the video"), detect_language("x" * 100)
    ('en', 'en')
    >>> detect_language("標題放到底部"), detect_language("帮我 export 一下")
    ('zh-Hant', 'mixed')
    """
    return _detect(text, foreign=True)


def _detect(text: str, *, foreign: bool) -> str:
    if not text:
        return "en"
    text = unicodedata.normalize("NFKC", repair_surrogates(str(text)[:MAX_INPUT_CHARS]))
    if _KANA_RE.search(text):  # before Han: Japanese mixes kana with kanji
        return "ja"
    if HAN_RE.search(text):
        return _chinese(text)
    if _HANGUL_RE.search(text):
        return "ko"
    if not foreign or len(text.strip()) <= LANGDETECT_MIN_CHARS or _looks_english(text):
        return "en"
    return _langdetect(text)


def detect(text: str) -> Lang:
    """The four languages this skill speaks; anything else reads as English (langdetect is never asked)."""
    found = _detect(text, foreign=False)
    return found if found in ("zh-Hans", "zh-Hant", "mixed") else "en"  # type: ignore[return-value]


def reply_lang(text: str, lang: str | None = None) -> ReplyLang:
    """The language to answer ``text`` in: a mixed sentence is answered in the script of its Chinese."""
    lang = lang or detect(text)
    if lang in ("zh-Hans", "zh-Hant"):
        return lang  # type: ignore[return-value]
    if lang == "mixed":
        return _variant(text)
    return "en"


def _variant(text: str) -> ReplyLang:
    tables = scripts()
    simplified = sum(1 for ch in text if ch in tables.simplified_only)
    traditional = sum(1 for ch in text if ch in tables.traditional_only)
    if simplified == traditional:
        traditional += sum(1 for w in words().language.traditional_words if w in text)
    return "zh-Hant" if traditional > simplified else "zh-Hans"


def _chinese(text: str) -> str:
    latin = [w for w in _LATIN_WORD_RE.findall(text) if len(w) >= 3 and not w.isupper()]
    loanwords = words().language.loanword_set
    if any(w.casefold() not in loanwords for w in latin):
        return "mixed"
    return _variant(text)


def _looks_english(text: str) -> bool:
    """Say whether Latin text reads as English or is too thin to tell (both mean "reply in English")."""
    found = [w for w in _NON_WORD_RE.sub(" ", _APOSTROPHE_RE.sub("", text.casefold())).split() if len(w) > 1]
    if len(found) < LANGDETECT_MIN_WORDS:
        return True
    markers = words().language.marker_set
    hits = sum(1 for w in found if w in markers)
    return hits >= 2 or hits / len(found) >= 0.15


def _langdetect(text: str) -> str:
    """Ask langdetect (loaded here, seeded for repeatable answers); fall back to "en"."""
    try:
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:
        log.debug("langdetect is not installed; assuming English")
        return "en"
    DetectorFactory.seed = 0
    try:
        top = detect_langs(text)[0]
    except LangDetectException:
        return "en"
    if top.prob < LANGDETECT_MIN_PROB:
        return "en"
    code = str(top.lang)
    return {"zh-cn": "zh-Hans", "zh-tw": "zh-Hant"}.get(code, code)
