"""The project page: how long `open` takes, and the page's data and pictures, cold and cached.

Makes a project with the real CLI in a temporary HOME (the demo song from examples/make_track.py and two
small clips), exports it once, then times: `open` when no page server runs (it starts one) and when one
does; the page's data (the first call decodes the song's outline) and its poster and first thumbnail
(the first call decodes a frame), each cold and then cached; and, when Playwright and Chromium are
there, the page in a real browser until everything is drawn. Ratios within the run are what to compare.
Usage: python benchmarks/bench_page.py
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent


def _clip(path: Path, rgb: tuple[int, int, int]) -> None:
    import av
    import numpy as np

    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=15)
        stream.width, stream.height, stream.pix_fmt = 320, 180, "yuv420p"
        for i in range(45):
            img = np.empty((180, 320, 3), dtype=np.uint8)
            img[:] = rgb
            img[:, (i * 8) % 320 : (i * 8) % 320 + 20] = 255
            for packet in stream.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)


def _cli(env: dict[str, str], *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "skill", *args, "--json"], env=env, capture_output=True, text=True, check=True
    )
    events = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    result: dict[str, Any] = [e for e in events if e["event"] == "result"][-1]
    return result


def _timed(call: Any, runs: int = 1) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def _browser_ms(link: str) -> float | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    chromium = shutil.which("chromium")
    if not chromium:
        return None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        start = time.perf_counter()
        page.goto(link)
        page.wait_for_selector("body[data-ready='1']")
        page.wait_for_function("() => [...document.images].every(i => i.complete)")
        elapsed = (time.perf_counter() - start) * 1000
        browser.close()
    return elapsed


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="bench-page-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEMO_", "SKILL_"))}
    env.update(
        HOME=str(home), XDG_CONFIG_HOME=str(home / "c"), XDG_DATA_HOME=str(home / "d"), SKILL_AUTO_EXPORT="0"
    )
    song = home / "song.wav"
    subprocess.run(
        [sys.executable, str(ROOT / "examples" / "make_track.py"), str(song)], check=True, capture_output=True
    )
    _clip(home / "a.mp4", (220, 40, 40))
    _clip(home / "b.mp4", (40, 90, 230))
    try:
        _cli(
            env,
            "say",
            "use these",
            "--file",
            str(song),
            "--file",
            str(home / "a.mp4"),
            "--file",
            str(home / "b.mp4"),
        )
        _cli(env, "say", "sync the visuals to the beat and make the best 10 second highlight")
        env["SKILL_PAGE_SERVER"] = "off"  # the export must not start the page server: `open` is timed cold
        _cli(env, "export", "-o", str(home / "out.mp4"))
        env.pop("SKILL_PAGE_SERVER")
        rows: list[tuple[str, float]] = []
        link = ""

        def open_page() -> None:
            nonlocal link
            link = _cli(env, "open", "--no-browser")["link"]

        rows.append(("open, no page server running (starts one)", _timed(open_page)))
        rows.append(("open, page server running (median of 5)", _timed(open_page, 5)))
        base, _, ct = link.partition("/workspace/claim?ct=")
        http = httpx.Client(base_url=base, trust_env=False, timeout=60)
        data = lambda: http.get("/workspace/claim/data", params={"ct": ct}).raise_for_status()  # noqa: E731
        rows.append(("page data, first (decodes the song's outline)", _timed(data)))
        rows.append(("page data, cached (median of 10)", _timed(data, 10)))
        poster = lambda: http.get("/workspace/claim/poster", params={"ct": ct}).raise_for_status()  # noqa: E731
        rows.append(("poster, first (decodes a frame)", _timed(poster)))
        rows.append(("poster, cached (median of 10)", _timed(poster, 10)))
        thumb = lambda: http.get("/workspace/claim/thumb", params={"ct": ct, "i": 0}).raise_for_status()  # noqa: E731
        rows.append(("first shot thumbnail, first", _timed(thumb)))
        rows.append(("first shot thumbnail, cached (median of 10)", _timed(thumb, 10)))
        shown = _browser_ms(link)
        if shown is not None:
            rows.append(("Chromium: link to everything drawn (cached)", shown))
        print(f"{'measure':52s} {'ms':>8s}")
        for name, ms in rows:
            print(f"{name:52s} {ms:8.1f}")
    finally:
        subprocess.run([sys.executable, "-m", "skill", "open", "--stop"], env=env, capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
