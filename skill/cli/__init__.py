"""The ``music-to-best`` command: argument parsing, dispatch, and the one place errors become exit codes.

Each command lives in its own module here (``skill/cli/<name>.py``) with ``register(subparsers)`` adding
its parser (``func=run``) and ``run(args, ctx) -> int``. Modules import only the stdlib at top level so
``--version`` and ``credits`` start fast; heavy work is imported inside ``run``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NoReturn

from skill import __version__
from skill.cli.output import Output
from skill.errors import SkillError

__all__ = ["main", "CliContext", "build_parser"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

# Command modules, in help order. Each is skill/cli/<name>.py.
_COMMANDS: tuple[str, ...] = (
    "say",
    "edit",
    "make",
    "repl",
    "upload",
    "export",
    "state",
    "open",
    "credits",
    "new",
    "projects",
    "doctor",
    "serve",
    "worker",
    "cleanup",
    "render_local",
)

log = logging.getLogger("skill.cli")


@dataclass
class CliContext:
    """What a command needs: output, and settings/manifest built on first use."""

    out: Output
    environ: dict[str, str] = field(default_factory=lambda: dict(os.environ))

    @cached_property
    def settings(self):  # type: ignore[no-untyped-def]
        from skill.settings import Settings

        return Settings.from_env(self.environ)

    @cached_property
    def manifest(self):  # type: ignore[no-untyped-def]
        from skill.manifest import load_manifest

        return load_manifest()


def _add_json_flag(parser: argparse.ArgumentParser, *, command: bool = False) -> None:
    """``--json`` before or after the command. On a command it defaults to SUPPRESS: argparse would
    otherwise overwrite a ``--json`` given before the command with the command's own False."""
    if "--json" not in parser._option_string_actions:  # noqa: SLF001 - argparse has no public probe
        default = argparse.SUPPRESS if command else False
        parser.add_argument(
            "--json", action="store_true", default=default, help="print JSON lines (schema in README.md)"
        )


class _ArgParser(argparse.ArgumentParser):
    """argparse, except that under ``--json`` a usage error is an ``error`` and a closing ``result``
    on stdout (code ``usage``, exit 2), so an agent never has to parse argparse's text."""

    json_errors = False  # set by main() from the command line before parsing

    def error(self, message: str) -> NoReturn:
        if _ArgParser.json_errors:
            _fail(Output(json_mode=True), f"{self.prog}: {message}", "usage")
            raise SystemExit(EXIT_USAGE)
        super().error(message)


def _add_project_flag(parser: argparse.ArgumentParser, *, command: bool = False) -> None:
    """``--project NAME`` before or after the command (SUPPRESS on commands, as for ``--json``)."""
    if "--project" not in parser._option_string_actions:  # noqa: SLF001 - argparse has no public probe
        parser.add_argument(
            "--project",
            default=argparse.SUPPRESS if command else None,
            metavar="NAME",
            help="work on this project (default: this folder's current one; see `projects`)",
        )


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every command module registered."""
    parser = _ArgParser(
        prog="music-to-best",
        description="Turn a music track into a beat-synced highlight video.",
    )
    parser.add_argument("--version", action="version", version=f"music-to-best {__version__}")
    _add_json_flag(parser)
    _add_project_flag(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMANDS:
        module = importlib.import_module(f"skill.cli.{name}")
        module.register(subparsers)
    for sub in subparsers.choices.values():
        _add_json_flag(sub, command=True)
        _add_project_flag(sub, command=True)
    return parser


def _clean_text_arguments(args: argparse.Namespace) -> None:
    """Words typed by the user (``say TEXT``, ``--title``) that are not valid UTF-8 become U+FFFD, so
    they can be sent and printed; file paths are left alone (a Linux file name may be any bytes)."""
    for name in ("text", "title"):
        value = getattr(args, name, None)
        if isinstance(value, str):
            setattr(args, name, value.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))


def _error_code(err: BaseException) -> str:
    """A stable snake_case code for ``--json`` error events: the error's own, else from its class name."""
    own = getattr(err, "error_code", None)
    if isinstance(own, str) and own:
        return own
    name = type(err).__name__
    # "APIError" -> "api", "RequestTimeout" -> "request_timeout": an acronym stays one word.
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()
    return snake.removesuffix("_error").removesuffix("error") or "error"


def _where(err: BaseException) -> str:
    """One line for a debug log: the error chain's class names and the innermost frame, never a traceback.

    Exception text is left out on purpose: an httpx or pydantic message can quote a header or the
    service's JSON.
    """
    names: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = err
    frame = ""
    while current is not None and id(current) not in seen and len(names) < 6:
        seen.add(id(current))
        names.append(type(current).__name__)
        tb = current.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        if tb is not None and not frame:
            code = tb.tb_frame.f_code
            frame = f" at {os.path.basename(code.co_filename)}:{tb.tb_lineno} in {code.co_name}"
        current = current.__cause__ or current.__context__
    return " <- ".join(names) + frame


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (0 ok, 1 failed, 2 usage/config, 130 interrupted)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    _ArgParser.json_errors = "--json" in args_list
    parser = build_parser()
    args = parser.parse_args(args_list)
    _clean_text_arguments(args)
    out = Output(json_mode=bool(getattr(args, "json", False)))
    ctx = CliContext(out=out)
    lang = "en"
    try:
        from skill.logs import setup_logging

        level = ctx.environ.get("SKILL_LOG", "warning")
        token = ctx.environ.get("NEMO_TOKEN", "")
        setup_logging(level, secrets=[token], json_lines=out.json_mode)
        if not getattr(args, "command", None):
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        lang = getattr(args, "lang", None) or "en"
        if getattr(args, "project", None):
            from skill.projects import PROJECT_ENV

            ctx.environ[PROJECT_ENV] = args.project  # read into Settings.project, checked there
        return int(args.func(args, ctx))
    except KeyboardInterrupt:
        from skill.messages import text

        _fail(out, text("error.interrupted", lang), "interrupted")
        return EXIT_INTERRUPTED
    except SkillError as err:
        log.debug("command failed: %s", _where(err))
        _fail(out, err.user_text(lang), _error_code(err))
        return err.exit_code
    except Exception as err:  # noqa: BLE001 - the last line of defence: never a traceback to the user
        message = getattr(err, "message", None)
        exit_code = getattr(err, "exit_code", None)
        if isinstance(message, str) and isinstance(exit_code, int):
            log.debug("command failed: %s", _where(err))
            _fail(out, message, _error_code(err))
            return exit_code
        # One line even at debug: the fault suite and agents read logs, and a traceback is not for users.
        log.debug("unexpected error: %s", _where(err))
        from skill.messages import text

        _fail(out, text("error.unknown", lang, detail=type(err).__name__), "internal")
        return EXIT_FAILED


def _fail(out: Output, message: str, code: str) -> None:
    """Report a failure: the ``error`` event, then (under ``--json``) the closing ``result`` every command
    ends with, ``ok: false`` and ``outcome: failed`` with the same stable ``code``."""
    out.error(message, code=code)
    if out.json_mode:
        out.result(message, ok=False, outcome="failed", code=code)
