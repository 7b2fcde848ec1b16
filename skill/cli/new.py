"""``new [NAME]``: start another project; commands in this folder continue it, other projects stay."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from skill.cli.connect import add_lang, lang_of, open_client

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("new", help="start a new project (optionally named)")
    parser.add_argument("name", nargs="?", default=None, help="its name (default: after this folder)")
    add_lang(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from pathlib import Path

    from skill.errors import ConfigError
    from skill.messages import text
    from skill.projects import check_name, slug

    lang = lang_of(args)
    folder = Path.cwd()
    with open_client(ctx, lang) as client:
        sessions = client.sessions
        if args.name:
            name = check_name(args.name)
            if sessions.projects.exists(name):
                raise ConfigError(key="project.exists", name=name)
        elif ctx.settings.project:  # `new --project X`: X starts over
            name = ctx.settings.project
        else:
            name = sessions.projects.unique(slug(folder.name or "project"))
        sessions.use(name)
        client.new_session(lang)
        if not ctx.settings.project:  # an explicit --project never moves this folder's pointer
            sessions.projects.point(folder, name)
    ctx.out.result(text("new.done_named", lang, name=name), project=name, **_ok())
    return 0


def _ok() -> dict[str, object]:
    from skill.outcome import result_fields

    return result_fields("done")
