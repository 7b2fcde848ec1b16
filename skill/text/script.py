"""Simplified and traditional Chinese, from OpenCC's character tables (a maintained converter's data).

The router and the editor match one script: text is folded to simplified characters with
:func:`to_simplified` (a character table applied with ``str.translate``, microseconds per line), and
the language detector counts characters found in only one script. Replies use OpenCC's phrase-level
converter (:func:`to_traditional`), loaded on first use. Nothing here is a hand-written table.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Scripts", "scripts", "to_simplified", "to_traditional"]


@dataclass(frozen=True, slots=True)
class Scripts:
    """OpenCC's character tables as sets and a translate table."""

    simplified_only: frozenset[str]
    traditional_only: frozenset[str]
    to_simplified: dict[int, str]


def _opencc_dir() -> Path:
    import opencc  # opencc-python-reimplemented: pure Python, ships the dictionaries

    return Path(opencc.__file__).parent / "dictionary"


def _read_table(path: Path) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if key and values:
            table[key] = values.split()
    return table


@functools.lru_cache(maxsize=1)
def scripts() -> Scripts:
    """Read OpenCC's TSCharacters (traditional -> simplified) and STCharacters once."""
    folder = _opencc_dir()
    t2s = _read_table(folder / "TSCharacters.txt")
    s2t = _read_table(folder / "STCharacters.txt")
    # a character that converts to itself (干 stays 干 in one sense) belongs to both scripts
    trad = {t for t, ss in t2s.items() if len(t) == 1 and t not in ss}
    simp = {s for s, ts in s2t.items() if len(s) == 1 and s not in ts}
    table = {ord(t): ss[0] for t, ss in t2s.items() if len(t) == 1 and len(ss[0]) == 1 and t not in ss}
    return Scripts(frozenset(simp - trad), frozenset(trad - simp), table)


def to_simplified(text: str) -> str:
    """Fold traditional characters to simplified, character by character (for matching, not display)."""
    if text.isascii():
        return text
    return text.translate(scripts().to_simplified)


@functools.lru_cache(maxsize=1)
def _s2t() -> Any:
    from opencc import OpenCC

    return OpenCC("s2tw")  # Taiwan standard characters (為, 裡, 著), as the hand-written replies used


def to_traditional(text: str) -> str:
    """Convert simplified Chinese to traditional (Taiwan standard characters) with OpenCC (for replies)."""
    if text.isascii():
        return text
    return str(_s2t().convert(text))
