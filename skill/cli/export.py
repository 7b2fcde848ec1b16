"""``export [-o PATH]``: render the project to MP4 and download it; ``--format`` writes an NLE file instead."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from skill.cli.connect import add_lang, feedback_of, lang_of, open_client
from skill.nle.formats import NLE_FORMATS

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "export", help="render the project to MP4 and download it, or hand it to an editor (--format)"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="PATH",
        help="file or folder for the result (default: ./music-to-best-<id>.mp4 or -<name>.<format>)",
    )
    parser.add_argument(
        "--format",
        choices=NLE_FORMATS,
        default=None,
        help="write the edit for a video editor instead of an MP4: otio (Resolve, Kdenlive), fcpxml "
        "(Final Cut Pro), edl (CMX 3600), premiere-xml (Premiere Pro); media are collected beside it",
    )
    add_lang(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    lang = lang_of(args)
    if args.format is not None:
        from skill.nle.export import export_nle
        from skill.outcome import result_fields

        with open_client(ctx, lang) as client:
            nle = export_nle(client, args.format, output=args.output, lang=lang, feedback=feedback_of(ctx))
            project = client.sessions.project
        ctx.out.result(
            nle.text,
            **nle.fields,
            project=project,
            **result_fields("done"),
        )
        return 0
    from skill.handlers.export import export_video
    from skill.handlers.made import made_facts
    from skill.outcome import result_fields

    with open_client(ctx, lang) as client:
        reply = export_video(client, output=args.output, lang=lang, feedback=feedback_of(ctx))
        facts = made_facts(client) if ctx.out.json_mode else {}
        project = client.sessions.project
    ctx.out.result(
        reply.text,
        **reply.fields,
        **facts,
        project=project,
        **result_fields("done"),
    )
    return 0
