"""The acts of a turn that change nothing: questions answered from the draft, declined or how-to requests,
and features that are understood but not operations yet; and the turn's outcome, told to the client.

The outcome goes out in the final event's ``customMetadata["turn"]`` (an ADK event field):
``{"outcome": "done" | "partial" | "not_understood", "done": [call names], "not_done": [features]}``.
The client reads it, so a turn that did nothing is never reported as a success.
"""

from __future__ import annotations

from typing import Any, Literal

from skill.timeline.vocab import ASPECT_SIZES

from . import drafts
from .adk import Turn
from .edits import Ask, Declined, Edit, HowTo, Unsupported
from .replies import reply

__all__ = ["Outcome", "answer", "outcome", "outcome_metadata"]

Outcome = Literal["done", "partial", "not_understood"]


def _secs(seconds: float) -> str:
    return f"{seconds:g}" if abs(seconds - round(seconds)) < 0.05 else f"{seconds:.1f}"


def answer(turn: Turn, act: Ask | Declined | HowTo | Unsupported) -> None:
    """Say the reply for an act; the draft is read, never written."""
    if isinstance(act, Ask):
        _ask(turn, act)
    elif isinstance(act, Declined):
        turn.say(f"declined_{act.what}" if act.what in ("export", "title") else "declined_change")
    elif isinstance(act, HowTo):
        turn.say("howto_export")
    else:
        turn.say(f"unsupported_{act.feature}")
        turn.not_done.append(act.feature)


def _ask(turn: Turn, act: Ask) -> None:
    draft = turn.draft
    if act.topic == "title":
        seg = drafts.title_segment(draft)
        text = str(((seg or {}).get("m") or {}).get("text") or "")
        if text:
            turn.say("ask_title", text=text)
        else:
            turn.say("no_title_yet")
        return
    if act.topic == "aspect":
        meta = draft.get("m") or {}
        ratio = str(meta.get("aspect") or "16:9")
        width, height = ASPECT_SIZES.get(ratio, (meta.get("width", 1920), meta.get("height", 1080)))  # type: ignore[call-overload]
        turn.say("ask_aspect", aspect=ratio, width=width, height=height)
        return
    if not drafts.has_highlight(draft):
        turn.say("need_highlight")
        return
    meta = draft.get("m") or {}
    if act.topic == "duration":
        seconds = int(draft.get("d") or 0) / 1000
        turn.say("ask_duration", length=reply("seconds", turn.lang, n=_secs(seconds)))
    elif act.topic == "bpm":
        turn.say("ask_bpm", bpm=round(float(meta.get("tempo_bpm") or 0)))
    elif act.topic == "pace":
        turn.say("ask_pace", pace=reply(f"pace_{meta.get('pace') or 'beat'}", turn.lang))
    elif act.topic == "volume":
        seg = drafts.bgm_segment(draft) or {"m": {}}
        turn.say("volume", percent=round(float(seg["m"].get("volume", 1.0)) * 100))
    else:  # shots, song: the summary line says both
        turn.say("show", summary=drafts.summary(draft, turn.lang))


def outcome(edits: tuple[Edit, ...], turn: Turn) -> Outcome:
    """not_understood: nothing read; partial: something asked for was not done; done otherwise."""
    if not edits:
        return "not_understood"
    return "partial" if turn.not_done else "done"


def outcome_metadata(edits: tuple[Edit, ...], turn: Turn) -> dict[str, Any]:
    return {
        "turn": {"outcome": outcome(edits, turn), "done": list(turn.done), "not_done": list(turn.not_done)}
    }
