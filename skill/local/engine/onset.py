"""Spectral features of a mono signal: log-band energies, chroma, onset strength envelopes.

One chunked STFT pass (numpy FFT, Hann window, centred frames) yields everything
the beat tracker and the section finder need, at ``sr / hop_length`` frames per
second, without holding the full spectrogram of a long file.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["PitchChroma", "SpectralFeatures", "onset_strength", "pitch_chroma", "spectral_features"]

_CHUNK_FRAMES = 4096
_N_BANDS = 40
_FMIN_HZ = 30.0
_LOW_BAND_MAX_HZ = 180.0
_CHROMA_FMIN_HZ = 65.0
_CHROMA_FMAX_HZ = 2100.0
_LOG_FLOOR = 1e-10


@dataclass(frozen=True, slots=True)
class SpectralFeatures:
    """Per-frame features; frame ``t`` is centred at ``t * hop_length / sr`` seconds."""

    sr: int
    hop_length: int
    bands_db: np.ndarray  # (n_bands, n_frames) log energy per log-spaced band
    band_hz: np.ndarray  # (n_bands,) band centre frequencies
    chroma: np.ndarray  # (12, n_frames) energy per pitch class, not normalised
    rms: np.ndarray  # (n_frames,) frame RMS

    @property
    def fps(self) -> float:
        return self.sr / self.hop_length


def _band_matrix(sr: int, n_fft: int, n_bands: int) -> tuple[np.ndarray, np.ndarray]:
    freqs = np.fft.rfftfreq(n_fft, 1.0 / sr)
    edges = np.geomspace(_FMIN_HZ, sr / 2, n_bands + 2)
    mat = np.zeros((n_bands, freqs.size), dtype=np.float32)
    for b in range(n_bands):
        lo, mid, hi = edges[b : b + 3]
        up = (freqs - lo) / (mid - lo)
        down = (hi - freqs) / (hi - mid)
        mat[b] = np.clip(np.minimum(up, down), 0.0, None)
        if not mat[b].any():  # narrower than one FFT bin: take the nearest bin
            mat[b, int(np.argmin(np.abs(freqs - mid)))] = 1.0
    return mat, edges[1:-1]


def _chroma_matrix(sr: int, n_fft: int) -> np.ndarray:
    freqs = np.fft.rfftfreq(n_fft, 1.0 / sr)
    mat = np.zeros((12, freqs.size), dtype=np.float32)
    ok = (freqs >= _CHROMA_FMIN_HZ) & (freqs <= _CHROMA_FMAX_HZ)
    midi = 69.0 + 12.0 * np.log2(freqs[ok] / 440.0)
    for pc in range(12):
        dist = (midi - pc + 6.0) % 12.0 - 6.0
        mat[pc, ok] = np.exp(-0.5 * (dist / 0.5) ** 2)
    return mat


def spectral_features(y: np.ndarray, *, sr: int, hop_length: int, n_fft: int) -> SpectralFeatures:
    """Compute log-band energies, chroma and RMS in one chunked STFT pass.

    Parameters
    ----------
    y : np.ndarray [shape=(n,)]
        Mono signal.
    sr : int
        Sample rate in Hz.
    hop_length, n_fft : int
        Frame hop and window length in samples.

    Returns
    -------
    SpectralFeatures
    """
    y = np.asarray(y, dtype=np.float32)
    pad = n_fft // 2
    n_frames = 1 + max(0, (y.size + 2 * pad - n_fft) // hop_length)
    window = np.hanning(n_fft)
    band_mat, band_hz = _band_matrix(sr, n_fft, _N_BANDS)
    chroma_mat = _chroma_matrix(sr, n_fft)
    bands = np.empty((_N_BANDS, n_frames), dtype=np.float32)
    chroma = np.empty((12, n_frames), dtype=np.float32)
    rms = np.empty(n_frames, dtype=np.float32)
    for lo in range(0, n_frames, _CHUNK_FRAMES):
        hi = min(n_frames, lo + _CHUNK_FRAMES)
        # centred frames: pad only this chunk's samples, never a copy of the whole signal
        a, b = lo * hop_length - pad, (hi - 1) * hop_length - pad + n_fft
        seg = y[max(a, 0) : min(b, y.size)]
        seg = np.pad(seg, (max(0, -a), max(0, b - y.size)))
        view = np.lib.stride_tricks.sliding_window_view(seg, n_fft)[::hop_length]
        # float64 in: numpy's float32 FFT is several times slower on this machine
        spec = np.fft.rfft(view.astype(np.float64) * window, axis=1)
        power = (spec.real**2 + spec.imag**2).astype(np.float32)
        bands[:, lo:hi] = band_mat @ power.T
        chroma[:, lo:hi] = chroma_mat @ power.T
        rms[lo:hi] = np.sqrt(np.mean(view**2, axis=1))
    bands_db = bands  # in place: this array is the biggest one for a long file
    np.maximum(bands_db, _LOG_FLOOR, out=bands_db)
    np.log10(bands_db, out=bands_db)
    bands_db *= 10.0
    return SpectralFeatures(
        sr=sr, hop_length=hop_length, bands_db=bands_db, band_hz=band_hz, chroma=chroma, rms=rms
    )


def onset_strength(
    bands_db: np.ndarray,
    *,
    band_hz: np.ndarray | None = None,
    fmax_hz: float | None = None,
    range_db: float = 80.0,
) -> np.ndarray:
    """Spectral-flux onset envelope: mean positive rise of the log-band energies.

    Parameters
    ----------
    bands_db : np.ndarray [shape=(n_bands, n_frames)]
    band_hz : np.ndarray [shape=(n_bands,)], optional
        Band centres; with ``fmax_hz`` only bands below it are used.
    fmax_hz : float, optional
    range_db : float
        Energies more than this below the loudest frame are clipped, so noise in
        silence does not make onsets.

    Returns
    -------
    np.ndarray [shape=(n_frames,)]
        Frame ``t`` measures the rise from frame ``t - 1`` to ``t``.
    """
    s = bands_db
    if fmax_hz is not None and band_hz is not None:
        s = s[band_hz <= fmax_hz]
    s = np.maximum(s, s.max() - range_db)
    flux = np.zeros(s.shape[1], dtype=np.float32)
    if s.shape[1] > 1:
        # A max filter across neighbouring bands on the reference frame (SuperFlux)
        # stops vibrato and slides from counting as onsets.
        ref = s[:, :-1].copy()
        ref[1:] = np.maximum(ref[1:], s[:-1, :-1])
        ref[:-1] = np.maximum(ref[:-1], s[1:, :-1])
        flux[1:] = np.maximum(s[:, 1:] - ref, 0.0).mean(axis=0)
    # the first frame rises from the clipped floor, so a note at t=0 is an onset too
    if s.shape[1] > 1:
        rise = float(np.maximum(s[:, 0] - s.min(), 0.0).mean())
        flux[0] = min(rise, float(flux[1:].max()))
    return flux


PEAK_REACH = 2  # frames (20 ms): a beat's onset may peak a frame or two either side of it


def peak_near(env: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """The envelope's maximum within :data:`PEAK_REACH` frames of each index (0 <= idx < size).

    One windowed view instead of a Python loop over the beats: the engine asks this of every beat
    of every candidate tracking, ten thousand times per song.
    """
    idx = np.asarray(idx, dtype=np.int64)
    if idx.size == 0:
        return np.zeros(0, dtype=env.dtype)
    padded = np.pad(env, PEAK_REACH, constant_values=-np.inf)
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * PEAK_REACH + 1)
    return np.asarray(windows[idx].max(axis=1))


LOW_BAND_MAX_HZ = _LOW_BAND_MAX_HZ

_PITCH_N_FFT = 4096
_PITCH_HOP = 2048
_PITCH_BASS_HZ = (40.0, 200.0)
_PITCH_TREBLE_HZ = (200.0, 2000.0)
_PITCH_CHUNK = 512


@dataclass(frozen=True, slots=True)
class PitchChroma:
    """Log-compressed chroma of the bass (40-200 Hz) and the treble (200 Hz-2 kHz).

    Frame ``k`` covers samples ``[k * hop, k * hop + n_fft)`` (not centred).
    """

    bass: np.ndarray  # (12, n_frames)
    treble: np.ndarray  # (12, n_frames)
    fps: float


def _pitch_matrix(freqs: np.ndarray, lo: float, hi: float) -> np.ndarray:
    ok = (freqs >= lo) & (freqs < hi)
    midi = 69.0 + 12.0 * np.log2(freqs[ok] / 440.0)
    mat = np.zeros((12, freqs.size))
    for pc in range(12):
        dist = (midi - pc + 6.0) % 12.0 - 6.0
        mat[pc, ok] = np.exp(-0.5 * (dist / 0.5) ** 2)
    return mat


def pitch_chroma(y: np.ndarray, *, sr: int) -> PitchChroma:
    """Chroma from a 4096-sample window (3.9 Hz bins at 16 kHz), for harmonic change at bar starts.

    The beat tracker's 1024-sample window has 15.6 Hz bins, wider than a semitone below
    ~250 Hz, so it cannot follow bass notes; bass and chord changes are what mark beat 1
    against beat 3 (the bars' kick and snare pattern repeats every half bar).
    """
    y = np.asarray(y, dtype=np.float32)
    n = 1 + max(0, (y.size - _PITCH_N_FFT) // _PITCH_HOP)
    if y.size < _PITCH_N_FFT:
        y = np.pad(y, (0, _PITCH_N_FFT - y.size))
    freqs = np.fft.rfftfreq(_PITCH_N_FFT, 1.0 / sr)
    top = int(np.searchsorted(freqs, _PITCH_TREBLE_HZ[1])) + 1
    freqs = freqs[:top]
    mats = np.vstack([_pitch_matrix(freqs, *_PITCH_BASS_HZ), _pitch_matrix(freqs, *_PITCH_TREBLE_HZ)])
    window = np.hanning(_PITCH_N_FFT)
    out = np.empty((24, n))
    peak = 0.0
    for lo in range(0, n, _PITCH_CHUNK):
        hi = min(n, lo + _PITCH_CHUNK)
        seg = y[lo * _PITCH_HOP : (hi - 1) * _PITCH_HOP + _PITCH_N_FFT]
        view = np.lib.stride_tricks.sliding_window_view(seg, _PITCH_N_FFT)[::_PITCH_HOP]
        spec = np.fft.rfft(np.multiply(view, window), axis=1)[:, :top]
        power = spec.real**2 + spec.imag**2
        peak = max(peak, float(power.max()))
        out[:, lo:hi] = mats @ power.T
    out = np.log1p(out * (1e6 / (peak + 1e-12)))
    return PitchChroma(bass=out[:12], treble=out[12:], fps=sr / _PITCH_HOP)
