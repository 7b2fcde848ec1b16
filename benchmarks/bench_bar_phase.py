"""Bar phase on real music: which beat of madmom's bar each phase cue calls beat 1.

Runs in the judges' venv, after ``setup_judges.sh`` (it needs the excerpts and their references):

    nice -n 10 .judges-venv/bin/python benchmarks/bench_bar_phase.py [--tracks]

Downbeat F is the open part of the real-music work: with the beats and the meter right, the engine
picks madmom's beat 1 on about two songs in three.  This harness asks the question cue by cue, so a
new cue can be judged before it is wired into ``downbeats.py``.  It keeps the songs where the
engine's beats match madmom's (>= 85 % of them within 70 ms) and its meter is madmom's, reads
madmom's bar phase in the engine's beat indices, and for each cue takes the phase with the highest
mean z-score (a fixed phase, as ``bar_path`` is without a jump).  Counts are printed per split, and
apart for the songs where madmom's two downbeat judges (its downbeat RNN and its bar tracker) agree
on the phase.  The header says on how many 4/4 songs the engine's mix finds the right pair of beats
(1 and 3 against 2 and 4); on those, the ``1 or 3`` columns ask each cue to pick beat 1 of the pair.

``--tracks`` prints, per song, how many beats each cue's phase is from madmom's beat 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.realmusic.excerpts import REFS_DIR, Excerpt, load_manifest  # noqa: E402
from skill.local.engine import analysis as an  # noqa: E402
from skill.local.engine import downbeats as dbm  # noqa: E402
from skill.local.engine.decode import decode_audio  # noqa: E402
from skill.local.engine.onset import (  # noqa: E402
    LOW_BAND_MAX_HZ,
    onset_strength,
    peak_near,
    pitch_chroma,
    spectral_features,
)

MATCH_S = 0.07  # mir_eval's window
MIN_MATCHED = 0.85  # share of the engine's beats on a madmom beat
MIN_PURITY = 0.8  # share of madmom's downbeats on one phase of the engine's beats
HIGH_HZ = 4000.0
ENGINE_CUES = tuple(f.name for f in fields(dbm.PhaseCues))


@dataclass(frozen=True, slots=True)
class Song:
    id: str
    split: str
    meter: int
    phase: int  # madmom's beat 1, as an index of the engine's beats modulo the meter
    judges_agree: bool  # madmom's bar tracker puts beat 1 on the same phase
    cues: dict[str, np.ndarray]  # one value per engine beat


def _windows(b: np.ndarray, w: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each beat with ``w`` beats on both sides: its index, the sum of the ``w`` before, of the ``w`` from it."""
    cs = np.vstack([np.zeros((1, b.shape[1])), np.cumsum(b, axis=0)])
    js = np.arange(w, b.shape[0] - w + 1)
    return js, cs[js] - cs[js - w], cs[js + w] - cs[js]


def _window_change(b: np.ndarray, w: int) -> np.ndarray:
    """Cosine distance between the mean of the ``w`` beats before each beat and the ``w`` from it."""
    js, before, after = _windows(b, w)
    out = np.zeros(b.shape[0])
    norms = np.linalg.norm(before, axis=1) * np.linalg.norm(after, axis=1) + 1e-9
    out[js] = 1.0 - np.sum(before * after, axis=1) / norms
    return out


def _window_distance(b: np.ndarray, w: int) -> np.ndarray:
    """Euclidean distance between the mean of the ``w`` beats before each beat and the ``w`` from it."""
    js, before, after = _windows(b, w)
    out = np.zeros(b.shape[0])
    out[js] = np.linalg.norm(before - after, axis=1) / w
    return out


def cues(y: np.ndarray, beats_s: np.ndarray) -> dict[str, np.ndarray]:
    """The engine's five cues and the candidates tried beside them, one value per beat."""
    sr = an.ANALYSIS_SR
    feats = spectral_features(y, sr=sr, hop_length=an.HOP_LENGTH, n_fft=an.N_FFT)
    n = feats.rms.size
    idx = np.clip(np.round(beats_s * feats.fps).astype(int), 0, n - 1)
    pitch = pitch_chroma(y, sr=sr)
    pidx = np.round(beats_s * pitch.fps).astype(int)

    low = onset_strength(feats.bands_db, band_hz=feats.band_hz, fmax_hz=LOW_BAND_MAX_HZ)
    engine = dbm.phase_cues(
        beats_s, fps=feats.fps, low_onset=low, chroma=feats.chroma, rms=feats.rms, pitch=pitch
    )
    chroma = dbm._beat_sync(feats.chroma / (np.linalg.norm(feats.chroma, axis=0, keepdims=True) + 1e-9), idx)
    bass = dbm._beat_sync(pitch.bass, pidx)
    treble = dbm._beat_sync(pitch.treble, pidx)
    timbre = dbm._beat_sync(feats.bands_db, idx)
    timbre_z = (timbre - timbre.mean(axis=0)) / (timbre.std(axis=0) + 1e-9)
    loud = engine.loud
    half = np.diff(idx, prepend=idx[0] - 10) // 2
    before = np.array(
        [
            feats.rms[max(i - h, 0) : i].mean() if h > 0 and i > 0 else 0.0
            for i, h in zip(idx, half, strict=True)
        ]
    )
    return {
        **asdict(engine),  # the engine's own five, as downbeats.py computes them
        # candidates
        "timbre": dbm._change(timbre - timbre.mean(axis=0)),
        "chord 2 beats": _window_change(chroma, 2),
        "chord 4 beats": _window_change(chroma, 4),
        "bass 2 beats": _window_change(bass, 2),
        "treble 2 beats": _window_change(treble, 2),
        "timbre 4 beats": _window_distance(timbre_z, 4),
        "timbre 8 beats": _window_distance(timbre_z, 8),
        "full onset": peak_near(onset_strength(feats.bands_db), idx),
        "high onset": peak_near(onset_strength(feats.bands_db[feats.band_hz > HIGH_HZ]), idx),
        "dip before": loud - 20.0 * np.log10(before + 1e-9),
    }


