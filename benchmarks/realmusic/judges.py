"""Reference beats for the real-music set, from two strong trackers run in their own venv.

* madmom (RNN + DBN beats; RNN + DBN downbeats with 3 or 4 beats per bar): the strongest
  open tracker; its weights are non-commercial, which is fine for a judge.
* madmom's bar tracker (RNN over beat-synchronous features + DBN, given madmom's beats): a
  second downbeat judge, so tracks whose bar phase the two read differently are reported apart.
* essentia's BeatTrackerMultiFeature (pure DSP; AGPL, fine for a judge).
* librosa's ``beat_track``: not a judge, the baseline column of the table.

The judges never run inside ``skill/``: they live in ``.judges-venv`` (see
``setup_judges.sh``) and their outputs are cached as JSON in ``refs/`` (beat times are data,
not audio), so the harness and the tests need neither of them.

Run: ``nice -n 10 .judges-venv/bin/python -m benchmarks.realmusic.judges [--force] [--reverse] [--bars] [ID ...]``
(``--bars`` adds the second downbeat judge to references made before it existed).
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from .excerpts import REFS_DIR, SR, Excerpt, load_manifest


def run_madmom(path: str) -> dict[str, Any]:
    from madmom.features.beats import DBNBeatTrackingProcessor, RNNBeatProcessor
    from madmom.features.downbeats import DBNDownBeatTrackingProcessor, RNNDownBeatProcessor

    t0 = time.perf_counter()
    act = RNNBeatProcessor()(path)
    beats = DBNBeatTrackingProcessor(fps=100)(act)
    t1 = time.perf_counter()
    dact = RNNDownBeatProcessor()(path)
    bars = DBNDownBeatTrackingProcessor(beats_per_bar=[3, 4], fps=100)(dact)
    t2 = time.perf_counter()
    return {
        "beats": [round(float(b), 4) for b in beats],
        "downbeat_beats": [round(float(t), 4) for t, n in bars],
        "downbeat_numbers": [int(n) for t, n in bars],
        "downbeats": [round(float(t), 4) for t, n in bars if int(n) == 1],
        "seconds_beats": round(t1 - t0, 3),
        "seconds_downbeats": round(t2 - t1, 3),
    }


def run_madmom_bars(path: str, beats: list[float]) -> dict[str, Any]:
    """A second downbeat judge: madmom's bar tracker (an RNN over beat-synchronous features, then a
    DBN with 3 or 4 beats per bar), given madmom's beats.  Where it and the downbeat RNN disagree,
    the bar phase is ambiguous (``bench_beats.py`` reports those tracks apart)."""
    import numpy as np
    from madmom.features.downbeats import DBNBarTrackingProcessor, RNNBarProcessor

    t0 = time.perf_counter()
    act = RNNBarProcessor()((path, np.asarray(beats, dtype=float)))
    bars = DBNBarTrackingProcessor(beats_per_bar=[3, 4])(act)
    return {
        "downbeats": [round(float(t), 4) for t, n in bars if int(n) == 1],
        "downbeat_numbers": [int(n) for t, n in bars],
        "seconds": round(time.perf_counter() - t0, 3),
    }


def run_essentia(path: str) -> dict[str, Any]:
    import essentia.standard as es

    t0 = time.perf_counter()
    audio = es.MonoLoader(filename=path, sampleRate=SR)()
    beats, confidence = es.BeatTrackerMultiFeature()(audio)
    return {
        "beats": [round(float(b), 4) for b in beats],
        "confidence": round(float(confidence), 3),
        "seconds": round(time.perf_counter() - t0, 3),
    }


def run_librosa(path: str) -> dict[str, Any]:
    import librosa

    y, sr = librosa.load(path, sr=22050, mono=True)
    t0 = time.perf_counter()
    tempo, beats = librosa.beat.beat_track(y=y, sr=sr, units="time")
    return {
        "beats": [round(float(b), 4) for b in beats],
        "tempo": round(float(tempo if not hasattr(tempo, "__len__") else tempo[0]), 3),
        "seconds": round(time.perf_counter() - t0, 3),
    }


def judge(ex: Excerpt) -> dict[str, Any]:
    path = str(ex.wav)
    madmom = run_madmom(path)
    return {
        "id": ex.id,
        "length_s": ex.length_s,
        "madmom": madmom,
        "madmom_bars": run_madmom_bars(path, madmom["beats"]),
        "essentia": run_essentia(path),
        "librosa": run_librosa(path),
    }


def add_bars(ex: Excerpt) -> bool:
    """Add the bar tracker's downbeats to an existing reference (False: it has them already)."""
    ref = json.loads(ex.ref.read_text(encoding="utf-8"))
    if "madmom_bars" in ref:
        return False
    ref["madmom_bars"] = run_madmom_bars(str(ex.wav), ref["madmom"]["beats"])
    ex.ref.write_text(json.dumps(ref, indent=None) + "\n", encoding="utf-8")
    return True


def main(argv: list[str]) -> int:
    force = "--force" in argv
    wanted = {a for a in argv if not a.startswith("--")}
    REFS_DIR.mkdir(parents=True, exist_ok=True)
    order = load_manifest()[:: -1 if "--reverse" in argv else 1]  # a second worker starts at the end
    for ex in order:
        if wanted and ex.id not in wanted:
            continue
        if ex.ref.is_file() and not force:
            if "--bars" in argv and ex.wav.is_file() and add_bars(ex):
                print(f"{ex.id}: bar tracker added", flush=True)
            continue
        if not ex.wav.is_file():
            print(f"{ex.id}: excerpt missing; run benchmarks.realmusic.excerpts first", file=sys.stderr)
            return 1
        out = judge(ex)
        ex.ref.write_text(json.dumps(out, indent=None) + "\n", encoding="utf-8")
        m, e = out["madmom"], out["essentia"]
        print(f"{ex.id}: madmom {len(m['beats'])} beats, essentia {len(e['beats'])}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
