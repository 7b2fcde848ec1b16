"""The editor's smaller readers: where in the song, the music's volume, the title, export, and the
acts that change nothing (help, show, greeting). Each adds what it finds to the :class:`Reader`.
"""

from __future__ import annotations

import re

from skill.text import numbers
from skill.text.negation import preceded_by

from . import cues
from .beat_cues import without_signatures
from .clause_cues import video_length_s
from .editor_reader import QUOTED, Reader, find
from .edits import (
    Declined,
    Export,
    Feature,
    Greeting,
    Help,
    Highlight,
    HowTo,
    RemoveTitle,
    Show,
    Title,
    Unsupported,
    UseMedia,
    Volume,
)

# how long the title stays, said without an exact length (not a new title text)
_LONGER_OR_SHORTER = re.compile(r"\b(?:longer|shorter|on screen)\b|久一点|久一點|短一点|短一點|长一点|長一點")

__all__ = ["read_acts", "read_export", "read_title", "read_volume", "section_start"]


def section_start(r: Reader, duration: float | None) -> Highlight | Unsupported | None:
    """Where in the song: "start the highlight at 2:10" is the highlight from there; "start at the
    chorus" names a section, not an operation yet. Neither is a new best-part highlight."""
    clock = numbers.parse_clock_s(r.bare)
    if not (cues.SECTION_START.search(r.bare) or r.has("section_start")):
        return None
    if clock is not None:
        length = duration if duration != clock else video_length_s(r.bare, (), asked_video=False)
        return Highlight(duration_s=length, start_s=clock)  # "start at 2:10, 20 seconds"
    if cues.SECTION_NAME.search(r.bare):
        return Unsupported("section_start")
    return None


def read_volume(r: Reader) -> Volume | None:
    norm = without_signatures(r.bare)  # "the song is in 3/4" is a meter, not a level
    if r.has("too_loud"):
        return Volume(delta=-0.2)
    if r.has("too_quiet"):
        return Volume(delta=0.2)
    if not (r.has("music") or r.has("sound")):
        return None
    if r.has("mute"):
        return Volume(level=0.0)
    if r.has("half_volume"):
        return Volume(level=0.5)
    level = numbers.parse_level(norm)  # "60%", "百分之六十", "六成", "two thirds", "调到一半"
    if level is not None:
        return Volume(level=max(0.0, min(1.0, level)))
    decimal = cues.VOLUME_DECIMAL.search(norm)
    if decimal:
        return Volume(level=max(0.0, min(1.0, float(decimal.group(1)))))
    bare = cues.VOLUME_BARE.search(norm)  # "BGM volume 50", "音量调到 30": a percent without its sign
    if bare and (value := numbers.parse_number(bare.group(1))) is not None:
        return Volume(level=max(0.0, min(1.0, value / 100)))
    if r.has("quieter"):
        return Volume(delta=-0.2)
    if r.has("louder"):
        return Volume(delta=0.2)
    return None


def read_title(r: Reader, duration: float | None) -> Feature | None:
    """Add the title edit, if any; return the title feature asked for that is not an operation yet."""
    at = r.at("title")
    if at < 0:
        return None
    negation = preceded_by(r.bare, at, "negation", vocab=r.vocab)
    if negation and (not r.has("remove") or find(r.bare[: at + 1], "add_verb", r.vocab) >= 0):
        r.edits.append(Declined("title"))  # "don't add a title", "不要加标题" (but "不要标题" removes it)
        return None
    quoted = QUOTED.search(r.original)
    if not quoted:
        feature = _title_feature(r, duration)
        if feature is not None:
            r.edits.append(Unsupported(feature))
            return feature
        if r.has("remove"):
            r.edits.append(RemoveTitle())
            return None
    text = cues.title_text(r.original)
    if text:
        r.edits.append(Title(text))
    return None


def _title_feature(r: Reader, duration: float | None) -> Feature | None:
    tail = r.bare[r.at("title") :]
    if duration is not None and (r.has("title_duration") or " for " in f" {r.bare} "):
        return "title_duration"
    if _LONGER_OR_SHORTER.search(tail):  # "make the title (2 s) longer": its time, never its text
        return "title_duration"
    if find(tail, "title_position", r.vocab) >= 0:
        return "title_position"
    if find(tail, "title_size", r.vocab) >= 0:
        return "title_size"
    return None


def read_export(r: Reader) -> None:
    at = r.at("export")
    if at < 0:
        return
    if preceded_by(r.bare, at, "howto", vocab=r.vocab):
        r.edits.append(HowTo("export"))
    elif preceded_by(r.bare, at, "negation", vocab=r.vocab) or _held(r, at):
        r.edits.append(Declined("export"))
    else:
        r.edits.append(Export())


def _held(r: Reader, at: int) -> bool:
    """ "export later", "等会再导出": a hold right after (English) or before (Chinese) the export word."""
    hold = r.at("hold")
    return hold >= 0 and abs(hold - at) <= 24


def read_acts(r: Reader) -> None:
    if r.has("help") or (r.bare.endswith("?") and "can you" in r.bare):
        r.edits.append(Help())
    elif r.has("show"):
        r.edits.append(Show())
    elif cues.GREETING.match(r.bare):
        r.edits.append(Greeting())
    elif cues.USE_MEDIA.search(r.bare):
        r.edits.append(UseMedia())
    elif (at := r.at("change_verb")) >= 0 and preceded_by(r.bare, at, "negation", vocab=r.vocab):
        r.edits.append(Declined("change"))  # "no, don't change the ratio", "别动它"
