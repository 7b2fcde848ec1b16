"""Running the backend: embedded in a thread for one command, or ``music-to-best serve`` in the foreground."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from support.env import child_env

from skill.local.errors import StartError
from skill.local.server import EmbeddedServer
from skill.settings import Settings


def _backend_threads() -> list[str]:
    prefixes = ("local-backend", "render-worker", "chat-turn", "chat-analysis")
    return [t.name for t in threading.enumerate() if t.name.startswith(prefixes)]


def test_embedded_server_starts_and_leaves_nothing_behind(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    with EmbeddedServer(settings) as server:
        assert server.url.startswith("http://127.0.0.1:")
        port = int(server.url.rsplit(":", 1)[1])
        assert port > 0
        assert httpx.get(server.url + "/healthz", trust_env=False).status_code == 200
        assert (tmp_path / "data" / "local" / "backend.sqlite3").exists()
    assert _backend_threads() == []
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/healthz", trust_env=False, timeout=2)


def test_open_backend_uses_the_embedded_server(tmp_path: Path) -> None:
    from skill.backend import open_backend

    settings = Settings(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    with open_backend(settings) as live:
        assert live.api_url is not None and live.api_url.startswith("http://127.0.0.1:")
        r = httpx.post(
            live.api_url + "/api/auth/anonymous-token", headers={"X-Client-Id": "x"}, trust_env=False
        )
        assert r.json()["code"] == 0
    assert _backend_threads() == []


def test_embedded_server_reports_a_failed_start(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a directory", encoding="utf-8")
    settings = Settings(data_dir=blocker, config_dir=tmp_path / "config")
    with pytest.raises(StartError, match="cannot open the local state"):
        EmbeddedServer(settings, start_timeout_s=10).start()
    assert _backend_threads() == []
    assert "Traceback" not in capfd.readouterr().err, "tracebacks only at SKILL_LOG=debug"


def _serve(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    extra = env or {}
    env = child_env()
    env.update(extra)
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg-config")
    return subprocess.Popen(
        [sys.executable, "-m", "skill", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=str(Path(__file__).resolve().parents[2]),
    )


def test_serve_prints_its_url_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    proc = _serve(tmp_path, "--port", "0")
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "http://127.0.0.1:" in line, line + (proc.stderr.read() if proc.stderr else "")
        url = line[line.index("http://") :].split()[0]
        assert httpx.get(url + "/healthz", trust_env=False).status_code == 200
        token = httpx.post(
            url + "/api/auth/anonymous-token", headers={"X-Client-Id": "c"}, trust_env=False
        ).json()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
        stderr = proc.stderr.read() if proc.stderr else ""
        assert token["data"]["token"] not in stderr, "no token in logs"
        assert (tmp_path / "xdg-data" / "music-to-best" / "local" / "backend.sqlite3").exists()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_serve_off_loopback_needs_an_opt_in_then_warns(tmp_path: Path) -> None:
    # without --allow-remote: refused before binding, with the way to do it
    refused = _serve(tmp_path, "--host", "192.0.2.1", "--port", "0")
    _, stderr = refused.communicate(timeout=30)
    assert refused.returncode == 2 and "--allow-remote" in stderr and "192.0.2.1" in stderr
    # with it and a secret: 192.0.2.1 (TEST-NET-1) is never assigned here, so the bind fails, but the
    # notice that other machines are served must still come first
    proc = _serve(
        tmp_path,
        "--host",
        "192.0.2.1",
        "--port",
        "0",
        "--allow-remote",
        env={"SKILL_BACKEND_SECRET": "s" * 24},
    )
    try:
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Serving other machines on 192.0.2.1" in stderr and "s" * 24 not in stderr
    assert proc.returncode != 0


def test_cold_start_is_quick(tmp_path: Path) -> None:
    started = time.monotonic()
    proc = _serve(tmp_path, "--port", "0")
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().split("http://", 1)[1].split()[0]
        assert httpx.get("http://" + url + "/healthz", trust_env=False).status_code == 200
        assert time.monotonic() - started < 10
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)
