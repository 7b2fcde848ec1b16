"""What the words of one turn hold for the router: the cues found in them (exact, respelled, or one
typo off) and which action cues a negation, a how-to frame or a hold cancels.

:mod:`skill.router` decides from this; the cues themselves come from ``intents.yaml`` (:mod:`skill.routes`).
"""

from __future__ import annotations

from dataclasses import dataclass

from skill.routes import SPELLING_MIN_CHARS, WEIGHTS, Routes, _Cue, _deletions, _Match, load_routes
from skill.text.normalise import HAN_RE, normalise
from skill.text.normalise import units as split_units
from skill.text.script import to_simplified
from skill.text.typos import repair_ime, within_one_edit

__all__ = ["Analysis", "analyse"]

NEGATION_WINDOW_UNITS = 3  # "don't [want to] export": words or CJK characters between cue and action
HOWTO_WINDOW_UNITS = (
    4  # "how do I [actually go about] exporting": units between the how-to frame and the action
)
HOLD_WINDOW_UNITS = 4  # "export [it in a bit,] not now", either side of the action
FUZZY_MIN_CHARS = 5  # a one-typo match for an action keyword needs this many letters
FUZZY_FACTOR = 0.75
_DETERMINERS = frozenset({"the", "my", "this", "that", "your", "our", "its", "da"})


@dataclass(frozen=True, slots=True)
class Analysis:
    actions: list[_Match]  # action cues left standing after negation and hold
    edit: _Match | None  # the first edit cue
    cancelled: _Match | None  # the hold, negation or how-to cue that cancelled an action
    is_question: bool


def analyse(raw: str) -> Analysis:
    routes = load_routes()
    norm = normalise(raw)
    if not norm:
        return Analysis([], None, None, False)
    units = _correct_spelling(split_units(norm), routes)
    matches = _scan(units, routes)
    if HAN_RE.search(norm) and not any(m.cue.kind in ("intent", "edit") for m in matches):
        # nothing to act on: an input-method slip may hide the cue ("导处视频" is 导出视频 mistyped)
        repaired = repair_ime(to_simplified(norm), routes.ime)
        if repaired != norm:
            units = _correct_spelling(split_units(repaired), routes)
            matches = _scan(units, routes)
    # A negation covers the next action or edit cue when it is close, and any edit words right after
    # it (a Chinese verb and its object are often both edit words): "don't change anything, just
    # export" negates the change, not the export.
    negated: dict[int, _Match] = {}
    for i, m in enumerate(matches):
        if m.cue.kind != "negation":
            continue
        near = [
            t
            for t in matches[i + 1 :]
            if t.cue.kind in ("intent", "edit") and t.start - m.end <= NEGATION_WINDOW_UNITS
        ]
        for k, target in enumerate(near):
            if k == 0 or target.cue.kind == "edit":
                negated.setdefault(id(target), m)
    # A how-to frame ("how do I", 怎么) asks to be told, not for the action it names: "how do I export?"
    # goes to chat, whose answer the GUI translator turns into actions. It covers the next action cue
    # and, after it, the weak hints and the cues of the same intent ("how do I get the video in 4k",
    # "how do I upload from my phone").
    for i, frame in enumerate(matches):
        if frame.cue.kind != "howto":
            continue
        named = next((t for t in matches[i + 1 :] if t.cue.kind in ("intent", "edit")), None)
        if named is not None and named.cue.kind == "intent" and named.start - frame.end <= HOWTO_WINDOW_UNITS:
            negated.setdefault(id(named), frame)
            for hint in matches[i + 1 :]:
                if (
                    hint.cue.kind == "intent"
                    and hint.start > named.start
                    and (hint.cue.weight < WEIGHTS["keywords"] or hint.cue.owner == named.cue.owner)
                ):
                    negated.setdefault(id(hint), frame)
    # A hold ("later", "failed") covers one nearby action: in "What's on the timeline? I'll export
    # later" it is about the export only. English puts it after the action ("export later"), Chinese
    # time words come before the verb, so each looks that way first.
    intents = [m for m in matches if m.cue.kind == "intent"]
    held: set[int] = set()
    holds = [m for m in matches if m.cue.kind == "hold"]
    for h in holds:
        before = [m for m in intents if 0 <= h.start - m.end <= HOLD_WINDOW_UNITS]
        after = [m for m in intents if 0 <= m.start - h.end <= HOLD_WINDOW_UNITS]
        sides = (after, before) if not units[h.start].isascii() else (before, after)
        for side in sides:
            if side:
                held.add(id(min(side, key=lambda m: max(h.start - m.end, m.start - h.end))))
                break
    edit = next((m for m in matches if m.cue.kind == "edit" and id(m) not in negated), None)
    actions: list[_Match] = []
    cancelled = holds[0] if holds else None
    for m in intents:
        if id(m) not in negated and id(m) not in held:
            actions.append(m)
        elif cancelled is None:
            cancelled = negated.get(id(m))
    return Analysis(_drop_objects(actions, units), edit, cancelled, _is_question(raw, norm, units, routes))


