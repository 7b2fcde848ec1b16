"""Every user-facing sentence, one table per language (English and Chinese).

Chinese replies use the ``zh`` column for simplified, mixed and traditional input alike, except where a
``zh-Hant`` entry exists. Placeholders are ``str.format`` fields; a missing field renders empty instead
of raising, because a message must never be the thing that crashes.
"""

from __future__ import annotations

import string

__all__ = ["MESSAGES", "text", "reply_lang"]

_EN = "en"
_ZH = "zh"

MESSAGES: dict[str, dict[str, str]] = {
    # --- foundation ------------------------------------------------------------------------------
    "error.unknown": {
        _EN: "Something went wrong: {detail}",
        _ZH: "出错了：{detail}",
    },
    "error.config": {
        _EN: "Configuration problem: {detail}",
        _ZH: "配置有问题：{detail}",
    },
    "error.manifest": {
        _EN: "SKILL.md problem ({path}): {detail}",
        _ZH: "SKILL.md 有问题（{path}）：{detail}",
    },
    "error.missing_extra": {
        _EN: "This needs the local engine. Install it with: pip install 'music-to-best[local]'",
        _ZH: "需要本地引擎。请安装：pip install 'music-to-best[local]'",
    },
    "error.interrupted": {
        _EN: "Interrupted.",
        _ZH: "已中断。",
    },
    # --- client (issue 6) ----------------------------------------------------------------------
    # --- runtime (issue 9) ---------------------------------------------------------------------
}


class _Lenient(dict):  # type: ignore[type-arg]
    """A format mapping that renders unknown fields as empty text."""

    def __missing__(self, key: str) -> str:
        return ""


def reply_lang(lang: str | None) -> str:
    """Map a detected language (``en``, ``zh-Hans``, ``zh-Hant``, ``mixed``...) to a table column."""
    if not lang:
        return _EN
    if lang == "zh-Hant":
        return "zh-Hant"
    return _ZH if lang.startswith("zh") or lang == "mixed" else _EN


def text(key: str, lang: str | None = _EN, /, **fields: object) -> str:
    """Return the message ``key`` in ``lang`` with ``fields`` filled in.

    Unknown keys fall back to ``error.unknown`` so that a typo shows a sentence, not a KeyError.
    """
    column = reply_lang(lang)
    row = MESSAGES.get(key) or MESSAGES["error.unknown"]
    template = row.get(column) or row.get(_ZH if column == "zh-Hant" else _EN) or row[_EN]
    formatter = string.Formatter()
    return formatter.vformat(template, (), _Lenient(fields)).strip()
