"""Synthetic music with known beats, downbeats and sections (fixed-seed RNG, no media files)."""

from __future__ import annotations

import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

SR = 22050
_PROGRESSIONS = {
    "verse": [(57, 60, 64), (53, 57, 60), (48, 52, 55), (55, 59, 62)],  # Am F C G
    "chorus": [(48, 52, 55), (55, 59, 62), (57, 60, 64), (53, 57, 60)],  # C G Am F
    "intro": [(57, 60, 64), (53, 57, 60), (48, 52, 55), (55, 59, 62)],
}


@dataclass
class Song:
    y: np.ndarray
    sr: int
    beats: np.ndarray
    downbeats: np.ndarray
    sections: list[tuple[str, float, float]] = field(default_factory=list)  # (label, start_s, end_s)

    @property
    def duration_s(self) -> float:
        return self.y.size / self.sr


def _hz(midi: float) -> float:
    return 440.0 * 2 ** ((midi - 69) / 12)


def _kick(sr: int) -> np.ndarray:
    t = np.arange(int(0.25 * sr)) / sr
    freq = 50 + 100 * np.exp(-t / 0.03)
    return np.sin(2 * np.pi * np.cumsum(freq) / sr) * np.exp(-t / 0.12)


def _snare(sr: int, rng: np.random.Generator) -> np.ndarray:
    t = np.arange(int(0.18 * sr)) / sr
    return (0.7 * rng.standard_normal(t.size) + 0.5 * np.sin(2 * np.pi * 190 * t)) * np.exp(-t / 0.05)


def _hat(sr: int, rng: np.random.Generator) -> np.ndarray:
    t = np.arange(int(0.05 * sr)) / sr
    noise = np.diff(rng.standard_normal(t.size + 1))
    return 0.35 * noise * np.exp(-t / 0.012)


def _tone(
    sr: int, midi: float, dur_s: float, attack_s: float, decay_s: float, partials: int = 3
) -> np.ndarray:
    t = np.arange(int(dur_s * sr)) / sr
    f = _hz(midi)
    sig = sum(np.sin(2 * np.pi * f * k * t) / k for k in range(1, partials + 1))
    env = np.minimum(t / attack_s, 1.0) * np.exp(-t / decay_s)
    rel = np.minimum((dur_s - t) / 0.02, 1.0)
    return sig * env * np.clip(rel, 0, 1)


def _add(y: np.ndarray, sig: np.ndarray, at_s: float, sr: int, gain: float) -> None:
    i = int(round(at_s * sr))
    if i >= y.size or i < 0:
        return
    n = min(sig.size, y.size - i)
    y[i : i + n] += gain * sig[:n]


def beat_grid(
    seconds: float, bpm: float, *, end_bpm: float | None = None, change_at_s: float | None = None
) -> np.ndarray:
    """Beat times for a steady, drifting (end_bpm) or switching (change_at_s) tempo."""
    beats, t = [], 0.0
    while t < seconds:
        beats.append(t)
        if end_bpm is not None and change_at_s is None:
            cur = bpm + (end_bpm - bpm) * t / seconds
        elif end_bpm is not None and change_at_s is not None:
            cur = end_bpm if t >= change_at_s else bpm
        else:
            cur = bpm
        t += 60.0 / cur
    return np.array(beats)


