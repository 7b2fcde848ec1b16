"""protocol.md, checked the way another client would: ``music-to-best serve`` driven with raw httpx.

Nothing of the project's client is used here: every request is built by hand from protocol.md, so a
deviation of the local backend from the wire contract shows up as a failure.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from support.env import child_env

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "examples"))

from make_track import synthesise, write_wav  # noqa: E402

ATTRIBUTION = {"X-Skill-Source": "music-to-best", "X-Skill-Version": "1.0.0", "X-Skill-Platform": "unknown"}
ADK = {"app_name": "nemo_agent", "user_id": "me"}


@pytest.fixture(scope="module")
def files_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A plain file server on loopback (the folder and its ``host:port``), allow-listed for URL uploads."""
    folder = tmp_path_factory.mktemp("files")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(folder))
    files_server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=files_server.serve_forever, daemon=True).start()
    try:
        yield folder, f"127.0.0.1:{files_server.server_address[1]}"
    finally:
        files_server.shutdown()
        files_server.server_close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, files_dir: tuple[Path, str]) -> Iterator[str]:
    """A ``music-to-best serve --port 0`` process on a fresh HOME; yields its base URL."""
    home = tmp_path_factory.mktemp("home")
    env = child_env(drop=("XDG_",))
    env["HOME"] = str(home)
    env["SKILL_FETCH_ALLOW"] = files_dir[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "skill", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=str(home),
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "http://127.0.0.1:" in line, line + (proc.stderr.read() if proc.stderr else "")
        yield line[line.index("http://") :].split()[0]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def http(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, trust_env=False, timeout=120) as client:
        yield client


def _token(http: httpx.Client, client_id: str | None = None) -> str:
    r = http.post("/api/auth/anonymous-token", headers={"X-Client-Id": client_id or str(uuid.uuid4())})
    assert r.status_code == 200
    return str(r.json()["data"]["token"])


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **ATTRIBUTION}


def _session(http: httpx.Client, token: str, language: str = "en") -> str:
    r = http.post(
        "/api/tasks/me/with-session/nemo_agent",
        headers=_auth(token),
        json={"task_name": "project", "language": language},
    )
    assert r.status_code == 200
    return str(r.json()["data"]["session_id"])


@pytest.fixture(scope="module")
def user(http: httpx.Client) -> dict[str, str]:
    token = _token(http)
    return {"token": token, "sid": _session(http, token)}


@pytest.fixture(scope="module")
def song_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("media") / "wire song.wav"
    write_wav(path, synthesise(bpm=120.0, seconds=16.0))
    return path


def _sse(http: httpx.Client, token: str, sid: str, text: str) -> tuple[httpx.Response, list[dict[str, Any]]]:
    body = {**ADK, "session_id": sid, "new_message": {"role": "user", "parts": [{"text": text}]}}
    headers = {**_auth(token), "Accept": "text/event-stream"}
    events: list[dict[str, Any]] = []
    with http.stream("POST", "/run_sse", headers=headers, json=body) as r:
        if r.status_code != 200:
            r.read()
            return r, events
        for line in r.iter_lines():
            if line.startswith("data:"):
                payload = line[len("data:") :].strip()
                if payload:
                    assert payload == json.dumps(
                        json.loads(payload), ensure_ascii=False, separators=(",", ":")
                    )
                    events.append(json.loads(payload))
            else:
                assert line == "" or line.startswith(":"), f"no event:/id: lines in ADK streams: {line!r}"
    return r, events


