"""Local backend numbers: cold start, credits throughput, parallel chat turns, a 500 MB streamed upload.

Runs ``music-to-best serve --port 0`` as a subprocess (state in a temp dir) and drives it over loopback.
Prints a Markdown table for benchmarks/README.md ("## Local backend").
Usage: python benchmarks/bench_backend.py [--quick]   (--quick: 50 MB upload, fewer requests)
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import wave
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psutil

_ATTRIBUTION = {"X-Skill-Source": "music-to-best", "X-Skill-Version": "bench", "X-Skill-Platform": "unknown"}
_MB = 1024 * 1024
_UPLOAD_BYTES = 500 * _MB - 4096  # just under the 500 MB limit
_CHUNK_BYTES = _MB


class Serve:
    """``music-to-best serve`` in a subprocess with its own data dir."""

    def __init__(self, root: Path) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NEMO_", "SKILL_"))}
        env.update(XDG_DATA_HOME=str(root / "data"), XDG_CONFIG_HOME=str(root / "config"))
        self.started = time.perf_counter()
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
        while httpx.get(self.url + "/healthz", trust_env=False).status_code != 200:
            time.sleep(0.01)
        self.cold_start_s = time.perf_counter() - self.started
        self.ps = psutil.Process(self.proc.pid)

    def rss_mb(self) -> float:
        return float(self.ps.memory_info().rss) / _MB

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _token(http: httpx.Client) -> dict[str, str]:
    data = http.post("/api/auth/anonymous-token", headers={"X-Client-Id": str(uuid.uuid4())}).json()["data"]
    return {"Authorization": f"Bearer {data['token']}", **_ATTRIBUTION}


def _session(http: httpx.Client, auth: dict[str, str]) -> str:
    r = http.post("/api/tasks/me/with-session/nemo_agent", headers=auth, json={"task_name": "project"})
    return str(r.json()["data"]["session_id"])


def cold_start(runs: int) -> float:
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            server = Serve(Path(tmp))
            samples.append(server.cold_start_s)
            server.stop()
    return statistics.median(samples)


def credits_rps(url: str, threads: int, per_thread: int) -> float:
    with httpx.Client(base_url=url, trust_env=False) as http:
        auth = _token(http)

    def worker(_: int) -> int:
        with httpx.Client(base_url=url, trust_env=False, headers=auth) as http:
            for _ in range(per_thread):
                r = http.get("/api/credits/balance/simple")
                if r.status_code != 200:
                    raise RuntimeError(r.text)
        return per_thread

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(worker, range(threads)))  # warm-up not counted? count it: simple and honest
        start = time.perf_counter()
        done = sum(pool.map(worker, range(threads)))
        return done / (time.perf_counter() - start)


def _song_wav(seconds: float = 30.0, sr: int = 22050) -> bytes:
    import numpy as np

    t = np.arange(int(seconds * sr)) / sr
    y = 0.1 * np.sin(2 * np.pi * 220 * t)
    for start in np.arange(0.0, seconds, 0.5):
        i = int(start * sr)
        n = min(800, len(y) - i)
        y[i : i + n] += np.exp(-np.arange(n) / 120.0) * np.sin(2 * np.pi * 1500 * t[:n])
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes((y / np.abs(y).max() * 26000).astype("<i2").tobytes())
    return buf.getvalue()


def parallel_turns(url: str, turns: int) -> tuple[int, float, float]:
    """``turns`` sessions each upload the song and ask for a highlight at once; (completed, wall s, max s)."""
    song = _song_wav()
    with httpx.Client(base_url=url, trust_env=False, timeout=300) as http:
        auth = _token(http)
        sessions = []
        for _ in range(turns):
            sid = _session(http, auth)
            http.post(
                f"/api/upload-video/nemo_agent/me/{sid}", headers=auth, files=[("files", ("song.wav", song))]
            )
            sessions.append(sid)

    def turn(sid: str) -> tuple[bool, float]:
        body = {
            "app_name": "nemo_agent",
            "user_id": "me",
            "session_id": sid,
            "new_message": {
                "role": "user",
                "parts": [{"text": "sync the visuals to the beat and make the best 10 second highlight"}],
            },
        }
        start = time.perf_counter()
        final = False
        with (
            httpx.Client(base_url=url, trust_env=False, timeout=300) as http,
            http.stream("POST", "/run_sse", headers=auth, json=body) as resp,
        ):
            for line in resp.iter_lines():
                if line.startswith("data:"):
                    event = json.loads(line[5:])
                    final = final or (
                        event.get("partial") is False and "text" in event["content"]["parts"][0]
                    )
        return final, time.perf_counter() - start

    start = time.perf_counter()
    with ThreadPoolExecutor(turns) as pool:
        results = list(pool.map(turn, sessions))
    wall = time.perf_counter() - start
    return sum(ok for ok, _ in results), wall, max(s for _, s in results)


def _wav_header(data_bytes: int, sr: int = 44100) -> bytes:
    return (
        b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 2, sr, sr * 4, 4, 16)
        + b"data" + struct.pack("<I", data_bytes)
    )  # fmt: skip


def big_upload(server: Serve, size_bytes: int) -> tuple[float, float, float, int]:
    """Stream a ``size_bytes`` WAV; return (MB/s, RSS before MB, RSS peak MB, HTTP status)."""
    boundary = uuid.uuid4().hex
    header = _wav_header(size_bytes - 44)
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.wav"\r\n'
        "Content-Type: audio/wav\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    total = len(head) + size_bytes + len(tail)
    chunk = bytes(_CHUNK_BYTES)

    def body() -> Iterator[bytes]:
        yield head + header
        left = size_bytes - len(header)
        while left > 0:
            n = min(left, _CHUNK_BYTES)
            yield chunk[:n]
            left -= n
        yield tail

    with httpx.Client(base_url=server.url, trust_env=False, timeout=600) as http:
        auth = _token(http)
        sid = _session(http, auth)
        before = server.rss_mb()
        peak = [before]
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], server.rss_mb())
                time.sleep(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        start = time.perf_counter()
        r = http.post(
            f"/api/upload-video/nemo_agent/me/{sid}",
            headers={
                **auth,
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Content-Length": str(total),
            },
            content=body(),
        )
        elapsed = time.perf_counter() - start
        stop.set()
        sampler.join()
    return size_bytes / _MB / elapsed, before, peak[0], r.status_code


def main() -> None:
    quick = "--quick" in sys.argv
    rows: list[tuple[str, str, str]] = []
    cold = cold_start(3 if quick else 5)
    rows.append(("cold start: `music-to-best serve` to /healthz 200 (median)", f"{cold:.2f} s", "-"))
    with tempfile.TemporaryDirectory() as tmp:
        server = Serve(Path(tmp))
        try:
            for threads in (1, 4):
                rps = credits_rps(server.url, threads, 300 if quick else 1500)
                rows.append(
                    (f"GET credits, keep-alive, {threads} thread(s)", f"{rps:.0f} req/s", ">= 500 req/s")
                )
            done, wall, slowest = parallel_turns(server.url, 20)
            rows.append(
                (
                    "20 parallel /run_sse highlight turns",
                    f"{done}/20 complete in {wall:.1f} s (slowest {slowest:.1f} s)",
                    "20/20",
                )
            )
            size = (50 if quick else 500) * _MB - 4096
            mbps, before, peak, status = big_upload(server, size)
            rows.append(
                (
                    f"{size / _MB:.0f} MB upload, streamed (HTTP {status})",
                    f"{mbps:.0f} MB/s; server RSS {before:.0f} -> peak {peak:.0f} MB (+{peak - before:.0f} MB)",
                    "RSS growth <= 64 MB",
                )
            )
        finally:
            server.stop()
            shutil.rmtree(tmp, ignore_errors=True)
    print("| measure | result | target |")
    print("|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
