"""``new``: start another project (later commands continue it)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from skill.cli.connect import add_lang, lang_of, open_client

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("new", help="start a new project")
    add_lang(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from skill.messages import text

    lang = lang_of(args)
    with open_client(ctx, lang) as client:
        client.new_session(lang)
    ctx.out.result(text("new.done", lang))
    return 0
