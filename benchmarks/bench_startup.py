"""Start-up time: ``music-to-best --version`` against ``python -c "import httpx, pydantic, yaml"``.

Prints the median wall time of each over N cold process runs and their ratio (target <= 1.5). The
last row is a whole command on the embedded backend (``credits``: start it, one request, stop it), in
a fresh home so no earlier state or page server is in the way.
Usage: python benchmarks/bench_startup.py [runs]
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


def _time(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
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
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NEMO_", "SKILL_"))}
        env.update(HOME=home, XDG_DATA_HOME=f"{home}/data", XDG_CONFIG_HOME=f"{home}/config")
        env["SKILL_PAGE_SERVER"] = "off"
        credits = [script, "credits", "--json"]
        _time(credits, 1, env)  # the first run creates the local state
        results["music-to-best credits --json (embedded)"] = _time(credits, max(3, runs // 2), env)
    base = results["python -c 'import httpx, pydantic, yaml'"]
    print(f"{'command':45s} {'median ms':>10s} {'ratio':>7s}")
    for name, seconds in results.items():
        print(f"{name:45s} {seconds * 1000:10.1f} {seconds / base:7.2f}")


if __name__ == "__main__":
    main()
