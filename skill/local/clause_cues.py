"""Which clause of a sentence says what, when one sentence asks the creator's edits and more.

"make it 20 seconds and start at the chorus", "double time, then 20 seconds": the seconds are the
video's length. "a 2 second fade out", "crossfade 3 s", "title for 3 seconds": they belong to that
edit. A clause that asks none of the creator's edits gives the video its length; a title quoted in the
sentence that restyles it ("title 'Go' at the top, big") is set before it is styled. The clips' own
sound is read from its own clauses, so "keep the clip sound, music at 0%, start at the chorus" is
three edits: the clips heard, the music silent, the start moved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from skill.text.numbers import parse_duration_s
from skill.timeline.ops import CreatorOp
from skill.timeline.vocab import MIN_HIGHLIGHT_S

from .edit_cues import TITLE_SECONDS, parse_creator_edits
from .editor_reader import Reader
from .edits import Edit, Title
from .sound_cues import SoundOp, parse_clip_sound

__all__ = ["split_sound", "title_before_style", "video_length_s"]

_CLAUSES = re.compile(r"[,，;；。]|\band\b|\bbut\b|\bthen\b|\balso\b|然后|然後|并且|並且|同时|同時")
# a clause that is about something else than the clips' sound: the music, a number, another edit
_OTHER = re.compile(r"\b(?:music|song|bgm|volume)\b|\d|音乐|音樂|歌|音量|背景")
_TIMED = (
    "fade_in_s",
    "fade_out_s",
    "seconds",
    "start_s",
    "by_s",
)  # the creator ops' fields that take seconds


def video_length_s(bare: str, creator: Sequence[CreatorOp], *, asked_video: bool) -> float | None:
    """The video's length in a sentence that also asks ``creator`` edits, or None.

    First a length said in a clause of its own (no fade, transition, title or start in it, not "for 3
    seconds", at least the shortest highlight: "fade out, 2 seconds" is the fade's). When the sentence
    asks for a video, else the first length named, unless one of the edits took that number ("a 6
    second highlight with a 2 second fade out": 6).
    """
    for clause in _CLAUSES.split(bare):
        seconds = parse_duration_s(clause)
        if (
            seconds is not None
            and seconds >= MIN_HIGHLIGHT_S
            and not TITLE_SECONDS.search(clause)
            and not parse_creator_edits(clause)
        ):
            return seconds
    first = parse_duration_s(bare)
    taken = {getattr(op, f, None) for op in creator for f in _TIMED}
    return first if asked_video and first not in taken else None


def title_before_style(edits: list[Edit], text: str | None) -> None:
    """Put ``Title(text)`` just before the title's restyle in ``edits`` (in place): the style then
    applies to the new title rather than failing on a video that has none yet."""
    if not text:
        return
    at = next((i for i, e in enumerate(edits) if getattr(e, "op", None) == "title_style"), None)
    if at is not None:
        edits.insert(at, Title(text))


def split_sound(original: str) -> tuple[tuple[SoundOp, ...], str]:
    """The clips' sound ops of a sentence and the rest of it (its other clauses, for the other edits).

    A sound clause takes the clauses after it that say nothing else ("keep the clip sound but
    quieter"); a sentence whose sound words span its clauses, or that asks the music to dip under
    the clips, is read whole.
    """
    whole = parse_clip_sound(Reader(original).bare)
    if any(op.op == "duck" for op in whole):  # "背景音乐太吵了，听不到说话": one complaint, the duck
        return whole, ""
    clauses = [c for c in _CLAUSES.split(original) if c.strip()]
    sound: list[SoundOp] = []
    rest: list[str] = []
    group: list[str] = []

    def close() -> None:
        if group:
            sound.extend(parse_clip_sound(Reader(" ".join(group)).bare))
            group.clear()

    for clause in clauses:
        bare = Reader(clause).bare
        if parse_clip_sound(bare):
            close()
            group.append(clause)
        elif group and not _OTHER.search(bare) and not parse_creator_edits(clause):
            group.append(clause)
        else:
            close()
            rest.append(clause)
    close()
    if not sound:
        if (
            whole
            and all(op.op == "clip_level" for op in whole)
            and any(_MUSIC_LEVEL.search(Reader(c).bare) for c in clauses)
        ):
            return (), original  # "音乐声音小一点，人声出来…": the level is the music's, in its own clause
        return whole, "" if whole else original
    return tuple(sound), ", ".join(rest)


_MUSIC_LEVEL = re.compile(
    r"(?:音乐|音樂|背景音|\bmusic\b|\bbgm\b|\bsong\b).{0,12}"
    r"(?:小|低|大|高|轻|輕|quieter|louder|softer|\bdown\b|\bup\b|%)"
)
