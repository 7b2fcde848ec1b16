"""The creator's settings in ``state --json``: transitions, effects, photo motion, pace per section and
the clips' order (part of :func:`skill.timeline.view.timeline_view`; names are a contract)."""

from __future__ import annotations

from typing import Any

from .edit_look import shot_styles
from .model import Timeline

__all__ = ["edit_view"]


def _s(seconds: float) -> float:
    return round(seconds, 3)


def edit_view(timeline: Timeline) -> dict[str, Any]:
    """``transition``/``effect`` (the setting), ``transitions`` (per cut: the kind and length each
    shot after 0 begins with), ``photo_motion``, ``section_paces``, ``sources`` (``order``, the clip
    names in the order shots use them, the names left out)."""
    t, look = timeline, timeline.look
    styles = shot_styles(t)
    return {
        "transition": {
            "kind": look.transition,
            "seconds": _s(look.transition_s),
            "scope": look.transition_scope,
        },
        "effect": {"kind": look.effect, "on": look.effect_on, "scope": look.effect_scope},
        "transitions": [
            {"at_s": _s(shot.start_s), "kind": kind, "seconds": _s(seconds), "effect": effect}
            for shot, (kind, seconds, effect) in zip(t.shots[1:], styles[1:], strict=True)
        ],
        "photo_motion": look.photo_motion,
        "section_paces": dict(look.section_paces),
        "sources": {
            "order": t.sources.order,
            "clips": list(dict.fromkeys(s.source for s in t.shots if s.kind != "generated")),
            "excluded": list(t.sources.excluded_names),
        },
    }
