"""Track analysis: decode once, then tempo, beats, downbeats and per-beat features, cached as JSON."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "ANALYSIS_SR",
    "HOP_LENGTH",
    "MAX_TRACK_S",
    "MIN_TRACK_S",
    "TrackAnalysis",
    "analyse_samples",
    "analyse_track",
]

log = logging.getLogger(__name__)

ANALYSIS_SR = 16000
HOP_LENGTH = 160  # 10 ms frames
N_FFT = 1024
MIN_TRACK_S = 4.0
# Analysis holds the whole song at 16 kHz plus its spectrogram (~0.75 GB per hour of audio): longer
# songs are refused up front, and a file that hides its length is decoded no further than this.
MAX_TRACK_S = 60 * 60.0
SILENCE_RMS = 10 ** (-60 / 20)
_CACHE_VERSION = 4
_CLEAR_ONSET = 0.1
_EDGE_S = 0.07
_HASH_SPAN_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class TrackAnalysis:
    """What the engine knows about a track: tempo, beats, bars and a per-beat feature summary.

    ``beat_confidence`` (0..1) says how sure the tracker is of the beats (0 on the steady
    fallback grid); ``beat_features`` holds, per beat, loudness (dB), onset density, 12 chroma values and
    8 timbre coefficients; the section finder uses it so the audio is decoded only once.
    """

    duration_s: float
    sr: int
    tempo_bpm: float
    beats_s: tuple[float, ...]
    downbeats_s: tuple[float, ...]
    beats_per_bar: int
    is_steady_fallback: bool
    beat_confidence: float = 0.0
    beat_features: tuple[tuple[float, ...], ...] = field(default=(), repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": _CACHE_VERSION,
            "duration_s": self.duration_s,
            "sr": self.sr,
            "tempo_bpm": self.tempo_bpm,
            "beats_s": list(self.beats_s),
            "downbeats_s": list(self.downbeats_s),
            "beats_per_bar": self.beats_per_bar,
            "is_steady_fallback": self.is_steady_fallback,
            "beat_confidence": self.beat_confidence,
            "beat_features": [list(f) for f in self.beat_features],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> TrackAnalysis:
        return cls(
            duration_s=float(d["duration_s"]),
            sr=int(d["sr"]),
            tempo_bpm=float(d["tempo_bpm"]),
            beats_s=tuple(float(x) for x in d["beats_s"]),
            downbeats_s=tuple(float(x) for x in d["downbeats_s"]),
            beats_per_bar=int(d["beats_per_bar"]),
            is_steady_fallback=bool(d["is_steady_fallback"]),
            beat_confidence=float(d.get("beat_confidence", 0.0)),
            beat_features=tuple(tuple(float(v) for v in f) for f in d.get("beat_features", ())),
        )


def analyse_samples(y: Any, *, sr: int) -> TrackAnalysis:
    """Analyse a mono signal (see :func:`analyse_track`); raises on silence or too-short audio."""
    import numpy as np

    from . import beats as bt
    from . import tempo as tp
    from .downbeats import estimate_downbeats, phase_cues
    from .errors import SilentAudioError, TooShortError
    from .onset import LOW_BAND_MAX_HZ, onset_strength, pitch_chroma, spectral_features
    from .tracking import track

    y = np.asarray(y, dtype=np.float32)
    duration_s = y.size / sr
    if duration_s < MIN_TRACK_S:
        raise TooShortError(f"The audio is {duration_s:.1f} s long; at least {MIN_TRACK_S:.0f} s is needed")
    if y.size == 0 or float(np.sqrt(np.mean(y.astype(np.float64) ** 2))) < SILENCE_RMS:
        raise SilentAudioError("The audio is silent")
    feats = spectral_features(y, sr=sr, hop_length=HOP_LENGTH, n_fft=N_FFT)
    fps = feats.fps
    onset = onset_strength(feats.bands_db)
    low = onset_strength(feats.bands_db, band_hz=feats.band_hz, fmax_hz=LOW_BAND_MAX_HZ)
    # a file that stops mid-note clicks in its last window; that is not a beat
    tail = N_FFT // HOP_LENGTH // 2 + 1
    onset[-tail:] = 0.0
    low[-tail:] = 0.0
    # kicks and bass mark the beat in most music; the full-band flux alone favours
    # broadband claps and hats, which are often syncopated
    beat_env = onset / (onset.std() + 1e-9) + bt.LOW_WEIGHT * low / (low.std() + 1e-9)
    tempo, confidence = tp.estimate_tempo(beat_env, fps=fps)
    sounding = np.flatnonzero(feats.rms > feats.rms.max() * 10 ** (-50 / 20))
    first_s = float(sounding[0] / fps) if sounding.size else 0.0
    last_s = float(sounding[-1] / fps) if sounding.size else duration_s
    strong = np.flatnonzero(onset > 0.3 * onset.max()) if onset.max() > 0 else np.zeros(0, int)
    level_db = float(np.percentile(onset_strength(feats.bands_db, range_db=tp.ONSET_RANGE_DB), 99))
    periodicity_z = confidence * float(np.sqrt(beat_env.size))
    is_fallback = periodicity_z < tp.MIN_PERIODICITY_Z or strong.size < 4 or level_db < tp.MIN_ONSET_DB
    beat_conf = 0.0
    if is_fallback:
        log.info("no clear beat (confidence %.3f): using a steady %.0f BPM grid", confidence, tp.PRIOR_BPM)
        tempo = tp.PRIOR_BPM
        start = float(strong[0] / fps) if strong.size else first_s
        beats_s = bt.steady_grid(first_s=start, end_s=last_s, tempo_bpm=tempo)
    else:
        body = onset_strength(feats.bands_db, band_hz=feats.band_hz, fmax_hz=tp.BODY_MAX_HZ)
        bands = feats.band_hz
        high = onset_strength(feats.bands_db[bands > tp.BODY_MAX_HZ])
        mid = onset_strength(feats.bands_db[(bands > LOW_BAND_MAX_HZ) & (bands <= tp.BODY_MAX_HZ)])
        for env in (body, mid, high):
            env[-tail:] = 0.0
        envs = {"full": onset, "low": low, "body": body, "mid": mid, "high": high}
        tracked = track(beat_env, envs, fps=fps, tempo_bpm=tempo)
        frames, tempo, agreed = tracked.frames, tracked.tempo_bpm, tracked.agreed
        frames = bt.trim_unsupported(frames, onset=beat_env, rms=feats.rms)
        # the offset cannot move a beat on the very first frame before t=0
        beats_s = np.where(frames < 1.0, frames / fps, frames / fps - bt.TIMING_OFFSET_S)
        # no beats before the first or after the last clear onset (ringing tails, silence)
        clear = np.flatnonzero(onset > _CLEAR_ONSET * np.percentile(onset, 99))
        lo_s = max(first_s, clear[0] / fps) if clear.size else first_s
        hi_s = min(last_s, clear[-1] / fps) if clear.size else last_s
        beats_s = beats_s[(beats_s >= lo_s - _EDGE_S) & (beats_s <= hi_s + _EDGE_S)]
        beats_s = np.clip(beats_s, 0.0, duration_s)
        if beats_s.size >= 2:
            tempo = float(60.0 / np.median(np.diff(beats_s)))
        beat_conf = bt.beat_confidence(agreed=agreed, periodicity_z=periodicity_z)
    cues = phase_cues(
        beats_s, fps=fps, low_onset=low, chroma=feats.chroma, rms=feats.rms, pitch=pitch_chroma(y, sr=sr)
    )
    bpb, down_idx = estimate_downbeats(cues)
    downbeats_s = beats_s[down_idx]
    features = _beat_features(feats, onset, beats_s, duration_s)
    return TrackAnalysis(
        duration_s=round(duration_s, 6),
        sr=sr,
        tempo_bpm=round(float(tempo), 3),
        beats_s=tuple(round(float(b), 4) for b in beats_s),
        downbeats_s=tuple(round(float(b), 4) for b in downbeats_s),
        beats_per_bar=int(bpb),
        is_steady_fallback=bool(is_fallback),
        beat_confidence=round(float(beat_conf), 3),
        beat_features=features,
    )


def _beat_features(feats: Any, onset: Any, beats_s: Any, duration_s: float) -> tuple[tuple[float, ...], ...]:
    import numpy as np

    fps = feats.fps
    n = feats.rms.size
    edges = np.round(np.concatenate([beats_s, [duration_s]]) * fps).astype(int)
    edges = np.clip(edges, 0, n)
    bands = feats.bands_db
    # a DCT-II of the log bands gives a cheap MFCC-like timbre vector
    k = np.arange(bands.shape[0])
    dct = np.cos(np.pi / bands.shape[0] * (k + 0.5)[None, :] * np.arange(1, 9)[:, None])
    out = []
    for i in range(len(beats_s)):
        lo, hi = edges[i], max(edges[i + 1], edges[i] + 1)
        rms = float(np.sqrt(np.mean(feats.rms[lo:hi] ** 2))) if hi <= n else 0.0
        loud = 20 * np.log10(rms + 1e-9)
        dens = float(onset[lo:hi].mean()) if hi <= n else 0.0
        chroma = feats.chroma[:, lo:hi].mean(axis=1)
        chroma = chroma / (chroma.max() + 1e-12)
        timbre = dct @ bands[:, lo:hi].mean(axis=1) / bands.shape[0]
        vec = [loud, dens, *chroma.tolist(), *timbre.tolist()]
        out.append(tuple(round(float(v), 4) for v in vec))
    return tuple(out)


def _file_key(path: Path) -> str:
    st = path.stat()
    h = hashlib.sha256(f"{st.st_size}:{st.st_mtime_ns}:{_CACHE_VERSION}".encode())
    with path.open("rb") as f:
        h.update(f.read(_HASH_SPAN_BYTES))
        if st.st_size > _HASH_SPAN_BYTES:
            f.seek(max(st.st_size - _HASH_SPAN_BYTES, _HASH_SPAN_BYTES))
            h.update(f.read(_HASH_SPAN_BYTES))
    return h.hexdigest()[:32]


def analyse_track(
    path: Path,
    *,
    cache_dir: Path | None = None,
    on_progress: Callable[[str, float], None] | None = None,
) -> TrackAnalysis:
    """Decode a song and find its tempo, beats and downbeats.

    Parameters
    ----------
    path : Path
        Audio (mp3, wav, m4a, aac, ...) or a video with an audio track.
    cache_dir : Path, optional
        Results are cached there as JSON, keyed by the file's size, mtime and a hash of its
        first and last MiB.
    on_progress : callable(stage, fraction), optional

    Returns
    -------
    TrackAnalysis

    Raises
    ------
    AudioDecodeError, NoAudioError, SilentAudioError, TooShortError, TooLongError
    """
    from .decode import decode_audio
    from .errors import AudioDecodeError

    path = Path(path)
    if not path.is_file():
        raise AudioDecodeError(f"File not found: {path}")
    cache_file = None
    if cache_dir is not None:
        cache_file = Path(cache_dir) / f"analysis-{_file_key(path)}.json"
        if cache_file.is_file():
            try:
                with cache_file.open(encoding="utf-8") as f:
                    data = json.load(f)
                if data.get("version") == _CACHE_VERSION:
                    return TrackAnalysis.from_json(data)
            except (OSError, ValueError, KeyError) as err:
                log.warning("ignoring unreadable analysis cache %s: %s", cache_file.name, err)
    from .decode import probe_duration
    from .errors import TooLongError

    if probe_duration(path) > MAX_TRACK_S:
        raise TooLongError(
            f"The audio is over {MAX_TRACK_S / 60:.0f} minutes long; trim it to a song's length"
        )
    if on_progress:
        on_progress("decode", 0.0)
    y = decode_audio(path, sr=ANALYSIS_SR, channels=1, duration_s=MAX_TRACK_S + 1.0)[0]
    if y.size > MAX_TRACK_S * ANALYSIS_SR:
        raise TooLongError(
            f"The audio is over {MAX_TRACK_S / 60:.0f} minutes long; trim it to a song's length"
        )
    if on_progress:
        on_progress("analyse", 0.0)
    result = analyse_samples(y, sr=ANALYSIS_SR)
    if on_progress:
        on_progress("analyse", 1.0)
    if cache_file is not None:
        _write_cache(cache_file, result)
    return result


def _write_cache(cache_file: Path, result: TrackAnalysis) -> None:
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".analysis-", suffix=".json", dir=cache_file.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(result.to_json(), f)
        os.replace(tmp, cache_file)
    except OSError as err:
        log.warning("could not write analysis cache: %s", err)
