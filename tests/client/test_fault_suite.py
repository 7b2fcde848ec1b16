"""The fault suite: the real CLI, as a subprocess, against a misbehaving fake cloud.

Every case ends in the right reply or one clear error line, with the right exit code, within a time bound
(waits shortened through the SKILL_* settings), and nothing leaks: no token, no "Bearer", no raw JSON, no
traceback, in stdout, stderr or the debug log. Each case runs once, alternating human and ``--json``
output, always at ``SKILL_LOG=debug`` (the strictest place to look for leaks).
"""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from support.env import child_env
from support.fake_cloud import FakeCloud, Reply, adk, sample_draft, typed

_SECRET = "usr-secret-value-0123456789"  # a NEMO_TOKEN that does not look like one
_RAW_JSON = re.compile(r'[{\[]\s*"(code|data|success|detail|message|token|error|status|state)"\s*:')
_LOG_LINE = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL) skill")
_FAST = {
    "SKILL_READ_TIMEOUT_S": "1.5",
    "SKILL_CONNECT_TIMEOUT_S": "1",
    "SKILL_STREAM_IDLE_TIMEOUT_S": "1.5",
    "SKILL_HEARTBEAT_ONLY_TIMEOUT_S": "1.5",
    "SKILL_RATE_LIMIT_WAIT_S": "0.1",
    "SKILL_RENDER_POLL_REMOTE_S": "0.05",
    "SKILL_RENDER_POLL_LOCAL_S": "0.05",
    "SKILL_RENDER_MAX_POLLS": "3",
    "SKILL_RECOVERY_FIRST_WAIT_S": "0.05",
    "SKILL_RECOVERY_INTERVAL_S": "0.05",
    "SKILL_RECOVERY_MAX_CHECKS": "2",
}


@dataclass
class Case:
    """One scenario: the replies scripted per route, the command, and what must come out."""

    id: str
    argv: list[str]
    scripts: list[tuple[str, Reply, int]] = field(default_factory=list)
    rc: int = 1
    says: str = ""
    setup: Callable[[FakeCloud], None] | None = None
    user_token: bool = False
    max_s: float = 8.0
    replied: bool = False  # rc 1 told as a reply (a cut stream not confirmed), not as an error line
    never: str = ""  # text that must not be shown


def _polls(*states: dict[str, object]) -> Callable[[FakeCloud], None]:
    def setup(cloud: FakeCloud) -> None:
        cloud.render_polls = list(states)

    return setup


def _empty(cloud: FakeCloud) -> None:
    cloud.draft = {"t": [], "d": 0, "m": {}}


def _changes_title(cloud: FakeCloud) -> None:
    cloud.draft = sample_draft(title="New Title")


def _s(route: str, reply: Reply, times: int = 4) -> tuple[str, Reply, int]:
    return (route, reply, times)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


