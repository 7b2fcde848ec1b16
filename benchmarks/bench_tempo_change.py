"""Tempo changes: two real excerpts joined end to end, each part scored against the judge.

Runs in the judges' venv (``mir_eval``), like ``bench_beats.py``:

    nice -n 10 .judges-venv/bin/python benchmarks/bench_tempo_change.py

Each pair takes 45 s of one excerpt of the real-music set (from 10 s in) and 45 s of another,
so the tempo switches once at 45 s.  Each part is scored (beat F, +-70 ms) against madmom's
beats of its own excerpt, leaving out 5 s at the start and 1 s either side of the switch.
``--off`` runs the same without tempo sections (one tempo family for the whole song), for the
side-by-side ratio.
"""

from __future__ import annotations

import sys
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_beats import f_measure  # noqa: E402
from benchmarks.realmusic.excerpts import SR, load_manifest  # noqa: E402

PART_S = 45.0
FROM_S = 10.0
# (first, second): 136 -> 80, 80 -> 136, 140 -> 90, 140 -> 70 (an octave: one tempo family)
PAIRS = (
    ("st-chipdisko", "hw-desert"),
    ("hw-desert", "st-chipdisko"),
    ("fd-imperial-army", "st-airship2"),
    ("hw-rock", "lc-city-blues"),
)


def _samples(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return pcm.astype(np.float32) / 32768.0


def _ref_part(ref: np.ndarray, offset_s: float) -> np.ndarray:
    """The judge's beats of the 45 s used, moved to where they sit in the joined song."""
    part = ref[(ref >= FROM_S) & (ref < FROM_S + PART_S)] - FROM_S + offset_s
    return np.asarray(part)


def main(argv: list[str]) -> int:
    import json

    from skill.local.engine import tracking
    from skill.local.engine.analysis import analyse_track

    if "--off" in argv:
        tracking.tempo_sections = lambda env, **_: [(0, env.size)]  # type: ignore[assignment]
    ex = {e.id: e for e in load_manifest()}
    scores: list[float] = []
    for a, b in PAIRS:
        lo, hi = int(FROM_S * SR), int((FROM_S + PART_S) * SR)
        y = np.concatenate([_samples(ex[a].wav)[lo:hi], _samples(ex[b].wav)[lo:hi]])
        refs = [
            np.asarray(json.loads(ex[k].ref.read_text(encoding="utf-8"))["madmom"]["beats"]) for k in (a, b)
        ]
        with tempfile.TemporaryDirectory() as td:
            wav = Path(td) / "joined.wav"
            with wave.open(str(wav), "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(2)
                w.setframerate(SR)
                w.writeframes((np.clip(y, -1, 1) * 32767).astype("<i2").tobytes())
            t0 = time.perf_counter()
            got = analyse_track(wav, cache_dir=Path(td))
            secs = time.perf_counter() - t0
        est = np.asarray(got.beats_s)
        r1, r2 = _ref_part(refs[0], 0.0), _ref_part(refs[1], PART_S)
        first = f_measure(r1[r1 < PART_S - 1], est[est < PART_S - 1])
        second = f_measure(r2[r2 > PART_S + 1], est[est > PART_S + 1])
        bpm = [60.0 / float(np.median(np.diff(r))) for r in refs]
        scores += [first, second]
        print(
            f"{a} ({bpm[0]:.0f} BPM) -> {b} ({bpm[1]:.0f} BPM): part F {first:.2f} / {second:.2f}, "
            f"analysis {secs:.2f} s"
        )
    print(f"mean part F {np.mean(scores):.3f} ({'without' if '--off' in argv else 'with'} tempo sections)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
