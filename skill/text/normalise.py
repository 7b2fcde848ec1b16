"""Fold text to the form words are matched in; one definition for the router, the editor and the GUI."""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "CJK",
    "HAN_RE",
    "MAX_INPUT_CHARS",
    "MAX_SCAN_CHARS",
    "fold",
    "normalise",
    "repair_surrogates",
    "units",
]

MAX_INPUT_CHARS = 2_000  # raw characters looked at; a 100 kB paste costs the same as a short line
MAX_SCAN_CHARS = 600  # normalised characters scanned for cues

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_APOSTROPHE_RE = re.compile("['\u2018\u2019\u02bc`\u00b4]")
_NON_WORD_RE = re.compile(r"[\W_]+")
_SCRIPT_EDGE_RE = re.compile(f"(?<=[{CJK}])(?=[^\\s{CJK}])|(?<=[^\\s{CJK}])(?=[{CJK}])")
_REPEAT_RE = re.compile(r"([^\W\d_])\1{2,}")
_UNIT_RE = re.compile(f"[{CJK}]|[^\\s{CJK}]+")


def repair_surrogates(text: str) -> str:
    """Join surrogate pairs and drop lone surrogates so later steps never see them."""
    if not _SURROGATE_RE.search(text):
        return text
    fixed = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return fixed.replace("\ufffd", " ")


def fold(text: str) -> str:
    """NFKC and case-fold the first ``MAX_INPUT_CHARS`` characters, keeping punctuation (for the editor,
    whose patterns read "1:05", "40%" and quotes)."""
    if not text:
        return ""
    return unicodedata.normalize("NFKC", repair_surrogates(str(text)[:MAX_INPUT_CHARS])).casefold()


def normalise(text: str) -> str:
    """Fold text to the form router cues are matched in.

    NFKC (full-width to half-width), case-fold, drop apostrophes, turn punctuation, symbols, emoji and
    control characters into spaces, put spaces between CJK and Latin runs, collapse letters repeated
    three or more times ("exportttt" -> "export"), and collapse spaces. Lone surrogates are dropped.
    Only the first ``MAX_INPUT_CHARS`` characters are read and ``MAX_SCAN_CHARS`` are returned.

    Examples
    --------
    >>> normalise("  EXPORTTT!!! pleeease 🙏 ")
    'export please'
    >>> normalise("Ｅｘｐｏｒｔ，What's up？")
    'export whats up'
    """
    text = fold(text)
    if not text:
        return ""
    text = _APOSTROPHE_RE.sub("", text)
    text = _NON_WORD_RE.sub(" ", text)
    text = _SCRIPT_EDGE_RE.sub(" ", text)
    text = _REPEAT_RE.sub(r"\1", text)
    return " ".join(text.split())[:MAX_SCAN_CHARS].rstrip()


def units(norm: str) -> list[str]:
    """Split normalised text into units: one CJK character, or one run of other characters."""
    return _UNIT_RE.findall(norm)
