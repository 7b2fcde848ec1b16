"""What an agent reads under --json: JSON lines only on both streams, a closing result, honest progress."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from skill.cli.output import Output
from tests.runtime.conftest import Run


def _json_lines(stream: str) -> list[dict[str, object]]:
    """Parse every line; a line that is not one JSON object fails the test."""
    events = []
    for line in stream.splitlines():
        obj = json.loads(line)
        assert isinstance(obj, dict) and "event" in obj, line
        events.append(obj)
    return events


def _assert_monotonic(events: list[dict[str, object]]) -> None:
    by_stage: dict[str, list[float]] = {}
    for e in events:
        if e["event"] == "progress" and "fraction" in e:
            by_stage.setdefault(str(e["stage"]), []).append(float(e["fraction"]))  # type: ignore[arg-type]
    for stage, fractions in by_stage.items():
        assert fractions == sorted(fractions), f"{stage} went backwards: {fractions}"


def test_progress_never_goes_backwards_within_a_stage() -> None:
    err = io.StringIO()
    out = Output(json_mode=True, stdout=io.StringIO(), stderr=err)
    for fraction in (0.0, 0.5, 1.0, 0.02, 0.3, 1.0):  # a backend restarting a sub-step from zero
        out.progress("render", fraction, "Rendering")
    out.progress("download", 0.1, "Downloading")
    events = _json_lines(err.getvalue())
    assert [e["fraction"] for e in events if e["stage"] == "render"] == [0.0, 0.5, 1.0]
    assert [e["fraction"] for e in events if e["stage"] == "download"] == [0.1]


@pytest.mark.slow
def test_make_json_streams_are_json_lines_with_logs_on(home: Path, song: Path, tmp_path: Path) -> None:
    # SKILL_LOG=info: log records (the title font, the new session) must come out as JSON lines too
    proc = subprocess.run(
        [sys.executable, "-m", "skill", "make", str(song), "--seconds", "4", "--title", "夏日 Summer"]
        + ["-o", "made.mp4", "--json"],
        cwd=tmp_path,
        env={**os.environ, "SKILL_LOG": "info"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out, err = _json_lines(proc.stdout), _json_lines(proc.stderr)
    assert {e["event"] for e in out} <= {"reply", "result", "error"}
    assert any(e["event"] == "log" for e in err)
    _assert_monotonic(err)
    closing = out[-1]
    assert closing["event"] == "result" and closing["ok"] is True and closing["outcome"] == "done"
    assert Path(str(closing["path"])).name == "made.mp4"


def test_a_failed_say_ends_with_a_result_carrying_the_code(cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli("say", "use this", "--file", str(tmp_path / "missing.mp3"), "--json")
    assert run.code != 0
    out = _json_lines(run.stdout)
    assert out[0]["event"] == "error"
    assert out[-1] == {
        "event": "result",
        "text": out[0]["text"],
        "ok": False,
        "outcome": "failed",
        "code": out[0]["code"],
    }
    assert _json_lines(run.stderr) == [] or all(e["event"] != "log" for e in _json_lines(run.stderr))


def test_usage_errors_are_json_too(cli: Callable[..., Run]) -> None:
    run = cli("make", "--seconds", "x", "--json")
    assert run.code == 2 and run.stderr == ""
    error, closing = _json_lines(run.stdout)
    assert error["code"] == closing["code"] == "usage" and closing["ok"] is False
    assert "--seconds" in str(error["text"])


def test_other_libraries_logs_and_warnings_are_json_lines_under_json() -> None:
    code = (
        "import logging, warnings\n"
        "from skill.logs import setup_logging\n"
        "setup_logging('warning', json_lines=True)\n"
        "warnings.warn('a library warning')\n"
        "logging.getLogger('libav.mp3').warning('Estimating duration from bitrate')\n"
        "logging.getLogger('skill.engine').info('below the level: not shown')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    events = _json_lines(proc.stderr)
    assert [e["logger"] for e in events] == ["py.warnings", "libav.mp3"]
    assert all(e["event"] == "log" and e["level"] == "warning" for e in events)
