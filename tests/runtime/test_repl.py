"""The REPL driven through a pseudo-terminal: turns, slash commands, Ctrl-C mid-turn, a failed turn."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pexpect
import pytest
from support.env import child_env

from tests.runtime.conftest import assert_no_leaks

pytestmark = pytest.mark.slow
PROMPT = "music-to-best>"  # prompt_toolkit draws the trailing space as a cursor move


@pytest.fixture
def repl(home: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    env = child_env()
    env.update(TERM="xterm", COLUMNS="200", LINES="50", PROMPT_TOOLKIT_NO_CPR="1")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "skill", "repl"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=60,
        # Ctrl-C must reach the REPL even when the test runner was started with SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        dimensions=(50, 200),
    )
    child.expect_exact(PROMPT)
    yield child
    if child.isalive():
        child.sendcontrol("d")
        child.expect(pexpect.EOF, timeout=30)
    transcript = (child.before or "") if isinstance(child.before, str) else ""
    assert_no_leaks(transcript)


def test_repl_conversation_ctrl_c_and_recovery(repl: pexpect.spawn, song: Path) -> None:
    repl.sendline("/help")
    repl.expect_exact("/credits")
    repl.expect_exact(PROMPT)

    repl.sendline(f"use this song '{song}'")
    repl.expect("Uploaded .*summer song.wav")
    repl.expect_exact(PROMPT)

    repl.sendline("sync visuals to the beat and make the best 12 second highlight")
    repl.expect("Timeline \\(2 tracks\\)")
    repl.expect_exact(PROMPT)

    # Ctrl-C while the export renders: the turn is cancelled, the REPL stays.
    repl.sendline("/export")
    repl.expect("Rendering")
    repl.sendintr()
    repl.expect_exact("Cancelled.")
    repl.expect_exact(PROMPT)

    repl.sendline("/credits")
    repl.expect("[Cc]redits")
    repl.expect_exact(PROMPT)

    # A failed turn (exporting an empty new project) prints one line and the REPL goes on.
    repl.sendline("/new")
    repl.expect_exact("Started a new project.")
    repl.expect_exact(PROMPT)
    repl.sendline("export")
    repl.expect("(?i)nothing to export|empty")
    repl.expect_exact(PROMPT)

    repl.sendline("what's on the timeline")
    repl.expect("(?i)timeline is empty")
    repl.expect_exact(PROMPT)

    repl.sendline("/quit")
    repl.expect(pexpect.EOF)
    repl.close()
    assert repl.exitstatus == 0