SAY = ["say", "add a title"]
EXPORT = ["export", "-o", "out.mp4"]
UPLOAD = ["upload", "song.mp3"]
HTML_200 = Reply.html()
CASES: list[Case] = [
    # -- every protocol error code, as a body code on HTTP 200 and as an HTTP status ----------------
    Case("1001-body", ["credits"], [_s("credits", Reply.code(1001))], says="sign-in token"),
    Case("1001-http", ["credits"], [_s("credits", Reply.http(401))], says="sign-in token"),
    Case("1001-once-recovers", ["credits"], [_s("credits", Reply.code(1001), 1)], rc=0, says="Credits:"),
    Case(
        "1001-user-token", ["credits"], [_s("credits", Reply.code(1001))], says="NEMO_TOKEN", user_token=True
    ),
    Case("1002-body", ["state"], [_s("state", Reply.code(1002))], says="session was not found"),
    Case("1002-once-recovers", SAY, [_s("chat", Reply.code(1002), 1)], rc=0, says="Sure, done."),
    Case("404-session-http", ["state"], [_s("state", Reply.http(404, {"detail": "Session not found: s"}))]),
    Case("2001-anon", ["credits"], [_s("credits", Reply.code(2001))], says="register?bind=anon_"),
    Case("2001-registered", ["credits"], [_s("credits", Reply.code(2001))], says="Top up", user_token=True),
    Case(
        "2001-http-402-status", ["new"], [_s("session", Reply.code(2001, status=402))], says="out of credits"
    ),
    Case("4001-upload", UPLOAD, [_s("upload", Reply.code(4001))], says="Accepted formats: mp4"),
    Case("4002-upload", UPLOAD, [_s("upload", Reply.code(4002, status=413))], says="the limit is 500 MB"),
    Case("400-always", ["credits"], [_s("credits", Reply.http(400))], says="client id"),
    Case("400-once-recovers", ["credits"], [_s("credits", Reply.code(400), 1)], rc=0, says="Credits:"),
    Case(
        "400-other-code",
        ["credits"],
        [_s("credits", Reply.code(9999, status=400, message="bad"))],
        says="(code 9999)",
    ),
    Case(
        "402-export",
        EXPORT,
        [_s("render_submit", Reply.http(402, {"success": False}))],
        says="not your credits",
    ),
    Case("402-body", EXPORT, [_s("render_submit", Reply.code(402))], says="plan tier"),
    Case(
        "429-retry-after",
        ["credits"],
        [_s("credits", Reply.http(429, headers={"Retry-After": "0.2"}), 1)],
        rc=0,
    ),
    Case("429-no-retry-after", ["credits"], [_s("credits", Reply.code(429), 1)], rc=0, says="Credits:"),
    Case("429-twice", ["credits"], [_s("credits", Reply.http(429))], says="limiting requests"),
    Case(
        "429-far-future",
        ["credits"],
        [_s("credits", Reply.http(429, headers={"Retry-After": "86400"}))],
        says="1440 min",
    ),
    Case("500-body-code", ["credits"], [_s("credits", Reply.code(500))], says="internal error (HTTP 500)"),
    Case("503-http", ["credits"], [_s("credits", Reply.http(503))], says="internal error (HTTP 503)"),
    Case("500-once-recovers", ["state"], [_s("state", Reply.http(502), 1)], rc=0, says="Timeline"),
    Case(
        "unknown-code",
        ["credits"],
        [_s("credits", Reply.code(7777, message='{"token": "x"}'))],
        says="code 7777",
    ),
    # -- answers that are not the promised JSON ------------------------------------------------------
    Case("html-200", ["credits"], [_s("credits", HTML_200)], says="a web page"),
    Case("html-502", ["state"], [_s("state", Reply.html(502))], says="HTTP 502"),
    Case(
        "truncated-json",
        ["credits"],
        [_s("credits", Reply(body=b'{"code":0,"data":{"av', content_type="application/json"))],
        says="not JSON",
    ),
    Case(
        "garbage-bytes",
        ["credits"],
        [_s("credits", Reply(body=b"\xff\xfe\x00zz", content_type="application/json"))],
        says="not JSON",
    ),
    Case(
        "empty-body",
        ["credits"],
        [_s("credits", Reply(body=b"", content_type="application/json"))],
        says="cannot read",
    ),
    Case("envelope-list", ["credits"], [_s("credits", Reply(json=[1, 2]))], says="unexpected shape"),
    Case(
        "data-not-object",
        ["credits"],
        [_s("credits", Reply(json={"code": 0, "data": "x"}))],
        says="unexpected shape",
    ),
    Case(
        "success-false",
        ["credits"],
        [_s("credits", Reply(json={"success": False, "message": "nope"}))],
        says="nope",
    ),
    Case("code-as-string", ["credits"], [_s("credits", Reply(json={"code": "2001"}))], says="out of credits"),
    Case(
        "bad-draft",
        ["state"],
        [_s("state", Reply.ok({"state": {"draft": {"t": [{"sg": "x"}]}}}))],
        says="127.0.0.1:",
    ),
    Case(
        "token-in-message",
        ["credits"],
        [_s("credits", Reply.code(5005, message="bad Bearer nmv_usr_abcdefgh"))],
        says="code 5005",
    ),
    # -- transport: hangs, refusals, drops, redirects, slowness ---------------------------------------
    Case(
        "hang-plain",
        ["credits"],
        [_s("credits", Reply(delay_s=6), 1)],
        says="did not answer in time",
        max_s=5,
    ),
    Case(
        "hang-token", ["credits"], [_s("token", Reply(delay_s=6), 1)], says="did not answer in time", max_s=5
    ),
    Case("hang-upload", UPLOAD, [_s("upload", Reply(delay_s=6), 1)], says="did not answer in time", max_s=5),
    Case(
        "slow-but-ok",
        ["credits"],
        [_s("credits", Reply.ok({"available": 1, "frozen": 0, "total": 1}, delay_s=0.5), 1)],
        rc=0,
    ),
    Case("drop", ["credits"], [_s("credits", Reply(drop=True))], says="dropped"),
    Case(
        "redirect",
        ["credits"],
        [_s("credits", Reply(status=302, headers={"Location": "https://elsewhere.test/x"}, body=b""))],
        says="redirect to https://elsewhere.test",
    ),
    # -- chat streams --------------------------------------------------------------------------------
    Case(
        "adk-partial-final",
        SAY,
        [_s("chat", Reply.sse([adk("Hel", partial=True), adk("lo.", partial=True), adk("Hello.")]), 1)],
        rc=0,
        says="Hello.",
    ),
    Case(
        "typed-events",
        SAY,
        [
            _s(
                "chat",
                Reply.sse(
                    [
                        typed("heartbeat"),
                        typed("text", "Added "),
                        typed("tool_call", "t"),
                        typed("text", "it."),
                    ]
                ),
                1,
            )
        ],
        rc=0,
        says="Added it.",
    ),
    Case(
        "keepalives",
        SAY,
        [_s("chat", Reply.sse([b": ping\n\n", b"data:\n\n", adk("Done.")]), 1)],
        rc=0,
        says="Done.",
    ),
    Case(
        "crlf-bom",
        SAY,
        [_s("chat", Reply.sse([adk("One."), adk("Two.")], crlf=True, bom=True), 1)],
        rc=0,
        says="Two.",
    ),
    Case(
        "utf8-split",
        SAY,
        [
            _s(
                "chat",
                Reply.sse(
                    [b'data: {"type":"text","content":"caf\xc3', b"\xa9 \xe4\xbd", b'\xa0\xe5\xa5\xbd."}\n\n']
                ),
                1,
            )
        ],
        rc=0,
        says="café 你好.",
    ),
    Case(
        "in-band-error",
        SAY,
        [_s("chat", Reply.sse([adk("Working. "), {"error": "model overloaded"}]), 1)],
        says="model overloaded",
    ),
    Case(
        "in-band-2001",
        SAY,
        [_s("chat", Reply.sse([{"error": "x", "error_details": {"code": 2001}}]), 1)],
        says="out of credits",
    ),
    Case(
        "in-band-token",
        SAY,
        [_s("chat", Reply.sse([{"error": "Bearer nmv_usr_zzzzzzzz bad"}]), 1)],
        says="during the reply",
    ),
    Case(
        "raw-json-text",
        SAY,
        [_s("chat", Reply.sse([typed("text", '{"code": 0, "data": {"token": "abc"}}')]), 1)],
        rc=0,
        says="without any text",
    ),
    Case(
        "cut-mid-reply",
        SAY,
        [_s("chat", Reply.sse([adk("Half", partial=True)], cut=True), 1)],
        says="couldn't confirm",
        replied=True,
    ),
    Case(
        "silent-unchanged",
        SAY,
        [_s("chat", Reply.sse([adk(call="edit"), adk(result="edit")]), 1)],
        rc=0,
        says="did not change",
    ),
    Case(
        "silent-changed",
        SAY,
        [_s("chat", Reply.sse([adk(call="edit")], effect=_changes_title), 1)],
        rc=0,
        says='"New Title"',
    ),
    Case(
        "silent-state-fails-after",
        SAY,
        [
            _s("state", Reply.ok({"state": {"draft": sample_draft()}}), 1),
            _s("state", Reply.http(500), 3),
            _s("chat", Reply.sse([adk(call="edit")]), 1),
        ],
        rc=0,
        says="could not be checked",
    ),
    Case(
        "silent-state-fails-before",
        SAY,
        [_s("state", Reply.http(503), 3), _s("chat", Reply.sse([adk(call="edit")]), 1)],
        rc=0,
        says="could not be checked",
    ),
    Case(
        "heartbeats-only",
        SAY,
        [_s("chat", Reply.sse([typed("heartbeat"), 0.3] * 12), 1)],
        says="couldn't confirm",
        replied=True,
    ),
    Case("1002-not-session-scoped", ["credits"], [_s("credits", Reply.code(1002))], says="music-to-best new"),
    Case(
        "stream-hangs",
        SAY,
        [_s("chat", Reply.sse([adk("Start.", partial=True), 5.0]), 1)],
        says="couldn't confirm",
        max_s=6,
        replied=True,
    ),
    Case(
        "headers-never",
        SAY,
        [_s("chat", Reply(delay_s=5), 1)],
        says="couldn't confirm",
        max_s=6,
        replied=True,
    ),
    Case("chat-html", SAY, [_s("chat", HTML_200, 1)], says="a web page"),
    Case("chat-envelope-error", SAY, [_s("chat", Reply.code(2001), 1)], says="out of credits"),
    Case("chat-500", SAY, [_s("chat", Reply.http(500), 1)], says="HTTP 500"),
    # -- render and download -------------------------------------------------------------------------
    Case("export-ok", EXPORT, rc=0, says="Your video is ready"),
    Case("export-empty", EXPORT, setup=_empty, says="nothing to export"),
    Case(
        "render-fails",
        EXPORT,
        setup=_polls({"status": "failed", "error": "GPU lost"}),
        says="failed twice (GPU lost)",
    ),
    Case(
        "render-stuck", EXPORT, setup=_polls({"status": "processing", "progress": 10}), says="did not finish"
    ),
    Case("render-unknown", EXPORT, setup=_polls({"status": "exploded"}), says="unknown render status"),
    Case(
        "download-404",
        EXPORT,
        [_s("file", Reply.http(404)), _s("download", Reply.http(404))],
        says="could not be downloaded",
    ),
    Case(
        "download-html",
        EXPORT,
        [
            _s("file", HTML_200),
            _s("download", Reply(body=b"<html>x</html>", content_type="application/octet-stream")),
        ],
        says="a web page",
    ),
    Case(
        "download-redirect",
        EXPORT,
        [_s("file", Reply(status=302, headers={"Location": "/api/render/proxy/x/download"}, body=b""), 1)],
        rc=0,
        says="Your video is ready",
    ),
    Case(
        "cdn-unreachable-falls-back",
        EXPORT,
        setup=_polls({"status": "completed", "output": {"url": f"http://127.0.0.1:{_free_port()}/x.mp4"}}),
        rc=0,
        says="Your video is ready",
        never="/x.mp4",  # the dead link is not offered
    ),
    Case(
        "render-job-gone", EXPORT, [_s("render_status", Reply.http(404))], says="no longer knows this render"
    ),
    # -- the one-shot job ----------------------------------------------------------------------------
    Case("make-ok", ["make", "song.mp3", "-o", "out.mp4"], rc=0, says="out.mp4"),
    Case("make-chat-2001", ["make", "song.mp3"], [_s("chat", Reply.code(2001), 1)], says="out of credits"),
]


