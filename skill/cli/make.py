"""``make SONG``: the one-shot main job: upload, sync to the beat, best highlight, export, download."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run", "instructions"]

_ASPECTS = ("9:16", "16:9", "1:1")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "make", help="make a beat-synced highlight video from a song, start to finish"
    )
    parser.add_argument("song", type=Path, help="the music track (mp3, wav, m4a, aac, or a video's audio)")
    parser.add_argument(
        "--clips", nargs="+", default=[], metavar="F", help="your clips and photos to cut between"
    )
    parser.add_argument(
        "--seconds", type=float, default=30.0, help="highlight length in seconds (default 30)"
    )
    parser.add_argument("--aspect", choices=_ASPECTS, default="9:16", help="frame shape (default 9:16)")
    parser.add_argument("--title", default=None, help="a title shown at the start")
    parser.add_argument("-o", "--output", type=Path, default=None, help="where to save the MP4")
    parser.set_defaults(func=run)


def instructions(*, seconds: float, aspect: str, title: str | None) -> list[str]:
    """The chat turns ``make`` sends, in the words the seed recommends (concrete, one edit each)."""
    turns = [f"sync visuals to the beat and create the best {seconds:g} second highlight video from my music"]
    turns.append(f"make it {aspect}")
    if title:
        clean = title.replace('"', "'").strip()
        turns.append(f'add the title "{clean}"')
    return turns


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from skill.errors import ConfigError
    from skill.handlers.feedback import Feedback
    from skill.handlers.made import made_facts
    from skill.handlers.upload import check_sources
    from skill.outcome import result_fields
    from skill.projects import slug
    from skill.runtime import Skill

    if not 1 <= args.seconds <= 600:
        raise ConfigError(detail="--seconds must be between 1 and 600")
    sources = [str(args.song), *map(str, args.clips)]
    check_sources(sources)  # a missing or unsupported file fails here, before anything starts
    output = args.output or Path.cwd() / f"{args.song.stem}-highlight.mp4"
    # People get the conversation on stderr and only the path on stdout; agents get JSON events.
    feedback = Feedback(on_text=ctx.out.notice, on_notice=ctx.out.notice, on_progress=ctx.out.progress)
    # A project of its own (make-<song>, or --project), started clean: a one-shot job never edits the
    # conversation of this folder, and the agent can refine the result later with --project.
    project = ctx.settings.project or f"make-{slug(args.song.stem, fallback='song')}"
    settings = replace(ctx.settings, auto_export=False, project=project)  # make exports once, at the end
    with Skill(settings, ctx.manifest, feedback=feedback, on_result=lambda r: None) as skill:
        skill.new_project("en")
        skill.handle("", files=sources, lang="en")
        for turn in instructions(seconds=args.seconds, aspect=args.aspect, title=args.title):
            skill.handle(turn, lang="en")
        done = skill.export(output=output, lang="en")
        facts = made_facts(skill.client)
    fields = {**done.fields, **facts, "project": project, **result_fields("done")}
    ctx.out.result(done.fields["path"], **fields)
    return 0
