"""``say TEXT [--file F ...]``: one conversation turn (files attached are uploaded first)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from skill.cli.connect import add_lang, feedback_of, lang_of

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
    from skill.backend import open_backend
    from skill.client.api import NemoClient
    from skill.handlers.chat import send_chat
    from skill.handlers.export import export_video
    from skill.handlers.upload import check_sources, upload_media

    lang = lang_of(args, args.text)
    check_sources(args.file)  # before any backend is started: nothing is sent for a bad file
    feedback = feedback_of(ctx)
    with (
        open_backend(ctx.settings) as settings,
        NemoClient.from_settings(settings, ctx.manifest, on_notice=ctx.out.notice, lang=lang) as client,
    ):
        if args.file:
            for line in upload_media(client, args.file, lang=lang, feedback=feedback).texts:
                ctx.out.reply(line)
        reply = send_chat(client, args.text, lang=lang, feedback=feedback)
        exported = None
        if "export" in reply.actions and settings.auto_export:
            exported = export_video(client, lang=lang, feedback=feedback)
    if exported is not None:
        ctx.out.result(exported.text, path=str(exported.path), url=exported.url, link=exported.link)
    elif ctx.out.json_mode:  # people already saw the text as it streamed
        ctx.out.result(
            reply.text, outcome=reply.outcome, actions=list(reply.actions), changes=list(reply.changes)
        )
    return 1 if reply.outcome == "unconfirmed" else 0
