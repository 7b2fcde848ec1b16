"""Clip sound benchmark: a 30-s highlight from 5 clips with their own sound, mixed, ducked and normalised,
against the same render with the music alone (no clip sound, no normalisation), as a ratio of times.

The clips (5 s each, 640x360, a tone or a noise burst each) and the song (the tests' synthetic song)
are made here. Each render runs in this process, alternating the two settings, ``--runs`` times; the
table gives the medians of wall and CPU time (all threads; steadier than wall on a loaded machine), their
ratios and the mix stage alone. Run:

    nice -n 10 .venv/bin/python benchmarks/bench_mix.py [--runs 3] [--size 1080x1920]
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "local" / "engine" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _clips(workdir: Path, sound: ModuleType) -> list[Path]:
    rng = np.random.default_rng(3)
    out = []
    for k in range(5):
        if k % 2:
            burst = rng.standard_normal(5 * 48000) * 0.1

            def noise(t: np.ndarray, b: np.ndarray = burst) -> np.ndarray:
                return b[: t.size] * ((t % 1.0) < 0.4)

            fn = noise
        else:
            fn = sound.tone(400.0 + 300 * k, 0.2)
        out.append(sound.write_clip(workdir / f"clip{k}.mp4", seconds=5, sound=fn, size=(640, 360)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--size", default="1080x1920")
    args = ap.parse_args()
    width, height = (int(v) for v in args.size.split("x"))

    from skill.local.engine import analyse_track, best_section, plan_cuts
    from skill.local.engine.render import RenderSpec, render_video

    synth, sound = _load("synth"), _load("sound")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        song = synth.make_song(bpm=120, seconds=60, seed=7)
        wav = synth.write_wav(workdir / "song.wav", song.y, song.sr)
        clips = _clips(workdir, sound)
        analysis = analyse_track(wav)
        section = best_section(analysis, duration_s=30.0)
        cuts = plan_cuts(analysis, start_s=section.start_s, duration_s=section.duration_s, pace="half")
        base = RenderSpec(
            song_path=wav,
            start_s=section.start_s,
            duration_s=section.duration_s,
            width=width,
            height=height,
            cut_times_s=cuts,
            clips=tuple(clips[k % len(clips)] for k in range(len(cuts) + 1)),  # one per shot, in turn
        )
        settings = {
            "clip sound + ducking + loudness": base,
            "music only (no clip sound, not normalised)": dataclasses.replace(
                base, keep_clip_audio=False, loudness_lufs=None
            ),
        }
        walls: dict[str, list[float]] = {k: [] for k in settings}
        cpus: dict[str, list[float]] = {k: [] for k in settings}
        mixes: dict[str, list[float]] = {k: [] for k in settings}
        for _ in range(args.runs):
            for name, spec in settings.items():
                t0, c0 = time.perf_counter(), time.process_time()
                result = render_video(spec, workdir / "out.mp4")
                walls[name].append(time.perf_counter() - t0)
                cpus[name].append(time.process_time() - c0)  # every thread: steadier than wall under load
                mixes[name].append(result.stage_seconds.get("mix", 0.0))
    base = "music only (no clip sound, not normalised)"
    wall_ref, cpu_ref = statistics.median(walls[base]), statistics.median(cpus[base])
    print(
        f"30-s highlight, {len(cuts) + 1} shots from 5 clips with sound, {width}x{height}, {args.runs} runs"
    )
    print()
    print("| render | median wall s | wall ratio | median CPU s | CPU ratio | mix stage s |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in settings:
        wall, cpu, mix = (statistics.median(v[name]) for v in (walls, cpus, mixes))
        print(
            f"| {name} | {wall:.2f} | {wall / wall_ref:.2f} | {cpu:.2f} | {cpu / cpu_ref:.2f} | {mix:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
