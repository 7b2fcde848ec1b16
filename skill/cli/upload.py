"""``upload PATH|URL ...``: send media to the project (checked locally before anything is sent)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from skill.cli.connect import add_lang, feedback_of, lang_of, open_client

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("upload", help="upload audio, video or image files, or URLs")
    parser.add_argument("sources", nargs="+", metavar="PATH|URL", help="local files or http(s) URLs")
    add_lang(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from dataclasses import asdict

    from skill.handlers.upload import check_sources, upload_media

    lang = lang_of(args)
    check_sources(args.sources)  # format, size and existence, before any backend is started
    with open_client(ctx, lang) as client:
        reply = upload_media(client, args.sources, lang=lang, feedback=feedback_of(ctx))
    ctx.out.result(reply.text, files=[asdict(item) for item in reply.files])
    return 0
