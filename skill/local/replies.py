"""Every sentence the local agent says, in English and Chinese: one lookup over :mod:`.reply_table`.

Traditional Chinese (``zh-Hant``) is the simplified text converted by OpenCC, before the user's own
words (song names, titles) are filled in, so those are never altered.
"""

from __future__ import annotations

import functools
from typing import Any

from skill.text.script import to_traditional

from .reply_table import REPLIES

__all__ = ["reply"]


@functools.lru_cache(maxsize=256)
def _traditional(key: str) -> str:
    return to_traditional(REPLIES[key]["zh"])


def reply(key: str, lang: str, **fields: Any) -> str:
    """Return the sentence ``key`` in ``lang`` ("en", "zh" or "zh-Hant"; English as fallback), filled."""
    entry = REPLIES[key]
    if lang.startswith("zh"):
        template = _traditional(key) if lang == "zh-Hant" else entry["zh"]
    else:
        template = entry["en"]
    return template.format(**fields)
