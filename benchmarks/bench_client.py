"""Client benchmarks: SSE decode rate, first-text latency, and a 500 MB streamed upload (rate, RSS).

1. SSE decode: ``ChatDecoder`` over pre-built ADK and typed events fed one event per chunk (as ADK sends),
   and the same through ``ChatStream`` over loopback HTTP. Target >= 20,000 events/s.
2. First text: the fake cloud stamps each event with the time it writes it; the chat handler's ``on_text``
   callback records when the (GUI-translated) sentence reaches it. Target <= 50 ms.
3. Upload: a sparse 500 MB file to the fake cloud running in another process, through ``upload_media``.
   Targets >= 150 MB/s, client RSS growth <= 64 MB (sampled every 10 ms).

Usage: python benchmarks/bench_client.py [--quick]   (--quick: 50 MB upload, fewer events)
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.fake_cloud import HEADERS, FakeCloud, Reply, adk, typed  # noqa: E402

from skill.client.api import NemoClient  # noqa: E402
from skill.client.constants import UPLOAD_MAX_BYTES  # noqa: E402
from skill.client.sse import ChatDecoder, TextEvent  # noqa: E402
from skill.handlers.chat import send_chat  # noqa: E402
from skill.handlers.feedback import Feedback  # noqa: E402
from skill.handlers.upload import upload_media  # noqa: E402
from skill.settings import Settings  # noqa: E402


def _event_bytes(n: int) -> list[bytes]:
    events = []
    for i in range(n):
        if i % 4 == 0:
            obj = adk(f"Piece {i} of the reply, 节拍 ", partial=True)
        elif i % 4 == 1:
            obj = typed("text", f"piece {i} ")
        elif i % 4 == 2:
            obj = typed("heartbeat")
        else:
            obj = adk(call="sync_to_beat")
        events.append(
            b"data: " + json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode() + b"\n\n"
        )
    return events


def bench_decode(n: int) -> float:
    chunks = _event_bytes(n)
    decoder = ChatDecoder()
    start = time.perf_counter()
    count = 0
    for chunk in chunks:
        count += len(decoder.feed(chunk))
    count += len(decoder.finish())
    elapsed = time.perf_counter() - start
    return n / elapsed


def bench_stream(n: int, settings: Settings) -> float:
    blob = b"".join(_event_bytes(n))
    pieces = [blob[i : i + 65536] for i in range(0, len(blob), 65536)]
    with FakeCloud() as cloud:
        cloud.chat_default = lambda: Reply.sse(pieces)
        with NemoClient(_with(settings, cloud.url), HEADERS) as client:
            client.session()
            start = time.perf_counter()
            with client.chat("go") as stream:
                seen = sum(1 for _ in stream)
            elapsed = time.perf_counter() - start
    assert seen > n // 2
    return n / elapsed


def bench_first_text(runs: int, settings: Settings) -> list[float]:
    latencies: list[float] = []
    with FakeCloud() as cloud:

        def stamped() -> bytes:
            event = adk(f"Your track is ready at {time.time():.6f} now.")
            return b"data: " + json.dumps(event).encode() + b"\n\n"

        # a short think before the first text (the cloud takes 5-15 s), then the stamped sentence
        cloud.chat_default = lambda: Reply.sse([typed("heartbeat"), 0.3, stamped, 0.02, adk("Done.")])
        with NemoClient(_with(settings, cloud.url), HEADERS) as client:
            client.session()
            for _ in range(runs):
                arrivals: list[float] = []

                def on_text(text: str, arrivals: list[float] = arrivals) -> None:
                    if "ready at" in text:
                        sent = float(text.split("ready at ")[1].split()[0])
                        arrivals.append(time.time() - sent)

                send_chat(client, "make it", feedback=Feedback(on_text=on_text))
                latencies.extend(arrivals)
    return latencies


def _with(settings: Settings, url: str) -> Settings:
    from dataclasses import replace

    return replace(settings, api_url=url)


def _rss_bytes() -> int:
    import psutil

    return int(psutil.Process().memory_info().rss)


def bench_upload(size: int, settings: Settings) -> tuple[float, int, int, int]:
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "support" / "fake_cloud.py")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "long-mix.wav"
            with path.open("wb") as handle:
                handle.truncate(size)
            with NemoClient(_with(settings, url), HEADERS) as client:
                client.session()
                base = _rss_bytes()
                peak = base
                done = threading.Event()

                def sample() -> None:
                    nonlocal peak
                    while not done.is_set():
                        peak = max(peak, _rss_bytes())
                        time.sleep(0.01)

                sampler = threading.Thread(target=sample, daemon=True)
                sampler.start()
                start = time.perf_counter()
                reply = upload_media(client, [str(path)])
                elapsed = time.perf_counter() - start
                done.set()
                sampler.join()
            assert reply.files and reply.files[0].name == "long-mix.wav"
        return size / elapsed / 1e6, base, peak, peak - base
    finally:
        if server.stdin is not None:
            server.stdin.close()
        server.wait(timeout=10)


def main() -> None:
    quick = "--quick" in sys.argv
    with tempfile.TemporaryDirectory() as config:
        settings = Settings(
            api_url="http://127.0.0.1:1", config_dir=Path(config) / "c", data_dir=Path(config)
        )
        n = 20_000 if quick else 100_000
        decode_rates = [bench_decode(n) for _ in range(3)]
        stream_rates = [bench_stream(n, settings) for _ in range(3)]
        latencies = bench_first_text(10 if quick else 40, settings)
        size = 50 * 1024 * 1024 if quick else UPLOAD_MAX_BYTES
        rate, base, peak, growth = bench_upload(size, settings)

    p95 = sorted(latencies)[max(0, int(len(latencies) * 0.95) - 1)]
    rows = [
        (
            "SSE decode (ChatDecoder, one event per chunk)",
            f"{statistics.median(decode_rates):,.0f} events/s",
            ">= 20,000",
        ),
        (
            "SSE over loopback HTTP (ChatStream)",
            f"{statistics.median(stream_rates):,.0f} events/s",
            ">= 20,000",
        ),
        (
            f"first text: server write -> on_text ({len(latencies)} turns)",
            f"median {statistics.median(latencies) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
            f"max {max(latencies) * 1000:.1f} ms",
            "<= 50 ms",
        ),
        (
            f"upload {size // (1024 * 1024)} MB (sparse file, server in another process)",
            f"{rate:,.0f} MB/s; client RSS {base / 1e6:.0f} -> peak {peak / 1e6:.0f} MB (+{growth / 1e6:.1f} MB)",
            ">= 150 MB/s, RSS +<= 64 MB",
        ),
    ]
    print("| measure | result | target |")
    print("|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    _ = TextEvent  # imported for readers: the decoder yields these


if __name__ == "__main__":
    main()
