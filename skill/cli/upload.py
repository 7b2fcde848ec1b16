"""``upload PATH|URL ...``: send media to the project (checked locally before anything is sent)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from skill.cli.connect import add_lang, feedback_of, lang_of, open_client
from skill.cli.songflags import add_song_choice, song_choice

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("upload", help="upload audio, video or image files, or URLs")
    parser.add_argument("sources", nargs="+", metavar="PATH|URL", help="local files or http(s) URLs")
    add_lang(parser)
    add_song_choice(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from dataclasses import asdict

    from skill.handlers.songs import note_uploaded_song, settle_song
    from skill.handlers.upload import check_sources, upload_media
    from skill.outcome import result_fields

    lang = lang_of(args)
    check_sources(args.sources)  # format, size and existence, before any backend is started
    with open_client(ctx, lang) as client:
        pinned = ctx.settings.project is not None
        step = settle_song(client, args.sources, song_choice(args), lang=lang, pinned=pinned)
        project = client.sessions.project
        if step.ask is not None:  # nothing is uploaded until the user chooses
            ctx.out.result(
                step.ask,
                choices=["replace", "new"],
                current_song=step.current_song,
                project=project,
                **result_fields("song_exists"),
            )
            return 1
        reply = upload_media(client, args.sources, lang=lang, feedback=feedback_of(ctx))
        note_uploaded_song(client, [(f.name, f.file_type) for f in reply.files])
    shown = "\n".join([reply.text, step.say] if step.say else [reply.text])
    files = [asdict(item) for item in reply.files]
    ctx.out.result(shown, files=files, project=project, **result_fields("done"))
    return 0
