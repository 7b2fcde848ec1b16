"""A small scriptable server speaking the backend protocol, on a free loopback port, in a thread.

Defaults behave like a healthy cloud (tokens, sessions, chat, upload, credits, state, render, claim,
download). A test scripts misbehaviour per route with :meth:`FakeCloud.script`: error codes as body codes
or HTTP statuses, HTML with 200, SSE in either shape, streams cut mid-reply, slow streams, dropped
connections. Every request is recorded (method, path, headers, a body summary) for assertions.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import socket
import threading
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FakeCloud", "Reply", "Recorded", "adk", "typed", "USER_TOKEN", "HEADERS", "sample_draft"]

USER_TOKEN = "nmv_usr_user_supplied_token_123456"
HEADERS = {"X-Skill-Source": "music-to-best", "X-Skill-Version": "0.1.0", "X-Skill-Platform": "unknown"}
_FILENAME = re.compile(rb'filename="([^"]*)"')


def sample_draft(title: str | None = "Urban Dreams") -> dict[str, Any]:
    """The protocol's example draft (three tracks), optionally without the title track."""
    tracks: list[dict[str, Any]] = [
        {
            "id": "track_video",
            "tt": 0,
            "m": {"name": "Video"},
            "sg": [{"id": "seg_1", "st": 0, "d": 10000, "m": {"name": "city timelapse", "src": "u"}}],
        },
        {
            "id": "track_bgm",
            "tt": 1,
            "m": {"name": "BGM"},
            "sg": [{"id": "seg_2", "st": 0, "d": 10000, "m": {"name": "Lo-fi", "volume": 0.35, "src": "u"}}],
        },
    ]
    if title is not None:
        tracks.append(
            {
                "id": "track_title",
                "tt": 7,
                "m": {"name": "Title"},
                "sg": [{"id": "seg_3", "st": 0, "d": 3000, "m": {"text": title}}],
            }
        )
    return {"t": tracks, "d": 10000, "m": {"width": 1920, "height": 1080, "fps": 30}}


def adk(
    text: str | None = None,
    *,
    partial: bool | None = None,
    call: str | None = None,
    result: str | None = None,
) -> dict[str, Any]:
    """An ADK event (camelCase) with text, a function call or a function response."""
    parts: list[dict[str, Any]] = []
    if text is not None:
        parts.append({"text": text})
    if call is not None:
        parts.append({"functionCall": {"name": call, "args": {}}})
    if result is not None:
        parts.append({"functionResponse": {"name": result, "response": {"ok": True}}})
    event: dict[str, Any] = {
        "id": uuid.uuid4().hex[:8],
        "author": "nemo_agent",
        "content": {"role": "model", "parts": parts},
        "actions": {},
    }
    if partial is not None:
        event["partial"] = partial
    return event


def typed(kind: str, content: str | None = None) -> dict[str, Any]:
    """A typed event: ``{"type": "text", "content": ...}``, tool_call, tool_result, heartbeat."""
    event: dict[str, Any] = {"type": kind}
    if content is not None:
        event["content"] = content
    if kind in ("tool_call", "tool_result"):
        event["name"] = content or "edit"
    return event


@dataclass
class Reply:
    """One scripted answer.

    ``chunks`` are written with chunked transfer encoding, each flushed on its own; a float in the list
    is a pause in seconds. ``cut`` closes the connection without the final chunk; ``drop`` closes it
    without any answer; ``effect`` runs (with the cloud) when the reply is served.
    """

    status: int = 200
    json: Any = None
    body: bytes | None = None
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    chunks: list[bytes | float | Callable[[], bytes]] | None = None
    cut: bool = False
    drop: bool = False
    delay_s: float = 0.0
    effect: Callable[[FakeCloud], None] | None = None

    @classmethod
    def ok(cls, data: Any, **kw: Any) -> Reply:
        return cls(json={"code": 0, "message": "ok", "data": data}, **kw)

    @classmethod
    def code(cls, code: int, status: int = 200, message: str = "error", **kw: Any) -> Reply:
        return cls(status=status, json={"code": code, "message": message, "data": None}, **kw)

    @classmethod
    def http(cls, status: int, body: Any = None, **kw: Any) -> Reply:
        return cls(status=status, json=body if body is not None else {"detail": "error"}, **kw)

    @classmethod
    def html(cls, status: int = 200, **kw: Any) -> Reply:
        page = b"<!DOCTYPE html><html><head><title>Login</title></head><body>Sign in</body></html>"
        return cls(status=status, body=page, content_type="text/html; charset=utf-8", **kw)

    @classmethod
    def sse(
        cls, events: Iterable[Any], *, cut: bool = False, crlf: bool = False, bom: bool = False, **kw: Any
    ) -> Reply:
        """An event stream: dicts become ``data: <json>`` events, bytes are sent raw, floats pause."""
        newline = b"\r\n" if crlf else b"\n"
        chunks: list[bytes | float | Callable[[], bytes]] = [b"\xef\xbb\xbf"] if bom else []
        for event in events:
            if callable(event):
                chunks.append(event)  # made when sent (e.g. a timestamped event)
            elif isinstance(event, (int, float)) and not isinstance(event, bool):
                chunks.append(float(event))
            elif isinstance(event, bytes):
                chunks.append(event)
            elif isinstance(event, str):
                chunks.append(event.encode("utf-8"))
            else:
                payload = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
                chunks.append(b"data: " + payload + newline + newline)
        return cls(chunks=chunks, cut=cut, content_type="text/event-stream; charset=utf-8", **kw)


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    size: int


_ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    ("POST", re.compile(r"^/api/auth/anonymous-token$"), "token"),
    ("POST", re.compile(r"^/api/auth/claim-token$"), "claim"),
    ("POST", re.compile(r"^/api/tasks/me/with-session/nemo_agent$"), "session"),
    ("POST", re.compile(r"^/run_sse$"), "chat"),
    ("POST", re.compile(r"^/api/upload-video/nemo_agent/me/(?P<sid>[^/]+)$"), "upload"),
    ("GET", re.compile(r"^/api/credits/balance/simple$"), "credits"),
    ("GET", re.compile(r"^/api/state/nemo_agent/me/(?P<sid>[^/]+)/latest$"), "state"),
    ("POST", re.compile(r"^/api/render/proxy/lambda$"), "render_submit"),
    ("POST", re.compile(r"^/api/render/proxy/lambda/(?P<rid>[^/]+)/cancel$"), "render_cancel"),
    ("GET", re.compile(r"^/api/render/proxy/lambda/(?P<rid>[^/]+)$"), "render_status"),
    ("GET", re.compile(r"^/api/render/proxy/(?P<rid>[^/]+)/download$"), "download"),
    ("GET", re.compile(r"^/files/(?P<name>[^/]+)$"), "file"),
]


class FakeCloud:
    """The server and its state; use as a context manager (``with FakeCloud() as cloud: cloud.url``)."""

    def __init__(self) -> None:
        self.tokens: dict[str, str] = {USER_TOKEN: "user_1"}
        self.sessions: set[str] = set()
        self.draft: dict[str, Any] = {"t": [], "d": 0, "m": {}}
        self.credits = {"available": 100, "frozen": 5, "total": 105}
        self.renders: dict[str, list[dict[str, Any]]] = {}
        self.render_polls: list[dict[str, Any]] = [
            {"status": "processing", "progress": 40},
            {"status": "completed", "progress": 100},
        ]
        self.video_bytes = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 4096
        self.uploads: list[dict[str, Any]] = []
        self.requests: list[Recorded] = []
        self.chat_default: Callable[[], Reply] = lambda: Reply.sse([adk("Sure, done.")])
        self._scripts: dict[str, deque[Reply]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    # -- scripting -----------------------------------------------------------------------------
    def script(self, route: str, *replies: Reply) -> None:
        """Queue ``replies`` for ``route`` (used in order; then the default behaviour returns)."""
        with self._lock:
            self._scripts[route].extend(replies)

    def count(self, route: str) -> int:
        """How many requests reached ``route``."""
        return sum(1 for r in self.requests if self.route_of(r.method, r.path)[0] == route)

    def of(self, route: str) -> list[Recorded]:
        return [r for r in self.requests if self.route_of(r.method, r.path)[0] == route]

    @staticmethod
    def route_of(method: str, path: str) -> tuple[str, dict[str, str]]:
        for verb, pattern, name in _ROUTES:
            match = pattern.match(path)
            if match and verb == method:
                return name, match.groupdict()
        return "unknown", {}

    def _next_script(self, route: str) -> Reply | None:
        with self._lock:
            queue = self._scripts.get(route)
            return queue.popleft() if queue else None

    # -- lifecycle -----------------------------------------------------------------------------
    def __enter__(self) -> FakeCloud:
        cloud = self

        class Handler(_Handler):
            owner = cloud

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        host, port = self._server.server_address[:2]
        self.url = f"http://{host}:{port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    # -- default behaviour ---------------------------------------------------------------------
    def issue_token(self) -> tuple[str, str]:
        token = f"nmv_usr_{uuid.uuid4().hex}"
        user_id = f"anon_{uuid.uuid4().hex[:10]}"
        with self._lock:
            self.tokens[token] = user_id
        return token, user_id

    def new_session(self) -> dict[str, str]:
        sid = f"sess_{uuid.uuid4().hex[:12]}"
        with self._lock:
            self.sessions.add(sid)
        return {"task_id": f"task_{uuid.uuid4().hex[:8]}", "session_id": sid, "user_id": "me"}

    def default(self, route: str, params: dict[str, str], body: Any, headers: dict[str, str]) -> Reply:
        if route == "token":
            if not headers.get("x-client-id"):
                return Reply.code(400, status=400, message="Missing X-Client-Id")
            token, user_id = self.issue_token()
            expires = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=7)).isoformat()
            return Reply.ok({"token": token, "user_id": user_id, "expires_at": expires, "credits": 100})
        auth = headers.get("authorization", "")
        if route not in ("file",) and auth.removeprefix("Bearer ") not in self.tokens:
            return Reply.code(1001, status=401, message="token expired")
        sid = params.get("sid") or (body.get("session_id") if isinstance(body, dict) else None)
        if route in ("state", "upload", "chat") and sid not in self.sessions:
            return Reply.http(404, {"detail": f"Session not found: {sid}"})
        if route == "session":
            return Reply.ok(self.new_session())
        if route == "claim":
            return Reply.ok({"claim_token": "clm_" + uuid.uuid4().hex[:12], "expires_in": 604800})
        if route == "credits":
            return Reply.ok(dict(self.credits))
        if route == "state":
            return Reply.ok(
                {
                    "state": {
                        "draft": self.draft,
                        "video_infos": [],
                        "canvas_config": {},
                        "generated_media": [],
                    }
                }
            )
        if route == "chat":
            return self.chat_default()
        if route == "upload":
            files = body.get("files", []) if isinstance(body, dict) else []
            return Reply.ok({"files": files})
        if route == "render_submit":
            rid = body.get("id") if isinstance(body, dict) else None
            with self._lock:
                self.renders[str(rid)] = list(self.render_polls)
            return Reply(json={"success": True, "data": {"id": rid, "status": "pending", "progress": 0}})
        if route == "render_status":
            rid = params["rid"]
            with self._lock:
                polls = self.renders.get(rid)
                if polls is None:
                    return Reply.http(404, {"detail": "render not found"})
                state = polls.pop(0) if len(polls) > 1 else polls[0]
            data = dict(state)
            if data.get("status") == "completed":
                data.setdefault("output", {"url": f"{self.url}/files/{rid}.mp4"})
            return Reply(json={"success": True, "data": {"id": rid, **data}})
        if route == "render_cancel":
            return Reply(json={"success": True, "data": {"id": params["rid"], "status": "cancelled"}})
        if route in ("file", "download"):
            return Reply(body=self.video_bytes, content_type="video/mp4")
        return Reply.http(404, {"detail": "Not Found"})


