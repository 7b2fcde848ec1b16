"""How handlers talk back while they work: text as it arrives, notices, progress (callbacks, no printing)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

__all__ = ["Feedback", "OutputLike"]


def _ignore(*_args: object) -> None:
    return None


class OutputLike(Protocol):
    def reply(self, text: str) -> None: ...
    def notice(self, text: str) -> None: ...
    def progress(self, stage: str, fraction: float | None = None, text: str = "") -> None: ...


@dataclass(frozen=True, slots=True)
class Feedback:
    """Callbacks a handler calls while it works; every one defaults to doing nothing.

    ``on_text`` gets reply text as soon as it is ready (chat), ``on_notice`` status sentences ("Still
    working..."), ``on_progress(stage, fraction, text)`` progress of uploads, renders and downloads.
    """

    on_text: Callable[[str], None] = _ignore
    on_notice: Callable[[str], None] = _ignore
    on_progress: Callable[[str, float | None, str], None] = _ignore

    @classmethod
    def from_output(cls, out: OutputLike) -> Feedback:
        """Route everything to a CLI ``Output`` (or anything with reply/notice/progress)."""
        return cls(on_text=out.reply, on_notice=out.notice, on_progress=out.progress)