def _leaks(text: str, cloud: FakeCloud) -> list[str]:
    found = [name for name in ("Bearer", "nmv_usr_", "Traceback", _SECRET) if name in text]
    found += ["token"] * any(token in text for token in cloud.tokens)
    return found


def _run(
    argv: list[str], url: str, tmp_path: Path, *, json_mode: bool, user_token: bool
) -> tuple[int, str, str, float]:
    env = child_env()
    env.update(_FAST)
    env.update(
        NEMO_API_URL=url,
        SKILL_LOG="debug",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    if user_token:
        env["NEMO_TOKEN"] = _SECRET
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "skill", *argv, *(["--json"] if json_mode else [])],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return result.returncode, result.stdout, result.stderr, time.monotonic() - started


def _check_output(case: Case, code: int, out: str, err: str, *, json_mode: bool) -> str:
    """Check the shape of what was printed; return the user-facing text."""
    if json_mode:
        events = [json.loads(line) for line in out.splitlines()]
        texts = [str(ev.get("text", "")) for ev in events]
        errors = [ev for ev in events if ev["event"] == "error"]
        assert len(errors) == (1 if code and not case.replied else 0), out
        shown = "\n".join(texts)
    else:
        shown = out + "\n".join(line for line in err.splitlines() if not _LOG_LINE.match(line))
        if code and not case.replied:
            last = [line for line in err.splitlines() if line.strip() and not _LOG_LINE.match(line)][-1]
            assert case.says in last, err  # the failure is one line, and it is the last thing said
    assert not _RAW_JSON.search(shown), shown
    return shown


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fault(case: Case, tmp_path: Path) -> None:
    json_mode = CASES.index(case) % 2 == 1
    (tmp_path / "song.mp3").write_bytes(b"ID3" + b"\x00" * 200)
    with FakeCloud() as cloud:
        cloud.tokens[_SECRET] = "user_1"
        cloud.draft = sample_draft()
        if case.setup is not None:
            case.setup(cloud)
        for route, reply, times in case.scripts:
            for _ in range(times):
                cloud.script(route, reply)
        code, out, err, took = _run(
            case.argv, cloud.url, tmp_path, json_mode=json_mode, user_token=case.user_token
        )
        assert _leaks(out + err, cloud) == [], out + err
    assert code == case.rc, out + err
    assert took < case.max_s, f"took {took:.1f} s"
    shown = _check_output(case, code, out, err, json_mode=json_mode)
    assert case.says in shown, shown
    assert not case.never or case.never not in shown, shown


