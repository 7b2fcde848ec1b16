"""The GUI translator's words: its reply messages, and the GUI words of intents.yaml compiled once.

:mod:`skill.gui` classifies clauses with the :class:`Grammar` built here; the user-facing text it writes
is :data:`MESSAGES` (en, zh-Hans, zh-Hant).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from skill.routes import RoutesError, load_routes

__all__ = ["GERUND_KINDS", "INTRO_KEYS", "MESSAGES", "Grammar", "fold", "grammar"]

# A Chinese purpose right after the object: "双击标题即可编辑文字", "点击字幕来修改".
ZH_PURPOSE_LEAD = ("即可", "就可以", "就能", "可以", "来", "以", "進行", "进行")

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
INTRO_KEYS = frozenset({"files", "state", "summary", "credits"})
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
GERUND_KINDS = {
    "click_ing": "click",
    "open_ing": "open",
    "drag_ing": "drag",
    "preview_ing": "preview",
    "use_ing": "use",
}


@dataclass(frozen=True, slots=True)
class Grammar:
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


def fold(word: str) -> str:
    return " ".join(word.casefold().replace("-", " ").split())


def _alternation(words: list[str], *, zh: bool) -> str:
    """Build a regex alternation, longest first; English words match any spacing or hyphen between them."""
    unique = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    if zh:
        return "|".join(re.escape(w) for w in unique)
    return "|".join(r"[\s-]+".join(re.escape(p) for p in w.replace("-", " ").split()) for w in unique)


@functools.lru_cache(maxsize=1)
def grammar() -> Grammar:
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
            verb_class.setdefault(fold(word), kind)
    for gerunds, kind in GERUND_KINDS.items():
        for word in en[gerunds]:
            verb_class.setdefault(fold(word), kind)

    def cjk(kind: str) -> str:
        return _alternation(zh[kind], zh=True)

    verbs_en = _alternation([w for k in verb_kinds for w in en[k]], zh=False)
    verbs_zh = f"(?:{_alternation([w for k in (*verb_kinds, 'click_short') for w in zh[k]], zh=True)})"
    gerunds_en = _alternation([w for k in GERUND_KINDS for w in en[k] if k != "use_ing"], zh=False)
    use_en = _alternation(en["use_ing"], zh=False)
    lead_en = _alternation(en["lead_in"], zh=False)
    lead_zh = _alternation(zh["lead_in"], zh=True)
    labels_en = _alternation([*en["export_label"], *en["upload_label"]], zh=False)
    labels_zh = _alternation([*zh["export_label"], *zh["upload_label"]], zh=True)
    return Grammar(
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
            fold(w).split()[0] for k in (*verb_kinds, *GERUND_KINDS) for w in en[k] if w.strip()
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
        not_label=frozenset(fold(w) for w in en["not_label"]),
        edit_words=frozenset(
            k for k, c in routes.cues.items() if c.kind == "edit" and k.isascii() and " " not in k
        ),
        edit_purpose_zh=re.compile(
            f"(?:{_alternation(list(ZH_PURPOSE_LEAD), zh=True)})"
            f"(?:{_alternation([*routes.source.edit.zh_hans, *routes.source.edit.zh_hant], zh=True)})"
        ),
        edit_zh=re.compile(_alternation([*routes.source.edit.zh_hans, *routes.source.edit.zh_hant], zh=True)),
        condition_zh=re.compile(rf"(?:{cjk('condition_end')})$"),
        simplified=routes.simplified,
    )
