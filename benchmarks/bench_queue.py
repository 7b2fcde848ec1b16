"""Render throughput on the distributed queue: in-process pool vs RQ with 1 and 2 workers, one run.

Starts redis-server on a free loopback port, ``music-to-best serve`` (with and without ``--queue``) and
``music-to-best worker`` processes, submits N identical renders of a short highlight over HTTP and times
submit-to-last-completed. Prints a Markdown table for benchmarks/README.md ("## Render queue").
Usage: python benchmarks/bench_queue.py [--renders N] [--seconds S]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
import wave
from pathlib import Path
from typing import Any

import httpx
import numpy as np

_ATTRIBUTION = {"X-Skill-Source": "music-to-best", "X-Skill-Version": "bench", "X-Skill-Platform": "unknown"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _song(seconds: float = 12.0, bpm: float = 120.0, sr: int = 22050) -> bytes:
    t = np.arange(int(seconds * sr)) / sr
    y = 0.1 * np.sin(2 * np.pi * 220 * t)
    for start in np.arange(0.0, seconds, 60.0 / bpm):
        i = int(start * sr)
        y[i : i + 400] += np.hanning(800)[400:] * 0.8
    pcm = (np.clip(y, -1, 1) * 32000).astype("<i2")
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes(pcm.tobytes())
    return buf.getvalue()


class Stack:
    """serve (+ redis + workers) in subprocesses under one temp dir."""

    def __init__(self, root: Path, *, workers: int | None) -> None:
        self.root = root
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("NEMO_", "SKILL_"))}
        self.env.update(
            XDG_DATA_HOME=str(root / "data"), XDG_CONFIG_HOME=str(root / "config"), HOME=str(root)
        )
        self.procs: list[subprocess.Popen[str]] = []
        cmd = [sys.executable, "-m", "skill", "serve", "--port", "0", "--json"]
        if workers is not None:
            port = _free_port()
            url = f"redis://127.0.0.1:{port}/0"
            redis = shutil.which("redis-server") or "redis-server"
            self._spawn([redis, "--port", str(port), "--bind", "127.0.0.1", "--save", ""], quiet=True)
            time.sleep(0.5)
            cmd += ["--queue", url, "--media-root", str(root / "media")]
            for k in range(workers):
                self._spawn(
                    [sys.executable, "-m", "skill", "worker", "--queue", url, "--name", f"w{k}"], quiet=True
                )
        serve = self._spawn(cmd)
        assert serve.stdout is not None
        self.url = json.loads(serve.stdout.readline())["url"]
        self.http = httpx.Client(base_url=self.url, timeout=120, trust_env=False)

    def _spawn(self, cmd: list[str], *, quiet: bool = False) -> subprocess.Popen[str]:
        out = subprocess.DEVNULL if quiet else subprocess.PIPE
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, text=True, env=self.env)
        self.procs.append(proc)
        return proc

    def close(self) -> None:
        self.http.close()
        for proc in reversed(self.procs):
            proc.send_signal(signal.SIGINT if proc is self.procs[-1] else signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **_ATTRIBUTION}


def _draft(stack: Stack, seconds: int) -> tuple[str, str, dict[str, Any]]:
    http = stack.http
    token = http.post("/api/auth/anonymous-token", headers={"X-Client-Id": str(uuid.uuid4())}).json()["data"][
        "token"
    ]
    sid = http.post(
        "/api/tasks/me/with-session/nemo_agent", headers=_auth(token), json={"task_name": "b"}
    ).json()["data"]["session_id"]
    files = [("files", ("song.wav", _song(), "audio/wav"))]
    assert (
        http.post(f"/api/upload-video/nemo_agent/me/{sid}", headers=_auth(token), files=files).status_code
        == 200
    )
    body = {
        "app_name": "nemo_agent",
        "user_id": "me",
        "session_id": sid,
        "new_message": {
            "role": "user",
            "parts": [{"text": f"sync to the beat, best {seconds} second highlight"}],
        },
    }
    with http.stream("POST", "/run_sse", headers=_auth(token), json=body) as resp:
        for _ in resp.iter_lines():
            pass
    state = http.get(f"/api/state/nemo_agent/me/{sid}/latest", headers=_auth(token)).json()["data"]["state"]
    return token, sid, state["draft"]


def _run(stack: Stack, renders: int, seconds: int) -> float:
    # two users, as one user may only have a few renders waiting at once
    users = [_draft(stack, seconds), _draft(stack, seconds)]
    http = stack.http
    if "--queue" in stack.procs[-1].args:  # wait for the workers to register
        deadline = time.monotonic() + 20
        while (
            http.get("/healthz").json().get("workers", 0) < len(stack.procs) - 2
            and time.monotonic() < deadline
        ):
            time.sleep(0.1)
    started = time.perf_counter()
    pending: set[tuple[str, str]] = set()
    for k in range(renders):
        token, sid, draft = users[k % 2]
        body = {"id": f"render_{k}", "sessionId": sid, "draft": draft, "output": {"format": "mp4"}}
        r = http.post("/api/render/proxy/lambda", headers=_auth(token), json=body)
        assert r.status_code == 200, r.text
        pending.add((token, f"render_{k}"))
    while pending:
        for token, rid in list(pending):
            data = http.get(f"/api/render/proxy/lambda/{rid}", headers=_auth(token)).json()["data"]
            if data["status"] == "failed":
                raise SystemExit(f"render {rid} failed: {data.get('reason')}")
            if data["status"] == "completed":
                pending.discard((token, rid))
        time.sleep(0.1)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=6)
    parser.add_argument("--seconds", type=int, default=6)
    args = parser.parse_args()
    rows = []
    for label, workers in (("in-process pool (1 thread)", None), ("RQ, 1 worker", 1), ("RQ, 2 workers", 2)):
        with tempfile.TemporaryDirectory() as tmp:
            stack = Stack(Path(tmp), workers=workers)
            try:
                rows.append((label, _run(stack, args.renders, args.seconds)))
            finally:
                stack.close()
    base = rows[0][1]
    one = rows[1][1]
    print(f"{args.renders} renders of a {args.seconds}-s 9:16 highlight, {os.cpu_count()} cores\n")
    print("| engine | total s | s per render | renders/min | vs in-process |")
    print("|---|---|---|---|---|")
    for label, total in rows:
        per = total / args.renders
        print(f"| {label} | {total:.1f} | {per:.2f} | {60 / per:.1f} | {base / total:.2f}x |")
    print(
        f"\nqueue overhead per job (RQ 1 worker - in-process): {(one - base) / args.renders * 1000:+.0f} ms"
    )
    print(f"throughput 2 workers / 1 worker: {one / rows[2][1]:.2f}x")


if __name__ == "__main__":
    main()
