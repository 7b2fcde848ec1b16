"""Every endpoint of protocol.md and its refusals, against the real app on loopback."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest

from skill.local.app import BackendConfig

from .conftest import ATTRIBUTION, Live


def test_healthz_needs_no_token(live: Live) -> None:
    r = live.http.get("/healthz")
    assert r.status_code == 200


def test_anonymous_token_shape_and_reuse(live: Live) -> None:
    r = live.http.post("/api/auth/anonymous-token", headers={"X-Client-Id": "client-a"})
    assert r.status_code == 200
    body = r.json()
    assert body["code"] == 0
    data = body["data"]
    assert data["token"].startswith("nmv_usr_") and len(data["token"]) > 40
    assert data["user_id"].startswith("anon_")
    assert data["credits"] == 100
    expires = datetime.fromisoformat(data["expires_at"].replace("Z", "+00:00"))
    days = (expires - datetime.now(timezone.utc)).total_seconds() / 86400
    assert 6.9 < days <= 7.0
    again = live.http.post("/api/auth/anonymous-token", headers={"X-Client-Id": "client-a"}).json()["data"]
    assert again["token"] == data["token"]
    other = live.http.post("/api/auth/anonymous-token", headers={"X-Client-Id": "client-b"}).json()["data"]
    assert other["token"] != data["token"] and other["user_id"] != data["user_id"]


def test_anonymous_token_without_client_id_is_400(live: Live) -> None:
    r = live.http.post("/api/auth/anonymous-token")
    assert r.status_code == 400
    assert r.json()["code"] == 400


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/credits/balance/simple"),
        ("POST", "/api/tasks/me/with-session/nemo_agent"),
        ("POST", "/api/auth/claim-token"),
        ("GET", "/api/state/nemo_agent/me/ses_x/latest"),
        ("POST", "/api/upload-video/nemo_agent/me/ses_x"),
        ("POST", "/api/render/proxy/lambda"),
        ("GET", "/api/render/proxy/lambda/render_1"),
        ("POST", "/api/render/proxy/lambda/render_1/cancel"),
        ("GET", "/api/render/proxy/render_1/download"),
        ("POST", "/run_sse"),
    ],
)
@pytest.mark.parametrize("auth", [None, "Bearer nmv_usr_not-a-real-token", "Basic abc"])
def test_bad_token_is_401_code_1001(live: Live, method: str, path: str, auth: str | None) -> None:
    headers = dict(ATTRIBUTION)
    if auth:
        headers["Authorization"] = auth
    r = live.http.request(method, path, headers=headers, json={})
    assert r.status_code == 401
    body = r.json()
    assert body["code"] == 1001
    if path.startswith("/api/render/"):
        assert body["success"] is False


def test_credits(live: Live) -> None:
    token = live.token()
    r = live.http.get("/api/credits/balance/simple", headers=live.auth(token))
    body = r.json()
    assert r.status_code == 200 and body["code"] == 0
    assert {"available", "frozen", "total"} <= set(body["data"])
    assert body["data"]["available"] == 100 and body["data"]["frozen"] == 0


def test_session_and_empty_state(live: Live) -> None:
    token = live.token()
    r = live.http.post(
        "/api/tasks/me/with-session/nemo_agent",
        headers=live.auth(token),
        json={"task_name": "project", "language": "zh"},
    )
    data = r.json()["data"]
    assert {"task_id", "session_id", "user_id"} <= set(data)
    state = live.state(token, data["session_id"])
    assert set(state) >= {"draft", "video_infos", "canvas_config", "generated_media"}
    assert state["draft"]["t"] == [] and state["draft"]["d"] == 0
    assert state["draft"]["m"]["width"] == 1920


def test_session_body_is_optional(live: Live) -> None:
    token = live.token()
    r = live.http.post("/api/tasks/me/with-session/nemo_agent", headers=live.auth(token))
    assert r.status_code == 200 and r.json()["data"]["session_id"]


def test_claim_token_and_page(live: Live) -> None:
    token = live.token()
    sid = live.session(token)
    r = live.http.post(
        "/api/auth/claim-token", headers=live.auth(token), json={"task_id": "t", "session_id": sid}
    )
    data = r.json()["data"]
    assert data["claim_token"].startswith("clm_") and data["expires_in"] == 604800
    page = live.http.get("/workspace/claim", params={"ct": data["claim_token"]})
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert '<html lang="en">' in page.text and "default-src 'none'" in page.headers["content-security-policy"]
    assert live.http.get("/workspace/claim", params={"ct": "clm_nope"}).status_code == 404
    assert live.http.get("/workspace/claim").status_code == 404


def test_claim_token_by_task_id_and_bad_bodies(live: Live) -> None:
    token = live.token()
    r = live.http.post(
        "/api/tasks/me/with-session/nemo_agent",
        headers=live.auth(token),
        json={"task_name": None, "language": None},
    )
    task_id = r.json()["data"]["task_id"]
    r = live.http.post("/api/auth/claim-token", headers=live.auth(token), json={"task_id": task_id})
    assert r.json()["data"]["claim_token"].startswith("clm_")
    r = live.http.post("/api/auth/claim-token", headers=live.auth(token), json={})
    assert r.status_code == 422 and r.json()["code"] == 422
    r = live.http.post("/api/auth/claim-token", headers=live.auth(token), content=b"{oops")
    assert r.status_code == 422


def test_claim_token_for_foreign_session_is_1002(live: Live) -> None:
    owner, intruder = live.token(), live.token()
    sid = live.session(owner)
    r = live.http.post(
        "/api/auth/claim-token", headers=live.auth(intruder), json={"task_id": "t", "session_id": sid}
    )
    assert r.status_code == 404 and r.json()["code"] == 1002


def test_claim_page_escapes_user_text(live: Live, song_wav: bytes) -> None:
    token = live.token()
    sid = live.session(token)
    live.say(token, sid, "add a title '<script>alert(1)</script>'")
    ct = live.http.post("/api/auth/claim-token", headers=live.auth(token), json={"session_id": sid}).json()
    page = live.http.get("/workspace/claim", params={"ct": ct["data"]["claim_token"]}).text
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_isolation_between_tokens(live: Live, song_wav: bytes) -> None:
    alice, bob = live.token(), live.token()
    sid = live.session(alice)
    up = live.upload(alice, sid, ("song.wav", song_wav)).json()["data"]["files"][0]
    # bob sees nothing of alice's
    r = live.http.get(f"/api/state/nemo_agent/me/{sid}/latest", headers=live.auth(bob))
    assert r.status_code == 404 and r.json()["code"] == 1002
    r = live.upload(bob, sid, ("x.wav", song_wav))
    assert r.status_code == 404 and r.json()["code"] == 1002
    assert live.http.get(up["cdn_url"], headers=live.auth(bob)).status_code == 404
    assert live.http.get(up["cdn_url"], headers=live.auth(alice)).status_code == 200
    body = {
        "app_name": "nemo_agent",
        "user_id": "me",
        "session_id": sid,
        "new_message": {"parts": [{"text": "hi"}]},
    }
    r = live.http.post("/run_sse", headers=live.auth(bob), json=body)
    assert r.status_code == 404 and r.json() == {"detail": f"Session not found: {sid}"}
    r = live.http.post(
        "/api/render/proxy/lambda", headers=live.auth(bob), json={"id": "render_1", "sessionId": sid}
    )
    assert r.status_code == 404 and r.json()["code"] == 1002 and r.json()["success"] is False


def test_run_sse_unknown_session_is_404_detail(live: Live) -> None:
    token = live.token()
    body = {
        "app_name": "nemo_agent",
        "user_id": "me",
        "session_id": "nope",
        "new_message": {"parts": [{"text": "hi"}]},
    }
    r = live.http.post("/run_sse", headers=live.auth(token), json=body)
    assert r.status_code == 404
    assert r.json() == {"detail": "Session not found: nope"}


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"", "application/json"),
        (b"not json", "application/json"),
        (b'{"app_name": "nemo_agent"}', "application/json"),
        (b'{"app_name":"nemo_agent","user_id":"me","session_id":"s","new_message":{}}', "text/plain"),
    ],
)
def test_run_sse_bad_body_is_422(live: Live, content: bytes, content_type: str) -> None:
    token = live.token()
    r = live.http.post(
        "/run_sse", headers={**live.auth(token), "Content-Type": content_type}, content=content
    )
    assert r.status_code == 422
    assert "detail" in r.json()


def test_run_sse_stream_shape(live: Live) -> None:
    token = live.token()
    sid = live.session(token)
    body = {
        "app_name": "nemo_agent",
        "user_id": "me",
        "session_id": sid,
        "new_message": {"parts": [{"text": "what can you do"}]},
    }
    with live.http.stream("POST", "/run_sse", headers=live.auth(token), json=body) as resp:
        assert resp.status_code == 200
        assert resp.headers["content-type"] == "text/event-stream; charset=utf-8"
        raw = resp.read().decode("utf-8")
    lines = [line for line in raw.split("\n") if line]
    assert all(line.startswith(("data: ", ":")) for line in lines), lines
    events = [json.loads(line[6:]) for line in lines if line.startswith("data: ")]
    for line in lines:
        if line.startswith("data: "):
            assert ", " not in line[6:20] and '": ' not in line, "compact JSON"
    partial = "".join(ev["content"]["parts"][0]["text"] for ev in events if ev.get("partial"))
    finals = [ev for ev in events if not ev.get("partial") and "text" in ev["content"]["parts"][0]]
    assert len(finals) == 1 and finals[0]["content"]["parts"][0]["text"] == partial
    assert finals[0]["author"] and finals[0]["content"]["role"] == "model"
    assert "beat" in partial


def test_json_body_limit(live: Live) -> None:
    token = live.token()
    big = {"task_name": "x" * (2 * 1024 * 1024)}
    r = live.http.post("/api/tasks/me/with-session/nemo_agent", headers=live.auth(token), json=big)
    assert r.status_code == 413


def test_unknown_route_answers_an_envelope(live: Live) -> None:
    r = live.http.get("/api/nope")
    assert r.status_code == 404 and r.json()["code"] == 404


def test_render_without_attribution_is_402(live: Live, song_wav: bytes) -> None:
    token = live.token()
    sid = live.session(token)
    live.upload(token, sid, ("song.wav", song_wav))
    live.say(token, sid, "make the best 5 second highlight")
    headers = {"Authorization": f"Bearer {token}"}
    r = live.http.post(
        "/api/render/proxy/lambda", headers=headers, json={"id": "render_402", "sessionId": sid}
    )
    assert r.status_code == 402
    assert r.json()["success"] is False and r.json()["code"] == 402


@pytest.mark.parametrize(
    "body",
    [
        {"id": "render_1"},
        {"id": "../evil", "sessionId": "x"},
        {"sessionId": None},
    ],
)
def test_render_bad_body_is_422(live: Live, body: dict[str, object]) -> None:
    token = live.token()
    r = live.http.post("/api/render/proxy/lambda", headers=live.auth(token), json=body)
    assert r.status_code == 422 and r.json()["success"] is False


def test_render_of_empty_draft_is_refused(live: Live) -> None:
    token = live.token()
    sid = live.session(token)
    r = live.http.post(
        "/api/render/proxy/lambda", headers=live.auth(token), json={"id": "render_e", "sessionId": sid}
    )
    assert r.status_code == 422
    assert "segments" in r.json()["message"]


def test_unknown_render_is_404(live: Live) -> None:
    token = live.token()
    for method, path in (
        ("GET", "/api/render/proxy/lambda/render_none"),
        ("POST", "/api/render/proxy/lambda/render_none/cancel"),
        ("GET", "/api/render/proxy/render_none/download"),
    ):
        r = live.http.request(method, path, headers=live.auth(token))
        assert r.status_code == 404 and r.json()["success"] is False, path


def test_url_upload_refuses_the_internet(live: Live) -> None:
    token = live.token()
    sid = live.session(token)
    r = live.http.post(
        f"/api/upload-video/nemo_agent/me/{sid}",
        headers=live.auth(token),
        json={"urls": ["https://example.com/song.mp3"], "source_type": "url"},
    )
    assert r.status_code == 422 and r.json()["code"] == 4003
    assert re.search("offline", r.json()["message"])


def test_url_upload_from_an_allowed_loopback_origin(song_wav: bytes, tmp_path: Path) -> None:
    (tmp_path / "loop song.wav").write_bytes(song_wav)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    origin = f"127.0.0.1:{httpd.server_address[1]}"
    allowed = Live(tmp_path / "backend", BackendConfig(fetch_allow=frozenset({origin}))).start()
    try:
        token = allowed.token()
        sid = allowed.session(token)
        url = f"http://{origin}/loop%20song.wav"
        r = allowed.http.post(
            f"/api/upload-video/nemo_agent/me/{sid}",
            headers=allowed.auth(token),
            json={"urls": [url], "source_type": "url"},
        )
        assert r.status_code == 200, r.text
        f = r.json()["data"]["files"][0]
        assert (
            f["filename"] == "loop song.wav"
            and f["file_type"] == "audio"
            and f["duration"] == pytest.approx(20, abs=0.1)
        )
        # the backend's own media link is copied from the store, never fetched over HTTP
        own = f["cdn_url"]
        r = allowed.http.post(
            f"/api/upload-video/nemo_agent/me/{sid}",
            headers=allowed.auth(token),
            json={"urls": [own], "source_type": "url"},
        )
        assert r.status_code == 200, r.text
        assert r.json()["data"]["files"][0]["hash"] == f["hash"]
        # another user cannot pull it by its link
        other = allowed.token()
        osid = allowed.session(other)
        r = allowed.http.post(
            f"/api/upload-video/nemo_agent/me/{osid}",
            headers=allowed.auth(other),
            json={"urls": [own], "source_type": "url"},
        )
        assert r.status_code == 422 and r.json()["code"] == 4003
    finally:
        allowed.stop()
        httpd.shutdown()
        httpd.server_close()


def test_url_upload_refuses_other_local_services(live: Live, song_wav: bytes, tmp_path: Path) -> None:
    """SSRF: a loopback port that is not allow-listed is never fetched (the server is never contacted)."""
    (tmp_path / "secret.wav").write_bytes(song_wav)
    hits: list[str] = []

    class Spy(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            hits.append(self.path)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Spy, directory=str(tmp_path)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        token = live.token()
        sid = live.session(token)
        for url in (
            f"http://127.0.0.1:{httpd.server_address[1]}/secret.wav",
            f"http://localhost:{httpd.server_address[1]}/secret.wav",
            "http://127.0.0.1:6379/",
        ):
            r = live.http.post(
                f"/api/upload-video/nemo_agent/me/{sid}",
                headers=live.auth(token),
                json={"urls": [url], "source_type": "url"},
            )
            assert r.status_code == 422 and r.json()["code"] == 4003, r.text
            assert "SKILL_FETCH_ALLOW" in r.json()["message"]
        assert hits == []
    finally:
        httpd.shutdown()
        httpd.server_close()
