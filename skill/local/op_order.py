"""The order a sentence's ops are applied and told in (a highlight first takes the sentence's pace
and frame; a length comes before the edits whose replies count shots), and which of them go unsaid."""

from __future__ import annotations

from dataclasses import replace

from skill.timeline import ops as O  # noqa: N812 - the ops namespace
from skill.timeline.ops_edits import OnlyClips, UseClip

__all__ = ["in_order", "quiet"]


def in_order(found: tuple[O.Op, ...]) -> list[O.Op]:
    """The ops as read, except that a highlight takes the sentence's pace, and its frame and the clips
    it uses come first ("a vertical highlight on every bar": one highlight, cut on bars, told at its
    final size; "只用 box 和 cup 做一个视频": cut from those two), and a length comes before the edits
    whose replies count shots ("on every bar, 20 seconds"). An undo said first stays first ("undo, then
    make it 40 seconds": the 40 seconds are not undone)."""
    undos = 0
    while undos < len(found) and isinstance(found[undos], O.Undo):
        undos += 1
    if undos and undos < len(found):
        return [*found[:undos], *in_order(found[undos:])]
    highlight = next((o for o in found if isinstance(o, O.Highlight)), None)
    if highlight is None:
        # a new length first: what the start, pace or beat replies then say (excerpt, shots) is final
        lengths = [o for o in found if isinstance(o, O.Length)]
        return [*lengths, *(o for o in found if not isinstance(o, O.Length))]
    pace = next((o.pace for o in found if isinstance(o, O.SetPace)), None)
    merged = replace(highlight, pace=highlight.pace or pace)
    # the frame and the clips to use come first: the highlight is cut once, at its size, from them
    first = [o for o in found if isinstance(o, _FIRST)]
    rest = [merged if o is highlight else o for o in found if not isinstance(o, (O.SetPace, *_FIRST))]
    return [*first, *rest]


_FIRST = (O.SetAspect, OnlyClips, UseClip)


def quiet(op: O.Op, found: tuple[O.Op, ...]) -> bool:
    """A frame change or a choice of clips said by the highlight's own sentence is not said again (the
    highlight's reply names its frame and its clips)."""
    return isinstance(op, _FIRST) and any(isinstance(o, O.Highlight) for o in found)
