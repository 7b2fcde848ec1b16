"""Edits benchmark: a 30-s 1080x1920 highlight with fades, transitions and a title against a plain one.

Both render the same song excerpt, cuts and footage in one process, alternately, several times; the
table gives the median wall and CPU time (all threads: drawing, x264, AAC) of each and their ratios
(target from the every-edit issue: <= 1.3x). On a shared machine the CPU ratio is the steadier one.
Footage is either the engine's generated visuals or photos (pan) from examples/make_track.py.

    .venv/bin/python benchmarks/bench_edits.py [--runs 3] [--pace beat] [--photos]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    from examples.make_track import make_clips, synthesise, write_wav
    from skill.local.engine import RenderSpec, analyse_track, best_section, plan_cuts, render_video
    from skill.local.engine.fx import ShotStyle
    from skill.local.engine.renderplan import TextCue
    from skill.timeline.vocab import ASPECT_SIZES, DEFAULT_ASPECT

    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pace", default="beat", choices=("beat", "half", "bar", "2bar"))
    ap.add_argument("--transition", default="crossfade", choices=("crossfade", "dip_black", "dip_white"))
    ap.add_argument("--photos", action="store_true", help="photos instead of generated visuals")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        song = work / "song.wav"
        write_wav(song, synthesise(bpm=120, seconds=75))
        clips = tuple(p for p in make_clips(work / "clips") if p.suffix == ".jpg") if args.photos else ()
        a = analyse_track(song)
        sec = best_section(a, duration_s=30.0)
        cuts = plan_cuts(a, start_s=sec.start_s, duration_s=sec.duration_s, pace=args.pace, fps=30)
        w, h = ASPECT_SIZES[DEFAULT_ASPECT]
        base = {
            "song_path": song,
            "start_s": sec.start_s,
            "duration_s": sec.duration_s,
            "width": w,
            "height": h,
        }
        # one photo per shot, in turn (the plan a timeline makes: the engine cycles nothing)
        clips = tuple(clips[k % len(clips)] for k in range(len(cuts) + 1)) if clips else ()
        plain = RenderSpec(**base, cut_times_s=cuts, clips=clips)  # type: ignore[arg-type]
        edited = RenderSpec(
            **base,  # type: ignore[arg-type]
            cut_times_s=cuts,
            clips=clips,
            fade_in_s=1.0,
            fade_out_s=1.0,
            styles=(ShotStyle(args.transition, 0.25),) * (len(cuts) + 1),
            texts=(
                TextCue("Summer Highlights 夏日", 0.0, 5.0, position="top", size="large"),
                TextCue("see you", sec.duration_s - 4, sec.duration_s, position="bottom"),
            ),
        )
        wall: dict[str, list[float]] = {"plain": [], "edited": []}
        cpu: dict[str, list[float]] = {"plain": [], "edited": []}
        for _ in range(args.runs):
            for name, spec in (("plain", plain), ("edited", edited)):
                t0, c0 = time.perf_counter(), time.process_time()
                render_video(spec, work / f"{name}.mp4")
                wall[name].append(time.perf_counter() - t0)
                cpu[name].append(time.process_time() - c0)
    wp, we = statistics.median(wall["plain"]), statistics.median(wall["edited"])
    cp, ce = statistics.median(cpu["plain"]), statistics.median(cpu["edited"])
    footage = "photos" if args.photos else "generated visuals"
    print(
        f"| {footage}, pace {args.pace}, {len(cuts)} cuts, {args.transition} 0.25 s "
        f"| {wp:.2f} | {we:.2f} | {we / wp:.2f} | {cp:.2f} | {ce:.2f} | {ce / cp:.2f} |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