def make_song(
    *,
    bpm: float = 120.0,
    seconds: float = 16.0,
    sr: int = SR,
    seed: int = 0,
    swing: float = 0.0,
    end_bpm: float | None = None,
    change_at_s: float | None = None,
    drums_from_s: float = 0.0,
    quiet: tuple[float, float] | None = None,
    structure: list[tuple[str, int]] | None = None,
    beats_per_bar: int = 4,
    hats: bool = True,
) -> Song:
    """Render a song: kick/snare/hats, bass on every beat, a chord pad changing every bar.

    ``swing`` in [0, 1/3] delays the off-beat eighth (1/3 = triplet swing).
    ``structure`` is a list of (label, bars) with labels intro/verse/chorus; choruses are
    louder, denser (sixteenth hats, a lead line) and repeat the same material.
    """
    rng = np.random.default_rng(seed)
    if structure is not None:
        n_beats = sum(b for _, b in structure) * beats_per_bar
        beats = np.arange(n_beats) * 60.0 / bpm
        seconds = n_beats * 60.0 / bpm
    else:
        beats = beat_grid(seconds, bpm, end_bpm=end_bpm, change_at_s=change_at_s)
    total = int((seconds + 1.0) * sr)
    y = np.zeros(total)
    kick, snare, hat = _kick(sr), _snare(sr, rng), _hat(sr, rng)
    labels: list[str] = []
    sections: list[tuple[str, float, float]] = []
    if structure is not None:
        for label, bars in structure:
            start = len(labels) // beats_per_bar
            labels += [label] * (bars * beats_per_bar)
            sections.append((label, float(beats[start * beats_per_bar]), 0.0))
        sections = [
            (lab, s, sections[i + 1][1] if i + 1 < len(sections) else seconds)
            for i, (lab, s, _) in enumerate(sections)
        ]
    else:
        labels = ["verse"] * beats.size
    lead_rng = np.random.default_rng(seed + 1)
    lead_notes = lead_rng.choice([72, 74, 76, 79, 81], size=16)
    for i, b in enumerate(beats):
        nxt = beats[i + 1] if i + 1 < beats.size else b + 60.0 / bpm
        period = nxt - b
        label = labels[i]
        gain = 1.0 if label == "chorus" else (0.45 if label == "verse" else 0.3)
        pos = i % beats_per_bar
        bar = i // beats_per_bar
        prog = _PROGRESSIONS.get(label, _PROGRESSIONS["verse"])
        chord = prog[bar % len(prog)]
        if pos == 0:
            bar_len = period * beats_per_bar
            for note in chord:
                _add(y, _tone(sr, note, bar_len, 0.01, 2.0, partials=4), b, sr, 0.12 * gain)
        drums = b >= drums_from_s and label != "intro"
        if drums:
            if beats_per_bar == 4:
                _add(y, kick if pos in (0, 2) else snare, b, sr, (1.0 if pos == 0 else 0.8) * gain)
            else:
                _add(y, kick if pos == 0 else snare, b, sr, (1.0 if pos == 0 else 0.5) * gain)
            _add(y, _tone(sr, chord[0] - 24, period * 0.9, 0.005, 0.3, partials=2), b, sr, 0.5 * gain)
            if hats:
                subdiv = 4 if label == "chorus" else 2
                for k in range(subdiv):
                    frac = k / subdiv
                    if subdiv == 2 and k == 1:
                        frac = 0.5 + swing
                    _add(y, hat, b + frac * period, sr, (0.6 if k == 0 else 0.4) * gain)
            if label == "chorus":
                _add(y, _tone(sr, lead_notes[i % 16], period * 0.8, 0.01, 0.4), b, sr, 0.15)
    if quiet is not None:
        lo, hi = (int(x * sr) for x in quiet)
        y[lo:hi] *= 0.05
    y = y / (np.abs(y).max() + 1e-9) * 0.8
    downbeats = beats[::beats_per_bar]
    if drums_from_s > 0 and structure is None:
        pass
    return Song(y=y.astype(np.float32), sr=sr, beats=beats, downbeats=downbeats, sections=sections)


def write_wav(path: Path, y: np.ndarray, sr: int, *, channels: int = 2) -> Path:
    """Write 16-bit PCM WAV with the stdlib wave module."""
    pcm = (np.clip(y, -1, 1) * 32767).astype("<i2")
    if channels == 2:
        pcm = np.repeat(pcm[:, None], 2, axis=1).reshape(-1)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes(pcm.tobytes())
    return path


def f_measure(est: np.ndarray, ref: np.ndarray, *, window_s: float = 0.07) -> float:
    """Beat F-measure: greedy one-to-one matching within +-window_s."""
    est, ref = np.sort(np.asarray(est)), np.sort(np.asarray(ref))
    if est.size == 0 or ref.size == 0:
        return 0.0
    used = np.zeros(ref.size, bool)
    hits = 0
    for e in est:
        d = np.abs(ref - e)
        d[used] = np.inf
        j = int(np.argmin(d))
        if d[j] <= window_s:
            used[j] = True
            hits += 1
    p, r = hits / est.size, hits / ref.size
    return 0.0 if hits == 0 else 2 * p * r / (p + r)


