"""Open the project page: make sure something serves it, give its link, show it in a browser if any."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from skill.errors import SkillError
from skill.messages import text

if TYPE_CHECKING:
    from skill.client.api import NemoClient

__all__ = ["PageReply", "PageUnavailable", "has_browser", "open_page", "show_in_browser"]


class PageUnavailable(SkillError):
    """The background page server could not be started."""

    key = "page.unavailable"


@dataclass(frozen=True, slots=True)
class PageReply:
    link: str
    opened: bool
    background: bool  # served by the detached page server (embedded mode)
    texts: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


def has_browser() -> bool:
    """True when a graphical browser can be shown: macOS, Windows, or a Linux desktop session.

    Without a display, Python's ``webbrowser`` falls back to text browsers that would take over the
    terminal an agent is reading, so a headless machine gets the link only.
    """
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def show_in_browser(link: str) -> bool:
    """Open ``link`` in the user's browser when there is one; True when one was asked to."""
    if not has_browser():
        return False
    import webbrowser

    try:
        return bool(webbrowser.open(link, new=2))
    except webbrowser.Error:
        return False


def open_page(client: NemoClient, *, lang: str = "en", browser: bool = True) -> PageReply:
    """Return the link to the current project's page (starting the page server in embedded mode).

    Raises
    ------
    PageUnavailable
        Embedded mode, and the background page server did not start.
    """
    from skill.backend import page_base

    base = page_base(client.settings, start=True)
    if base is None:
        raise PageUnavailable()
    link = client.claim_link(web_base=base)
    opened = browser and show_in_browser(link)
    texts = [text("page.link", lang, link=link)]
    if opened:
        texts.append(text("page.opened", lang))
    background = client.settings.is_embedded
    if background:
        minutes = max(1, round(client.settings.page_idle_s / 60))
        texts.append(text("page.background", lang, minutes=minutes))
    return PageReply(link, opened, background, tuple(texts))
