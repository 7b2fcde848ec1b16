"""Beat tracker on real music: score the engine against two judges, beside librosa.

Runs in the judges' venv (it needs ``mir_eval``; the engine itself needs only numpy + PyAV):

    nice -n 10 .judges-venv/bin/python benchmarks/bench_beats.py [--markdown] [--timing] [--split dev|held]
    nice -n 10 .judges-venv/bin/python benchmarks/bench_beats.py --split fresh [--tracks]

Reference beats come from ``benchmarks/realmusic/refs/*.json`` (madmom RNN+DBN, essentia
multi-feature, librosa), made once by ``benchmarks.realmusic.judges``.  A track is *agreed*
when the two judges agree (beat F between them >= 0.8); the others are *ambiguous* and are
reported apart.  Scores use madmom as the reference (mir_eval, first 5 s trimmed, +-70 ms).

Columns: F (beat F-measure), F near (against the nearer judge), CMLt, AMLt, tempo level (``=``
when the median beat period is within 4 % of madmom's, else the ratio), fail (``ok``, ``anti``,
a tempo ratio or ``drift``), downbeat F (against madmom's downbeats), db judges (how far madmom's
downbeat RNN and its bar tracker agree on the bars: below 0.8 the bar phase is ambiguous, and those
tracks' downbeat F is reported apart, beside the F against the nearer of the two), median signed timing error
(ms, engine minus madmom, over matched beats), and librosa's F beside it.
``--timing`` also times the engine, essentia and madmom on the longest excerpt in this run.

The *fresh* split was built after the tracker was tuned, to check that a change generalises.  It
stays out of the default run (so the dev/held numbers keep their meaning) and is scored only with
``--split fresh``, which prints its summaries alone: per-track rows only with ``--tracks``, so a
check on it does not turn it into a second dev set.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.realmusic.excerpts import Excerpt, load_manifest  # noqa: E402

AGREE_F = 0.8
LEVEL_TOL = 0.04
FRESH = "fresh"  # built after tuning: only with --split fresh, summaries only unless --tracks
SPLITS = ("dev", "held", FRESH)


def _trim(b: np.ndarray) -> np.ndarray:
    import mir_eval

    return np.asarray(mir_eval.beat.trim_beats(np.asarray(b, dtype=float)))


def f_measure(ref: Any, est: Any) -> float:
    import mir_eval

    r, e = _trim(np.asarray(ref)), _trim(np.asarray(est))
    if r.size == 0 or e.size == 0:
        return 0.0
    return float(mir_eval.beat.f_measure(r, e))


def continuity(ref: Any, est: Any) -> tuple[float, float]:
    import mir_eval

    r, e = _trim(np.asarray(ref)), _trim(np.asarray(est))
    if r.size < 2 or e.size < 2:
        return 0.0, 0.0
    _cmlc, cmlt, _amlc, amlt = mir_eval.beat.continuity(r, e)
    return float(cmlt), float(amlt)


def level(ref: np.ndarray, est: np.ndarray) -> str:
    if ref.size < 2 or est.size < 2:
        return "?"
    ratio = float(np.median(np.diff(ref)) / np.median(np.diff(est)))
    return "=" if abs(ratio - 1) <= LEVEL_TOL else f"x{ratio:.2f}"


def failure(ref: np.ndarray, est: np.ndarray, f: float) -> str:
    """Name what went wrong: ``ok``, ``anti`` (on the off-beats), or the tempo ratio."""
    if f >= 0.8:
        return "ok"
    lvl = level(ref, est)
    if lvl != "=":
        return lvl
    if ref.size > 2 and f_measure((ref[:-1] + ref[1:]) / 2, est) >= 0.6:
        return "anti"
    return "drift"


def timing_ms(ref: np.ndarray, est: np.ndarray) -> float:
    if ref.size == 0 or est.size == 0:
        return float("nan")
    d = est[None, :] - ref[:, None]
    k = np.argmin(np.abs(d), axis=1)
    err = d[np.arange(ref.size), k]
    err = err[np.abs(err) <= 0.07]
    return float(np.median(err) * 1000) if err.size else float("nan")


def _bar_downbeats(ref: dict[str, Any]) -> np.ndarray | None:
    bars = ref.get("madmom_bars")
    return None if bars is None else np.asarray(bars["downbeats"])


def downbeat_summary(rows: list[dict[str, Any]], label: str) -> str:
    """Downbeat F apart for tracks whose two downbeat judges agree on the bars and those they do not."""
    rows = [r for r in rows if r["db_judges"] == r["db_judges"]]
    if not rows:
        return f"{label}: no second downbeat judge"
    sure = [r for r in rows if r["db_judges"] >= AGREE_F]
    unsure = [r for r in rows if r["db_judges"] < AGREE_F]

    def mean(rs: list[dict[str, Any]], key: str) -> str:
        return f"{statistics.mean(r[key] for r in rs):.3f}" if rs else "-"

    return (
        f"{label}: downbeat judges agree on {len(sure)}: downbeat F {mean(sure, 'dbF')}; "
        f"disagree on {len(unsure)}: downbeat F {mean(unsure, 'dbF')}, against the nearer {mean(unsure, 'dbF_near')}"
    )


def score_track(ex: Excerpt, ref: dict[str, Any]) -> dict[str, Any]:
    from skill.local.engine.analysis import analyse_track

    t0 = time.perf_counter()
    a = analyse_track(ex.wav)
    secs = time.perf_counter() - t0
    mb = np.asarray(ref["madmom"]["beats"])
    md = np.asarray(ref["madmom"]["downbeats"])
    eb = np.asarray(ref["essentia"]["beats"])
    lb = np.asarray(ref["librosa"]["beats"])
    ob = np.asarray(a.beats_s)
    od = np.asarray(a.downbeats_s)
    cmlt, amlt = continuity(mb, ob)
    bars = ref["madmom"]["downbeat_numbers"]
    return {
        "id": ex.id,
        "split": ex.split,
        "agree": f_measure(mb, eb),
        "agreed": f_measure(mb, eb) >= AGREE_F,
        "bpm_ref": 60.0 / float(np.median(np.diff(mb))) if mb.size > 1 else 0.0,
        "bpm": a.tempo_bpm,
        "conf": getattr(a, "beat_confidence", float("nan")),
        "F": f_measure(mb, ob),
        "F_ess": f_measure(eb, ob),
        "F_best": max(f_measure(mb, ob), f_measure(eb, ob)),
        "CMLt": cmlt,
        "AMLt": amlt,
        "level": level(mb, ob),
        "fail": failure(mb, ob, f_measure(mb, ob)),
        "dbF": f_measure(md, od),
        # the second downbeat judge (madmom's bar tracker), when the reference has it
        "db_judges": f_measure(md, bd) if (bd := _bar_downbeats(ref)) is not None else float("nan"),
        "dbF_near": max(f_measure(md, od), f_measure(bd, od)) if bd is not None else f_measure(md, od),
        "meter": f"{a.beats_per_bar}/{max(bars) if bars else 0}",
        "ms": timing_ms(mb, ob),
        "librosa_F": f_measure(mb, lb),
        "librosa_level": level(mb, lb),
        "essentia_F": f_measure(mb, eb),
        "seconds": secs,
    }


def summary(rows: list[dict[str, Any]], label: str) -> str:
    if not rows:
        return f"{label}: no tracks"
    f = [r["F"] for r in rows]
    lvl = sum(r["level"] == "=" for r in rows) / len(rows)
    ms = [r["ms"] for r in rows if r["ms"] == r["ms"]]
    return (
        f"{label} ({len(rows)}): F {statistics.mean(f):.3f} (min {min(f):.2f}; "
        f"against the nearer judge {statistics.mean(r['F_best'] for r in rows):.3f}), "
        f"CMLt {statistics.mean(r['CMLt'] for r in rows):.3f}, AMLt {statistics.mean(r['AMLt'] for r in rows):.3f}, "
        f"level {lvl:.0%}, downbeat F {statistics.mean(r['dbF'] for r in rows):.3f}, "
        f"median timing {statistics.median(ms) if ms else float('nan'):+.1f} ms | "
        f"librosa F {statistics.mean(r['librosa_F'] for r in rows):.3f}, "
        f"level {sum(r['librosa_level'] == '=' for r in rows) / len(rows):.0%}"
    )


def _table(rows: list[dict[str, Any]], markdown: bool) -> list[str]:
    head = [
        "track",
        "split",
        "judges F",
        "BPM",
        "ours BPM",
        "conf",
        "F",
        "F near",
        "CMLt",
        "AMLt",
        "level",
        "fail",
        "dbF",
        "db judges",
        "meter",
        "ms",
        "librosa F",
        "librosa level",
    ]
    out = []
    if markdown:
        out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [
            r["id"], r["split"], f"{r['agree']:.2f}", f"{r['bpm_ref']:.1f}", f"{r['bpm']:.1f}", f"{r['conf']:.2f}",
            f"{r['F']:.3f}", f"{r['F_best']:.3f}", f"{r['CMLt']:.3f}", f"{r['AMLt']:.3f}", r["level"], r["fail"], f"{r['dbF']:.3f}", f"{r['db_judges']:.2f}", r["meter"],
            f"{r['ms']:+.1f}", f"{r['librosa_F']:.3f}", r["librosa_level"],
        ]  # fmt: skip
        out.append(("| " + " | ".join(cells) + " |") if markdown else "  ".join(f"{c:>8}" for c in cells))
    return out


def timing(ex: Excerpt) -> str:
    from benchmarks.realmusic.judges import run_essentia, run_madmom
    from skill.local.engine.analysis import analyse_track

    def best(fn: Any, n: int) -> float:
        ts = []
        for _ in range(n):
            t0 = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t0)
        return min(ts)

    ours = best(lambda: analyse_track(ex.wav), 3)
    ess = best(lambda: run_essentia(str(ex.wav)), 2)
    mad = best(lambda: run_madmom(str(ex.wav)), 1)
    return (
        f"timing on {ex.id} ({ex.length_s:.0f} s, best of runs, decode included): engine {ours:.2f} s (1.00), "
        f"essentia {ess:.2f} s ({ess / ours:.1f}x), madmom beats+downbeats {mad:.2f} s ({mad / ours:.1f}x)"
    )


def main(argv: list[str]) -> int:
    markdown = "--markdown" in argv
    split = (
        argv[argv.index("--split") + 1]
        if "--split" in argv and argv.index("--split") + 1 < len(argv)
        else None
    )
    if "--split" in argv and split not in SPLITS:
        print(f"--split takes one of {', '.join(SPLITS)}", file=sys.stderr)
        return 2
    rows = []
    for ex in load_manifest():
        if (split and ex.split != split) or (not split and ex.split == FRESH):
            continue
        if not ex.ref.is_file() or not ex.wav.is_file():
            print(f"skip {ex.id}: no excerpt or no reference", file=sys.stderr)
            continue
        rows.append(score_track(ex, json.loads(ex.ref.read_text(encoding="utf-8"))))
    rows.sort(key=lambda r: (not r["agreed"], r["split"], r["id"]))
    if split != FRESH or "--tracks" in argv:
        for line in _table(rows, markdown):
            print(line)
        print()
    if split == FRESH:
        print(summary([r for r in rows if r["agreed"]], f"agreed {FRESH}"))
        print(summary([r for r in rows if not r["agreed"]], f"ambiguous {FRESH}"))
        print(downbeat_summary([r for r in rows if r["agreed"]], f"agreed {FRESH}"))
    else:
        for sp in ("dev", "held"):
            print(summary([r for r in rows if r["agreed"] and r["split"] == sp], f"agreed {sp}"))
        print(summary([r for r in rows if r["agreed"]], "agreed all"))
        print(summary([r for r in rows if not r["agreed"]], "ambiguous"))
        for sp in ("dev", "held"):
            print(downbeat_summary([r for r in rows if r["agreed"] and r["split"] == sp], f"agreed {sp}"))
    secs = [r["seconds"] / 1 for r in rows]
    if secs:
        print(
            f"engine analysis incl. decode: median {statistics.median(secs):.2f} s per excerpt, max {max(secs):.2f} s"
        )
    if "--timing" in argv:
        longest = max(load_manifest(), key=lambda e: e.length_s)
        print(timing(longest))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