def _texts(events: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    partial, final = [], []
    for event in events:
        for part in (event.get("content") or {}).get("parts") or []:
            if "text" in part:
                (partial if event.get("partial") else final).append(part["text"])
    return partial, final


# ---------------------------------------------------------------------------------------- auth
def test_anonymous_token_shape_and_stability(http: httpx.Client) -> None:
    client_id = str(uuid.uuid4())
    r = http.post("/api/auth/anonymous-token", headers={"X-Client-Id": client_id})
    assert r.status_code == 200
    body = r.json()
    assert body["code"] == 0 and "message" in body
    data = body["data"]
    assert data["token"].startswith("nmv_usr_")
    assert data["user_id"].startswith("anon_")
    assert data["credits"] == 100
    assert time.strptime(data["expires_at"][:19], "%Y-%m-%dT%H:%M:%S")
    again = http.post("/api/auth/anonymous-token", headers={"X-Client-Id": client_id}).json()["data"]
    assert again["token"] == data["token"], "one token per client id per 7 days"


def test_anonymous_token_without_client_id_is_400(http: httpx.Client) -> None:
    r = http.post("/api/auth/anonymous-token")
    assert r.status_code == 400
    body = r.json()
    assert body["code"] == 400 and body["message"] and body["data"] is None


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer nmv_usr_not_a_real_token"}, {"Authorization": "Basic abc"}],
)
def test_bad_token_is_1001(http: httpx.Client, headers: dict[str, str]) -> None:
    for method, path in (
        ("GET", "/api/credits/balance/simple"),
        ("POST", "/api/tasks/me/with-session/nemo_agent"),
        ("GET", "/api/state/nemo_agent/me/sess_x/latest"),
    ):
        r = http.request(method, path, headers={**headers, **ATTRIBUTION}, json={"task_name": "project"})
        assert r.status_code == 401, (method, path, r.text)
        assert r.json()["code"] == 1001
    r = http.get("/api/render/proxy/lambda/render_1", headers={**headers, **ATTRIBUTION})
    assert r.status_code == 401
    assert r.json()["success"] is False and r.json()["code"] == 1001


# ---------------------------------------------------------------------------------------- session
def test_session_and_claim_token(http: httpx.Client) -> None:
    token = _token(http)
    r = http.post(
        "/api/tasks/me/with-session/nemo_agent",
        headers=_auth(token),
        json={"task_name": "project", "language": "zh"},
    )
    body = r.json()
    assert r.status_code == 200 and body["code"] == 0
    assert {"task_id", "session_id", "user_id"} <= set(body["data"])
    claim = http.post(
        "/api/auth/claim-token",
        headers=_auth(token),
        json={"task_id": body["data"]["task_id"], "session_id": body["data"]["session_id"]},
    ).json()
    assert claim["code"] == 0
    assert claim["data"]["claim_token"].startswith("clm_")
    assert claim["data"]["expires_in"] == 604800
    assert token not in json.dumps(claim)


def test_foreign_session_is_not_found(http: httpx.Client, user: dict[str, str]) -> None:
    other = _token(http)
    r = http.get(f"/api/state/nemo_agent/me/{user['sid']}/latest", headers=_auth(other))
    assert r.status_code == 404 and r.json()["code"] == 1002
    r = http.post(
        f"/api/upload-video/nemo_agent/me/{user['sid']}",
        headers=_auth(other),
        files=[("files", ("a.mp3", b"x", "audio/mpeg"))],
    )
    assert r.status_code == 404 and r.json()["code"] == 1002
    r, _ = _sse(http, other, user["sid"], "hi")
    assert r.status_code == 404
    assert r.json() == {"detail": f"Session not found: {user['sid']}"}


# ---------------------------------------------------------------------------------------- simple reads
def test_credits_shape(http: httpx.Client, user: dict[str, str]) -> None:
    body = http.get("/api/credits/balance/simple", headers=_auth(user["token"])).json()
    assert body["code"] == 0
    assert {"available", "frozen", "total"} <= set(body["data"])
    assert all(isinstance(body["data"][k], int | float) for k in ("available", "frozen", "total"))


def test_state_has_the_four_keys(http: httpx.Client, user: dict[str, str]) -> None:
    body = http.get(f"/api/state/nemo_agent/me/{user['sid']}/latest", headers=_auth(user["token"])).json()
    assert body["code"] == 0
    state = body["data"]["state"]
    assert {"draft", "video_infos", "canvas_config", "generated_media"} <= set(state)
    assert isinstance(state["draft"], dict) and isinstance(state["draft"].get("t"), list)
    assert isinstance(state["video_infos"], list) and isinstance(state["generated_media"], list)
    assert {"width", "height"} <= set(state["canvas_config"])


# ---------------------------------------------------------------------------------------- chat
def test_run_sse_streams_compact_adk_events(http: httpx.Client, user: dict[str, str]) -> None:
    r, events = _sse(http, user["token"], user["sid"], "what can you do")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/event-stream")
    partial, final = _texts(events)
    assert partial and final, events
    assert final[-1] == "".join(partial)
    for event in events:
        assert "type" in event or "error" in event or "content" in event


def test_run_sse_unknown_session_is_404_before_the_stream(http: httpx.Client, user: dict[str, str]) -> None:
    r, events = _sse(http, user["token"], "sess_does_not_exist", "hi")
    assert r.status_code == 404 and not events
    assert r.json() == {"detail": "Session not found: sess_does_not_exist"}


