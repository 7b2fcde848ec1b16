"""Shared plumbing of the client commands: language choice and the feedback wiring (no network here)."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skill.cli import CliContext
    from skill.client.api import NemoClient
    from skill.handlers.feedback import Feedback

__all__ = ["add_lang", "lang_of", "feedback_of", "open_client"]


def add_lang(parser: argparse.ArgumentParser) -> None:
    """Add ``--lang en|zh`` (replies in that language)."""
    parser.add_argument("--lang", choices=("en", "zh"), default=None, help="reply language (default: en)")


def lang_of(args: argparse.Namespace, sample: str = "") -> str:
    """The reply language: ``--lang``, else detected from ``sample`` (the user's words), else English."""
    chosen = getattr(args, "lang", None)
    if chosen:
        return str(chosen)
    if sample:
        from skill.router import detect_language

        detected = str(detect_language(sample))
        if detected.startswith("zh") or detected == "mixed":
            return "zh"
    return "en"


def feedback_of(ctx: CliContext) -> Feedback:
    """Handler callbacks that print through the CLI's Output (stdout replies, stderr notices/progress)."""
    from skill.handlers.feedback import Feedback

    return Feedback.from_output(ctx.out)


@contextlib.contextmanager
def open_client(ctx: CliContext, lang: str) -> Iterator[NemoClient]:
    """Start the backend (embedded or remote) and yield a client for it; close both at the end."""
    from skill.backend import open_backend
    from skill.client.api import NemoClient

    with (
        open_backend(ctx.settings) as settings,
        NemoClient.from_settings(settings, ctx.manifest, on_notice=ctx.out.notice, lang=lang) as client,
    ):
        yield client
