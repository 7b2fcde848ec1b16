"""The conversation layer's cost: ``make`` (upload, chat turns, export, download through the embedded
backend) against ``render-local`` (the engine alone) on the same 3-minute track, both cold.

Each run is a fresh process with a fresh HOME (no token, session or analysis cache). Prints the wall
time of each, the median over N runs, and the overhead of ``make`` over ``render-local`` (target <= 10 %).
Usage: python benchmarks/bench_make.py [runs] [track_seconds] [highlight_seconds]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
from make_track import synthesise, write_wav  # noqa: E402


def _cli() -> list[str]:
    script = shutil.which("music-to-best") or str(Path(sys.executable).parent / "music-to-best")
    return [script]


def _run(args: list[str], workdir: Path) -> float:
    home = workdir / f"home-{time.monotonic_ns()}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEMO_", "SKILL_", "XDG_"))}
    env["HOME"] = str(home)
    start = time.perf_counter()
    proc = subprocess.run(_cli() + args, cwd=workdir, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{args[0]} failed ({proc.returncode}): {proc.stderr.strip()[-400:]}")
    shutil.rmtree(home, ignore_errors=True)
    return elapsed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    track_s = float(sys.argv[2]) if len(sys.argv) > 2 else 180.0
    highlight_s = float(sys.argv[3]) if len(sys.argv) > 3 else 30.0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        song = work / "track.wav"
        write_wav(song, synthesise(bpm=124.0, seconds=track_s))
        common = ["--seconds", f"{highlight_s:g}", "--aspect", "9:16"]
        cases = {
            "render-local (engine only)": ["render-local", str(song), "-o", str(work / "a.mp4"), *common],
            "make (conversation + backend)": ["make", str(song), "-o", str(work / "b.mp4"), *common],
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(runs):  # interleave so drift affects both alike
            for name, args in cases.items():
                times[name].append(_run(args, work))
    print(f"track {track_s:.0f} s, {highlight_s:g} s highlight at 9:16, {runs} cold runs each")
    print(f"{'command':32s} {'median s':>9s} {'runs':>24s}")
    for name, samples in times.items():
        print(f"{name:32s} {statistics.median(samples):9.2f} {' '.join(f'{s:.2f}' for s in samples):>24s}")
    base = statistics.median(times["render-local (engine only)"])
    made = statistics.median(times["make (conversation + backend)"])
    print(f"overhead of make: {100 * (made - base) / base:+.1f} %")


if __name__ == "__main__":
    main()
