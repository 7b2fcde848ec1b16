"""``state``: the current project's timeline summary."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from skill.cli.connect import add_lang, lang_of, open_client

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("state", help="show the project's timeline")
    add_lang(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from skill.handlers.state import show_state

    lang = lang_of(args)
    with open_client(ctx, lang) as client:
        reply = show_state(client, lang=lang, with_link=True)
    text = reply.text
    if reply.link and not ctx.out.json_mode:
        from skill.messages import text as message

        text += "\n" + message("export.link", lang, link=reply.link)
    ctx.out.result(
        text,
        exportable=reply.exportable,
        tracks=reply.tracks,
        duration_ms=reply.duration_ms,
        link=reply.link,
        timeline=reply.timeline,
    )
    return 0
