"""Time a whole turn's words (route + read into core ops) and write the joint table.

Prints router and turn latency per utterance (median of the passes, then p50/p99 over utterances) over
the words tables and the router's labelled table, the blind rounds' scores, and the cost of hostile
megabyte inputs; ``--table FILE`` writes the joint table (router -> editor -> resulting ops) as Markdown.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from skill.local.reading import read  # noqa: E402
from skill.router import route  # noqa: E402
from tests.support.words import check, load  # noqa: E402

REPEATS = 30


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def timed(fn: object, texts: list[str], repeats: int) -> list[float]:
    """Each text's median latency (us) over ``repeats`` passes."""
    call = fn  # type: ignore[assignment]
    samples: list[list[float]] = [[] for _ in texts]
    clock = time.perf_counter_ns
    for _ in range(repeats):
        for i, text in enumerate(texts):
            start = clock()
            call(text)  # type: ignore[operator]
            samples[i].append((clock() - start) / 1000)
    return [statistics.median(s) for s in samples]


def turn(text: str) -> None:
    if route(text).intent.value == "chat":
        read(text)


def joint_markdown(rows: list) -> str:  # type: ignore[type-arg]
    lines = ["| lang | utterance | router | editor ops | acts |", "|---|---|---|---|---|"]
    for row in rows:
        reading = read(row.text)
        ops = ", ".join(
            json.dumps({k: v for k, v in asdict(o).items() if v is not None}, ensure_ascii=False)
            for o in reading.ops
        )
        acts = ", ".join(
            f"{type(a).__name__}({', '.join(str(v) for v in asdict(a).values())})" for a in reading.acts
        )
        text = row.text.replace("|", "\\|")
        lines.append(
            f"| {row.section} | {text} | {route(row.text).intent.value} | {ops or '-'} | {acts or '-'} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument("--table", type=Path, help="write the joint table here (Markdown)")
    args = parser.parse_args()

    joint = load("words_joint.tsv")
    words_rows = joint + load("words_blind.tsv") + load("words_blind2.tsv")
    router_rows = [
        line.split("\t", 3)[3]
        for line in (ROOT / "tests" / "data" / "utterances.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    texts = [r.text for r in words_rows]
    for text in texts + router_rows[:50]:
        turn(text)  # load tables and the pinyin table outside the timing

    for name, fn, sample in (
        ("router", route, texts + router_rows),
        ("turn (route + read)", turn, texts),
        ("turn over the router's table", turn, router_rows),
    ):
        per = timed(fn, sample, args.repeats)
        print(
            f"{name}: {len(sample)} utterances x {args.repeats}: p50 {percentile(per, 50):.1f} us, "
            f"p99 {percentile(per, 99):.1f} us, max {max(per):.1f} us"
        )
    for name in ("words_blind.tsv", "words_blind2.tsv", "words_joint.tsv"):
        rows = load(name)
        results = [check(r) for r in rows]
        n = len(rows)
        print(
            f"{name}: {n} rows, router {sum(x[0] for x in results) / n:.1%}, editor {sum(x[1] for x in results) / n:.1%}, "
            f"reply language {sum(x[2] for x in results) / n:.1%}, joint {sum(all(x[:3]) for x in results) / n:.1%}"
        )
    for label, hostile in (
        ("digits", "1" * 1_000_000),
        ("colons", "1:" * 500_000),
        ("numerals", "一" * 1_000_000),
    ):
        start = time.perf_counter()
        turn(hostile)
        read(hostile)
        print(f"1 MB of {label}: route + read {(time.perf_counter() - start) * 1000:.1f} ms")
    if args.table:
        args.table.write_text(
            "# Joint table: router -> editor -> resulting ops\n\n" + joint_markdown(joint), encoding="utf-8"
        )
        print(f"wrote {args.table}")


if __name__ == "__main__":
    main()
