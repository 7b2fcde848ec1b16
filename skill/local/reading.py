"""One sentence read into the timeline core's typed operations and the acts around them.

:func:`read` is what a words -> ops -> apply loop consumes: ``ops`` are :mod:`skill.timeline.ops`
values in the order to apply them (several per sentence), ``acts`` the conversational rest (questions,
declined or how-to requests, export, features that are not operations yet), ``lang`` the reply
language. Nothing read means "not understood".
"""

from __future__ import annotations

from dataclasses import dataclass

from typing_extensions import assert_never

from skill.timeline import ops
from skill.timeline.ops_edits import Redo, StartOver
from skill.timeline.vocab import MAX_HIGHLIGHT_S, MIN_HIGHLIGHT_S

from . import edits as E
from .editor import parse_instruction

__all__ = ["Act", "Reading", "read", "to_op"]

Act = E.Help | E.Greeting | E.Export | E.Show | E.UseMedia | E.Ask | E.Declined | E.HowTo | E.Unsupported


@dataclass(frozen=True, slots=True)
class Reading:
    """``asked_for_clips``: the sentence asked for the uploaded clips ("use my clips"), so a highlight
    without any says so."""

    lang: str
    ops: tuple[ops.Op, ...]
    acts: tuple[Act, ...]
    asked_for_clips: bool = False

    @property
    def understood(self) -> bool:
        return bool(self.ops or self.acts)


def _seconds(value: float | None) -> float | None:
    return None if value is None else max(MIN_HIGHLIGHT_S, min(MAX_HIGHLIGHT_S, value))


def to_op(edit: E.Edit) -> ops.Op | Act:
    """The core operation for one edit (acts pass through)."""
    if isinstance(edit, E.Highlight):
        return ops.Highlight(seconds=_seconds(edit.duration_s), start_s=edit.start_s)
    if isinstance(edit, E.Aspect):
        return ops.SetAspect(aspect=edit.ratio)
    if isinstance(edit, E.Title):
        return ops.SetTitle(text=edit.text)
    if isinstance(edit, E.RemoveTitle):
        return ops.RemoveTitle()
    if isinstance(edit, E.Volume):
        return ops.SetVolume(level=edit.level) if edit.level is not None else ops.SetVolume(delta=edit.delta)
    if isinstance(edit, E.Pace):
        return ops.SetPace(pace=edit.pace)
    if isinstance(edit, E.Length):
        if edit.duration_s is not None:
            return ops.Length(seconds=_seconds(edit.duration_s))
        if edit.by_s is not None:
            return ops.Length(by_s=edit.by_s)
        return ops.Length(step=-1 if (edit.delta_s or 0.0) < 0 else 1)
    if isinstance(edit, E.Undo):
        return ops.Undo()
    if isinstance(edit, (E.Help, E.Greeting, E.Export, E.Show, E.UseMedia, E.Ask, E.Declined, E.HowTo)):
        return edit
    if isinstance(edit, E.Unsupported):
        return edit
    if isinstance(edit, (ops.ClipSound, ops.ClipLevel, ops.Duck)):
        return edit  # the clips' sound is read straight into timeline ops
    if isinstance(edit, ops.CreatorOp | Redo | StartOver):
        return edit  # so are the creator's edits and the history
    assert_never(edit)


def read(text: str) -> Reading:
    """Read one sentence.

    Examples
    --------
    >>> read("make it vertical and 20 seconds, music at 40%").ops
    (SetAspect(op='aspect', aspect='9:16'), SetVolume(op='volume', level=0.4, delta=None), Length(op='length', seconds=20.0, step=None, by_s=None))
    """
    parsed = parse_instruction(text)
    found_ops: list[ops.Op] = []
    found_acts: list[Act] = []
    for edit in parsed.edits:
        item = to_op(edit)
        if isinstance(
            item,
            (E.Help, E.Greeting, E.Export, E.Show, E.UseMedia, E.Ask, E.Declined, E.HowTo, E.Unsupported),
        ):
            found_acts.append(item)
        else:
            found_ops.append(item)
    clips = any(isinstance(e, E.Highlight) and e.use_clips for e in parsed.edits)
    return Reading(parsed.lang, tuple(found_ops), tuple(found_acts), asked_for_clips=clips)
