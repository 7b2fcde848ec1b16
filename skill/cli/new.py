"""``new``: start another project (later commands continue it)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from skill.cli.connect import add_lang, lang_of

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("new", help="start a new project")
    add_lang(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from skill.backend import open_backend
    from skill.client.api import NemoClient
    from skill.messages import text

    lang = lang_of(args)
    with (
        open_backend(ctx.settings) as settings,
        NemoClient.from_settings(settings, ctx.manifest, on_notice=ctx.out.notice, lang=lang) as client,
    ):
        client.new_session(lang)
    ctx.out.result(text("new.done", lang))
    return 0