def _phase(beats_s: np.ndarray, downbeats: np.ndarray, meter: int) -> tuple[int, float]:
    """madmom's beat 1 as a phase of the engine's beats, and the share of its downbeats on it."""
    votes = np.zeros(meter)
    for j, b in enumerate(beats_s):
        if downbeats.size and np.min(np.abs(downbeats - b)) < MATCH_S:
            votes[j % meter] += 1
    return int(np.argmax(votes)), float(votes.max() / max(votes.sum(), 1.0))


def load_song(ex: Excerpt) -> Song | None:
    """The song with its cues, or None where the engine's beats or meter are not madmom's."""
    ref = json.loads((REFS_DIR / f"{ex.id}.json").read_text())
    y = decode_audio(ex.wav, sr=an.ANALYSIS_SR, channels=1)[0]
    a = an.analyse_samples(y, sr=an.ANALYSIS_SR)
    beats_s = np.asarray(a.beats_s)
    numbers = ref["madmom"]["downbeat_numbers"]
    meter = max(numbers) if numbers else 4
    mb = np.asarray(ref["madmom"]["beats"])
    matched = np.mean([np.min(np.abs(mb - b)) < MATCH_S for b in beats_s]) if beats_s.size else 0.0
    if a.beats_per_bar != meter or matched < MIN_MATCHED:
        return None
    phase, purity = _phase(beats_s, np.asarray(ref["madmom"]["downbeats"]), meter)
    if purity < MIN_PURITY:
        return None
    bar_phase, bar_purity = _phase(beats_s, np.asarray(ref["madmom_bars"]["downbeats"]), meter)
    return Song(
        id=ex.id,
        split=ex.split,
        meter=meter,
        phase=phase,
        judges_agree=bar_phase == phase and bar_purity >= MIN_PURITY,
        cues=cues(y, beats_s),
    )


def engine_accent(song: Song) -> np.ndarray:
    """The engine's mix of its five cues (``PhaseCues.accent``), so this row cannot drift from it."""
    return dbm.PhaseCues(**{f: song.cues[f] for f in ENGINE_CUES}).accent()


def best_phase(accent: np.ndarray, meter: int, among: tuple[int, ...] | None = None) -> int:
    phases = among if among is not None else tuple(range(meter))
    return max(phases, key=lambda p: float(accent[p::meter].mean()))


def _counts(songs: list[Song], right: Callable[[Song], bool]) -> str:
    parts = []
    for split in ("dev", "held", "fresh"):
        ss = [s for s in songs if s.split == split]
        sure = [s for s in ss if s.judges_agree]
        parts.append(f"{sum(map(right, ss))}/{len(ss)} ({sum(map(right, sure))}/{len(sure)})")
    return " | ".join(f"{p:>12s}" for p in parts)


def main(argv: list[str]) -> int:
    songs = [s for ex in load_manifest() if ex.wav.is_file() and (s := load_song(ex)) is not None]
    names = list(songs[0].cues) + ["engine mix"]

    def accent(s: Song, name: str) -> np.ndarray:
        return engine_accent(s) if name == "engine mix" else dbm._z(s.cues[name])

    four = [s for s in songs if s.meter == 4]

    def pair(s: Song) -> int:
        a = engine_accent(s)
        return 0 if a[0::4].mean() + a[2::4].mean() >= a[1::4].mean() + a[3::4].mean() else 1

    paired = [s for s in four if pair(s) == s.phase % 2]
    print(f"{len(songs)} songs with the engine's beats and meter right; on 4/4, the engine's mix finds")
    print(
        f"the pair of beat 1 on {len(paired)} of {len(four)}.  Counts: right/songs (where madmom's two judges agree)"
    )
    print("| cue | beat 1: dev | held | fresh | 1 or 3: dev | held | fresh |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in names:
        picks = {s.id: best_phase(accent(s, name), s.meter) for s in songs}
        of_pair = {s.id: best_phase(accent(s, name), 4, (s.phase % 2, s.phase % 2 + 2)) for s in paired}
        full = _counts(songs, lambda s, picks=picks: picks[s.id] == s.phase)
        half = _counts(paired, lambda s, of_pair=of_pair: of_pair[s.id] == s.phase)
        print(f"| {name} | {full} | {half} |")
    if "--tracks" in argv:
        for s in songs:
            offs = " ".join(f"{n}:{(best_phase(accent(s, n), s.meter) - s.phase) % s.meter}" for n in names)
            print(f"{s.id:26s} {s.split:5s} {'judges agree' if s.judges_agree else '            '} {offs}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
