"""What a turn said: the replies (sentences, results, notices) and where they go as they are made.

Every reply is recorded in the turn *and* passed on at once (text to ``on_text``, results to
``on_result``, notices to ``on_notice``), so callers print live and agents still get the whole turn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from skill.handlers.feedback import Feedback

__all__ = ["Output", "Reply", "ReplyKind", "Turn", "finished"]

ReplyKind = Literal["reply", "result", "notice"]


@dataclass(frozen=True, slots=True)
class Reply:
    """One thing the user is told: a reply sentence, a result (a finished video, a balance), a notice."""

    kind: ReplyKind
    text: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Turn:
    """What one call of :meth:`Skill.handle` did: the intent it ran and everything it said."""

    intent: str
    lang: str
    replies: tuple[Reply, ...]
    ok: bool = True
    # chat turns: replied, changed, unchanged, recovered, unconfirmed, partial or not_understood
    outcome: str = "done"

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.replies if r.kind != "notice")


class Output:
    """Sends each reply on as it is made and records it in the turn's list."""

    def __init__(self, feedback: Feedback, on_result: Callable[[Reply], None] | None = None) -> None:
        self.feedback = feedback
        self._on_result = on_result or (lambda reply: feedback.on_text(reply.text))
        self._last_notice: str | None = None

    def notice(self, sentence: str) -> None:
        """Pass a notice on, dropping an immediate repeat (the client and the runtime both announce set-up)."""
        if sentence != self._last_notice:
            self._last_notice = sentence
            self.feedback.on_notice(sentence)

    def say(self, replies: list[Reply], kind: ReplyKind, sentence: str, **fields: Any) -> Reply:
        reply = Reply(kind, sentence, dict(fields))
        replies.append(reply)
        if kind == "notice":
            self.notice(sentence)
        elif kind == "result":
            self._on_result(reply)
        else:
            self.feedback.on_text(sentence)
        return reply


def finished(intent: str, lang: str, replies: list[Reply], *, outcome: str = "done") -> Turn:
    """The turn, ``ok`` unless its outcome tells the agent it did not get what it asked for."""
    from skill.outcome import agent_outcome

    return Turn(intent, lang, tuple(replies), ok=agent_outcome(outcome) == "done", outcome=outcome)
