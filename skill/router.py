"""Route one user utterance to an intent (export, credits, state, upload or chat) from intents.yaml.

This module decides; what the words hold (the cues found and the ones a negation, how-to frame or
hold cancels) is read by :mod:`skill.router_words`.
"""

from __future__ import annotations

import enum
import logging
import re
from dataclasses import dataclass

from skill.router_words import analyse
from skill.routes import WEIGHTS, Routes, RoutesError, _Match, load_routes
from skill.text.lang import detect_language
from skill.text.normalise import MAX_INPUT_CHARS, MAX_SCAN_CHARS, normalise

__all__ = [
    "MAX_INPUT_CHARS",
    "MAX_SCAN_CHARS",
    "Intent",
    "RouteChoice",
    "Routes",
    "RoutesError",
    "detect_language",
    "load_routes",
    "normalise",
    "route",
    "score",
]

log = logging.getLogger(__name__)

QUESTION_BOOST = 0.1
EDIT_SCORE = 0.9
NEGATION_SCORE = 0.95
ATTACHMENT_SCORE = 0.9
# Ties go to the informational intents: "how much does an export cost" asks about credits.
PRIORITY = ("credits", "state", "export", "open", "upload")

_ATTACHMENT_RE = re.compile(
    r"https?://\S+|\b[\w\-]+\.(?:mp3|wav|m4a|aac|flac|ogg|mp4|mov|avi|webm|mkv|jpe?g|png|gif|webp)\b",
    re.IGNORECASE,
)


class Intent(str, enum.Enum):
    """What a turn asks for; every name but CHAT skips the chat stream."""

    EXPORT = "export"
    CREDITS = "credits"
    STATE = "state"
    OPEN = "open"
    UPLOAD = "upload"
    CHAT = "chat"


@dataclass(frozen=True, slots=True)
class RouteChoice:
    """The router's answer: the intent, how sure (0-1), the cue that decided it, the reply language."""

    intent: Intent
    score: float
    matched: str | None
    lang: str


def score(text: str, *, has_files: bool = False) -> dict[Intent, float]:
    """Score every intent for one turn (0-1).

    An action intent scores its strongest cue that no negation or hold cancelled; CHAT scores the
    edit or negation cue that sends the turn to chat. :func:`route` applies the rules on top
    (an edit beats any action; has_files means upload).
    """
    if has_files:
        return {**dict.fromkeys(Intent, 0.0), Intent.UPLOAD: 1.0}
    found = analyse(str(text)[:MAX_INPUT_CHARS] if text else "")
    scores = dict.fromkeys(Intent, 0.0)
    for m in found.actions:
        intent = Intent(m.cue.owner)
        scores[intent] = max(scores[intent], _weight(m, found.is_question))
    if found.edit is not None:
        scores[Intent.CHAT] = EDIT_SCORE
    elif found.cancelled is not None:
        scores[Intent.CHAT] = NEGATION_SCORE
    return scores


def route(text: str, *, has_files: bool = False) -> RouteChoice:
    """Pick the intent of one user turn.

    Parameters
    ----------
    text : str
        What the user said, in any language; any string is accepted.
    has_files : bool
        The turn came with files; such a turn is always an upload.

    Returns
    -------
    RouteChoice
        ``intent`` is CHAT when nothing matched (score 0), when the turn edits or generates
        (an edit cue beats any action keyword), or when the action is negated ("don't export yet").

    Examples
    --------
    >>> route("how many credits do I have left?").intent.value
    'credits'
    >>> route("add a title that says Export").intent.value
    'chat'
    >>> route("don't export yet").intent.value
    'chat'
    """
    raw = str(text)[:MAX_INPUT_CHARS] if text else ""
    lang = detect_language(raw)
    if has_files:
        return RouteChoice(Intent.UPLOAD, 1.0, "files", lang)
    found = analyse(raw)
    best = _best(found.actions, found.is_question)
    edit, cancelled = found.edit, found.cancelled
    attachment = _ATTACHMENT_RE.search(raw) if "." in raw else None
    if cancelled is not None and not found.actions:
        return RouteChoice(Intent.CHAT, NEGATION_SCORE, cancelled.cue.text, lang)
    if edit is not None:
        # "how much does it cost to make a video?" asks about credits, not for an edit: a credits
        # question wins when its cue comes first or is a strong one.
        credits_first = best is not None and (
            best[2].start < edit.start or best[2].cue.weight >= WEIGHTS["strong"]
        )
        if best is not None and best[0] == "credits" and found.is_question and credits_first:
            return RouteChoice(Intent.CREDITS, best[1], best[2].cue.text, lang)
        # a link, or a file added ("add song.mp3"), is something to upload; a file's name with another
        # edit names an upload to edit ("leave out tree.avi", "sync cup.mp4 to the beat")
        if attachment is not None and cancelled is None and best is None and _uploads(edit, attachment):
            return RouteChoice(Intent.UPLOAD, ATTACHMENT_SCORE, attachment.group(0), lang)
        return RouteChoice(Intent.CHAT, EDIT_SCORE, edit.cue.text, lang)
    # A link or file name outweighs a weak hint ("here's the link to my song: https://...").
    if best is not None and (attachment is None or cancelled is not None or best[1] >= WEIGHTS["keywords"]):
        return RouteChoice(Intent(best[0]), best[1], best[2].cue.text, lang)
    if attachment is not None and cancelled is None:
        return RouteChoice(Intent.UPLOAD, ATTACHMENT_SCORE, attachment.group(0), lang)
    if cancelled is not None:
        return RouteChoice(Intent.CHAT, NEGATION_SCORE, cancelled.cue.text, lang)
    return RouteChoice(Intent.CHAT, 0.0, None, lang)


_ADDING = frozenset({"add", "adds", "adding", "insert", "use", "加", "添加", "加上", "插入", "用"})


def _uploads(edit: _Match, attachment: re.Match[str]) -> bool:
    """A link with an edit verb, or a file's name after an adding one, asks to upload it."""
    if attachment.group(0).lower().startswith(("http://", "https://")):
        return True
    return edit.cue.text.split(" ", 1)[0] in _ADDING


def _weight(m: _Match, is_question: bool) -> float:
    """Weigh an action cue; questions favour the informational intents a little."""
    if is_question and m.cue.owner in ("credits", "state"):
        return min(1.0, m.cue.weight + QUESTION_BOOST)
    return m.cue.weight


def _best(actions: list[_Match], is_question: bool) -> tuple[str, float, _Match] | None:
    """Pick the strongest action cue; ties go by PRIORITY."""
    best: tuple[str, float, _Match] | None = None
    for m in actions:
        weight = _weight(m, is_question)
        if best is None or (weight, -PRIORITY.index(m.cue.owner)) > (best[1], -PRIORITY.index(best[0])):
            best = (m.cue.owner, weight, m)
    return best
