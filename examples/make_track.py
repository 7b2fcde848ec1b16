"""Make a short, royalty-free-by-construction song (and optional clips/photos) to try the skill on.

Everything is synthesised here from sine waves and noise: kick, snare, hats, bass and chords, with an
intro, verse, a louder and busier chorus, a second verse and a last chorus. Nothing is sampled, so the
result is free to use anywhere.

Usage::

    python examples/make_track.py examples/demo.wav [--bpm 120] [--seconds 60] [--clips DIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np

SR = 44100
_CHORDS = ((57, 60, 64), (53, 57, 60), (48, 52, 55), (55, 59, 62))  # Am F C G (MIDI)


def _midi_hz(note: float) -> float:
    return 440.0 * 2 ** ((note - 69) / 12)


def _env(n: int, decay_s: float) -> np.ndarray:
    return np.exp(-np.arange(n) / (decay_s * SR)).astype(np.float32)


def _kick(n: int) -> np.ndarray:
    t = np.arange(n) / SR
    freq = 50 + 90 * np.exp(-t * 30)
    return (np.sin(2 * np.pi * np.cumsum(freq) / SR) * _env(n, 0.15)).astype(np.float32)


def _snare(n: int, rng: np.random.Generator) -> np.ndarray:
    noise = rng.standard_normal(n).astype(np.float32)
    t = np.arange(n) / SR
    return (0.6 * noise * _env(n, 0.08) + 0.4 * np.sin(2 * np.pi * 190 * t) * _env(n, 0.05)).astype(
        np.float32
    )


def _hat(n: int, rng: np.random.Generator) -> np.ndarray:
    noise = rng.standard_normal(n).astype(np.float32)
    noise = np.diff(noise, prepend=0.0).astype(np.float32)  # crude high-pass
    return noise * _env(n, 0.02) * 0.3


def _add(buf: np.ndarray, start: int, sound: np.ndarray, gain: float) -> None:
    end = min(len(buf), start + len(sound))
    if start < end:
        buf[start:end] += gain * sound[: end - start]


def synthesise(*, bpm: float = 120.0, seconds: float = 60.0, seed: int = 7) -> np.ndarray:
    """Return a mono float32 song at 44.1 kHz with intro / verse / chorus / verse / chorus sections."""
    rng = np.random.default_rng(seed)
    n_total = int(seconds * SR)
    song = np.zeros(n_total, dtype=np.float32)
    beat = 60.0 / bpm
    n_beats = int(seconds / beat)
    kick, snare = _kick(int(0.3 * SR)), _snare(int(0.2 * SR), rng)
    hat = _hat(int(0.05 * SR), rng)
    bar_count = n_beats // 4
    # Sections in bars: intro 2, verse 25 %, chorus 25 %, verse, chorus (rest).
    quarter = max(2, (bar_count - 2) // 4)
    sections = ["intro"] * 2 + ["verse"] * quarter + ["chorus"] * quarter + ["verse"] * quarter
    sections += ["chorus"] * max(0, bar_count - len(sections))
    for b in range(n_beats):
        bar, pos = divmod(b, 4)
        part = sections[min(bar, len(sections) - 1)]
        start = int(round(b * beat * SR))
        chorus = part == "chorus"
        if part != "intro":
            _add(song, start, kick, 0.9 if chorus else 0.7)
            if pos in (1, 3):
                _add(song, start, snare, 0.5 if chorus else 0.35)
        for half in (0, 1) if chorus else (0,):
            _add(song, start + int(half * beat * SR / 2), hat, 0.5 if chorus else 0.3)
        chord = _CHORDS[bar % len(_CHORDS)]
        n = int(beat * SR)
        t = np.arange(n) / SR
        tone = sum(np.sin(2 * np.pi * _midi_hz(note + (12 if chorus else 0)) * t) for note in chord)
        _add(song, start, (tone / 3 * _env(n, beat * 0.9)).astype(np.float32), 0.25 if chorus else 0.15)
        bass = np.sin(2 * np.pi * _midi_hz(chord[0] - 24) * t) * _env(n, beat * 0.6)
        _add(song, start, bass.astype(np.float32), 0.35 if part != "intro" else 0.0)
    peak = float(np.max(np.abs(song))) or 1.0
    return (song / peak * 0.89).astype(np.float32)


def write_wav(path: Path, samples: np.ndarray, sr: int = SR) -> None:
    """Write mono float samples as 16-bit PCM WAV with the stdlib."""
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sr)
        out.writeframes(pcm.tobytes())


def make_clips(folder: Path) -> list[Path]:
    """Make three short video clips (ffmpeg test sources) and two photos in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg:
        sources = {
            "mandelbrot.mp4": "mandelbrot=size=640x360:rate=30",
            "life.mp4": "life=size=480x480:rate=30:mold=10",
            "bars.mp4": "testsrc2=size=640x360:rate=30",
        }
        for name, src in sources.items():
            dest = folder / name
            subprocess.run(
                [
                    ffmpeg,
                    "-v",
                    "error",
                    "-y",
                    "-f",
                    "lavfi",
                    "-i",
                    src,
                    "-t",
                    "4",
                    "-pix_fmt",
                    "yuv420p",
                    "-c:v",
                    "libx264",
                    "-preset",
                    "ultrafast",
                    str(dest),
                ],
                check=True,
            )
            made.append(dest)
    from PIL import Image, ImageDraw

    for i, colour in enumerate(((240, 120, 40), (40, 150, 230))):
        img = Image.new("RGB", (800, 600), colour)
        draw = ImageDraw.Draw(img)
        for k in range(12):
            draw.ellipse((60 * k, 40 * k, 60 * k + 200, 40 * k + 200), outline=(255, 255, 255), width=6)
        dest = folder / f"photo{i + 1}.jpg"
        img.save(dest, quality=90)
        made.append(dest)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="where to write the song (.wav; .mp3/.m4a need ffmpeg)")
    parser.add_argument("--bpm", type=float, default=120.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clips", type=Path, help="also make a few clips and photos in this folder")
    args = parser.parse_args(argv)
    samples = synthesise(bpm=args.bpm, seconds=args.seconds)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if args.output.suffix.lower() == ".wav":
        write_wav(args.output, samples)
    else:
        tmp = args.output.with_suffix(".tmp.wav")
        write_wav(tmp, samples)
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(tmp), str(args.output)], check=True)
        tmp.unlink()
    print(args.output)
    if args.clips:
        for path in make_clips(args.clips):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
