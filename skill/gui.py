"""Rewrite the backend's GUI instructions ("click Export") into chat terms and the actions they imply."""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass

from skill.router import RoutesError, detect_language, load_routes

__all__ = ["Action", "Translation", "translate"]

MAX_GESTURE_CHARS = 200  # a clause longer than this is prose, not a button instruction
MAX_LABEL_CHARS = 40

# User-facing text, one table per language. Messages ending in ":" introduce data the caller shows
# next (files, state, summary, credits); they are moved to the end of the translated text.
MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "export_ask": 'Say "export" and I\'ll render and download your video.',
        "export_auto": "I'll export it for you now.",
        "drag": "Tell me which clip to add and where, and I'll place it.",
        "click": 'Say "{label}" and I\'ll do it.',
        "click_unnamed": "Tell me what you'd like to change and I'll do it.",
        "upload": "Send me the file and I'll upload it.",
        "files": "Here are your files:",
        "state": "Here's where your project stands:",
        "summary": "Here's a summary of your tracks:",
        "credits": "Here's your credit balance:",
    },
    "zh-Hans": {
        "export_ask": '说"导出"，我就帮你渲染并下载视频。',
        "export_auto": "我现在就帮你导出。",
        "drag": "告诉我要添加哪个片段、放在哪里，我来帮你放好。",
        "click": '说"{label}"，我来帮你完成。',
        "click_unnamed": "告诉我你想怎么改，我来帮你完成。",
        "upload": "把文件发给我，我来帮你上传。",
        "files": "这是你的文件：",
        "state": "这是项目的当前状态：",
        "summary": "这是当前轨道的概要：",
        "credits": "这是你的积分余额：",
    },
    "zh-Hant": {
        "export_ask": "說「匯出」，我就幫你算圖並下載影片。",
        "export_auto": "我現在就幫你匯出。",
        "drag": "告訴我要新增哪個片段、放在哪裡，我來幫你放好。",
        "click": "說「{label}」，我來幫你完成。",
        "click_unnamed": "告訴我你想怎麼改，我來幫你完成。",
        "upload": "把檔案傳給我，我來幫你上傳。",
        "files": "這是你的檔案：",
        "state": "這是專案目前的狀態：",
        "summary": "這是目前軌道的摘要：",
        "credits": "這是你的積分餘額：",
    },
}
_INTRO_KEYS = frozenset({"files", "state", "summary", "credits"})
_GUI_KEYS = [
    "lead_in",
    "click",
    "click_short",
    "open",
    "drag",
    "preview",
    "click_ing",
    "open_ing",
    "drag_ing",
    "preview_ing",
    "export_verb",
    "ui_noun",
    "drop_target",
    "not_label",
    "export_label",
    "upload_label",
    "account_noun",
    "media_noun",
    "timeline_noun",
    "upload_target",
    "file_noun",
    "purpose",
    "condition_end",
    "condition_then",
    "object_marker",
    "place_marker",
    "place_end",
    "possessive",
    "use",
    "navigate",
    "drag_object",
    "location",
    "preview_label",
    "use_ing",
    "control_noun",
]
_GERUND_KINDS = {
    "click_ing": "click",
    "open_ing": "open",
    "drag_ing": "drag",
    "preview_ing": "preview",
    "use_ing": "use",
}

_HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SENTENCE_SPLIT_RE = re.compile(r"((?<=[.!?])\s+|(?<=[。！？])\s*|\n+)")
_QUOTED_RE = re.compile(f"[\"“'‘「『]([^\"”'’」』\\n]{{1,{MAX_LABEL_CHARS}}})[\"”'’」』]")
_CAPITALISED_RE = re.compile(r"\s*(?:on\s+)?(?:the\s+)?([A-Z][\w&+-]*(?:\s+[A-Z][\w&+-]*){0,3})")
_WORD_RE = re.compile(r"[a-z]+")
_PURPOSE_RE = re.compile(r"\bto\s+([A-Za-z]+)")
# What follows a button label when the "label" is really a song title: "Press Play by the Jazz Kids
# has a swing feel" names a song; an instruction goes on with "to", "in", "and" or nothing.
_SONG_AFTER_LABEL_RE = re.compile(
    r"^\s*(?:by\s+(?:the\s+)?[A-Z]|(?:is|was|are|were|has|had|sounds|feels|gets|hits|drops|opens|starts|comes|"
    r"fits|works|became|remains)\b)"
)
# A Chinese purpose right after the object: "双击标题即可编辑文字", "点击字幕来修改".
_GENERIC_KEYS = frozenset({"state", "files", "click_unnamed"})  # gestures a set-up clause may sharpen
_ZH_PURPOSE_LEAD = ("即可", "就可以", "就能", "可以", "来", "以", "進行", "进行")
# A menu path, "File > Export Video": the last step names the button.
_MENU_PATH_RE = re.compile(r"^\s*(?:[^>›→\n]{1,30}?\s*[>›→]\s*)+([^>›→\n.,;，。；]{1,30})")
_TRAILING_PUNCT_RE = re.compile(r"[\s.!?。！？:：]+$")


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
class Translation:
    """Backend text in chat terms, and the actions it implies, in order of first mention."""

    text: str
    actions: tuple[Action, ...]


@dataclass(frozen=True, slots=True)
class _Gesture:
    action: Action | None  # None: a step with nothing to do in chat ("scroll down to ...")
    key: str  # a MESSAGES key, or "navigate"
    label: str | None = None


_NAVIGATE = _Gesture(None, "navigate")


@dataclass(frozen=True, slots=True)
class _Grammar:
    """The GUI words of intents.yaml compiled into regular expressions."""

    lead_en: re.Pattern[str]
    lead_zh: re.Pattern[str]
    verb_en: re.Pattern[str]
    verb_zh: re.Pattern[str]
    verb_class: dict[str, str]
    before_verb_zh: tuple[re.Pattern[str], ...]  # Chinese that may come before the verb
    by_gerund_en: re.Pattern[str]  # "... by clicking the Upload button"
    verb_words_en: frozenset[str]  # first words of English verbs: a sentence without one is skipped early
    verbs_zh_list: tuple[str, ...]
    clause_split: re.Pattern[str]
    words: dict[str, tuple[re.Pattern[str], re.Pattern[str]]]  # class -> (English, Chinese) finders
    known_label_en: re.Pattern[str]
    known_label_zh: re.Pattern[str]
    not_label: frozenset[str]
    edit_words: frozenset[str]  # the router's one-word edit cues: "click the trash icon to delete it"
    edit_purpose_zh: re.Pattern[str]  # 即可编辑, 来修改: a Chinese clause's edit purpose
    edit_zh: re.Pattern[str]  # the router's Chinese edit cues
    condition_zh: re.Pattern[str]  # a Chinese clause that is only a condition: "满意的话"
    simplified: frozenset[str]


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
    grammar = _grammar()
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
            if gesture.key in _INTRO_KEYS and message not in intros:
                intros.append(message)
        out.append(rewritten)
    result = "".join(out).strip()
    if intros:
        joiner = "" if all(_HAN_RE.search(m) for m in intros) else " "
        gap = (
            ""
            if joiner == "" and (not result or _HAN_RE.search(result[-2:]) or result[-1:] in "。！？：")
            else " "
        )
        result = result + gap + joiner.join(intros) if result else joiner.join(intros)
    if not actions:
        return Translation(text, ())
    return Translation(result, tuple(actions))


