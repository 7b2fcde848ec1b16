"""Start-up time: ``music-to-best --version`` against ``python -c "import httpx, pydantic, yaml"``.

Prints the median wall time of each over N cold process runs and their ratio (target <= 1.5).
Usage: python benchmarks/bench_startup.py [runs]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _time(cmd: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    script = shutil.which("music-to-best") or str(Path(sys.executable).parent / "music-to-best")
    baseline = [sys.executable, "-c", "import httpx, pydantic, yaml"]
    cases = {
        "python -c 'import httpx, pydantic, yaml'": baseline,
        "music-to-best --version": [script, "--version"],
        "python -m skill --version": [sys.executable, "-m", "skill", "--version"],
        "music-to-best doctor --json": [script, "doctor", "--json"],
    }
    _time(baseline, 2)  # warm the OS file cache so the first case is not penalised
    results = {name: _time(cmd, runs) for name, cmd in cases.items()}
    base = results["python -c 'import httpx, pydantic, yaml'"]
    print(f"{'command':45s} {'median ms':>10s} {'ratio':>7s}")
    for name, seconds in results.items():
        print(f"{name:45s} {seconds * 1000:10.1f} {seconds / base:7.2f}")


if __name__ == "__main__":
    main()
