"""The acts of a turn that change nothing: questions answered from the timeline, declined or how-to requests,
and features that are understood but not operations yet; and the turn's outcome, told to the client.

The outcome goes out in the final event's ``customMetadata["turn"]`` (an ADK event field):
``{"outcome": "done" | "partial" | "not_understood", "done": [call names], "not_done": [features]}``.
The client reads it, so a turn that did nothing is never reported as a success.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from skill.timeline import summary

from .adk import Turn
from .edit_turn import secs
from .edits import Ask, Declined, HowTo, Unsupported
from .replies import reply

__all__ = ["Outcome", "answer", "outcome", "outcome_metadata"]

Outcome = Literal["done", "partial", "not_understood"]


def answer(turn: Turn, act: Ask | Declined | HowTo | Unsupported, songs: Sequence[str] = ()) -> None:
    """Say the reply for an act; the timeline is read, never written. ``songs``: the file names of the
    songs uploaded (newest last), for "what song is this?" before there is a highlight."""
    if isinstance(act, Ask):
        if act.topic == "song":
            _song(turn, songs)
            return
        _ask(turn, act)
    elif isinstance(act, Declined):
        title = turn.timeline.title
        if act.what == "title" and title is not None and title.text:
            # "I don't like the title" with one on the video: never "OK, no title" while it stays
            turn.say("declined_title_kept", text=title.text)
            turn.not_done.append("title")
            return
        turn.say(f"declined_{act.what}" if act.what in ("export", "title") else "declined_change")
    elif isinstance(act, HowTo):
        turn.say("howto_export")
    else:
        turn.say(f"unsupported_{act.feature}")
        turn.not_done.append(act.feature)


def _song(turn: Turn, songs: Sequence[str]) -> None:
    """The song's name: the one the video plays, else the newest uploaded (never an upload id)."""
    sound = turn.timeline.song
    if sound is not None and sound.name:
        bpm = round(turn.timeline.bpm or 0.0)
        if bpm:
            turn.say("ask_song", song=sound.name, bpm=bpm)
        else:
            turn.say("ask_song_name", song=sound.name)
    elif songs:
        turn.say("ask_song_uploaded", song=songs[-1])
    else:
        turn.say("no_song_yet")


def _ask(turn: Turn, act: Ask) -> None:
    timeline = turn.timeline
    if act.topic == "title":
        title = timeline.title
        if title is not None and title.text:
            turn.say("ask_title", text=title.text)
        else:
            turn.say("no_title_yet")
        return
    if act.topic == "aspect":
        width, height = timeline.size
        turn.say("ask_aspect", aspect=timeline.shape or f"{width}:{height}", width=width, height=height)
        return
    if not timeline.has_highlight:
        turn.say("need_highlight")
        return
    if act.topic == "duration":
        turn.say("ask_duration", length=reply("seconds", turn.lang, n=secs(timeline.duration_s or 0.0)))
    elif act.topic == "bpm":
        turn.say("ask_bpm", bpm=round(timeline.bpm or 0.0))
    elif act.topic == "pace":
        turn.say("ask_pace", pace=reply(f"pace_{timeline.pace or 'beat'}", turn.lang))
    elif act.topic == "volume":
        turn.say("volume", percent=round(timeline.song_volume * 100))
    else:  # shots: the summary line says them
        turn.say("show", summary=summary(timeline, turn.lang))


def outcome(understood: bool, turn: Turn) -> Outcome:
    """not_understood: nothing read; partial: something asked for was not done; done otherwise."""
    if not understood:
        return "not_understood"
    return "partial" if turn.not_done else "done"


def outcome_metadata(understood: bool, turn: Turn) -> dict[str, Any]:
    return {
        "turn": {
            "outcome": outcome(understood, turn),
            "done": list(turn.done),
            "not_done": list(turn.not_done),
        }
    }