def _translate_sentence(
    sentence: str, lang: str, auto_export: bool, grammar: _Grammar
) -> tuple[str, list[tuple[_Gesture, str]]]:
    """Rewrite one sentence clause by clause; return its text (without intro messages) and the gestures."""
    if len(sentence) > MAX_GESTURE_CHARS * 4 or not _may_hold_gesture(sentence, grammar):
        return sentence, []
    clauses = grammar.clause_split.split(sentence)[0::2]
    gestures = [_gesture(c, grammar) for c in clauses]
    if not any(gestures):
        return sentence, []
    # "To add a title, open the Text panel": the set-up clause says what the generic gesture is for.
    for index in range(len(clauses) - 1):
        following = gestures[index + 1]
        if (
            gestures[index] is None
            and following is not None
            and following.key in _GENERIC_KEYS
            and _is_subordinate(clauses[index], grammar)
        ):
            gestures[index + 1] = _purpose_gesture(clauses[index], grammar) or following
    is_zh = bool(_HAN_RE.search(sentence))
    reply_lang = _reply_lang(sentence, lang, grammar) if is_zh else "en"
    pieces: list[str] = []
    kept: list[str] = []
    found: list[tuple[_Gesture, str]] = []
    exports = any(g is not None and g.action is Action.RUN_EXPORT for g in gestures)
    for index, (clause, gesture) in enumerate(zip(clauses, gestures, strict=True)):
        if gesture is _NAVIGATE:
            continue
        if gesture is None:
            sets_up_gesture = index + 1 < len(gestures) and gestures[index + 1] is not None
            # "click Export to render and download the MP4": the export message says the download too
            if exports and _has(grammar, "export_verb", clause[:24], zh=is_zh):
                continue
            if not (sets_up_gesture and _is_subordinate(clause, grammar)) and (
                body := _strip_lead(clause, grammar)
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
        if key not in _INTRO_KEYS and message not in pieces:
            pieces.append(_sentence(kept, zh=is_zh))
            pieces.append(message)
            kept = []
    pieces.append(_sentence(kept, zh=is_zh))
    return ("" if reply_lang != "en" else " ").join(p for p in pieces if p), found


def _may_hold_gesture(sentence: str, grammar: _Grammar) -> bool:
    """Look cheaply for any gesture verb before the clause-by-clause work."""
    if any(word in grammar.verb_words_en for word in _WORD_RE.findall(sentence.casefold())):
        return True
    return bool(_HAN_RE.search(sentence)) and any(verb in sentence for verb in grammar.verbs_zh_list)


def _sentence(clauses: list[str], *, zh: bool) -> str:
    """Join kept clauses back into one sentence with a capital and a full stop."""
    if not clauses:
        return ""
    text = _TRAILING_PUNCT_RE.sub("", ("，" if zh else ", ").join(clauses))
    return text[:1].upper() + text[1:] + ("。" if zh else ".") if text else ""


def _gesture(clause: str, grammar: _Grammar) -> _Gesture | None:
    """Classify one clause as a GUI gesture, or None when it is ordinary text."""
    clause = _TRAILING_PUNCT_RE.sub("", clause.strip())
    if not clause or len(clause) > MAX_GESTURE_CHARS:
        return None
    body = _strip_lead(clause, grammar)
    is_zh = bool(_HAN_RE.match(body[:1]))
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
    kind = grammar.verb_class[_fold(words.get("verb") or words.get("use") or "")]
    rest = before + body[verb.end() :]
    after = body[verb.end() :]
    has_ui = _has(grammar, "ui_noun", rest, zh=is_zh)
    has_place = has_ui or _has(grammar, "location", rest, zh=is_zh)
    label = _label(after, grammar, zh=is_zh)
    if label and not is_zh and _names_a_song(after, label):
        return None
    if kind == "navigate":  # "Hover over the clip", not "Hover over the city at night"
        return _NAVIGATE if has_place or label or _has(grammar, "drag_object", rest, zh=is_zh) else None
    if kind == "drag":
        upload_target = _has(grammar, "upload_target", rest, zh=is_zh)
        if upload_target and _has(grammar, "file_noun", rest, zh=is_zh):
            return _Gesture(Action.REQUEST_UPLOAD, "upload")
        targets = ("drop_target", "drag_object")
        if has_place or upload_target or any(_has(grammar, t, rest, zh=is_zh) for t in targets):
            return _Gesture(Action.SEND_EDIT, "drag")
        return None
    if kind == "click_short" and not (label or (has_place and len(after) <= 8)):
        return None
    if kind == "use":
        return (
            _object_gesture("click", rest, None, grammar, zh=is_zh)
            if _has(grammar, "control_noun", rest, zh=is_zh)
            else None
        )
    if kind in ("click", "click_short"):
        if has_place or label:
            return _object_gesture("click", rest, label, grammar, zh=is_zh)
        # "Double-click the title to edit it": an editor object clicked for an edit is a gesture too.
        if _has(grammar, "drag_object", rest, zh=is_zh) and _edit_purpose(rest, grammar, zh=is_zh):
            return _Gesture(Action.SEND_EDIT, "click_unnamed")
        return None
    if kind == "open":
        if not any(
            _has(grammar, place, rest, zh=is_zh) for place in ("ui_noun", "account_noun", "media_noun")
        ):
            return _NAVIGATE if has_place else None
        return _object_gesture("open", rest, label, grammar, zh=is_zh)
    if kind == "preview":
        if _has(grammar, "account_noun", rest, zh=is_zh):
            return _Gesture(Action.SHOW_CREDITS, "credits")
        if _has(grammar, "timeline_noun", rest, zh=is_zh) or has_ui:
            return _Gesture(Action.SHOW_SUMMARY, "summary")
        return None
    if kind == "export_verb" and has_ui:
        return _Gesture(Action.RUN_EXPORT, "export_ask")
    return None


def _object_gesture(kind: str, rest: str, label: str | None, grammar: _Grammar, *, zh: bool) -> _Gesture:
    """Decide what a click or open acts on: account, export, upload, files, state, or a named button.

    A button label decides when there is one, else the whole clause does; the account is looked for
    in the whole clause either way ("Go to Settings > Account to view your credits").
    """
    if _has(grammar, "account_noun", rest, zh=zh) or (label and _has(grammar, "account_noun", label, zh=zh)):
        return _Gesture(Action.SHOW_CREDITS, "credits")
    # A label decides, but a whole menu path counts ("Export > MP4" exports).
    scope = f"{label} {rest}" if label and _MENU_PATH_RE.match(rest) else (label or rest)
    # "打开素材库查看你上传的文件": what is opened comes first; a later upload word is only its purpose.
    if kind == "open" and not label and _starts_before(grammar, "media_noun", "upload_label", scope, zh=zh):
        return _Gesture(Action.SHOW_STATE, "files")
    if _has(grammar, "export_label", scope, zh=zh):
        return _Gesture(Action.RUN_EXPORT, "export_ask")
    if _has(grammar, "upload_label", scope, zh=zh):
        return _Gesture(Action.REQUEST_UPLOAD, "upload")
    if _has(grammar, "preview_label", scope, zh=zh):
        return _Gesture(Action.SHOW_SUMMARY, "summary")
    purpose = _PURPOSE_RE.search(rest)
    edit_purpose = (
        purpose.group(1).casefold() if purpose and purpose.group(1).casefold() in grammar.edit_words else None
    )
    if kind == "open":
        if edit_purpose:  # "Switch to the Text tab to edit the title"
            return _Gesture(Action.SEND_EDIT, "click_unnamed")
        files = _has(grammar, "media_noun", scope, zh=zh)
        return _Gesture(Action.SHOW_STATE, "files" if files else "state")
    if label or edit_purpose:
        return _Gesture(
            Action.SEND_EDIT, "click", label if zh and label else (label or edit_purpose or "").lower()
        )
    return _Gesture(Action.SEND_EDIT, "click_unnamed")


def _label(after: str, grammar: _Grammar, *, zh: bool) -> str | None:
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


def _has(grammar: _Grammar, kind: str, text: str, *, zh: bool) -> bool:
    """Say whether text holds a word of the class; Chinese text is searched for both languages."""
    en, cjk = grammar.words[kind]
    return bool(cjk.search(text) or en.search(text)) if zh else bool(en.search(text))


def _purpose_gesture(clause: str, grammar: _Grammar) -> _Gesture | None:
    """Say what a set-up clause ("To export", 为了调整比例) makes of the generic gesture after it."""
    zh = bool(_HAN_RE.search(clause))
    if _has(grammar, "account_noun", clause, zh=zh):
        return _Gesture(Action.SHOW_CREDITS, "credits")
    if _has(grammar, "export_label", clause, zh=zh):
        return _Gesture(Action.RUN_EXPORT, "export_ask")
    if _has(grammar, "upload_label", clause, zh=zh):
        return _Gesture(Action.REQUEST_UPLOAD, "upload")
    purpose = _PURPOSE_RE.search(clause.casefold())
    if (purpose and purpose.group(1) in grammar.edit_words) or (zh and grammar.edit_zh.search(clause)):
        return _Gesture(Action.SEND_EDIT, "click_unnamed")
    return None


def _names_a_song(after: str, label: str) -> bool:
    """Say whether the words after a label make it a song title ("Press Play by the Jazz Kids ...")."""
    at = after.find(label)
    return at >= 0 and bool(_SONG_AFTER_LABEL_RE.match(after[at + len(label) :]))


def _edit_purpose(rest: str, grammar: _Grammar, *, zh: bool) -> bool:
    """Say whether the clause says it is done to edit something ("to edit it", 即可编辑)."""
    if zh:
        return bool(grammar.edit_purpose_zh.search(rest))
    purpose = _PURPOSE_RE.search(rest)
    return bool(purpose and purpose.group(1).casefold() in grammar.edit_words)


def _starts_before(grammar: _Grammar, first: str, second: str, text: str, *, zh: bool) -> bool:
    """Say whether a word of class ``first`` occurs, and before any word of class ``second``."""
    en_a, cjk_a = grammar.words[first]
    en_b, cjk_b = grammar.words[second]
    hits_a = [m.start() for m in (en_a.search(text), cjk_a.search(text) if zh else None) if m]
    hits_b = [m.start() for m in (en_b.search(text), cjk_b.search(text) if zh else None) if m]
    return bool(hits_a) and (not hits_b or min(hits_a) < min(hits_b))


def _strip_lead(clause: str, grammar: _Grammar) -> str:
    clause = clause.strip()
    lead = grammar.lead_zh if _HAN_RE.match(clause[:1]) else grammar.lead_en
    match = lead.match(clause)
    return clause[match.end() if match else 0 :].strip()


def _is_subordinate(clause: str, grammar: _Grammar) -> bool:
    """Say whether a clause only sets up the gesture after it ("To export", "When you're ready")."""
    body = _strip_lead(clause, grammar)
    return bool(
        grammar.words["purpose"][0].match(body)
        or grammar.words["purpose"][1].match(body)
        or grammar.condition_zh.search(_TRAILING_PUNCT_RE.sub("", body))
    )


def _reply_lang(sentence: str, lang: str, grammar: _Grammar) -> str:
    detected = detect_language(sentence)
    if detected == "zh-Hant":
        return "zh-Hant"
    if lang == "zh-Hant" and not any(ch in grammar.simplified for ch in sentence):
        return "zh-Hant"
    return "zh-Hans"


def _fold(word: str) -> str:
    return " ".join(word.casefold().replace("-", " ").split())


def _alternation(words: list[str], *, zh: bool) -> str:
    """Build a regex alternation, longest first; English words match any spacing or hyphen between them."""
    unique = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    if zh:
        return "|".join(re.escape(w) for w in unique)
    return "|".join(r"[\s-]+".join(re.escape(p) for p in w.replace("-", " ").split()) for w in unique)


@functools.lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    """Compile the GUI words of intents.yaml once."""
    routes = load_routes()
    gui = routes.source.gui
    missing = [k for k in _GUI_KEYS if k not in gui]
    if missing:
        raise RoutesError(f"intents.yaml gui section lacks {missing}")
    en = {k: gui[k].en for k in _GUI_KEYS}
    zh = {k: [*gui[k].zh_hans, *gui[k].zh_hant] for k in _GUI_KEYS}

    def finder(words: list[str], *, zh_words: bool, anchored: bool) -> re.Pattern[str]:
        if not words:
            return re.compile(r"(?!x)x")
        alt = _alternation(words, zh=zh_words)
        if zh_words:
            return re.compile(f"^(?:{alt})" if anchored else f"(?:{alt})")
        return re.compile((r"^" if anchored else r"\b") + f"(?:{alt})" + r"\b", re.IGNORECASE)

    verb_kinds = ("drag", "click", "open", "preview", "export_verb", "use", "navigate")
    verb_class: dict[str, str] = {}
    for kind in (*verb_kinds, "click_short"):
        for word in [*en[kind], *zh[kind]]:
            verb_class.setdefault(_fold(word), kind)
    for gerunds, kind in _GERUND_KINDS.items():
        for word in en[gerunds]:
            verb_class.setdefault(_fold(word), kind)

    def cjk(kind: str) -> str:
        return _alternation(zh[kind], zh=True)

    verbs_en = _alternation([w for k in verb_kinds for w in en[k]], zh=False)
    verbs_zh = f"(?:{_alternation([w for k in (*verb_kinds, 'click_short') for w in zh[k]], zh=True)})"
    gerunds_en = _alternation([w for k in _GERUND_KINDS for w in en[k] if k != "use_ing"], zh=False)
    use_en = _alternation(en["use_ing"], zh=False)
    lead_en = _alternation(en["lead_in"], zh=False)
    lead_zh = _alternation(zh["lead_in"], zh=True)
    labels_en = _alternation([*en["export_label"], *en["upload_label"]], zh=False)
    labels_zh = _alternation([*zh["export_label"], *zh["upload_label"]], zh=True)
    return _Grammar(
        lead_en=re.compile(rf"(?:(?:{lead_en})\b[\s,]*)*", re.IGNORECASE),
        lead_zh=re.compile(rf"(?:{lead_zh})*"),
        # A verb must end at a space or the clause end: "Export-ready mix" is not a command.
        verb_en=re.compile(rf"(?P<verb>{verbs_en})(?=\s|$)", re.IGNORECASE),
        verb_zh=re.compile(rf"(?P<verb>{verbs_zh})"),
        verb_class=verb_class,
        before_verb_zh=(
            # A condition ("if you are happy, click export"), then an object, then a place.
            re.compile(
                rf"[^，。,]{{1,10}}?(?:{cjk('condition_end')})(?:{cjk('condition_then')})*(?={verbs_zh})"
            ),
            re.compile(rf"(?:{cjk('object_marker')})(?P<obj>[^，。,]{{1,15}}?)(?={verbs_zh})"),
            re.compile(
                rf"(?:{cjk('place_marker')})(?P<obj>[^，。,]{{1,12}}?)(?:{cjk('place_end')})?(?={verbs_zh})"
            ),
        ),
        verb_words_en=frozenset(
            _fold(w).split()[0] for k in (*verb_kinds, *_GERUND_KINDS) for w in en[k] if w.strip()
        ),
        verbs_zh_list=tuple(w for k in (*verb_kinds, "click_short") for w in zh[k]),
        # "by clicking ..." needs its "by" ("Opening credits roll" is prose); "using ..." does not.
        by_gerund_en=re.compile(rf"\b(?:by\s+(?P<verb>{gerunds_en})|(?P<use>{use_en}))\b", re.IGNORECASE),
        clause_split=re.compile(
            rf"(\s*[,;，；：]\s*|(?<!\d):\s+|\s+(?:and\s+then|then)\s+|(?<![Dd]rag)\s+(?:and|or)\s+(?=(?:{verbs_en})\s))",
            re.IGNORECASE,
        ),
        words={
            k: (
                finder(en[k], zh_words=False, anchored=k == "purpose"),
                finder(zh[k], zh_words=True, anchored=k == "purpose"),
            )
            for k in _GUI_KEYS
        },
        known_label_en=re.compile(rf"\s*(?:on\s+)?(?:the\s+)?({labels_en})\b", re.IGNORECASE),
        known_label_zh=re.compile(rf"(?:{cjk('possessive')})?({labels_zh})"),
        not_label=frozenset(_fold(w) for w in en["not_label"]),
        edit_words=frozenset(
            k for k, c in routes.cues.items() if c.kind == "edit" and k.isascii() and " " not in k
        ),
        edit_purpose_zh=re.compile(
            f"(?:{_alternation(list(_ZH_PURPOSE_LEAD), zh=True)})"
            f"(?:{_alternation([*routes.source.edit.zh_hans, *routes.source.edit.zh_hant], zh=True)})"
        ),
        edit_zh=re.compile(_alternation([*routes.source.edit.zh_hans, *routes.source.edit.zh_hant], zh=True)),
        condition_zh=re.compile(rf"(?:{cjk('condition_end')})$"),
        simplified=routes.simplified,
    )