def _decay(n: int, tau_s: float, sr: int) -> np.ndarray:
    return np.exp(-np.arange(n) / sr / tau_s)


def make_song_b(
    style: str, *, bpm: float, bars: int = 12, seed: int = 0, reverb: bool = False, sr: int = SR
) -> Song:
    """A second, differently voiced generator, so tests do not only pass on ``make_song``'s sounds.

    ``style`` is one of house (four-on-the-floor, off-beat bass), rock (syncopated kick),
    ballad (piano only, chords every two bars) or reggaeton (dembow).  ``reverb`` adds a
    1.2 s noise reverb; every song has a faint noise floor and a 1.5 s ringing tail.
    """
    rng = np.random.default_rng(seed)
    period = 60.0 / bpm
    beats = np.arange(bars * 4) * period
    y = np.zeros(int((beats.size * period + 1.5) * sr))
    t_k = np.arange(int(0.3 * sr)) / sr
    kick = np.sin(2 * np.pi * np.cumsum(45 + 120 * np.exp(-t_k / 0.02)) / sr) * np.exp(-t_k / 0.18)
    n_c = int(0.2 * sr)
    clap = np.convolve(rng.standard_normal(n_c) * _decay(n_c, 0.04, sr), [1, -0.9])[:n_c] * 0.8
    n_h = int(0.15 * sr)
    hat = np.diff(rng.standard_normal(n_h + 1)) * _decay(n_h, 0.05, sr) * 0.3

    def piano(midi: float, dur_s: float) -> np.ndarray:
        t = np.arange(int(dur_s * sr)) / sr
        f = _hz(midi)
        return sum(
            np.sin(2 * np.pi * f * k * t) * np.exp(-t * k / 0.6) / k**1.5 for k in range(1, 7)
        ) * np.minimum(t / 0.003, 1)

    chords = [(60, 64, 67), (57, 60, 64), (53, 57, 60), (55, 59, 62)]
    for i, b in enumerate(beats):
        pos, bar = i % 4, i // 4
        chord = chords[(bar // 2 if style == "ballad" else bar) % 4]
        if style == "house":
            _add(y, kick, b, sr, 1.0)
            _add(y, hat, b + period / 2, sr, 0.5)
            if pos in (1, 3):
                _add(y, clap, b, sr, 0.6)
            _add(y, piano(chord[0] - 24, period * 0.4), b + period / 2, sr, 0.4)
        elif style == "rock":
            if pos in (0, 2):
                _add(y, kick, b, sr, 1.0)
            if pos == 1:
                _add(y, kick, b + period / 2, sr, 0.8)
            if pos in (1, 3):
                _add(y, clap, b, sr, 0.9)
            for k in range(2):
                _add(y, hat, b + k * period / 2, sr, 0.3)
        elif style == "ballad":
            for note in chord:
                _add(y, piano(note, period * 2), b, sr, 0.25 if pos == 0 else 0.12)
        elif style == "reggaeton":
            _add(y, kick, b, sr, 1.0)
            _add(y, clap, b + 0.75 * period, sr, 0.7)
            if pos % 2:
                _add(y, clap, b + 0.5 * period, sr, 0.7)
        else:
            raise ValueError(f"unknown style {style!r}")
        if pos == 0 and style != "ballad":
            for note in chord:
                _add(y, piano(note, 4 * period), b, sr, 0.15)
    if reverb:
        n_ir = int(1.2 * sr)
        ir = rng.standard_normal(n_ir) * _decay(n_ir, 0.3, sr) * 0.03
        ir[0] = 1.0
        size = 1 << int(np.ceil(np.log2(y.size + n_ir)))
        y = np.fft.irfft(np.fft.rfft(y, size) * np.fft.rfft(ir, size), size)[: y.size]
    y += rng.standard_normal(y.size) * 0.002
    y = y / (np.abs(y).max() + 1e-9) * 0.8
    return Song(y=y.astype(np.float32), sr=sr, beats=beats, downbeats=beats[::4])
