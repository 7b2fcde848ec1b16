"""The AAC track: its encoder settings, and the loudness and true peak a viewer really gets from it.

A mix measured at -1 dBTP before encoding is not -1 dBTP in the file: AAC's quantisation rings around
transients (a clip's knock, a clipped phone recording), and the decoded track overshoots, here by
0.2 to 3 dB on real footage, and loses a few tenths of a LU with the top octave. The promise is about
the file, so the file is what is measured: the mix is encoded with the very encoder settings the MP4
uses (the encoder is deterministic), decoded, and measured; when the ceiling or the loudness misses,
the mix is limited and levelled again by the misses and checked once more.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from .errors import RenderError
from .loudness import Loudness, measure_loudness, normalise_loudness

if TYPE_CHECKING:
    import numpy as np

__all__ = ["AAC_OPTIONS", "AUDIO_BITRATE", "AUDIO_SR", "encoded_loudness", "fit_after_aac"]

log = logging.getLogger(__name__)

AUDIO_SR = 48000
AUDIO_BITRATE = 256_000  # at 192 kb/s the encoder's overshoot on transients is erratic (up to 3 dB)
AAC_OPTIONS = {"aac_coder": "fast"}  # half the CPU of twoloop, same bitrate
FRAME_SAMPLES = 1024
_TRIES = 3
_PEAK_MARGIN_DB = 0.2  # aim this far under the ceiling: each encode rings a little differently
_METER_SLACK_DB = 0.1
_LOUDNESS_TOLERANCE_LU = 0.5
_MAX_LEVEL_SHIFT_LU = 1.0


def configure(ctx: Any) -> None:
    """Give an AAC stream or codec context the MP4's settings (one place, so the check encodes alike)."""
    ctx.layout = "stereo"
    ctx.bit_rate = AUDIO_BITRATE
    ctx.options = dict(AAC_OPTIONS)


def _round_trip(audio: np.ndarray, sr: int) -> np.ndarray:
    """``audio`` (2 x n float32) through the MP4's AAC encoder and back, as a player decodes it."""
    import av
    import numpy as np

    enc = av.CodecContext.create("aac", "w")
    enc.sample_rate = sr
    enc.format = "fltp"
    configure(enc)
    enc.open()
    dec = av.CodecContext.create("aac", "r")
    dec.sample_rate = sr
    dec.layout = "stereo"
    dec.extradata = enc.extradata
    out: list[np.ndarray] = []

    def decode(packets: list[Any]) -> None:
        for packet in packets:
            out.extend(frame.to_ndarray() for frame in dec.decode(packet))

    try:
        for i in range(0, audio.shape[1], FRAME_SAMPLES):
            frame = av.AudioFrame.from_ndarray(
                np.ascontiguousarray(audio[:, i : i + FRAME_SAMPLES], dtype=np.float32),
                format="fltp",
                layout="stereo",
            )
            frame.sample_rate = sr
            frame.pts = i
            decode(enc.encode(frame))
        decode(enc.encode(None))
        decode(dec.decode(None))
    except av.FFmpegError as err:
        raise RenderError(f"Checking the encoded sound failed: {err}") from err
    return np.concatenate(out, axis=1) if out else np.zeros((2, 0), np.float32)


def encoded_loudness(audio: np.ndarray, sr: int = AUDIO_SR) -> Loudness:
    """The loudness and true peak of ``audio`` once it is AAC in the MP4 (measured on the decode)."""
    return measure_loudness(_round_trip(audio, sr), sr)


def _passes(got: Loudness, target_lufs: float, ceiling_db: float) -> bool:
    """Under the ceiling by a hair more than meters disagree by (4x true-peak meters differ ~0.1 dB)."""
    return (
        got.true_peak_db <= ceiling_db - _METER_SLACK_DB
        and abs(got.integrated_lufs - target_lufs) <= _LOUDNESS_TOLERANCE_LU
    )


def fit_after_aac(audio: np.ndarray, sr: int, *, target_lufs: float, ceiling_db: float) -> np.ndarray:
    """``audio`` (already normalised) adjusted so that its AAC encode is at ``target_lufs`` with true
    peaks at or under ``ceiling_db``; ``audio`` itself when the encode already is (the usual case).

    The encode's misses (how far it peaks over the ceiling, how much loudness it loses) go back to the
    normaliser as a lower ceiling and a higher target, so the limiter works where AAC rings; when that
    never lands, the quietest encode that keeps the ceiling wins, and failing that a plain gain.
    """
    import numpy as np

    got = encoded_loudness(audio, sr)
    if _passes(got, target_lufs, ceiling_db):
        return audio
    pre_ceiling, pre_target = ceiling_db, target_lufs
    kept: list[tuple[Loudness, np.ndarray]] = []
    current = audio
    for _ in range(_TRIES):
        log.info("AAC encode at %.1f LUFS, %.2f dBTP: levelled again", got.integrated_lufs, got.true_peak_db)
        pre_ceiling -= max(0.0, got.true_peak_db - ceiling_db + _METER_SLACK_DB + _PEAK_MARGIN_DB)
        shift = (pre_target - target_lufs) + (target_lufs - got.integrated_lufs)  # the loss so far
        pre_target = target_lufs + max(-_MAX_LEVEL_SHIFT_LU, min(_MAX_LEVEL_SHIFT_LU, shift))
        current, _ = normalise_loudness(audio, sr, target_lufs=pre_target, ceiling_db=max(pre_ceiling, -9.0))
        got = encoded_loudness(current, sr)
        if _passes(got, target_lufs, ceiling_db):
            return current
        if got.true_peak_db <= ceiling_db - _METER_SLACK_DB:
            kept.append((got, current))
    if kept:  # under the ceiling, only the loudness a little off: the closest to the target
        return min(kept, key=lambda k: abs(k[0].integrated_lufs - target_lufs))[1]
    down = np.float32(10 ** ((ceiling_db - _METER_SLACK_DB - got.true_peak_db - _PEAK_MARGIN_DB) / 20))
    limited: np.ndarray = (current * down).astype(np.float32)
    return limited
