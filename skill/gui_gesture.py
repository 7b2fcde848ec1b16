"""One clause of backend text classified as a GUI gesture ("click Export", "open the Media panel"), or not.

:func:`gesture` says what a clause asks the user to do in the GUI and which chat :class:`Action` that
is; :mod:`skill.gui` rewrites the sentence around it.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from skill.gui_grammar import Grammar, fold

MAX_GESTURE_CHARS = 200  # a clause longer than this is prose, not a button instruction
MAX_LABEL_CHARS = 40

HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_QUOTED_RE = re.compile(f"[\"“'‘「『]([^\"”'’」』\\n]{{1,{MAX_LABEL_CHARS}}})[\"”'’」』]")
_CAPITALISED_RE = re.compile(r"\s*(?:on\s+)?(?:the\s+)?([A-Z][\w&+-]*(?:\s+[A-Z][\w&+-]*){0,3})")
_PURPOSE_RE = re.compile(r"\bto\s+([A-Za-z]+)")
# What follows a button label when the "label" is really a song title: "Press Play by the Jazz Kids
# has a swing feel" names a song; an instruction goes on with "to", "in", "and" or nothing.
_SONG_AFTER_LABEL_RE = re.compile(
    r"^\s*(?:by\s+(?:the\s+)?[A-Z]|(?:is|was|are|were|has|had|sounds|feels|gets|hits|drops|opens|starts|comes|"
    r"fits|works|became|remains)\b)"
)
GENERIC_KEYS = frozenset({"state", "files", "click_unnamed"})  # gestures a set-up clause may sharpen
# A menu path, "File > Export Video": the last step names the button.
_MENU_PATH_RE = re.compile(r"^\s*(?:[^>›→\n]{1,30}?\s*[>›→]\s*)+([^>›→\n.,;，。；]{1,30})")
TRAILING_PUNCT_RE = re.compile(r"[\s.!?。！？:：]+$")


class Action(str, enum.Enum):
    """What the rewritten text promises; the caller runs it (or asks first, for export).

    RUN_EXPORT: run the export workflow. SHOW_STATE: fetch the session state and show it (files,
    timeline). SHOW_SUMMARY: show the one-line track summary. SHOW_CREDITS: fetch and show the balance.
    SEND_EDIT: the user should say the edit; it goes through chat (drags, and named buttons such as
    "Apply" or "Split", which have no API of their own). REQUEST_UPLOAD: ask for a file.
    RUN_ACTION is another name for SEND_EDIT: in chat, pressing a button means saying it.
    """

    RUN_EXPORT = "export"
    SHOW_STATE = "state"
    SHOW_SUMMARY = "summary"
    SHOW_CREDITS = "credits"
    SEND_EDIT = "edit"
    REQUEST_UPLOAD = "upload"
    RUN_ACTION = "edit"  # an alias of SEND_EDIT


@dataclass(frozen=True, slots=True)
class Gesture:
    action: Action | None  # None: a step with nothing to do in chat ("scroll down to ...")
    key: str  # a MESSAGES key, or "navigate"
    label: str | None = None


NAVIGATE = Gesture(None, "navigate")


def gesture(clause: str, grammar: Grammar) -> Gesture | None:
    """Classify one clause as a GUI gesture, or None when it is ordinary text."""
    clause = TRAILING_PUNCT_RE.sub("", clause.strip())
    if not clause or len(clause) > MAX_GESTURE_CHARS:
        return None
    body = strip_lead(clause, grammar)
    is_zh = bool(HAN_RE.match(body[:1]))
    before = ""  # Chinese words before the verb that still name its object or place
    if is_zh:
        for pattern in grammar.before_verb_zh:
            moved = pattern.match(body)
            if moved:
                before, body = before + (moved.groupdict().get("obj") or ""), body[moved.end() :]
    verb = (grammar.verb_zh if is_zh else grammar.verb_en).match(body)
    if verb is None and not is_zh:
        verb = grammar.by_gerund_en.search(body)
        before = body[: verb.start()] + " " if verb else ""
    if verb is None:
        return None
    words = verb.groupdict()
    kind = grammar.verb_class[fold(words.get("verb") or words.get("use") or "")]
    rest = before + body[verb.end() :]
    after = body[verb.end() :]
    has_ui = has(grammar, "ui_noun", rest, zh=is_zh)
    has_place = has_ui or has(grammar, "location", rest, zh=is_zh)
    label = _label(after, grammar, zh=is_zh)
    if label and not is_zh and _names_a_song(after, label):
        return None
    if kind == "navigate":  # "Hover over the clip", not "Hover over the city at night"
        return NAVIGATE if has_place or label or has(grammar, "drag_object", rest, zh=is_zh) else None
    if kind == "drag":
        upload_target = has(grammar, "upload_target", rest, zh=is_zh)
        if upload_target and has(grammar, "file_noun", rest, zh=is_zh):
            return Gesture(Action.REQUEST_UPLOAD, "upload")
        targets = ("drop_target", "drag_object")
        if has_place or upload_target or any(has(grammar, t, rest, zh=is_zh) for t in targets):
            return Gesture(Action.SEND_EDIT, "drag")
        return None
    if kind == "click_short" and not (label or (has_place and len(after) <= 8)):
        return None
    if kind == "use":
        return (
            _object_gesture("click", rest, None, grammar, zh=is_zh)
            if has(grammar, "control_noun", rest, zh=is_zh)
            else None
        )
    if kind in ("click", "click_short"):
        if has_place or label:
            return _object_gesture("click", rest, label, grammar, zh=is_zh)
        # "Double-click the title to edit it": an editor object clicked for an edit is a gesture too.
        if has(grammar, "drag_object", rest, zh=is_zh) and _edit_purpose(rest, grammar, zh=is_zh):
            return Gesture(Action.SEND_EDIT, "click_unnamed")
        return None
    if kind == "open":
        if not any(
            has(grammar, place, rest, zh=is_zh) for place in ("ui_noun", "account_noun", "media_noun")
        ):
            return NAVIGATE if has_place else None
        return _object_gesture("open", rest, label, grammar, zh=is_zh)
    if kind == "preview":
        if has(grammar, "account_noun", rest, zh=is_zh):
            return Gesture(Action.SHOW_CREDITS, "credits")
        if has(grammar, "timeline_noun", rest, zh=is_zh) or has_ui:
            return Gesture(Action.SHOW_SUMMARY, "summary")
        return None
    if kind == "export_verb" and has_ui:
        return Gesture(Action.RUN_EXPORT, "export_ask")
    return None


def _object_gesture(kind: str, rest: str, label: str | None, grammar: Grammar, *, zh: bool) -> Gesture:
    """Decide what a click or open acts on: account, export, upload, files, state, or a named button.

    A button label decides when there is one, else the whole clause does; the account is looked for
    in the whole clause either way ("Go to Settings > Account to view your credits").
    """
    if has(grammar, "account_noun", rest, zh=zh) or (label and has(grammar, "account_noun", label, zh=zh)):
        return Gesture(Action.SHOW_CREDITS, "credits")
    # A label decides, but a whole menu path counts ("Export > MP4" exports).
    scope = f"{label} {rest}" if label and _MENU_PATH_RE.match(rest) else (label or rest)
    # "打开素材库查看你上传的文件": what is opened comes first; a later upload word is only its purpose.
    if kind == "open" and not label and _starts_before(grammar, "media_noun", "upload_label", scope, zh=zh):
        return Gesture(Action.SHOW_STATE, "files")
    if has(grammar, "export_label", scope, zh=zh):
        return Gesture(Action.RUN_EXPORT, "export_ask")
    if has(grammar, "upload_label", scope, zh=zh):
        return Gesture(Action.REQUEST_UPLOAD, "upload")
    if has(grammar, "preview_label", scope, zh=zh):
        return Gesture(Action.SHOW_SUMMARY, "summary")
    purpose = _PURPOSE_RE.search(rest)
    edit_purpose = (
        purpose.group(1).casefold() if purpose and purpose.group(1).casefold() in grammar.edit_words else None
    )
    if kind == "open":
        if edit_purpose:  # "Switch to the Text tab to edit the title"
            return Gesture(Action.SEND_EDIT, "click_unnamed")
        files = has(grammar, "media_noun", scope, zh=zh)
        return Gesture(Action.SHOW_STATE, "files" if files else "state")
    if label or edit_purpose:
        return Gesture(
            Action.SEND_EDIT, "click", label if zh and label else (label or edit_purpose or "").lower()
        )
    return Gesture(Action.SEND_EDIT, "click_unnamed")


def _label(after: str, grammar: Grammar, *, zh: bool) -> str | None:
    """Find the button label right after the verb: quoted, a menu path's last step, a known label,
    or Capitalised Words."""
    path = _MENU_PATH_RE.match(after)
    if path:
        after = " " + path.group(1).strip()
    quoted = _QUOTED_RE.search(after[: MAX_LABEL_CHARS + 10])
    if quoted:
        return quoted.group(1).strip()
    known = (grammar.known_label_zh if zh else grammar.known_label_en).match(after.lstrip() if zh else after)
    if known:
        return known.group(1)
    if zh:
        return None
    capitalised = _CAPITALISED_RE.match(after)
    if capitalised:
        words = capitalised.group(1)
        if words.split()[0].casefold() not in grammar.not_label:
            return words
    return None


def has(grammar: Grammar, kind: str, text: str, *, zh: bool) -> bool:
    """Say whether text holds a word of the class; Chinese text is searched for both languages."""
    en, cjk = grammar.words[kind]
    return bool(cjk.search(text) or en.search(text)) if zh else bool(en.search(text))


def purpose_gesture(clause: str, grammar: Grammar) -> Gesture | None:
    """Say what a set-up clause ("To export", 为了调整比例) makes of the generic gesture after it."""
    zh = bool(HAN_RE.search(clause))
    if has(grammar, "account_noun", clause, zh=zh):
        return Gesture(Action.SHOW_CREDITS, "credits")
    if has(grammar, "export_label", clause, zh=zh):
        return Gesture(Action.RUN_EXPORT, "export_ask")
    if has(grammar, "upload_label", clause, zh=zh):
        return Gesture(Action.REQUEST_UPLOAD, "upload")
    purpose = _PURPOSE_RE.search(clause.casefold())
    if (purpose and purpose.group(1) in grammar.edit_words) or (zh and grammar.edit_zh.search(clause)):
        return Gesture(Action.SEND_EDIT, "click_unnamed")
    return None


def _names_a_song(after: str, label: str) -> bool:
    """Say whether the words after a label make it a song title ("Press Play by the Jazz Kids ...")."""
    at = after.find(label)
    return at >= 0 and bool(_SONG_AFTER_LABEL_RE.match(after[at + len(label) :]))


def _edit_purpose(rest: str, grammar: Grammar, *, zh: bool) -> bool:
    """Say whether the clause says it is done to edit something ("to edit it", 即可编辑)."""
    if zh:
        return bool(grammar.edit_purpose_zh.search(rest))
    purpose = _PURPOSE_RE.search(rest)
    return bool(purpose and purpose.group(1).casefold() in grammar.edit_words)


def _starts_before(grammar: Grammar, first: str, second: str, text: str, *, zh: bool) -> bool:
    """Say whether a word of class ``first`` occurs, and before any word of class ``second``."""
    en_a, cjk_a = grammar.words[first]
    en_b, cjk_b = grammar.words[second]
    hits_a = [m.start() for m in (en_a.search(text), cjk_a.search(text) if zh else None) if m]
    hits_b = [m.start() for m in (en_b.search(text), cjk_b.search(text) if zh else None) if m]
    return bool(hits_a) and (not hits_b or min(hits_a) < min(hits_b))


def strip_lead(clause: str, grammar: Grammar) -> str:
    clause = clause.strip()
    lead = grammar.lead_zh if HAN_RE.match(clause[:1]) else grammar.lead_en
    match = lead.match(clause)
    return clause[match.end() if match else 0 :].strip()


def is_subordinate(clause: str, grammar: Grammar) -> bool:
    """Say whether a clause only sets up the gesture after it ("To export", "When you're ready")."""
    body = strip_lead(clause, grammar)
    return bool(
        grammar.words["purpose"][0].match(body)
        or grammar.words["purpose"][1].match(body)
        or grammar.condition_zh.search(TRAILING_PUNCT_RE.sub("", body))
    )
