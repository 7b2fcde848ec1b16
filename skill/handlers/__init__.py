"""Handlers: one per intent, each a small function using the client and returning what to tell the user.

Handlers never print: live text, notices and progress go through :class:`Feedback` callbacks, and the
result is a small frozen reply object with ``text`` and the facts behind it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from skill.handlers.chat import ChatReply, send_chat
    from skill.handlers.credits import CreditsReply, show_credits
    from skill.handlers.export import ExportReply, export_video
    from skill.handlers.feedback import Feedback
    from skill.handlers.state import StateReply, show_state
    from skill.handlers.upload import UploadReply, check_sources, upload_media

__all__ = [
    "Feedback",
    "send_chat",
    "ChatReply",
    "show_credits",
    "CreditsReply",
    "show_state",
    "StateReply",
    "upload_media",
    "check_sources",
    "UploadReply",
    "export_video",
    "ExportReply",
]

_WHERE = {
    "Feedback": "feedback",
    "send_chat": "chat",
    "ChatReply": "chat",
    "show_credits": "credits",
    "CreditsReply": "credits",
    "show_state": "state",
    "StateReply": "state",
    "upload_media": "upload",
    "check_sources": "upload",
    "UploadReply": "upload",
    "export_video": "export",
    "ExportReply": "export",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"skill.handlers.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'skill.handlers' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
