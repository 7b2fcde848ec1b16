"""Fixtures of the page tests: the CLI as a subprocess on a private data dir, and its page server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from skill.local.pageserver import info_path, stop_running


class Cli:
    """``python -m skill`` with this test's HOME/XDG dirs; stops the page server it started at the end."""

    def __init__(self, home: Path, **env: str) -> None:
        self.home = home
        self.env = {**os.environ, **env}
        self.env.pop("SKILL_PAGE_SERVER", None)  # the default: export/state start the page server
        self.data_dir = Path(self.env["XDG_DATA_HOME"]) / "music-to-best"

    def run(self, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "skill", *args],
            capture_output=True,
            text=True,
            env=self.env,
            cwd=self.home,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )

    def json(self, *args: str, timeout: float = 240) -> dict[str, Any]:
        """Run with ``--json`` and return the result event (asserting success)."""
        done = self.run(*args, "--json", timeout=timeout)
        assert done.returncode == 0, (done.stdout, done.stderr)
        events = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
        results = [e for e in events if e["event"] == "result"]
        assert results, events
        return results[-1]

    def server_pid(self) -> int | None:
        try:
            return int(json.loads(info_path(self.data_dir).read_text())["pid"])
        except (OSError, ValueError, KeyError):
            return None

    def stop(self) -> None:
        stop_running(self.data_dir)


@pytest.fixture
def cli(home: Path) -> Iterator[Cli]:
    runner = Cli(home)
    try:
        yield runner
    finally:
        runner.stop()
