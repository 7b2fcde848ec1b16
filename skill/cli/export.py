"""``export [-o PATH]``: render the project to MP4 and download it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from skill.cli.connect import add_lang, feedback_of, lang_of, open_client

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("export", help="render the project to MP4 and download it")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="PATH",
        help="file or folder for the MP4 (default: ./music-to-best-<id>.mp4)",
    )
    add_lang(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from skill.handlers.export import export_video

    lang = lang_of(args)
    with open_client(ctx, lang) as client:
        reply = export_video(client, output=args.output, lang=lang, feedback=feedback_of(ctx))
    ctx.out.result(
        reply.text, path=str(reply.path), url=reply.url, link=reply.link, render_id=reply.render_id
    )
    return 0