def test_run_sse_needs_a_json_body(http: httpx.Client, user: dict[str, str]) -> None:
    headers = {**_auth(user["token"]), "Accept": "text/event-stream"}
    assert http.post("/run_sse", headers=headers).status_code == 422
    body = json.dumps({**ADK, "session_id": user["sid"], "new_message": {"parts": [{"text": "hi"}]}})
    r = http.post("/run_sse", headers={**headers, "Content-Type": "text/plain"}, content=body)
    assert r.status_code == 422 and "detail" in r.json()
    r = http.post("/run_sse", headers=headers, json={"session_id": user["sid"]})
    assert r.status_code == 422 and "detail" in r.json()


# ---------------------------------------------------------------------------------------- uploads
def test_upload_multipart_repeatable_field(http: httpx.Client, song_file: Path, tmp_path: Path) -> None:
    token = _token(http)
    sid = _session(http, token)
    data = song_file.read_bytes()
    r = http.post(
        f"/api/upload-video/nemo_agent/me/{sid}",
        headers=_auth(token),
        files=[("files", ("one.wav", data, "audio/wav")), ("files", ("two.wav", data, "audio/wav"))],
    )
    body = r.json()
    assert r.status_code == 200 and body["code"] == 0, body
    files = body["data"]["files"]
    assert [f["filename"] for f in files] == ["one.wav", "two.wav"]
    for f in files:
        assert {"filename", "file_type", "cdn_url", "duration", "width", "height", "fps", "hash"} <= set(f)
        assert f["file_type"] == "audio" and f["duration"] == pytest.approx(16.0, abs=0.2)
        assert token not in f["cdn_url"]


def test_upload_unsupported_type_is_4001(http: httpx.Client, user: dict[str, str]) -> None:
    r = http.post(
        f"/api/upload-video/nemo_agent/me/{user['sid']}",
        headers=_auth(user["token"]),
        files=[("files", ("notes.txt", b"hello", "text/plain"))],
    )
    assert r.json()["code"] == 4001, r.text
    assert r.status_code in (200, 400, 415)


def test_upload_over_the_limit_is_4002(http: httpx.Client, user: dict[str, str]) -> None:
    def body() -> Iterator[bytes]:
        yield (
            b'--BOUND\r\nContent-Disposition: form-data; name="files"; filename="big.mp4"\r\n'
            b"Content-Type: video/mp4\r\n\r\n"
        )
        chunk = b"\0" * (1 << 20)
        for _ in range(501):
            yield chunk
        yield b"\r\n--BOUND--\r\n"

    r = http.post(
        f"/api/upload-video/nemo_agent/me/{user['sid']}",
        headers={**_auth(user["token"]), "Content-Type": "multipart/form-data; boundary=BOUND"},
        content=body(),
    )
    assert r.json()["code"] == 4002, r.text
    assert "500" in r.json()["message"]


def test_upload_by_url_json(
    http: httpx.Client, server: str, song_file: Path, files_dir: tuple[Path, str]
) -> None:
    token = _token(http)
    sid = _session(http, token)
    first = http.post(
        f"/api/upload-video/nemo_agent/me/{sid}",
        headers=_auth(token),
        files=[("files", (song_file.name, song_file.read_bytes(), "audio/wav"))],
    ).json()["data"]["files"][0]
    # an allow-listed loopback origin is fetched (the local backend is offline, and no SSRF)
    (files_dir[0] / song_file.name).write_bytes(song_file.read_bytes())
    url = f"http://{files_dir[1]}/{quote(song_file.name)}"
    r = http.post(
        f"/api/upload-video/nemo_agent/me/{sid}",
        headers=_auth(token),
        json={"urls": [url], "source_type": "url"},
    )
    body = r.json()
    assert r.status_code == 200 and body["code"] == 0, body
    fetched = body["data"]["files"][0]
    assert fetched["file_type"] == "audio" and fetched["hash"] == first["hash"]
    # a URL that is not reachable answers an error envelope, never a crash
    r = http.post(
        f"/api/upload-video/nemo_agent/me/{sid}",
        headers=_auth(token),
        json={"urls": ["http://127.0.0.1:9/none.mp3"], "source_type": "url"},
    )
    assert r.json()["code"] != 0 and r.json()["data"] is None
    assert first["cdn_url"].startswith(server)
    # an empty url list is a bad request, with the envelope
    r = http.post(
        f"/api/upload-video/nemo_agent/me/{sid}",
        headers=_auth(token),
        json={"urls": [], "source_type": "url"},
    )
    assert r.json()["code"] != 0


