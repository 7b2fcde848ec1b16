"""Media engine benchmark: cold `music-to-best render-local` processes on a synthetic 3-minute song.

Prints a markdown table: full-track render and 30-s highlight wall time, realtime factor,
peak RSS of the process, per-stage seconds, and the x264 floor (ffmpeg encoding the same
number of 1080p30 frames of testsrc2 with the same preset). Run:

    .venv/bin/python benchmarks/bench_engine.py [--seconds 180]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _load_synth():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("synth", ROOT / "tests" / "local" / "engine" / "synth.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["synth"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _cli() -> list[str]:
    exe = Path(sys.executable).with_name("music-to-best")
    if exe.is_file():
        return [str(exe)]
    return [sys.executable, "-c", "import sys; from skill.cli import main; sys.exit(main())"]


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float, str, str, int]:
    """Run a child; return (wall_s, peak_rss_mb, stdout, stderr, returncode)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return wall, usage.ru_maxrss / 1024, out.read().decode(), err.read().decode(), proc.returncode


def _song(seconds: float, workdir: Path) -> Path:
    synth = _load_synth()
    bars = max(8, int(seconds / 2))  # 120 BPM: 2 s per bar
    parts, used = [("intro", 4)], 4
    while used < bars:
        label = "verse" if len(parts) % 2 else "chorus"
        n = min(16, bars - used)
        parts.append((label, n))
        used += n
    song = synth.make_song(bpm=120, structure=parts, seed=42)
    wav = synth.write_wav(workdir / "song.wav", song.y, song.sr)
    mp3 = workdir / "song.mp3"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(wav), "-b:a", "192k", str(mp3)], check=True)
    return mp3


def _clips(workdir: Path) -> list[str]:
    """Two 1080p30 phone-like clips (testsrc2, mandelbrot) and one photo."""
    import numpy as np
    from PIL import Image

    out = []
    for k, src in enumerate(("testsrc2=size=1920x1080:rate=30", "mandelbrot=size=1920x1080:rate=30")):
        clip = workdir / f"clip{k}.mp4"
        subprocess.run(
            ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", src, "-t", "12", "-c:v", "libx264", "-preset", "ultrafast",
             "-pix_fmt", "yuv420p", str(clip)],
            check=True,
        )  # fmt: skip
        out.append(str(clip))
    rng = np.random.default_rng(0)
    photo = workdir / "photo.jpg"
    Image.fromarray(rng.integers(0, 255, (1200, 1600, 3), dtype=np.uint8)).save(photo)
    out.append(str(photo))
    return out


def _x264_floor(frames: int, preset: str) -> float:
    t0 = time.perf_counter()
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30", "-frames:v", str(frames),
         "-c:v", "libx264", "-preset", preset, "-f", "null", "-"],
        check=True,
    )  # fmt: skip
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=180.0)
    parser.add_argument("--highlight", type=float, default=30.0)
    parser.add_argument("--keep", action="store_true", help="keep the work dir")
    args = parser.parse_args()
    from skill.local.engine.encode import X264_PRESET

    workdir = Path(tempfile.mkdtemp(prefix="bench-engine-"))
    try:
        song = _song(args.seconds, workdir)
        rows = []
        for label, extra in (
            (f"full track ({args.seconds:.0f} s, 16:9)", []),
            (f"{args.highlight:.0f}-s highlight (16:9)", ["--seconds", str(args.highlight)]),
            (
                f"{args.highlight:.0f}-s highlight (9:16, title)",
                ["--seconds", str(args.highlight), "--aspect", "9:16", "--title", "夏日 Highlights"],
            ),
            (
                f"{args.highlight:.0f}-s highlight (16:9, 2 clips + photo, pace bar)",
                ["--seconds", str(args.highlight), "--pace", "bar", "--clips", *_clips(workdir)],
            ),
        ):
            data = workdir / f"data-{len(rows)}"  # a fresh data dir: no analysis cache, a cold run
            env = {**os.environ, "XDG_DATA_HOME": str(data), "XDG_CONFIG_HOME": str(data / "cfg")}
            out = workdir / f"out-{len(rows)}.mp4"
            wall, rss, stdout, stderr, rc = _run(
                [*_cli(), "render-local", str(song), "-o", str(out), "--json", *extra], env
            )
            if rc != 0:
                print(stderr, file=sys.stderr)
                return 1
            result = json.loads(stdout.strip().splitlines()[-1])
            rows.append((label, wall, rss, result))
        print(
            "| run | wall s | video s | realtime x | peak RSS MB | analyse s | audio s | prepare s | encode s | fps |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for label, wall, rss, r in rows:
            st = r["stage_seconds"]
            frames = round(r["duration_s"] * 30)
            print(
                f"| {label} | {wall:.1f} | {r['duration_s']:.1f} | {r['duration_s'] / wall:.1f} | {rss:.0f} | "
                f"{st.get('analyse', 0):.2f} | {st.get('decode_audio', 0):.2f} | {st.get('prepare', 0):.2f} | "
                f"{st.get('encode', 0):.2f} | {frames / st.get('encode', 1):.0f} |"
            )
        frames_full = round(rows[0][3]["duration_s"] * 30)
        floor = _x264_floor(frames_full, X264_PRESET)
        print(
            f"| x264 floor: ffmpeg testsrc2 1080p30, {frames_full} frames, -preset {X264_PRESET} | {floor:.1f} | "
            f"{frames_full / 30:.1f} | {frames_full / 30 / floor:.1f} | | | | | {floor:.2f} | {frames_full / floor:.0f} |"
        )
    finally:
        if args.keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
