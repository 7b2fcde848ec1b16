"""``edit OP_JSON``: exact, typed changes to the current project (``edit --schema`` lists them)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from skill.cli.connect import add_lang, lang_of, open_client

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "edit",
        help="apply exact edit operations (JSON) to the project; --schema lists them",
        description='Apply typed edits, e.g. \'{"op": "aspect", "aspect": "9:16"}\' or a JSON list of them '
        "(all applied, or none). Needs the local backend; use `say` for the user's own words.",
    )
    parser.add_argument(
        "ops", nargs="?", default=None, metavar="OP_JSON", help="one op object or a list; - reads stdin"
    )
    parser.add_argument("--schema", action="store_true", help="print the JSON Schema of every operation")
    add_lang(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from skill.errors import ConfigError

    if args.schema:
        from skill.timeline.ops import schema

        sys.stdout.write(json.dumps(schema(), indent=2, ensure_ascii=False) + "\n")
        return 0
    if args.ops is None:
        raise ConfigError(detail='give the operations as JSON, e.g. {"op": "aspect", "aspect": "9:16"}')
    from skill.handlers.edit import apply_edits, check_ops
    from skill.messages import text

    raw = sys.stdin.read() if args.ops == "-" else args.ops
    ops = check_ops(raw)  # bad JSON never starts a backend
    lang = lang_of(args)
    with open_client(ctx, lang) as client:
        done = apply_edits(client, ops, lang=lang)
        project = client.sessions.project
    state = done.state
    shown = state.text if done.changed else f"{text('edit.unchanged', lang)}\n{state.text}"
    ctx.out.result(
        shown,
        ok=True,
        applied=done.applied,
        changed=done.changed,
        exportable=state.exportable,
        timeline=state.timeline,
        project=project,
    )
    return 0
