"""Every word the project page shows, one table per language (en, zh-Hans, zh-Hant).

The page's script receives the table of the project's language with the data, so no sentence is
spelled in JavaScript. Placeholders (``{n}``) are filled in by the script with numbers only.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["LANG_NAMES", "PageLang", "labels", "page_lang"]

PageLang = Literal["en", "zh-Hans", "zh-Hant"]

LANG_NAMES: dict[PageLang, str] = {"en": "English", "zh-Hans": "简体中文", "zh-Hant": "繁體中文"}

_EN: dict[str, str] = {
    "page_title": "Music to Best — {name}",
    "untitled": "Untitled project",
    "language": "Language",
    "project": "Project",
    "video": "Video",
    "no_video": "No video has been exported yet.",
    "download": "Download MP4",
    "export_again": "Export again",
    "export": "Export",
    "exporting": "Rendering… {n}%",
    "queued": "Waiting to render…",
    "export_done": "The new video is ready.",
    "export_failed": "The render failed: {reason}",
    "export_refused": "This project cannot be exported yet: add a song and make a highlight first.",
    "offline": "The page server stopped; run “music-to-best open” to start it again.",
    "edit": "The edit",
    "song": "Song",
    "excerpt": "Chosen section",
    "sections": "Sections",
    "beats": "Beats",
    "downbeats": "Downbeats",
    "cuts": "Cuts",
    "shots": "Shots",
    "title": "Title",
    "texts": "Texts",
    "fade_in": "Fade in",
    "fade_out": "Fade out",
    "ducking": "Music ducks under clip sound",
    "empty": "The timeline is empty: upload a song and ask for a highlight.",
    "summary": "{duration} · {aspect} · {bpm} BPM · {shots} shots",
    "generated": "Beat visuals",
    "shot": "Shot {n}",
    "legend": "Legend",
    "seconds": "{n} s",
    "section_intro": "Intro",
    "section_verse": "Verse",
    "section_chorus": "Chorus",
    "section_drop": "Drop",
    "section_bridge": "Bridge",
    "section_outro": "Outro",
    "not_found": "This project link is unknown or has expired.",
}

_ZH_HANS: dict[str, str] = {
    "page_title": "Music to Best — {name}",
    "untitled": "未命名项目",
    "language": "语言",
    "project": "项目",
    "video": "视频",
    "no_video": "还没有导出视频。",
    "download": "下载 MP4",
    "export_again": "重新导出",
    "export": "导出",
    "exporting": "正在渲染… {n}%",
    "queued": "等待渲染…",
    "export_done": "新视频已完成。",
    "export_failed": "渲染失败：{reason}",
    "export_refused": "这个项目还不能导出：请先添加歌曲并生成高光视频。",
    "offline": "页面服务器已停止；运行“music-to-best open”即可重新启动。",
    "edit": "剪辑",
    "song": "歌曲",
    "excerpt": "选中的段落",
    "sections": "段落",
    "beats": "节拍",
    "downbeats": "强拍",
    "cuts": "剪辑点",
    "shots": "镜头",
    "title": "标题",
    "texts": "文字",
    "fade_in": "淡入",
    "fade_out": "淡出",
    "ducking": "素材有声音时音乐自动压低",
    "empty": "时间线为空：请上传歌曲并生成高光视频。",
    "summary": "{duration} · {aspect} · {bpm} BPM · {shots} 个镜头",
    "generated": "节拍画面",
    "shot": "镜头 {n}",
    "legend": "图例",
    "seconds": "{n} 秒",
    "section_intro": "前奏",
    "section_verse": "主歌",
    "section_chorus": "副歌",
    "section_drop": "高潮",
    "section_bridge": "桥段",
    "section_outro": "尾奏",
    "not_found": "这个项目链接无效或已过期。",
}

_ZH_HANT: dict[str, str] = {
    "page_title": "Music to Best — {name}",
    "untitled": "未命名專案",
    "language": "語言",
    "project": "專案",
    "video": "影片",
    "no_video": "還沒有匯出影片。",
    "download": "下載 MP4",
    "export_again": "重新匯出",
    "export": "匯出",
    "exporting": "正在算圖… {n}%",
    "queued": "等待算圖…",
    "export_done": "新影片已完成。",
    "export_failed": "算圖失敗：{reason}",
    "export_refused": "這個專案還不能匯出：請先加入歌曲並產生精華影片。",
    "offline": "頁面伺服器已停止；執行「music-to-best open」即可重新啟動。",
    "edit": "剪輯",
    "song": "歌曲",
    "excerpt": "選中的段落",
    "sections": "段落",
    "beats": "節拍",
    "downbeats": "強拍",
    "cuts": "剪輯點",
    "shots": "鏡頭",
    "title": "標題",
    "texts": "文字",
    "fade_in": "淡入",
    "fade_out": "淡出",
    "ducking": "素材有聲音時音樂自動壓低",
    "empty": "時間線為空：請上傳歌曲並產生精華影片。",
    "summary": "{duration} · {aspect} · {bpm} BPM · {shots} 個鏡頭",
    "generated": "節拍畫面",
    "shot": "鏡頭 {n}",
    "legend": "圖例",
    "seconds": "{n} 秒",
    "section_intro": "前奏",
    "section_verse": "主歌",
    "section_chorus": "副歌",
    "section_drop": "高潮",
    "section_bridge": "橋段",
    "section_outro": "尾奏",
    "not_found": "這個專案連結無效或已過期。",
}

_TABLES: dict[PageLang, dict[str, str]] = {"en": _EN, "zh-Hans": _ZH_HANS, "zh-Hant": _ZH_HANT}


def page_lang(session_language: str, sample: str = "") -> PageLang:
    """The page's language: that of ``sample`` (the project's title) when it is Chinese, else the project's.

    A title says more than the language of the first command (often a bare "use this song").
    """
    from skill.text.lang import detect, reply_lang

    found = reply_lang(sample, detect(sample)) if sample else "en"
    if found != "en":
        return found
    if session_language == "zh-Hant":
        return "zh-Hant"
    return "zh-Hans" if session_language.startswith("zh") else "en"


def labels(lang: PageLang) -> dict[str, str]:
    """The page's words in ``lang`` (a copy: callers may not change the table)."""
    return dict(_TABLES[lang])
