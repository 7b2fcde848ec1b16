"""The order a sentence's ops are applied and told in (a highlight first takes the sentence's pace
and frame; a length comes before the edits whose replies count shots), and which of them go unsaid."""

from __future__ import annotations

from dataclasses import replace

from skill.timeline import ops as O  # noqa: N812 - the ops namespace

__all__ = ["in_order", "quiet"]


def in_order(found: tuple[O.Op, ...]) -> list[O.Op]:
    """The ops as read, except that a highlight takes the sentence's pace and its frame comes first
    ("a vertical highlight on every bar": one highlight, cut on bars, told at its final size), and a
    length comes before the edits whose replies count shots ("on every bar, 20 seconds")."""
    highlight = next((o for o in found if isinstance(o, O.Highlight)), None)
    if highlight is None:
        # a new length first: what the start, pace or beat replies then say (excerpt, shots) is final
        lengths = [o for o in found if isinstance(o, O.Length)]
        return [*lengths, *(o for o in found if not isinstance(o, O.Length))]
    pace = next((o.pace for o in found if isinstance(o, O.SetPace)), None)
    merged = replace(highlight, pace=highlight.pace or pace)
    aspects = [o for o in found if isinstance(o, O.SetAspect)]
    rest = [merged if o is highlight else o for o in found if not isinstance(o, (O.SetPace, O.SetAspect))]
    return [*aspects, *rest]


def quiet(op: O.Op, found: tuple[O.Op, ...]) -> bool:
    """A frame change said by the highlight's own sentence is not said again."""
    return isinstance(op, O.SetAspect) and any(isinstance(o, O.Highlight) for o in found)