def _drop_objects(actions: list[_Match], units: list[str]) -> list[_Match]:
    """Drop a state or credits cue that is the object of an export or upload verb.

    "download the current version" and "export the timeline" ask for an export: the noun after
    "the" is what to export, not a question about the state.
    """
    verbs = [a for a in actions if a.cue.owner in ("export", "upload")]
    if not verbs:
        return actions

    def is_object(m: _Match) -> bool:
        return m.cue.owner in ("state", "credits") and any(
            m.start - v.end == 1 and units[v.end] in _DETERMINERS for v in verbs
        )

    return [m for m in actions if not is_object(m)]


def _scan(units: list[str], routes: Routes) -> list[_Match]:
    """Find cues left to right, taking the longest cue at each position."""
    matches: list[_Match] = []
    i, n = 0, len(units)
    while i < n:
        found: _Match | None = None
        for length in routes.lengths.get(units[i], ()):
            if i + length <= n:
                cue = routes.cues.get(" ".join(units[i : i + length]))
                if cue is not None:
                    found = _Match(i, i + length, cue)
                    break
        if found is None:
            found = _fuzzy(units[i], i, routes)
        if found is None:
            i += 1
        else:
            matches.append(found)
            i = found.end
    return matches


def _correct_spelling(units: list[str], routes: Routes) -> list[str]:
    """Replace an unknown Latin word by the one phrase word it is a single typo of ("trak" -> "track")."""
    fixed: list[str] | None = None
    for i, unit in enumerate(units):
        if (
            unit in routes.vocabulary
            or len(unit) < SPELLING_MIN_CHARS
            or not unit.isascii()
            or not unit.isalpha()
            or unit in routes.fuzzy_ignore
        ):
            continue
        candidates = set(routes.spelling.get(unit, ()))
        for variant in _deletions(unit):
            candidates.update(routes.spelling.get(variant, ()))
        words = [word for word in candidates if within_one_edit(unit, word)]
        if len(words) == 1:
            fixed = fixed or list(units)
            fixed[i] = words[0]
    return fixed or units


def _fuzzy(unit: str, i: int, routes: Routes) -> _Match | None:
    """Match one Latin word against fuzzy keywords with one edit (SymSpell deletions)."""
    if len(unit) < FUZZY_MIN_CHARS or not unit.isascii() or not unit.isalpha() or unit in routes.fuzzy_ignore:
        return None
    candidates: set[str] = set(routes.fuzzy.get(unit, ()))
    for variant in _deletions(unit):
        candidates.update(routes.fuzzy.get(variant, ()))
    for word in sorted(candidates):
        if within_one_edit(unit, word):
            cue = routes.cues[word]
            weight = round(cue.weight * FUZZY_FACTOR, 3)
            return _Match(i, i + 1, _Cue(cue.kind, cue.owner, weight, cue.text))
    return None


def _is_question(raw: str, norm: str, units: list[str], routes: Routes) -> bool:
    if "?" in raw or "\uff1f" in raw or units[0] in routes.questions:
        return True
    return any(q in norm for q in routes.questions_cjk)
