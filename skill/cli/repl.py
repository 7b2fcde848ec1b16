"""``repl``: talk to the editor turn by turn; Ctrl-C cancels the current turn, not the REPL."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skill.cli import CliContext
    from skill.runtime import Skill

__all__ = ["register", "run"]

_PROMPT = "music-to-best> "


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("repl", help="an interactive conversation (history, /help for commands)")
    parser.set_defaults(func=run)


def _lines_from_terminal(ctx: CliContext) -> Iterator[str]:
    """Prompt with prompt_toolkit (history kept in the data dir); Ctrl-C clears the line, Ctrl-D ends."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory

    ctx.settings.data_dir.mkdir(parents=True, exist_ok=True)
    session: PromptSession[str] = PromptSession(
        history=FileHistory(str(ctx.settings.data_dir / "repl_history"))
    )
    while True:
        try:
            yield session.prompt(_PROMPT)
        except KeyboardInterrupt:
            continue
        except EOFError:
            return


def _lines_from_pipe() -> Iterator[str]:
    """Read turns from a pipe, one per line (for scripts and tests without a terminal)."""
    for line in sys.stdin:
        yield line.rstrip("\n")


def _slash(command: str, skill: Skill, lang: str) -> str | None:
    """Run a /command; return None to quit."""
    name = command.split()[0].lower()
    if name in ("/quit", "/exit", "/q"):
        return None
    if name == "/new":
        skill.new_project(lang)
    elif name == "/state":
        skill.handle("status", lang=lang)
    elif name == "/credits":
        skill.handle("credits", lang=lang)
    elif name == "/export":
        skill.export(lang=lang)
    else:
        from skill.messages import text

        skill.feedback.on_text(text("runtime.repl_help", lang))
    return name


_MAX_SPLIT_CHARS = 4096


def _split_turn(line: str) -> tuple[str, list[str]]:
    """Split a typed line into the words and the local files it names ("use ~/a.mp3 and sync it")."""
    from skill.runtime import sources_in

    if len(line) > _MAX_SPLIT_CHARS:  # a pasted wall of text is words, not file names (shlex is slow on it)
        return line, []
    files = [s for s in sources_in(line) if not s.lower().startswith(("http://", "https://"))]
    if not files:
        return line, []
    try:
        words = shlex.split(line)
    except ValueError:
        return line, files
    return " ".join(w for w in words if str(Path(w).expanduser()) not in files), files


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from skill.errors import SkillError
    from skill.handlers.feedback import Feedback
    from skill.messages import text
    from skill.runtime import Skill

    feedback = Feedback.from_output(ctx.out)
    lines = _lines_from_terminal(ctx) if sys.stdin.isatty() else _lines_from_pipe()
    lang = "en"
    on_result: Callable[..., None] = lambda reply: ctx.out.result(reply.text, **reply.fields)  # noqa: E731
    with Skill(ctx.settings, ctx.manifest, feedback=feedback, on_result=on_result) as skill:
        ctx.out.notice(text("runtime.repl_help", lang))
        for line in lines:
            stripped = line.strip()
            if not stripped:
                continue
            try:
                if stripped.startswith("/"):
                    if _slash(stripped, skill, lang) is None:
                        break
                    continue
                words, files = _split_turn(stripped)
                lang = skill.handle(words, files=files).lang
            except KeyboardInterrupt:
                ctx.out.notice(text("runtime.cancelled", lang))
            except SkillError as err:
                ctx.out.error(err.user_text(lang), code=type(err).__name__)
    return 0
