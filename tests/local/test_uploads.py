"""Uploads: stored under server-chosen names, typed, probed, size-checked while the body streams in."""

from __future__ import annotations

import socket
import threading
import time
import uuid

import pytest

from .conftest import TEST_UPLOAD_MAX_BYTES, Live


def _stored_files(live: Live) -> list[str]:
    uploads = live.data_dir / "local" / "uploads"
    return sorted(p.name for p in uploads.iterdir())


@pytest.mark.parametrize(
    ("client_name", "shown"),
    [
        ("../../etc/passwd.mp3", "passwd.mp3"),
        ("..\\x.wav", "x.wav"),
        ("/etc/absolute.wav", "absolute.wav"),
        ("C:\\Users\\me\\Music\\song.wav", "song.wav"),
        ("夏日 🎵 Song.wav", "夏日 🎵 Song.wav"),
        ("bad\x00name\r\n.wav", "bad%00name%0D%0A.wav"),  # httpx percent-encodes controls
    ],
)
def test_traversal_names_are_stored_safely(live: Live, song_wav: bytes, client_name: str, shown: str) -> None:
    token = live.token()
    sid = live.session(token)
    before = set(_stored_files(live))
    r = live.upload(token, sid, (client_name, song_wav))
    assert r.status_code == 200, r.text
    info = r.json()["data"]["files"][0]
    assert info["filename"] == shown
    new = set(_stored_files(live)) - before
    assert len(new) == 1
    (name,) = new
    assert name.startswith("upl_") and "/" not in name and ".." not in name
    assert not (live.data_dir.parent / "etc").exists()
    assert live.http.get(info["cdn_url"], headers=live.auth(token)).content == song_wav


def test_same_name_twice_does_not_overwrite(live: Live, song_wav: bytes) -> None:
    token = live.token()
    sid = live.session(token)
    a = live.upload(token, sid, ("same.wav", song_wav)).json()["data"]["files"][0]
    b = live.upload(token, sid, ("same.wav", song_wav[:44] + song_wav[44:][::-1])).json()["data"]["files"][0]
    assert a["cdn_url"] != b["cdn_url"] and a["hash"] != b["hash"]
    assert live.http.get(a["cdn_url"], headers=live.auth(token)).content == song_wav


def test_upload_response_shape(live: Live, song_wav: bytes) -> None:
    token = live.token()
    sid = live.session(token)
    r = live.upload(token, sid, ("one.wav", song_wav), ("two.wav", song_wav))
    body = r.json()
    assert body["code"] == 0
    files = body["data"]["files"]
    assert [f["filename"] for f in files] == ["one.wav", "two.wav"]
    for f in files:
        assert {"filename", "file_type", "cdn_url", "duration", "width", "height", "fps", "hash"} <= set(f)
        assert f["file_type"] == "audio" and f["duration"] == pytest.approx(20.0, abs=0.1)
    state = live.state(token, sid)
    assert [v["filename"] for v in state["video_infos"]] == ["one.wav", "two.wav"]


@pytest.mark.parametrize("name", ["notes.txt", "run.exe", "noextension", "song.wav.php"])
def test_unsupported_type_is_4001(live: Live, name: str) -> None:
    token = live.token()
    sid = live.session(token)
    before = _stored_files(live)
    r = live.upload(token, sid, (name, b"hello"))
    assert r.json()["code"] == 4001 and r.status_code == 415
    assert _stored_files(live) == before


def test_unreadable_media_is_4001(live: Live) -> None:
    token = live.token()
    sid = live.session(token)
    before = _stored_files(live)
    r = live.upload(token, sid, ("fake.mp3", b"this is not audio at all" * 100))
    assert r.json()["code"] == 4001
    assert _stored_files(live) == before


def test_too_large_is_4002_and_leaves_nothing(live: Live) -> None:
    token = live.token()
    sid = live.session(token)
    before = _stored_files(live)
    r = live.upload(token, sid, ("big.wav", b"\0" * (TEST_UPLOAD_MAX_BYTES + 1)))
    assert r.status_code == 413
    assert r.json()["code"] == 4002
    assert _stored_files(live) == before


def test_size_is_checked_while_streaming(live: Live) -> None:
    """Declare a 200 MB body, send only 8 MB, and get 4002 back: the server never waited for the rest."""
    token = live.token()
    sid = live.session(token)
    before = _stored_files(live)
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="huge.wav"\r\n'
        "Content-Type: audio/wav\r\n\r\n"
    ).encode()
    declared = 200 * 1024 * 1024
    port = int(live.url.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    request = (
        f"POST /api/upload-video/nemo_agent/me/{sid} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {declared}\r\n\r\n"
    ).encode()
    sent = [0]
    stop = threading.Event()

    def send() -> None:
        try:
            sock.sendall(request + head)
            chunk = b"\0" * 65536
            while sent[0] < 8 * 1024 * 1024 and not stop.is_set():
                sock.sendall(chunk)
                sent[0] += len(chunk)
        except OSError:
            pass

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    started = time.monotonic()
    response = b""
    try:
        while b"\r\n\r\n" not in response or b"}" not in response:
            data = sock.recv(65536)
            if not data:
                break
            response += data
    finally:
        stop.set()
        sock.close()
        sender.join(5)
    assert time.monotonic() - started < 10
    assert response.startswith(b"HTTP/1.1 413"), response[:200]
    assert b'"code":4002' in response
    assert sent[0] <= 8 * 1024 * 1024 < declared
    # the partial file is gone
    assert _stored_files(live) == before


def test_too_many_files_in_one_request(live: Live, song_wav: bytes) -> None:
    token = live.token()
    sid = live.session(token)
    before = _stored_files(live)
    r = live.upload(token, sid, *[(f"s{i}.wav", song_wav[:2000]) for i in range(21)])
    assert r.status_code == 422 and "At most 20" in r.json()["message"]
    assert _stored_files(live) == before
