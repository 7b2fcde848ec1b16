"""Print the router's per-utterance latency (p50, p99) and the GUI translator's throughput."""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from skill.gui import translate
from skill.router import load_routes, route

TABLE_PATH = Path(__file__).resolve().parent.parent / "tests" / "data" / "utterances.tsv"
ROUTE_REPEATS = 50
TRANSLATE_SECONDS = 2.0
BACKEND_TEXTS = (
    "Done! I analysed your song (about 120 BPM) and cut 24 shots on every bar, 16:9 at 1920x1080.",
    "Preview it in the timeline, then click Export to download the MP4.",
    "Preview the change in the timeline, or export when you are ready.",
    "Title set to “Neon Nights” (3–6s).",
    "Open the Media panel to see your files.",
    "Drag the clip onto the timeline to add it after the chorus.",
    "Open Road is a great choice; the drop hits at 0:42 and I opened with a drum fill.",
    "好了！我分析了《夜曲》（约 96 BPM），选出最精彩的 30 秒，按每小节剪成 12 段画面。",
    "可以在时间线中预览，点击导出即可下载 MP4。",
    "可以在时间线中预览修改，满意后就可以导出。",
    "打开心扉，迎接阳光。",
    "點擊「匯出」按鈕下載影片。",
)


def load_utterances(path: Path = TABLE_PATH) -> list[tuple[str, bool]]:
    """Read the utterances and their has_files flags from the labelled table."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            _intent, _lang, files, text = line.split("\t", 3)
            rows.append((text, files == "1"))
    return rows


def percentile(sorted_values: list[float], q: float) -> float:
    """Return the q-th percentile (0-100) of sorted values, nearest rank."""
    index = min(len(sorted_values) - 1, max(0, round(q / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


def bench_route(rows: list[tuple[str, bool]], repeats: int) -> list[list[float]]:
    """Time every utterance ``repeats`` times; return each utterance's latencies in microseconds."""
    samples: list[list[float]] = [[] for _ in rows]
    clock = time.perf_counter_ns
    for _ in range(repeats):
        for i, (text, has_files) in enumerate(rows):
            start = clock()
            route(text, has_files=has_files)
            samples[i].append((clock() - start) / 1000)
    return samples


def bench_translate(texts: tuple[str, ...], seconds: float) -> tuple[float, float]:
    """Translate the texts in a loop for about ``seconds``; return texts/s and chars/s."""
    count = chars = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text in texts:
            translate(text)
            count += 1
            chars += len(text)
    elapsed = time.perf_counter() - start
    return count / elapsed, chars / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=ROUTE_REPEATS, help="passes over the table")
    parser.add_argument("--seconds", type=float, default=TRANSLATE_SECONDS, help="translator run time")
    args = parser.parse_args()

    start = time.perf_counter()
    load_routes()
    load_ms = (time.perf_counter() - start) * 1000
    translate("Click Export.")  # compile the translator's patterns outside the timing
    rows = load_utterances()
    bench_route(rows, 1)  # warm caches

    per_utterance = bench_route(rows, args.repeats)
    # Each utterance's median over the passes: other processes on a shared machine inflate single calls.
    typical = sorted(statistics.median(times) for times in per_utterance)
    calls = sorted(t for times in per_utterance for t in times)
    print(f"routes load (once per process): {load_ms:.1f} ms")
    print(
        f"router, per utterance (median of {args.repeats} passes, {len(rows)} utterances): "
        f"p50 {percentile(typical, 50):.1f} us, p99 {percentile(typical, 99):.1f} us, max {typical[-1]:.1f} us"
    )
    print(
        f"router, every call ({len(calls)}): p50 {percentile(calls, 50):.1f} us, "
        f"p99 {percentile(calls, 99):.1f} us, mean {statistics.fmean(calls):.1f} us"
    )
    long_text = "please export the video " * 5_000
    route(long_text)
    start = time.perf_counter_ns()
    route(long_text)
    print(f"router on a {len(long_text):,}-character paste: {(time.perf_counter_ns() - start) / 1000:.0f} us")

    texts_per_s, chars_per_s = bench_translate(BACKEND_TEXTS, args.seconds)
    print(
        f"translator: {texts_per_s:,.0f} texts/s, {chars_per_s:,.0f} chars/s ({len(BACKEND_TEXTS)} backend texts)"
    )


if __name__ == "__main__":
    main()
