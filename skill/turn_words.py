"""What a turn's words say besides the request: files and links named, the language, an editor format.

The runtime reads these before routing, so they are plain functions of the text with no client.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skill.nle.formats import NleFormat

__all__ = ["client_lang", "few_words", "nle_format", "reply_lang", "sources_in"]

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_URL_RE = re.compile(r"https?://[^\s'\"<>]+", re.IGNORECASE)


def sources_in(utterance: str) -> list[str]:
    """Return the URLs and existing local file paths named in ``utterance`` ("upload ~/a.mp3 https://...")."""
    found = [m.group(0).rstrip(".,;)") for m in _URL_RE.finditer(utterance)]
    try:
        words = shlex.split(utterance)
    except ValueError:
        words = utterance.split()
    for word in words:
        if _URL_RE.match(word):
            continue
        candidate = Path(word).expanduser()
        if candidate.suffix and candidate.is_file():
            found.append(str(candidate))
    return found


def few_words(utterance: str) -> bool:
    """At most two English words and no Chinese: too short to tell which language the user writes in."""
    return not _CJK_RE.search(utterance) and len(re.findall(r"[A-Za-z]+", utterance)) <= 2


def client_lang(lang: str) -> str:
    """The language a backend session is opened in: it knows English and Chinese, one script of it."""
    return "zh" if lang.startswith("zh") or lang == "mixed" else "en"


def nle_format(utterance: str) -> NleFormat | None:
    """The editor an export request names ("export for Premiere", "导出到剪映"), None for the MP4."""
    from skill.nle.formats import format_in

    return format_in(utterance)


def reply_lang(lang: str) -> str:
    """The handlers' reply language: like the client's, but traditional Chinese stays traditional."""
    return "zh-Hant" if lang == "zh-Hant" else client_lang(lang)