@pytest.mark.parametrize("json_mode", [False, True])
def test_connection_refused(tmp_path: Path, json_mode: bool) -> None:
    code, out, err, took = _run(
        ["credits"], f"http://127.0.0.1:{_free_port()}", tmp_path, json_mode=json_mode, user_token=False
    )
    assert code == 1 and took < 8
    assert "Can't reach the service at 127.0.0.1:" in out + err
    assert "Traceback" not in out + err


def test_bad_api_url_is_a_config_error(tmp_path: Path) -> None:
    code, out, err, _ = _run(["credits"], "ftp://example.test", tmp_path, json_mode=False, user_token=False)
    assert code == 2 and "NEMO_API_URL" in err
    assert "Traceback" not in out + err


def test_interrupt_exits_130(tmp_path: Path) -> None:
    with FakeCloud() as cloud:
        cloud.script("chat", Reply.sse([adk("Start.", partial=True), 20.0]))
        env = child_env()
        env.update(NEMO_API_URL=cloud.url, SKILL_LOG="debug", XDG_CONFIG_HOME=str(tmp_path / "config"))
        proc = subprocess.Popen(
            [sys.executable, "-m", "skill", "say", "hello"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # a runner started in the background ignores SIGINT, and children inherit that
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        deadline = time.monotonic() + 10
        while cloud.count("chat") == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 130
    assert err.strip().splitlines()[-1] == "Interrupted."
    assert _leaks(out + err, cloud) == []
