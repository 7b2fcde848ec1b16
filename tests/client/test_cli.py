"""The client commands end to end against the fake cloud: clear messages, no token/JSON/traceback leaks."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.env import child_env
from support.fake_cloud import USER_TOKEN, FakeCloud, Reply, adk, sample_draft

from skill.cli import main

_RAW_JSON = re.compile(r'\{\s*"(code|data|success|detail|message|token|error)"')


def _leaks(text: str, cloud: FakeCloud) -> list[str]:
    found = []
    for token in cloud.tokens:
        if token in text:
            found.append("token")
    if "Bearer" in text or "nmv_usr_" in text:
        found.append("bearer")
    if "Traceback" in text:
        found.append("traceback")
    if _RAW_JSON.search(text):
        found.append("raw json")
    return found


@pytest.fixture
def cli_env(cloud: FakeCloud, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[dict[str, str]]:
    monkeypatch.setenv("NEMO_API_URL", cloud.url)
    monkeypatch.chdir(tmp_path)
    yield {"NEMO_API_URL": cloud.url}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_commands_happy_path(
    cloud: FakeCloud, cli_env: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "credits")
    assert code == 0 and out == "Credits: 100 available, 5 frozen, 105 total.\n"
    assert "Setting things up" in err
    song = tmp_path / "song.mp3"
    song.write_bytes(b"ID3" + b"\x00" * 100)
    code, out, _ = run(capsys, "upload", str(song))
    assert code == 0 and out == "Uploaded song.mp3 (audio, 0:12).\n"
    cloud.chat_default = lambda: Reply.sse([adk("Synced to the beat.")])
    code, out, _ = run(capsys, "say", "sync visuals to the beat")
    assert code == 0 and out == "Synced to the beat.\n"
    cloud.draft = sample_draft()
    code, out, _ = run(capsys, "state")
    assert out.startswith("Timeline (3 tracks): 1. Video: city timelapse (0-10s)")
    code, out, err = run(capsys, "export", "-o", str(tmp_path / "video.mp4"))
    assert code == 0 and out.startswith(f"Your video is ready: {tmp_path / 'video.mp4'}")
    assert "/workspace/claim?ct=clm_" in out and (tmp_path / "video.mp4").exists()
    assert "Rendering" in err
    sessions = cloud.count("session")
    code, out, _ = run(capsys, "new")
    # a new project is named (after this folder) and becomes the folder's current one
    assert code == 0 and out.startswith("Started a new project “") and "Commands run here continue it" in out
    assert cloud.count("session") == sessions + 1
    assert cloud.count("token") == 1  # one token across all commands


def test_say_with_file_uploads_first(
    cloud: FakeCloud, cli_env: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    song = tmp_path / "track.wav"
    song.write_bytes(b"RIFF" + b"\x00" * 100)
    code, out, _ = run(capsys, "say", "make a highlight", "--file", str(song))
    assert code == 0
    assert out.splitlines() == ["Uploaded track.wav (audio, 0:12).", "Sure, done."]
    order = [cloud.route_of(r.method, r.path)[0] for r in cloud.requests]
    assert order.index("upload") < order.index("chat")


def test_say_with_a_bad_file_sends_nothing(
    cloud: FakeCloud, cli_env: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "doc.pdf"
    bad.write_bytes(b"%PDF")
    code, _, err = run(capsys, "say", "use this", "--file", str(bad))
    assert code == 1 and "Accepted formats: mp4" in err
    assert cloud.requests == []


def test_say_export_action_runs_export(
    cloud: FakeCloud, cli_env: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cloud.draft = sample_draft()
    cloud.chat_default = lambda: Reply.sse(
        [adk("Your edit is ready. Click the Export button to download it.")]
    )
    code, out, _ = run(capsys, "say", "finish it")
    assert code == 0
    assert "Your video is ready:" in out
    assert cloud.count("render_submit") == 1


def test_json_mode_is_our_own_schema(
    cloud: FakeCloud, cli_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    cloud.chat_default = lambda: Reply.sse([adk("Added a title.")])
    code, out, err = run(capsys, "say", "add a title", "--json")
    events = [json.loads(line) for line in out.splitlines()]
    assert [ev["event"] for ev in events] == ["reply", "result"]
    # the backend's "replied" reaches agents as one of the four outcomes
    assert events[0]["text"] == "Added a title." and events[1]["outcome"] == "done" and events[1]["ok"]
    for line in err.splitlines():
        assert json.loads(line)["event"] in {"notice", "progress"}
    cloud.script("credits", Reply.code(2001))
    code, out, _ = run(capsys, "credits", "--json")
    event, closing = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and event["event"] == "error" and event["code"] == "out_of_credits"
    assert closing["event"] == "result" and closing["ok"] is False and closing["code"] == "out_of_credits"
    assert "register?bind=anon_" in event["text"]


FAULTS = [
    ("credits", Reply.code(1001), "credits"),
    ("credits", Reply.code(2001), "credits"),
    ("credits", Reply.http(402), "credits"),
    ("credits", Reply.code(400, status=400), "credits"),
    ("credits", Reply.http(429, headers={"Retry-After": "0"}), "credits"),
    ("credits", Reply.html(), "credits"),
    ("credits", Reply.html(status=502), "credits"),
    ("credits", Reply(body=b"\x00\xff garbage", content_type="application/json"), "credits"),
    ("credits", Reply.ok({"available": "many"}), "credits"),
    ("credits", Reply(drop=True), "credits"),
    ("state", Reply.code(1002), "state"),
    ("state", Reply.ok({"state": {"draft": {"t": "broken"}}}), "state"),
    ("chat", Reply.html(), "say"),
    ("chat", Reply.code(4001), "say"),
    ("chat", Reply.sse([adk("Half"), {"error": '{"code": 5, "token": "x"}'}]), "say"),
    ("chat", Reply.sse([b"data: {not json}\n\n", adk("ok")]), "say"),
    ("session", Reply.code(9999, message='{"raw": true}'), "state"),
    ("token", Reply.http(500), "credits"),
    ("token", Reply.ok({"nothing": 1}), "credits"),
    ("render_submit", Reply.http(402, {"success": False}), "export"),
    ("render_status", Reply(json={"success": True, "data": {"status": "weird"}}), "export"),
    ("download", Reply.html(), "export"),
]


@pytest.mark.parametrize("level", ["warning", "debug"])
@pytest.mark.parametrize(("route", "reply", "command"), FAULTS)
def test_faults_end_in_a_clear_message_without_leaks(
    cloud: FakeCloud,
    cli_env: dict[str, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    route: str,
    reply: Reply,
    command: str,
    level: str,
) -> None:
    monkeypatch.setenv("SKILL_LOG", level)
    cloud.draft = sample_draft()
    for _ in range(3):
        cloud.script(route, reply)
    for mode in ([], ["--json"]):
        argv = [command, *(["hello"] if command == "say" else []), *mode]
        started = time.monotonic()
        code, out, err = run(capsys, *argv)
        assert time.monotonic() - started < 10
        text = out + err
        assert _leaks(text, cloud) == [], text  # debug logs included: one line per error, no traceback
        assert code in (0, 1), text
        if code == 1:
            assert err.strip() or out.strip()


def test_user_token_never_printed(
    cloud: FakeCloud,
    cli_env: dict[str, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NEMO_TOKEN", USER_TOKEN)
    monkeypatch.setenv("SKILL_LOG", "debug")
    cloud.script("credits", Reply.code(1001, status=401))
    code, out, err = run(capsys, "credits")
    assert code == 1 and "NEMO_TOKEN" in err
    assert USER_TOKEN not in out + err and "Bearer" not in out + err
    assert cloud.count("token") == 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _subprocess(args: list[str], env_extra: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = child_env()
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "skill", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_connection_refused_subprocess(tmp_path: Path) -> None:
    started = time.monotonic()
    result = _subprocess(["credits"], {"NEMO_API_URL": f"http://127.0.0.1:{_free_port()}"}, tmp_path)
    assert time.monotonic() - started < 10
    assert result.returncode == 1
    assert "Can't reach the service at 127.0.0.1:" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_subprocess_debug_logs_do_not_leak(cloud: FakeCloud, tmp_path: Path, extra: list[str]) -> None:
    cloud.chat_default = lambda: Reply.sse([adk("Done.")])
    env = {"NEMO_API_URL": cloud.url, "SKILL_LOG": "debug", "NEMO_TOKEN": USER_TOKEN}
    for args in (["credits"], ["say", "hi"], ["state"]):
        result = _subprocess([*args, *extra], env, tmp_path)
        assert result.returncode == 0, result.stderr
        assert _leaks(result.stdout + result.stderr, cloud) == []
    cloud.script("credits", Reply.code(2001))
    result = _subprocess(["credits", *extra], env, tmp_path)
    assert result.returncode == 1
    assert _leaks(result.stdout + result.stderr, cloud) == []
    assert "Top up" in result.stdout + result.stderr
