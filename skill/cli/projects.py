"""``projects``: list the projects side by side, marking the one this folder's commands use."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from skill.cli.connect import add_lang, lang_of

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("projects", help="list your projects (no backend is started)")
    add_lang(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from pathlib import Path

    from skill.messages import text
    from skill.outcome import result_fields
    from skill.projects import Projects

    lang = lang_of(args)
    projects = Projects(ctx.settings)
    current = ctx.settings.project or projects.current(Path.cwd())
    listed = projects.all()
    rows = [
        {
            "name": p.name,
            "current": p.name == current,
            "song": p.song,
            "folder": p.folder,
            "created_at": p.created_at,
            "updated_at": p.updated_at,
        }
        for p in listed
    ]
    if listed:
        lines = [
            text(
                "projects.line",
                lang,
                mark="*" if p.name == current else "-",
                name=p.name,
                song=p.song or text("projects.no_song", lang),
            )
            for p in listed
        ]
        shown = "\n".join([*lines, text("projects.current", lang)])
    else:
        shown = text("projects.none", lang)
    ctx.out.result(shown, projects=rows, current=current, **result_fields("done"))
    return 0
