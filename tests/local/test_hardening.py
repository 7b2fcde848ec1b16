"""Attacks on the local backend, replayed: each held before and must keep holding.

DNS rebinding (Host/Origin), idle and slow clients, adversarial chat text, deep JSON, a full disk under
a render, the per-user render cap, `serve` on a public address, and `--json` on either side of the command.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.env import child_env

from skill.local.app import BackendConfig
from skill.local.constants import MAX_TURN_CHARS
from skill.text.numbers import parse_duration_s

from .conftest import TEST_UPLOAD_MAX_BYTES, Live, click_track, final_text


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """A backend with short client timeouts, so idle and slow clients are dropped within the test."""
    config = BackendConfig(
        upload_max_bytes=TEST_UPLOAD_MAX_BYTES,
        upload_drain_bytes=1 << 20,
        header_timeout_s=1.0,
        body_idle_s=1.0,
    )
    server = Live(tmp_path_factory.mktemp("quick"), config).start()
    try:
        yield server
    finally:
        server.stop()


def _port(live: Live) -> int:
    return int(live.url.rsplit(":", 1)[1])


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Host": "evil.example"}, 403),
        ({"Host": "evil.example:8765"}, 403),
        ({"Host": "127.0.0.1.evil.example"}, 403),
        ({"Origin": "http://evil.example"}, 403),
        ({"Origin": "null"}, 403),
        ({"Host": "localhost"}, 200),
        ({"Origin": "http://127.0.0.1:1234"}, 200),
        ({}, 200),
    ],
)
def test_dns_rebinding_is_refused(quick: Live, headers: dict[str, str], status: int) -> None:
    r = quick.http.get("/healthz", headers=headers)
    assert r.status_code == status, r.text
    if status == 403:
        assert "Traceback" not in r.text and r.json()["message"]


def test_a_foreign_origin_cannot_create_a_token(quick: Live) -> None:
    r = quick.http.post(
        "/api/auth/anonymous-token", headers={"X-Client-Id": "x" * 8, "Origin": "https://attacker.example"}
    )
    assert r.status_code == 403


def test_every_response_carries_the_safety_headers(quick: Live) -> None:
    r = quick.http.get("/healthz")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["cache-control"] == "no-store"
    page = quick.http.get("/workspace/claim?ct=nope")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


def test_an_idle_socket_is_closed_and_others_are_served(quick: Live) -> None:
    idle = [socket.create_connection(("127.0.0.1", _port(quick))) for _ in range(20)]
    try:
        started = time.monotonic()
        assert quick.http.get("/healthz").status_code == 200
        assert time.monotonic() - started < 1.0
        idle[0].settimeout(5)
        assert idle[0].recv(1) == b""  # closed by the server after the header timeout
        assert time.monotonic() - started < 4.0
    finally:
        for s in idle:
            s.close()


def test_a_body_that_stops_arriving_is_408(quick: Live) -> None:
    token = quick.token()
    head = (
        "POST /api/tasks/me/with-session/nemo_agent HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", _port(quick))) as s:
        s.sendall(head.encode() + b'{"task_name":')
        s.settimeout(10)
        answer = s.recv(4096)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:80]


@pytest.mark.parametrize("unit", ["1", "一", "1 ", "1.", "9s", "1m", "one "])
def test_duration_parsing_is_not_quadratic(unit: str) -> None:
    """20,000 characters: the quadratic pattern took minutes (8,000 digits: 27 s); linear, milliseconds."""
    started = time.perf_counter()
    parse_duration_s(unit * (20_000 // len(unit)))
    assert time.perf_counter() - started < 1.0


def test_a_turn_reads_a_bounded_part_of_the_message() -> None:
    started = time.perf_counter()
    parse_duration_s(("1" * 1_000_000)[:MAX_TURN_CHARS])
    assert time.perf_counter() - started < 0.05


def test_a_megabyte_of_digits_does_not_freeze_the_server(quick: Live) -> None:
    token = quick.token()
    sid = quick.session(token)
    started = time.monotonic()
    reply = final_text(quick.say(token, sid, "1" * 1_000_000))
    assert reply and time.monotonic() - started < 5.0
    assert quick.http.get("/healthz").status_code == 200


@pytest.mark.parametrize("body", [b"[" * 5000 + b"]" * 5000, b'{"sessionId": "x", "draft": {"t": 5}}'])
def test_hostile_json_is_refused_not_crashed(quick: Live, body: bytes) -> None:
    token = quick.token()
    r = quick.http.post(
        "/api/render/proxy/lambda",
        headers={**quick.auth(token), "Content-Type": "application/json"},
        content=body,
    )
    assert r.status_code in (404, 422), r.text
    assert "Internal error" not in r.text


def test_the_render_cap_per_user_is_a_clear_429(quick: Live) -> None:
    token = quick.token()
    sid = quick.session(token)
    quick.upload(token, sid, ("s.wav", click_track(seconds=6.0)))
    final_text(quick.say(token, sid, "make the best 4 second highlight"))
    statuses = []
    for k in range(7):
        r = quick.http.post(
            "/api/render/proxy/lambda",
            headers=quick.auth(token),
            json={"id": f"render_cap_{k}", "sessionId": sid},
        )
        statuses.append(r.status_code)
        if r.status_code == 429:
            assert r.headers["retry-after"].isdigit() and "renders waiting" in r.json()["message"]
    assert statuses[:5] == [200] * 5 and 429 in statuses[5:]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_fails_the_render_with_a_reason_and_the_next_export_works(
    tmp_path: Path, small_disk: Path
) -> None:
    config = BackendConfig(
        upload_max_bytes=TEST_UPLOAD_MAX_BYTES, upload_drain_bytes=1 << 20, root=small_disk / "state"
    )
    live = Live(tmp_path / "home", config).start()
    try:
        token = live.token()
        sid = live.session(token)
        live.upload(token, sid, ("s.wav", click_track(seconds=8.0, sr=16000)))
        final_text(live.say(token, sid, "make the best 6 second highlight"))
        filler = small_disk / "filler"
        free = shutil.disk_usage(small_disk).free
        with filler.open("wb") as handle:  # leave ~200 KB: the database can write, the video cannot
            handle.write(b"\0" * max(0, free - 200 * 1024))
        data = _export(live, token, sid, "render_full")
        assert data["status"] == "failed" and "disk" in data["error"], data
        health = live.http.get("/healthz")
        assert health.status_code == 200 and health.json()["workers"] == 1
        filler.unlink()
        data = _export(live, token, sid, "render_after")
        assert data["status"] == "completed", data
        assert not list((small_disk / "state" / "renders").glob("*.part.mp4"))
    finally:
        live.stop()


def _export(live: Live, token: str, sid: str, render_id: str) -> dict[str, object]:
    r = live.http.post(
        "/api/render/proxy/lambda", headers=live.auth(token), json={"id": render_id, "sessionId": sid}
    )
    assert r.status_code == 200, r.text
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        data: dict[str, object] = live.http.get(
            f"/api/render/proxy/lambda/{render_id}", headers=live.auth(token)
        ).json()["data"]
        if data["status"] in ("completed", "failed"):
            return data
        time.sleep(0.2)
    raise AssertionError("the render did not end")


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skill", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env or dict(os.environ),
    )


def test_serve_on_a_public_address_needs_an_opt_in_and_a_secret(tmp_path: Path) -> None:
    env = child_env()
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "d"), XDG_CONFIG_HOME=str(tmp_path / "c"))
    plain = _cli("serve", "--host", "0.0.0.0", "--port", "0", env=env)
    assert plain.returncode == 2 and "--allow-remote" in plain.stderr
    weak = _cli(
        "serve",
        "--host",
        "0.0.0.0",
        "--port",
        "0",
        "--allow-remote",
        env={**env, "SKILL_BACKEND_SECRET": "short"},
    )
    assert weak.returncode == 2 and "SKILL_BACKEND_SECRET" in weak.stderr
    assert "Traceback" not in plain.stderr + weak.stderr


@pytest.mark.parametrize("args", [("--json", "doctor"), ("doctor", "--json")])
def test_json_works_before_and_after_the_command(args: tuple[str, ...]) -> None:
    done = _cli(*args)
    assert done.returncode == 0
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert lines and lines[-1]["event"] == "result"


def test_uploads_stop_at_the_user_quota(tmp_path: Path) -> None:
    song = click_track(seconds=4.0)
    config = BackendConfig(
        upload_max_bytes=TEST_UPLOAD_MAX_BYTES, upload_drain_bytes=1 << 20, user_quota_bytes=len(song) + 10
    )
    live = Live(tmp_path, config).start()
    try:
        token = live.token()
        sid = live.session(token)
        assert live.upload(token, sid, ("a.wav", song)).status_code == 200
        r = live.upload(token, sid, ("b.wav", song))
        assert r.status_code == 413 and r.json()["code"] == 4002
        assert "cleanup" in r.json()["message"]
        other = live.token()  # another user has their own quota
        assert live.upload(other, live.session(other), ("c.wav", song)).status_code == 200
    finally:
        live.stop()


def test_token_issuance_is_limited_per_address(tmp_path: Path) -> None:
    live = Live(tmp_path, BackendConfig(tokens_per_host_per_hour=3)).start()
    try:
        codes = [
            live.http.post("/api/auth/anonymous-token", headers={"X-Client-Id": f"client-{k}"}).status_code
            for k in range(5)
        ]
        assert codes == [200, 200, 200, 429, 429]
    finally:
        live.stop()


def test_cleanup_expires_old_media_links_and_partials(tmp_path: Path) -> None:
    import sqlite3

    live = Live(tmp_path).start()
    try:
        token = live.token()
        sid = live.session(token)
        live.upload(token, sid, ("old.wav", click_track(seconds=6.0)))
        final_text(live.say(token, sid, "make the best 4 second highlight"))
        data = _export(live, token, sid, "render_old")
        assert data["status"] == "completed"
        url = str(data["outputUrl"])
        assert live.http.get(url).status_code == 200
        root = tmp_path / "local"
        db = sqlite3.connect(root / "backend.sqlite3")
        with db:  # the render finished 8 days ago, the upload is 40 days old
            db.execute("UPDATE renders SET updated_at = updated_at - 8 * 86400")
            db.execute("UPDATE uploads SET created_at = created_at - 40 * 86400")
        db.close()
        expired = live.http.get(url)
        assert expired.status_code == 410 and "expired" in expired.json()["message"]
        with_token = live.http.get("/api/render/proxy/render_old/download", headers=live.auth(token))
        assert with_token.status_code == 200
        (root / "renders" / "abc123.999999-ff.part.mp4").write_bytes(b"x" * 100)  # a dead writer's leftover
    finally:
        live.stop()
    env = child_env()
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "xdg"))
    dry = _cli("cleanup", "--media-root", str(root), "--dry-run", "--json", env=env)
    report = json.loads(dry.stdout.splitlines()[-1])
    assert report["uploads"] == 1 and report["renders"] == 0 and report["dry_run"] is True  # 8 days < 30
    assert len(list((root / "uploads").iterdir())) == 1
    done = _cli("cleanup", "--media-root", str(root), "--older-than", "7", "--json", env=env)
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["uploads"] == 1 and report["renders"] == 1 and report["partials"] == 1
    assert not list((root / "uploads").iterdir()) and not list((root / "renders").iterdir())


def test_a_corrupt_database_is_one_clear_line(tmp_path: Path) -> None:
    state = tmp_path / "data" / "music-to-best" / "local"
    state.mkdir(parents=True)
    (state / "backend.sqlite3").write_bytes(os.urandom(20_000))
    env = child_env()
    env.update(
        HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config")
    )
    done = _cli("credits", env=env)
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "not a database" in lines[0] and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("width", "height", "fps"), [(16000, 16000, 30), (1080, 1920, 1000), ("x", 1080, 30)]
)
def test_a_draft_cannot_ask_for_a_huge_frame(quick: Live, width: object, height: object, fps: object) -> None:
    token = quick.token()
    sid = quick.session(token)
    quick.upload(token, sid, ("s.wav", click_track(seconds=6.0)))
    final_text(quick.say(token, sid, "make the best 4 second highlight"))
    draft = quick.state(token, sid)["draft"]
    draft["m"] = {**(draft.get("m") or {}), "width": width, "height": height, "fps": fps}
    r = quick.http.post(
        "/api/render/proxy/lambda", headers=quick.auth(token), json={"sessionId": sid, "draft": draft}
    )
    assert r.status_code == 422, r.text
    assert "Unsupported frame" in r.json()["message"]
