"""The clips' own sound: for each shot, the samples its source plays during the shot, on the picture's clock.

A clip's picture is addressed by presentation time (``frame.time``), so its sound is too: sample ``k`` of
a shot is the source at ``source_in_s + k / sr`` on the container's clock, whatever the audio stream's
start offset. A source without an audio stream (a photo, a silent clip) has no sound; a source shorter
than the shot is padded with silence, as its picture holds its last frame.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import AudioDecodeError, NoAudioError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["ClipSound", "ShotSpan"]

log = logging.getLogger(__name__)

# sources whose used stretch is at most this long are decoded once for all their shots
_DECODE_ONCE_MAX_S = 120.0
EDGE_FADE_S = 0.008


@dataclass(frozen=True, slots=True)
class ShotSpan:
    """One shot's request: ``n`` samples of ``source`` from ``source_in_s`` (container time)."""

    source: Path
    source_in_s: float
    n: int


def _audio_origin_s(path: Path) -> float | None:
    """Container time of the first audio sample, or None when the file has no audio stream."""
    import av

    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                return None
            stream = container.streams.audio[0]
            if stream.start_time is None or not stream.time_base:
                return 0.0
            return float(stream.start_time * stream.time_base)
    except (av.FFmpegError, OSError):
        return None


class ClipSound:
    """Decode the sound every shot needs, each source once where its used stretch is short."""

    def __init__(self, sr: int) -> None:
        self.sr = sr
        self._origin: dict[Path, float | None] = {}

    def has_sound(self, path: Path) -> bool:
        """True when ``path`` has an audio stream FFmpeg can open."""
        if path not in self._origin:
            self._origin[path] = _audio_origin_s(path)
        return self._origin[path] is not None

    def _decode(self, path: Path, start_s: float, n: int) -> np.ndarray | None:
        """``n`` stereo samples from container time ``start_s``; silence where the source has none."""
        import numpy as np

        from .decode import decode_audio

        origin = self._origin.get(path)
        if origin is None:
            return None
        out = np.zeros((2, n), dtype=np.float32)
        lead = round((start_s - origin) * self.sr)  # samples into the audio stream
        skip = max(0, -lead)  # the shot starts before the stream: that part is silence
        if skip >= n:
            return out
        try:
            got = decode_audio(
                path, sr=self.sr, channels=2, start_s=max(lead, 0) / self.sr, duration_s=(n - skip) / self.sr
            )
        except (NoAudioError, AudioDecodeError) as err:
            log.warning("no usable sound in %s: %s", path.name, err.message)
            self._origin[path] = None
            return None
        take = min(n - skip, got.shape[1])
        out[:, skip : skip + take] = got[:, :take]
        # where the sound starts late or runs out inside the span, it fades instead of clicking
        f = min(round(EDGE_FADE_S * self.sr), take // 2)
        if f > 0:
            ramp = np.linspace(0.0, 1.0, f, dtype=np.float32)
            if skip > 0:
                out[:, skip : skip + f] *= ramp
            if take < n - skip:
                out[:, skip + take - f : skip + take] *= ramp[::-1]
        return out

    def spans(self, requests: Sequence[ShotSpan]) -> list[np.ndarray | None]:
        """The sound of each request, in order (None where its source has no sound)."""
        import numpy as np

        result: list[np.ndarray | None] = [None] * len(requests)
        by_source: dict[Path, list[int]] = {}
        for i, r in enumerate(requests):
            if r.n > 0 and self.has_sound(r.source):
                by_source.setdefault(r.source, []).append(i)
        for source, idx in by_source.items():
            lo = min(requests[i].source_in_s for i in idx)
            hi = max(requests[i].source_in_s + requests[i].n / self.sr for i in idx)
            if hi - lo <= _DECODE_ONCE_MAX_S:
                block = self._decode(source, lo, round((hi - lo) * self.sr) + 1)
                if block is None:
                    continue
                for i in idx:
                    r = requests[i]
                    a = round((r.source_in_s - lo) * self.sr)
                    piece = block[:, a : a + r.n]
                    if piece.shape[1] < r.n:
                        piece = np.pad(piece, ((0, 0), (0, r.n - piece.shape[1])))
                    result[i] = piece
            else:
                for i in idx:
                    result[i] = self._decode(source, requests[i].source_in_s, requests[i].n)
        return result
