"""``credits``: the credit balance (available, frozen, total)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from skill.cli.connect import add_lang, lang_of, open_client

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("credits", help="show the credit balance")
    add_lang(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from skill.handlers.credits import show_credits

    lang = lang_of(args)
    with open_client(ctx, lang) as client:
        reply = show_credits(client, lang=lang)
    ctx.out.result(reply.text, available=reply.available, frozen=reply.frozen, total=reply.total)
    return 0
