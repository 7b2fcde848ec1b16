"""Rewrite the backend's GUI instructions ("click Export") into chat terms and the actions they imply."""

from __future__ import annotations

import re
from dataclasses import dataclass

from skill.gui_gesture import (
    GENERIC_KEYS,
    HAN_RE,
    MAX_GESTURE_CHARS,
    NAVIGATE,
    TRAILING_PUNCT_RE,
    Action,
    Gesture,
    has,
    is_subordinate,
    purpose_gesture,
    strip_lead,
)
from skill.gui_gesture import (
    gesture as classify,
)
from skill.gui_grammar import INTRO_KEYS, MESSAGES, Grammar
from skill.gui_grammar import grammar as compiled_grammar
from skill.text.lang import detect_language

__all__ = ["Action", "Translation", "translate"]

_SENTENCE_SPLIT_RE = re.compile(r"((?<=[.!?])\s+|(?<=[。！？])\s*|\n+)")
_WORD_RE = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class Translation:
    """Backend text in chat terms, and the actions it implies, in order of first mention."""

    text: str
    actions: tuple[Action, ...]


def translate(text: str, lang: str = "en", *, auto_export: bool = False) -> Translation:
    """Rewrite GUI talk into chat terms, keeping everything else word for word.

    A clause is rewritten only when it is shaped like a GUI gesture: an imperative verb (click, open,
    drag, preview, and their Chinese forms) at its start plus a UI object (button, panel, timeline ...)
    or a button label. "Open Road", "the drop hits at 0:42" or a lyric about opening one's heart stay
    as they are. The words live in the ``gui`` section of intents.yaml.

    Parameters
    ----------
    text : str
        One or more sentences from the backend.
    lang : str
        The user's language. Rewrites follow the script of the sentence they replace (Chinese for a
        Chinese sentence); ``lang="zh-Hant"`` picks traditional for Chinese sentences that could be
        either.
    auto_export : bool
        The caller will run the export right away: say "I'll export it for you now." instead of
        asking the user to say "export".

    Returns
    -------
    Translation
        The text, with messages that introduce data ("Here are your files:") moved to the end, and
        the implied actions without repeats.

    Examples
    --------
    >>> translate("Click the Export button to download your video.")
    Translation(text='Say "export" and I\\'ll render and download your video.', actions=(<Action.RUN_EXPORT: 'export'>,))
    >>> translate("Open Road is a great song.").actions
    ()
    """
    if not text or not text.strip():
        return Translation(text or "", ())
    grammar = compiled_grammar()
    parts = _SENTENCE_SPLIT_RE.split(text)
    out: list[str] = []
    intros: list[str] = []
    actions: list[Action] = []
    dropped = False  # the last sentence vanished (it only introduced data): drop its separator too
    for i, part in enumerate(parts):
        if i % 2:  # a separator
            if not dropped or "\n" in part:
                out.append(part)
            continue
        rewritten, found = _translate_sentence(part, lang, auto_export, grammar)
        dropped = bool(found) and not rewritten
        for gesture, message in found:
            if gesture.action is not None and gesture.action not in actions:
                actions.append(gesture.action)
            if gesture.key in INTRO_KEYS and message not in intros:
                intros.append(message)
        out.append(rewritten)
    result = "".join(out).strip()
    if intros:
        joiner = "" if all(HAN_RE.search(m) for m in intros) else " "
        gap = (
            ""
            if joiner == "" and (not result or HAN_RE.search(result[-2:]) or result[-1:] in "。！？：")
            else " "
        )
        result = result + gap + joiner.join(intros) if result else joiner.join(intros)
    if not actions:
        return Translation(text, ())
    return Translation(result, tuple(actions))


def _translate_sentence(
    sentence: str, lang: str, auto_export: bool, grammar: Grammar
) -> tuple[str, list[tuple[Gesture, str]]]:
    """Rewrite one sentence clause by clause; return its text (without intro messages) and the gestures."""
    if len(sentence) > MAX_GESTURE_CHARS * 4 or not _may_hold_gesture(sentence, grammar):
        return sentence, []
    clauses = grammar.clause_split.split(sentence)[0::2]
    gestures = [classify(c, grammar) for c in clauses]
    if not any(gestures):
        return sentence, []
    # "To add a title, open the Text panel": the set-up clause says what the generic gesture is for.
    for index in range(len(clauses) - 1):
        following = gestures[index + 1]
        if (
            gestures[index] is None
            and following is not None
            and following.key in GENERIC_KEYS
            and is_subordinate(clauses[index], grammar)
        ):
            gestures[index + 1] = purpose_gesture(clauses[index], grammar) or following
    is_zh = bool(HAN_RE.search(sentence))
    reply_lang = _reply_lang(sentence, lang, grammar) if is_zh else "en"
    pieces: list[str] = []
    kept: list[str] = []
    found: list[tuple[Gesture, str]] = []
    exports = any(g is not None and g.action is Action.RUN_EXPORT for g in gestures)
    for index, (clause, gesture) in enumerate(zip(clauses, gestures, strict=True)):
        if gesture is NAVIGATE:
            continue
        if gesture is None:
            sets_up_gesture = index + 1 < len(gestures) and gestures[index + 1] is not None
            # "click Export to render and download the MP4": the export message says the download too
            if exports and has(grammar, "export_verb", clause[:24], zh=is_zh):
                continue
            if not (sets_up_gesture and is_subordinate(clause, grammar)) and (
                body := strip_lead(clause, grammar)
            ):
                kept.append(body)
            continue
        # "Select the clip in the timeline and press Delete": the other gesture says it all.
        if gesture.key == "click_unnamed" and any(
            g and g.key not in ("click_unnamed", "navigate") for g in gestures
        ):
            continue
        key = "export_auto" if gesture.key == "export_ask" and auto_export else gesture.key
        message = MESSAGES[reply_lang][key].format(label=gesture.label or "")
        found.append((gesture, message))
        if key not in INTRO_KEYS and message not in pieces:
            pieces.append(_sentence(kept, zh=is_zh))
            pieces.append(message)
            kept = []
    pieces.append(_sentence(kept, zh=is_zh))
    return ("" if reply_lang != "en" else " ").join(p for p in pieces if p), found


def _may_hold_gesture(sentence: str, grammar: Grammar) -> bool:
    """Look cheaply for any gesture verb before the clause-by-clause work."""
    if any(word in grammar.verb_words_en for word in _WORD_RE.findall(sentence.casefold())):
        return True
    return bool(HAN_RE.search(sentence)) and any(verb in sentence for verb in grammar.verbs_zh_list)


def _sentence(clauses: list[str], *, zh: bool) -> str:
    """Join kept clauses back into one sentence with a capital and a full stop."""
    if not clauses:
        return ""
    text = TRAILING_PUNCT_RE.sub("", ("，" if zh else ", ").join(clauses))
    return text[:1].upper() + text[1:] + ("。" if zh else ".") if text else ""


def _reply_lang(sentence: str, lang: str, grammar: Grammar) -> str:
    detected = detect_language(sentence)
    if detected == "zh-Hant":
        return "zh-Hant"
    if lang == "zh-Hant" and not any(ch in grammar.simplified for ch in sentence):
        return "zh-Hant"
    return "zh-Hans"
