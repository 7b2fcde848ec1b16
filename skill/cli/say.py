"""``say TEXT [--file F ...]``: one conversation turn through :class:`skill.runtime.Skill`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from skill.cli.connect import add_lang
from skill.cli.songflags import add_song_choice, song_choice
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
    add_song_choice(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from skill.handlers.feedback import Feedback
    from skill.handlers.upload import check_sources
    from skill.outcome import result_fields
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
        if not ctx.out.json_mode:  # people see each result as it comes; agents get one closing result
            ctx.out.result(reply.text, **reply.fields)

    with Skill(
        ctx.settings, ctx.manifest, feedback=Feedback.from_output(ctx.out), on_result=on_result
    ) as skill:
        turn = skill.handle(args.text, files=args.file, lang=args.lang, song=song_choice(args))
        project = skill.client.sessions.project
    closing = result_fields(turn.outcome)
    if ctx.out.json_mode:
        fields: dict[str, Any] = {}
        for reply in results:  # an export's path, a balance: what the turn produced
            fields.update(reply.fields)
        shown = "\n".join(r.text for r in results) or turn.text
        ctx.out.result(shown, **fields, intent=turn.intent, lang=turn.lang, project=project, **closing)
    return 0 if closing["ok"] else 1
