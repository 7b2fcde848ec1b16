"""What the CLI prints: results on stdout, progress and notices on stderr, human text or JSON lines.

The JSON schema is this project's own (documented in README.md and SKILL.md), one object per line:

``{"event": "reply", "text": ...}`` · ``{"event": "progress", "stage": ..., "fraction": 0.0-1.0, "text": ...}`` ·
``{"event": "result", ...}`` · ``{"event": "notice", "text": ...}`` · ``{"event": "error", "code": ..., "text": ...}``

Replies, results and errors go to stdout in JSON mode (an agent reads one stream); progress and notices
always go to stderr.
"""

from __future__ import annotations

import json
import re
import sys
from typing import IO, Any

__all__ = ["Output"]


# terminal control: CSI/OSC escape sequences and the other C0/C1 controls (newline and tab stay)
_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b\[[0-?]*[ -/]*[@-~]|\x1b.?|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def printable(text: str) -> str:
    """Text safe for a terminal: no escape sequences from a server, no lone surrogates (bad UTF-8)."""
    text = _ESCAPES.sub("", text)
    return (
        text.encode("utf-8", "surrogateescape").decode("utf-8", "replace") if _has_surrogate(text) else text
    )


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


class Output:
    """Write CLI output in human or JSON form; the only writer of stdout/stderr besides argparse."""

    def __init__(
        self, *, json_mode: bool = False, stdout: IO[str] | None = None, stderr: IO[str] | None = None
    ) -> None:
        self.json_mode = json_mode
        self._stdout = stdout or sys.stdout
        self._stderr = stderr or sys.stderr
        self._last_progress: tuple[str, int] | None = None
        self._high: dict[str, float] = {}  # per stage, the furthest fraction shown: never go back
        self._bars: Any = None  # a rich Progress, made on first use when stderr is a terminal
        self._tasks: dict[str, Any] = {}

    def _emit(self, stream: IO[str], obj: dict[str, Any]) -> None:
        self._write(stream, json.dumps(obj, ensure_ascii=False))

    @staticmethod
    def _write(stream: IO[str], line: str) -> None:
        """Write one line; every byte the CLI prints passes here, so no token can slip out."""
        from skill.logs import scrub

        try:
            stream.write(printable(scrub(line)) + "\n")
            stream.flush()
        except BrokenPipeError:  # the reader went away (``| head``): nothing more can be said there
            import contextlib
            import os

            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())

    def reply(self, text: str) -> None:
        """A sentence for the user (a chat reply, a summary)."""
        self.close()
        if self.json_mode:
            self._emit(self._stdout, {"event": "reply", "text": text})
        else:
            self._write(self._stdout, text)

    def result(self, text: str, **fields: Any) -> None:
        """The outcome of a command: ``text`` for people, ``fields`` for JSON.

        Every JSON result says ``ok`` and ``outcome`` (see :mod:`skill.outcome`); a command that reached
        its result without saying otherwise succeeded, so those default to ``true`` and ``done``.
        """
        self.close()
        if self.json_mode:
            closing = {"ok": True, "outcome": "done", **fields}
            self._emit(self._stdout, {"event": "result", "text": text, **closing})
        else:
            self._write(self._stdout, text)

    def notice(self, text: str) -> None:
        """Status for the user that is not the result ("Setting things up...")."""
        if self.json_mode:
            self._emit(self._stderr, {"event": "notice", "text": text})
        elif self._bars is not None:  # print above the live bars instead of through them
            self._bars.console.print(text, markup=False, highlight=False)
        else:
            self._write(self._stderr, text)

    def progress(self, stage: str, fraction: float | None = None, text: str = "") -> None:
        """Progress of long work on stderr, throttled to whole percents per stage, never going backwards.

        A stage's fraction only grows within one command: a lower value (a retried render, a backend
        that reports sub-steps from zero) keeps showing the furthest point reached so far.
        """
        if fraction is not None:
            fraction = max(0.0, min(1.0, float(fraction)), self._high.get(stage, 0.0))
            self._high[stage] = fraction
        pct = -1 if fraction is None else max(0, min(100, int(round(fraction * 100))))
        if self._last_progress == (stage, pct):
            return
        self._last_progress = (stage, pct)
        if self.json_mode:
            obj: dict[str, Any] = {"event": "progress", "stage": stage}
            if fraction is not None:
                obj["fraction"] = round(max(0.0, min(1.0, fraction)), 3)
            if text:
                obj["text"] = text
            self._emit(self._stderr, obj)
            return
        label = text or stage
        if self._stderr.isatty():
            self._bar(stage, label, pct)
            return
        line = f"{label}: {pct}%" if pct >= 0 else label
        self._write(self._stderr, line)

    def _bar(self, stage: str, label: str, pct: int) -> None:
        """Draw progress as rich bars on a terminal (rich is imported only here)."""
        if self._bars is None:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

            console = Console(file=self._stderr)
            self._bars = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                console=console,
                transient=False,
            )
            self._bars.start()
        task = self._tasks.get(stage)
        if task is None:
            task = self._tasks[stage] = self._bars.add_task(label, total=100 if pct >= 0 else None)
        self._bars.update(task, completed=max(pct, 0), description=label)

    def close(self) -> None:
        """Stop any progress bars (leaving them drawn) so later lines print below them."""
        if self._bars is not None:
            self._bars.stop()
            self._bars = None
            self._tasks.clear()

    def error(self, text: str, *, code: str) -> None:
        """A one-line failure: stderr for people, an ``error`` event on stdout for agents."""
        self.close()
        if self.json_mode:
            self._emit(self._stdout, {"event": "error", "ok": False, "code": code, "text": text})
        else:
            self._write(self._stderr, text)