# ---------------------------------------------------------------------------------------- render
def _poll(http: httpx.Client, token: str, rid: str, timeout_s: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while True:
        body = http.get(f"/api/render/proxy/lambda/{rid}", headers=_auth(token)).json()
        assert body["success"] is True
        status = body.get("status") or body["data"]["status"]
        if status in ("completed", "failed") or time.monotonic() > deadline:
            return body
        time.sleep(0.5)


def test_render_flow(http: httpx.Client, song_file: Path) -> None:
    token = _token(http)
    sid = _session(http, token)
    r = http.post(
        f"/api/upload-video/nemo_agent/me/{sid}",
        headers=_auth(token),
        files=[("files", (song_file.name, song_file.read_bytes(), "audio/wav"))],
    )
    assert r.json()["code"] == 0
    r, events = _sse(http, token, sid, "sync to the beat and make a 6 second highlight")
    assert r.status_code == 200 and _texts(events)[1]
    state = http.get(f"/api/state/nemo_agent/me/{sid}/latest", headers=_auth(token)).json()["data"]["state"]
    draft = state["draft"]
    assert any(t.get("sg") for t in draft["t"])

    # missing attribution -> 402, with the render envelope
    rid = f"render_{int(time.time() * 1000)}"
    body = {"id": rid, "sessionId": sid, "draft": draft, "output": {"format": "mp4", "quality": "high"}}
    r = http.post("/api/render/proxy/lambda", headers={"Authorization": f"Bearer {token}"}, json=body)
    assert r.status_code == 402 and r.json()["success"] is False

    r = http.post("/api/render/proxy/lambda", headers=_auth(token), json=body)
    submitted = r.json()
    assert r.status_code == 200
    assert submitted["success"] is True
    assert submitted["data"]["id"] == rid
    assert submitted["data"]["status"] == "pending" and submitted["data"]["progress"] == 0

    done = _poll(http, token, rid)
    data = done["data"]
    assert (done.get("status") or data["status"]) == "completed", done
    assert data["progress"] == 100
    url = (done.get("output") or {}).get("url") or data.get("outputUrl")
    assert url and token not in url
    video = httpx.get(url, trust_env=False, timeout=60)
    assert video.status_code == 200 and video.content[4:8] == b"ftyp"
    fallback = http.get(f"/api/render/proxy/{rid}/download", headers=_auth(token))
    assert fallback.status_code == 200 and fallback.content == video.content

    state = http.get(f"/api/state/nemo_agent/me/{sid}/latest", headers=_auth(token)).json()["data"]["state"]
    assert any(m.get("id") == rid for m in state["generated_media"])

    # someone else's render is not theirs to read
    other = _token(http)
    r = http.get(f"/api/render/proxy/lambda/{rid}", headers=_auth(other))
    assert r.status_code == 404 and r.json()["success"] is False


def test_render_cancel_and_unknown(http: httpx.Client, song_file: Path) -> None:
    token = _token(http)
    sid = _session(http, token)
    http.post(
        f"/api/upload-video/nemo_agent/me/{sid}",
        headers=_auth(token),
        files=[("files", (song_file.name, song_file.read_bytes(), "audio/wav"))],
    )
    _sse(http, token, sid, "make a 10 second highlight")
    rid = f"render_{int(time.time() * 1000)}_c"
    r = http.post("/api/render/proxy/lambda", headers=_auth(token), json={"id": rid, "sessionId": sid})
    assert r.json()["success"] is True
    r = http.post(f"/api/render/proxy/lambda/{rid}/cancel", headers=_auth(token))
    assert r.status_code == 200 and r.json()["success"] is True
    body = _poll(http, token, rid)
    # protocol statuses only: a cancelled render ends as failed (or completed, when it won the race)
    assert (body.get("status") or body["data"]["status"]) in ("failed", "completed")
    r = http.get("/api/render/proxy/lambda/render_unknown", headers=_auth(token))
    assert r.status_code == 404 and r.json()["success"] is False


def test_render_of_an_empty_draft_is_refused(http: httpx.Client) -> None:
    token = _token(http)
    sid = _session(http, token)
    r = http.post("/api/render/proxy/lambda", headers=_auth(token), json={"sessionId": sid})
    assert r.status_code >= 400 and r.json()["success"] is False and r.json()["message"]


def test_envelopes_on_unknown_paths(http: httpx.Client, user: dict[str, str]) -> None:
    r = http.get("/api/nothing/here", headers=_auth(user["token"]))
    assert r.status_code == 404 and r.json()["code"] != 0 and "message" in r.json()
