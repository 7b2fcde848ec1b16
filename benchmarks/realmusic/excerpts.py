"""The real-music set: read the manifest and rebuild the excerpts from installed Debian packages.

The audio is never committed.  Each excerpt is cut from a file that a Debian package ships
(``manifest.tsv`` names the package, the file, its licence, the offset and the length) and
written as 44.1 kHz mono WAV under ``benchmarks/realmusic/.audio/``.  Install the packages
with ``apt-get install $(cut -f3 benchmarks/realmusic/manifest.tsv | tail -n +2 | sort -u)``.

Run: ``.venv/bin/python -m benchmarks.realmusic.excerpts`` (rebuilds what is missing).
"""

from __future__ import annotations

import csv
import sys
import wave
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.tsv"
AUDIO_DIR = HERE / ".audio"
REFS_DIR = HERE / "refs"
SR = 44100


@dataclass(frozen=True, slots=True)
class Excerpt:
    id: str
    split: str  # "dev" (tuned on), "held" (never tuned on) or "fresh" (built after tuning)
    package: str
    file: str
    licence: str
    offset_s: float
    length_s: float

    @property
    def wav(self) -> Path:
        return AUDIO_DIR / f"{self.id}.wav"

    @property
    def ref(self) -> Path:
        return REFS_DIR / f"{self.id}.json"


def load_manifest(path: Path = MANIFEST) -> list[Excerpt]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [
        Excerpt(
            id=r["id"],
            split=r["split"],
            package=r["package"],
            file=r["file"],
            licence=r["licence"],
            offset_s=float(r["offset_s"]),
            length_s=float(r["length_s"]),
        )
        for r in rows
    ]


def build(ex: Excerpt, *, force: bool = False) -> Path:
    """Cut one excerpt to WAV (a no-op when it exists); raises FileNotFoundError without its package."""
    import numpy as np

    from skill.local.engine.decode import decode_audio

    if ex.wav.is_file() and not force:
        return ex.wav
    src = Path(ex.file)
    if not src.is_file():
        raise FileNotFoundError(f"{ex.id}: {src} is missing; apt-get install {ex.package}")
    y = decode_audio(src, sr=SR, channels=1)[0]
    lo = int(ex.offset_s * SR)
    seg = np.asarray(y[lo : lo + int(ex.length_s * SR)], dtype=np.float32)
    pcm = (np.clip(seg, -1.0, 1.0) * 32767).astype("<i2")
    AUDIO_DIR.mkdir(parents=True, exist_ok=True)
    tmp = ex.wav.with_suffix(".tmp")
    with wave.open(str(tmp), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SR)
        w.writeframes(pcm.tobytes())
    tmp.replace(ex.wav)
    return ex.wav


def main() -> int:
    missing = 0
    for ex in load_manifest():
        try:
            build(ex)
        except FileNotFoundError as err:
            print(err, file=sys.stderr)
            missing += 1
    print(f"{len(load_manifest()) - missing} excerpts ready in {AUDIO_DIR.name}/, {missing} missing")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