def _media_type(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower()
    if ext in ("mp3", "wav", "m4a", "aac"):
        return "audio"
    if ext in ("jpg", "png", "gif", "webp"):
        return "image"
    return "video"


class _Handler(BaseHTTPRequestHandler):
    owner: FakeCloud
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        return

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _read_body(self, route: str) -> tuple[Any, int]:
        length = int(self.headers.get("Content-Length") or 0)
        content_type = self.headers.get("Content-Type", "")
        if content_type.startswith("multipart/form-data"):
            names: list[str] = []
            carry = b""
            remaining = length
            while remaining > 0:
                chunk = self.rfile.read(min(1024 * 1024, remaining))
                if not chunk:
                    break
                remaining -= len(chunk)
                window = carry + chunk
                names.extend(m.decode("utf-8", "replace") for m in _FILENAME.findall(window))
                carry = window[-300:] if not _FILENAME.search(window[-300:]) else b""
            files = [
                {
                    "filename": n,
                    "file_type": _media_type(n),
                    "cdn_url": f"https://cdn.test/{n}",
                    "duration": 12.5,
                    "width": None,
                    "height": None,
                    "fps": None,
                    "hash": "h",
                }
                for n in names
            ]
            self.owner.uploads.append({"names": names, "bytes": length})
            return {"files": files}, length
        raw = self.rfile.read(length) if length else b""
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = raw[:200]
        if route == "upload" and isinstance(body, dict) and "urls" in body:
            names = [u.rsplit("/", 1)[-1] for u in body["urls"]]
            body = {
                **body,
                "files": [{"filename": n, "file_type": _media_type(n), "duration": 30.0} for n in names],
            }
        return body, length

    def _handle(self) -> None:
        owner = self.owner
        path = self.path.split("?", 1)[0]
        route, params = owner.route_of(self.command, path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        body, size = self._read_body(route)
        owner.requests.append(Recorded(self.command, path, headers, body, size))
        reply = owner._next_script(route) or owner.default(route, params, body, headers)
        if reply.effect is not None:
            reply.effect(owner)
        if reply.delay_s:
            time.sleep(reply.delay_s)
        if reply.drop:
            self._hard_close()
            return
        try:
            self._write(reply)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _hard_close(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _write(self, reply: Reply) -> None:
        self.send_response(reply.status)
        for key, value in reply.headers.items():
            self.send_header(key, value)
        if reply.chunks is not None:
            self.send_header("Content-Type", reply.content_type or "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            self.wfile.flush()
            for item in reply.chunks:
                if isinstance(item, float):
                    time.sleep(item)
                    continue
                chunk = item() if callable(item) else item
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.flush()
            if reply.cut:
                self._hard_close()
                return
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
            return
        if reply.body is not None:
            payload = reply.body
            content_type = reply.content_type or "application/octet-stream"
        else:
            payload = json.dumps(reply.json, ensure_ascii=False).encode("utf-8")
            content_type = reply.content_type or "application/json"
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()


def _serve_until_stdin_closes() -> None:
    """``python fake_cloud.py``: serve on a free port, print the URL, stop when stdin closes."""
    import sys

    with FakeCloud() as cloud:
        print(cloud.url, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    _serve_until_stdin_closes()
