"""NLE export: how long writing and reading each format takes, and an editor export against an MP4 one.

    nice -n 10 .venv/bin/python benchmarks/bench_nle.py [--shots 60] [--runs 20] [--no-e2e]

Part 1 builds a 30-second, 120 BPM timeline cut on every beat (60 shots of real small files, 60 beat,
15 downbeat and 3 section markers) and times build + write + read-back per format (median of runs).
Part 2 makes a 30-second project on the embedded backend (a song, a clip and a photo) with the CLI and
times ``export --format`` for each format against ``export`` (the MP4 render), as ratios in one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _plan(folder: Path, n_shots: int):  # type: ignore[no-untyped-def]
    from skill.nle.plan import ExportPlan, Media, MusicCue, SectionCue, ShotCue, TextMark
    from tests.nle.conftest import clip_with_sound, photo, song

    clip = Media(clip_with_sound(folder / "clip.mp4", seconds=4.0), 4.0, has_audio=True)
    still = Media(photo(folder / "photo.jpg"), None, has_audio=False)
    music = Media(song(folder / "song.wav", seconds=40.0), 40.0, has_video=False, has_audio=True)
    beat = 30.0 / n_shots
    shots = tuple(
        ShotCue(
            k * beat,
            (k + 1) * beat,
            "clip" if k % 2 else "photo",
            clip if k % 2 else still,
            "clip.mp4" if k % 2 else "photo.jpg",
            source_in_s=(k % 7) * 0.3 if k % 2 else 0.0,
            audio_gain=0.5 if k % 2 else None,
        )
        for k in range(n_shots)
    )
    return ExportPlan(
        name="Bench",
        duration_s=30.0,
        width=1080,
        height=1920,
        shots=shots,
        music=MusicCue(music, "song.wav", 5.0, 0.8),
        texts=(TextMark("Bench", 0.0, 3.0),),
        beats_s=tuple(k * 0.5 for k in range(60)),
        downbeats_s=tuple(k * 2.0 for k in range(15)),
        sections=(SectionCue("intro", 0, 8), SectionCue("verse", 8, 20), SectionCue("chorus", 20, 30)),
    )


def part1(n_shots: int, runs: int) -> None:
    from skill.nle.build import build_timeline
    from skill.nle.formats import FORMATS, NLE_FORMATS
    from skill.nle.write import read_back, write_timeline

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plan = _plan(folder, n_shots)
        build = []
        for _ in range(runs):
            t0 = time.perf_counter()
            built = build_timeline(plan)
            build.append(time.perf_counter() - t0)
        print(f"| build the OTIO timeline ({n_shots} shots) | {statistics.median(build) * 1000:.1f} | |")
        for fmt in NLE_FORMATS:
            writes, reads = [], []
            path = folder / f"out{FORMATS[fmt].suffix}"
            for _ in range(runs):
                t0 = time.perf_counter()
                write_timeline(built, path, fmt)
                writes.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                read_back(path, fmt, plan.fps)
                reads.append(time.perf_counter() - t0)
            size = path.stat().st_size / 1024
            print(
                f"| {fmt}: write / read back | {statistics.median(writes) * 1000:.1f} / "
                f"{statistics.median(reads) * 1000:.1f} | {size:.0f} KB |"
            )


def _cli(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "skill", *args], cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - t0


def part2() -> None:
    from skill.nle.formats import NLE_FORMATS
    from tests.nle.conftest import clip_with_sound, photo, song

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NEMO_", "SKILL_"))}
        env.update(HOME=str(folder), XDG_CONFIG_HOME=str(folder / "c"), XDG_DATA_HOME=str(folder / "d"))
        song(folder / "song.wav", seconds=40.0)
        clip_with_sound(folder / "clip.mp4", seconds=6.0, size=(640, 360), fps=30)
        photo(folder / "photo.jpg", size=(640, 480))
        _cli(["upload", "song.wav", "clip.mp4", "photo.jpg"], folder, env)
        env["SKILL_AUTO_EXPORT"] = "0"
        _cli(["say", "make the best 30 second highlight"], folder, env)
        mp4 = _cli(["export", "-o", "bench.mp4"], folder, env)
        print(f"| export (MP4 render, 30 s, 1920x1080) | {mp4:.2f} s | 1.00 |")
        for fmt in NLE_FORMATS:
            seconds = _cli(["export", "--format", fmt, "-o", f"bench-{fmt}"], folder, env)
            print(f"| export --format {fmt} | {seconds:.2f} s | {seconds / mp4:.2f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=int, default=60)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-e2e", action="store_true", help="skip part 2 (the backend and a render)")
    args = parser.parse_args()
    print("| step | median ms | file |\n|---|---:|---:|")
    part1(args.shots, args.runs)
    if not args.no_e2e:
        print("\n| command | wall time | ratio to the MP4 export |\n|---|---:|---:|")
        part2()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
