"""Load on `serve` (loopback only, bounded): does a credits probe stay fast while the backend is attacked?

Runs ``music-to-best serve --port 0`` in a subprocess with its state in a temp dir, then, at the same
time: 50 parallel chat turns, 40 uploads, 100 render submissions (the per-user cap answers 429 beyond
its limit, spread over 20 users), and 1,000 idle sockets that never send a request. A probe calls the
credits endpoint every 50 ms throughout; its p50/p95/max latency, the server's peak RSS and the disk
used are printed as a Markdown table for benchmarks/README.md ("## Under load"). Everything stops by
itself within the time bound.
Usage: python benchmarks/bench_load.py [--quick]
"""

from __future__ import annotations

import argparse
import io
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import wave
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import numpy as np
import psutil

_ATTRIBUTION = {"X-Skill-Source": "music-to-best", "X-Skill-Version": "bench", "X-Skill-Platform": "unknown"}
_TIME_BOUND_S = 300.0


def _song(seconds: float = 8.0, sr: int = 16000) -> bytes:
    t = np.arange(int(seconds * sr)) / sr
    y = 0.1 * np.sin(2 * np.pi * 220 * t)
    for start in np.arange(0.0, seconds, 0.5):
        i = int(start * sr)
        y[i : i + 300] += 0.7 * np.hanning(600)[300:]
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes((np.clip(y, -1, 1) * 32000).astype("<i2").tobytes())
    return buf.getvalue()


class Server:
    def __init__(self, root: Path) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NEMO_", "SKILL_"))}
        env.update(HOME=str(root), XDG_DATA_HOME=str(root / "data"), XDG_CONFIG_HOME=str(root / "config"))
        self.root = root
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "skill", "serve", "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        self.url = line[line.index("http://") :].split()[0]
        self.port = int(self.url.rsplit(":", 1)[1])
        self.ps = psutil.Process(self.proc.pid)
        self.peak_rss = 0.0

    def sample(self) -> None:
        self.peak_rss = max(self.peak_rss, self.ps.memory_info().rss / 2**20)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _user(http: httpx.Client) -> tuple[dict[str, str], str]:
    token = http.post("/api/auth/anonymous-token", headers={"X-Client-Id": str(uuid.uuid4())}).json()["data"][
        "token"
    ]
    auth = {"Authorization": f"Bearer {token}", **_ATTRIBUTION}
    sid = http.post("/api/tasks/me/with-session/nemo_agent", headers=auth, json={"task_name": "load"}).json()[
        "data"
    ]["session_id"]
    return auth, sid


def _chat(url: str, text: str) -> int:
    with httpx.Client(base_url=url, timeout=120, trust_env=False) as http:
        auth, sid = _user(http)
        body = {
            "app_name": "nemo_agent",
            "user_id": "me",
            "session_id": sid,
            "new_message": {"role": "user", "parts": [{"text": text}]},
        }
        with http.stream("POST", "/run_sse", headers=auth, json=body) as resp:
            for _ in resp.iter_lines():
                pass
            return resp.status_code


def _upload(url: str, song: bytes) -> int:
    with httpx.Client(base_url=url, timeout=120, trust_env=False) as http:
        auth, sid = _user(http)
        files = [("files", ("load.wav", song, "audio/wav"))]
        return http.post(f"/api/upload-video/nemo_agent/me/{sid}", headers=auth, files=files).status_code


def _renders(url: str, song: bytes, per_user: int) -> list[int]:
    with httpx.Client(base_url=url, timeout=120, trust_env=False) as http:
        auth, sid = _user(http)
        http.post(
            f"/api/upload-video/nemo_agent/me/{sid}",
            headers=auth,
            files=[("files", ("r.wav", song, "audio/wav"))],
        )
        body = {
            "app_name": "nemo_agent",
            "user_id": "me",
            "session_id": sid,
            "new_message": {"role": "user", "parts": [{"text": "make the best 4 second highlight"}]},
        }
        with http.stream("POST", "/run_sse", headers=auth, json=body) as resp:
            for _ in resp.iter_lines():
                pass
        codes = []
        for k in range(per_user):
            r = http.post(
                "/api/render/proxy/lambda", headers=auth, json={"id": f"render_{k}", "sessionId": sid}
            )
            codes.append(r.status_code)
        return codes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a tenth of the load")
    args = parser.parse_args()
    scale = 0.1 if args.quick else 1.0
    chats, uploads, idle = int(50 * scale), int(40 * scale), int(1000 * scale)
    users, per_user = max(2, int(20 * scale)), 5
    song = _song()
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(Path(tmp))
        latencies: list[float] = []
        stop = threading.Event()

        def probe() -> None:
            with httpx.Client(base_url=server.url, timeout=30, trust_env=False) as http:
                auth, _ = _user(http)
                deadline = time.monotonic() + _TIME_BOUND_S
                while not stop.is_set() and time.monotonic() < deadline:
                    started = time.perf_counter()
                    http.get("/api/credits/balance/simple", headers=auth)
                    latencies.append(time.perf_counter() - started)
                    server.sample()
                    time.sleep(0.05)

        prober = threading.Thread(target=probe, daemon=True)
        prober.start()
        sockets = []
        for _ in range(idle):
            try:
                sockets.append(socket.create_connection(("127.0.0.1", server.port), timeout=5))
            except OSError:
                break
        started = time.perf_counter()
        with ThreadPoolExecutor(32) as pool:
            chat_jobs = [
                pool.submit(_chat, server.url, "sync to the beat, 30 second highlight, " + "1" * 20_000)
                for _ in range(chats)
            ]
            upload_jobs = [pool.submit(_upload, server.url, song) for _ in range(uploads)]
            render_jobs = [pool.submit(_renders, server.url, song, per_user) for _ in range(users)]
            chat_codes = [j.result() for j in chat_jobs]
            upload_codes = [j.result() for j in upload_jobs]
            render_codes = [c for j in render_jobs for c in j.result()]
        elapsed = time.perf_counter() - started
        stop.set()
        prober.join(30)
        for s in sockets:
            s.close()
        disk_mb = sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file()) / 2**20
        server.stop()
    lat = sorted(latencies)
    p95 = lat[int(0.95 * (len(lat) - 1))] if lat else float("nan")
    print(
        f"load for {elapsed:.1f} s: {chats} chats, {uploads} uploads, {users * per_user} render submissions, "
        f"{len(sockets)} idle sockets\n"
    )
    print("| measure | value |")
    print("|---|---|")
    print(
        f"| credits probe p50 / p95 / max | {statistics.median(lat) * 1000:.0f} / {p95 * 1000:.0f} / {lat[-1] * 1000:.0f} ms |"
    )
    print(f"| chats answered 200 | {chat_codes.count(200)} / {chats} |")
    print(f"| uploads answered 200 | {upload_codes.count(200)} / {uploads} |")
    print(f"| renders queued / refused 429 | {render_codes.count(200)} / {render_codes.count(429)} |")
    print(f"| server peak RSS | {server.peak_rss:.0f} MB |")
    print(f"| disk used | {disk_mb:.0f} MB |")
    print(f"\np95 under 1 s: {'yes' if p95 < 1.0 else 'NO'}")


if __name__ == "__main__":
    main()
