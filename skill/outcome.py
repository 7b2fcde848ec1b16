"""What a turn's result tells an agent: ``ok``, one of four outcomes, and a stable ``code`` on failure.

Handlers report finer states (a chat turn "changed", "unchanged", "replied", a cut stream
"unconfirmed"); agents need a closed set they can act on, so every ``say``/``make``/``edit`` result is
mapped here, in one place:

- ``done``: the request was carried out (a question answered counts); ``ok`` is true.
- ``partial``: part of it was done; the reply says which. ``ok`` is false: tell the user, ask again.
- ``not_understood``: nothing was changed; the reply asks one question. ``ok`` is false: rephrase.
- ``failed``: an error (bad file, no backend, render failed) or an unconfirmed edit; ``code`` says which.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

__all__ = ["OUTCOMES", "Outcome", "agent_outcome", "result_fields"]

Outcome = Literal["done", "partial", "not_understood", "failed"]
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)

# Handler states that are not one of the four, and the outcome each means to an agent.
_FINER: dict[str, Outcome] = {
    "replied": "done",
    "changed": "done",
    "unchanged": "done",
    "recovered": "done",
    "unconfirmed": "failed",  # the stream was cut: whether the edit happened is unknown
    "song_exists": "failed",  # a second song: nothing uploaded until the user says replace or new
    "not_understood": "not_understood",
    "partial": "partial",
    "failed": "failed",
    "done": "done",
}


def agent_outcome(state: str) -> Outcome:
    """Map a handler's state to one of :data:`OUTCOMES` (an unknown state is reported as done)."""
    return _FINER.get(state, "done")


def result_fields(state: str, *, code: str | None = None) -> dict[str, Any]:
    """``ok``, ``outcome`` and (when not ok) a stable ``code`` for the closing ``result`` of a turn."""
    outcome = agent_outcome(state)
    fields: dict[str, Any] = {"ok": outcome == "done", "outcome": outcome}
    if outcome != "done":
        fields["code"] = code or (state if state != outcome and state in _FINER else outcome)
    return fields
