"""The page's HTML: a small server-rendered shell (name, language, the video) that the script fills in.

Every value is escaped here; the shell is useful without the script (the video plays, the file
downloads), and the script draws the edit from ``/workspace/claim/data``.
"""

from __future__ import annotations

import html
from importlib import resources
from string import Template
from typing import Any

from .text import LANG_NAMES, PageLang, labels

__all__ = ["CSP", "error_page", "project_page"]

# no inline script or style anywhere: the page runs only its own files
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def _template() -> Template:
    text = resources.files("skill.local.page").joinpath("assets/page.html").read_text(encoding="utf-8")
    return Template(text)


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _video(data: dict[str, Any], words: dict[str, str]) -> str:
    video = data.get("video")
    if not video:
        return f'<div id="player"><p class="muted" id="no-video">{_e(words["no_video"])}</p></div>'
    return (
        '<div id="player" class="has-video">'
        f'<video id="video" controls preload="metadata" playsinline data-id="{_e(video["id"])}" '
        f'src="{_e(video["src"])}" poster="{_e(video["poster"])}" '
        f'width="{_e(video["width"])}" height="{_e(video["height"])}"></video></div>'
    )


def project_page(data: dict[str, Any]) -> str:
    """The shell for ``data`` (see :func:`skill.local.page.view.page_data`)."""
    project = data["project"]
    lang: PageLang = project["lang"]
    words = labels(lang)
    name = project["name"] or words["untitled"]
    video = data.get("video")
    edit = data.get("edit")
    song = edit["song"]["name"] if edit else ""
    return _template().substitute(
        lang=_e(lang),
        page_title=_e(words["page_title"].replace("{name}", name)),
        name=_e(name),
        language=_e(words["language"]),
        lang_name=_e(LANG_NAMES[lang]),
        project_label=_e(words["project"]),
        project_id=_e(project["id"]),
        project_hidden="" if project["id"] else " hidden",
        video_heading=_e(words["video"]),
        player=_video(data, words),
        download_href=_e(video["download"] if video else ""),
        download_name=_e(video["filename"] if video else ""),
        download_hidden="" if video else " hidden",
        download=_e(words["download"]),
        export=_e(words["export_again"] if video else words["export"]),
        edit_heading=_e(words["edit"]),
        song=_e(song),
        empty=_e("" if edit else words["empty"]),
    )


def error_page(message: str, lang: PageLang = "en") -> str:
    """A page for an unknown or expired link (no script, nothing from the user)."""
    return (
        f'<!doctype html><html lang="{_e(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="stylesheet" href="/workspace/static/page.css">'
        f'<title>Music to Best</title></head><body><main class="lost"><h1>Music to Best</h1>'
        f'<p class="muted">{_e(message)}</p></main></body></html>'
    )
