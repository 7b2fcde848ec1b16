"""The NLE formats: their names, files and OTIO adapters, and the editor names that pick one (data only).

This module imports nothing heavy, so the CLI can list the formats and the router can read a format
out of "export for Premiere" without OpenTimelineIO installed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

__all__ = ["FORMATS", "NLE_FORMATS", "NleFormat", "FormatSpec", "format_in"]

NleFormat = Literal["otio", "fcpxml", "edl", "premiere-xml"]
NLE_FORMATS: tuple[NleFormat, ...] = get_args(NleFormat)


@dataclass(frozen=True, slots=True)
class FormatSpec:
    """``adapter`` is the OTIO adapter name; ``suffix`` the file's extension; ``editors`` who opens it."""

    adapter: str
    suffix: str
    editors: str


FORMATS: dict[NleFormat, FormatSpec] = {
    "otio": FormatSpec("otio_json", ".otio", "DaVinci Resolve, Kdenlive, OpenTimelineIO tools"),
    "fcpxml": FormatSpec("fcpx_xml", ".fcpxml", "Final Cut Pro, DaVinci Resolve"),
    "edl": FormatSpec("cmx_3600", ".edl", "Avid, Premiere, Resolve (CMX 3600 EDL)"),
    "premiere-xml": FormatSpec("fcp_xml", ".xml", "Premiere Pro, 剪映, Final Cut Pro 7"),
}

# Words that name an editor or a file type, longest first within a format, matched on word edges
# (Latin) or anywhere (CJK). The first format named in the sentence wins.
_WORDS: dict[NleFormat, tuple[str, ...]] = {
    "premiere-xml": (
        "adobe premiere",
        "premiere pro",
        "premiere",
        "final cut 7",
        "fcp7",
        "fcp 7",
        "premiere xml",
        "capcut",
        "剪映",
        "必剪",
        "pr工程",
        "pr 工程",
    ),
    "fcpxml": (
        "final cut pro",
        "final cut",
        "finalcut",
        "fcpxml",
        "fcpx",
        "fcp",
        "davinci resolve",
        "davinci",
        "达芬奇",
        "達芬奇",
    ),
    "edl": ("media composer", "avid", "edl", "cmx 3600", "cmx3600"),
    "otio": ("opentimelineio", "open timeline io", "otio", "kdenlive"),
}
_CJK = re.compile(r"[\u3400-\u9fff]")


def _pattern(word: str) -> str:
    escaped = re.escape(word).replace(r"\ ", r"\s*")
    return escaped if _CJK.search(word) else rf"(?<![a-z0-9]){escaped}(?![a-z0-9])"


_MATCHERS: tuple[tuple[NleFormat, re.Pattern[str]], ...] = tuple(
    (fmt, re.compile(_pattern(word))) for fmt, words in _WORDS.items() for word in words
)


def format_in(utterance: str) -> NleFormat | None:
    """The NLE format an export request names ("export for Premiere", "导出到剪映"), else None (an MP4).

    >>> format_in("export it for Final Cut please")
    'fcpxml'
    >>> format_in("导出到剪映") , format_in("export the video")
    ('premiere-xml', None)
    """
    lowered = utterance.lower()
    best: tuple[int, NleFormat] | None = None
    for fmt, pattern in _MATCHERS:
        found = pattern.search(lowered)
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), fmt)
    return best[1] if best else None
