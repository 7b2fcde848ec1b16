"""``say TEXT [--file F ...]``: one conversation turn through :class:`skill.runtime.Skill`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from skill.cli.connect import add_lang
from skill.errors import SkillError

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("say", help="say one thing to the editor (one conversation turn)")
    parser.add_argument("text", help="what you want, in your words")
    parser.add_argument(
        "--file", action="append", default=[], metavar="F", help="a file or URL to upload first (repeatable)"
    )
    add_lang(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from skill.handlers.feedback import Feedback
    from skill.handlers.upload import check_sources
    from skill.runtime import Reply, Skill

    try:
        check_sources(args.file)  # before any backend is started: nothing is sent for a bad file
    except SkillError as err:
        if not args.lang and err.lang is None:
            from skill.router import route

            err.lang = route(args.text or "", has_files=True).lang  # told in the user's language
        raise
    results: list[Reply] = []

    def on_result(reply: Reply) -> None:
        results.append(reply)
        ctx.out.result(reply.text, **reply.fields)

    with Skill(
        ctx.settings, ctx.manifest, feedback=Feedback.from_output(ctx.out), on_result=on_result
    ) as skill:
        turn = skill.handle(args.text, files=args.file, lang=args.lang)
    if ctx.out.json_mode and not results:  # agents get one closing event per turn
        ctx.out.result(turn.text, intent=turn.intent, lang=turn.lang, outcome=turn.outcome, ok=turn.ok)
    return 0 if turn.ok else 1
