"""Typed edits: JSON ops checked here against the timeline core's schema, applied by the local backend.

``edit`` is for agents that know exactly what they want ("9:16", "volume 0.3"); ``say`` is for the
user's own words. Bad JSON never leaves the machine: it is refused here with the bad field named. The
cloud service has no typed edits, so a cloud project is told to use ``say`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from skill.errors import SkillError
from skill.handlers.state import StateReply, state_of

if TYPE_CHECKING:
    from skill.client.api import NemoClient
    from skill.timeline import Op

__all__ = ["EditRefused", "EditReply", "apply_edits", "check_ops"]


class EditRefused(SkillError):
    """An edit that was not applied; ``error_code`` is the stable code agents branch on."""

    def __init__(self, key: str, error_code: str, *, index: int = 0, detail: str = "") -> None:
        super().__init__(key=key, index=index, detail=detail)
        self.error_code = error_code


@dataclass(frozen=True, slots=True)
class EditReply:
    state: StateReply
    applied: int
    changed: bool  # False: the timeline already was what the ops asked for (no draft, nothing to undo)


def check_ops(raw: str) -> tuple[Op, ...]:
    """Validate ``raw`` (JSON: one op or a list); EditRefused ``bad_op`` naming the bad field."""
    from skill.timeline import OpError, parse_ops

    try:
        return parse_ops(raw)
    except OpError as err:
        raise EditRefused("edit.bad_op", "bad_op", detail=err.message) from None


def apply_edits(client: NemoClient, ops: tuple[Op, ...], *, lang: str = "en") -> EditReply:
    """Send the ops to the local backend and describe the new timeline (all applied, or none)."""
    from skill.timeline.ops import dump_op

    if not client.is_loopback:
        raise EditRefused("edit.needs_local", "needs_local_backend")
    answer = client.edit([dump_op(op) for op in ops])
    if not answer.ok:
        code = answer.code or "refused"
        index = (answer.index or 0) + 1
        known = {
            "need_song",
            "need_highlight",
            "no_title",
            "length_limit",
            "analysis_failed",
            "nothing_to_undo",
        }
        key = f"edit.{code}" if code in known else ("edit.bad_op" if code == "bad_op" else "edit.refused")
        raise EditRefused(key, code, index=index, detail=answer.message)
    state = state_of(answer.draft or {}, lang=lang, client=client)
    return EditReply(state=state, applied=answer.applied, changed=answer.changed)
