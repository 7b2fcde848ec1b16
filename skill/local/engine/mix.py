"""The final sound of a render: the music excerpt, the clips' own sound, ducking, fades and loudness.

Every shot from a clip with sound plays that clip's sound for exactly the samples its picture is on
screen (cuts fall on frame boundaries, as the picture's do), with a short fade at each end so no cut
clicks. While the clips' sound is present (its envelope above a threshold) the music dips by the plan's
``duck_db``, starting a little before the sound (the mix is offline, so it can look ahead) and coming
back after a hold. Each clip's sound is first levelled to about the music's loudness, so the plan's
per-shot gains and the duck depth mean the same thing on a whisper and on a concert. The finished mix
is faded in and out with the picture (``audiofx.py``) and normalised (``loudness.py``) to the plan's
target with a true-peak ceiling.

The track is exactly ``n_frames * sr / fps`` samples long, ``n_frames = round(duration_s * fps)``: the
sound and the picture end together, whatever the length.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from skill.timeline.vocab import DEFAULT_TRANSITION_S

from .audiofx import fade_audio
from .clipaudio import ClipSound, ShotSpan
from .loudness import SILENCE_LUFS, measure_loudness, normalise_loudness

if TYPE_CHECKING:
    import numpy as np

    from .renderplan import RenderPlan, ShotPlan

__all__ = ["MixLevels", "build_mix", "duck_gain", "mix_samples", "shot_sample_bounds"]

log = logging.getLogger(__name__)

CUT_FADE_S = 0.008  # at every edge of a clip's sound: long enough to never click, too short to hear
DUCK_THRESHOLD_DB = -45.0  # clip sound (RMS over ENV_WINDOW_S, dBFS) louder than this ducks the music
DUCK_ATTACK_S = 0.15
DUCK_RELEASE_S = 0.4
DUCK_HOLD_S = 0.25  # bridges the gaps between words, so the music does not pump
ENV_BLOCK_S = 0.01
ENV_WINDOW_S = 0.05
CLIP_LEVEL_RANGE_DB = 12.0
QUIET_CLIP_LUFS = -45.0  # a clip this quiet overall is not levelled up (and so does not duck the music)
# AAC's reconstruction overshoots the peaks it was given by a few tenths of a dB: the mix keeps this
# much under the ceiling so the decoded file, which is what is measured, stays under it
CODEC_HEADROOM_DB = 0.3  # the levelling of a clip's sound to the music moves it at most this much


@dataclass(frozen=True, slots=True)
class MixLevels:
    """What the mix did, for logs and tests: seconds ducked and the final loudness (the peak is the
    true peak when the mix was normalised, the sample peak otherwise)."""

    ducked_s: float
    clip_shots: int
    integrated_lufs: float
    true_peak_db: float


@dataclass(frozen=True, slots=True)
class _Picked:
    """A shot whose clip sound goes in: samples ``[a, b)`` of the video."""

    a: int
    b: int
    source: Path
    source_in_s: float
    gain: float
    fade_in_s: float = CUT_FADE_S
    fade_out_s: float = CUT_FADE_S


def mix_samples(plan: RenderPlan, sr: int) -> int:
    """Samples in the track of ``plan``: whole frames of picture, so A/V end together."""
    n_frames = max(1, round(plan.duration_s * plan.fps))
    return round(n_frames * sr / plan.fps)


def shot_sample_bounds(shot: ShotPlan, fps: int, sr: int, n: int) -> tuple[int, int]:
    """The samples ``[a, b)`` under the shot's frames (its start and end rounded to frames)."""
    a = round(round(shot.start_s * fps) * sr / fps)
    b = round(round(shot.end_s * fps) * sr / fps)
    return min(max(a, 0), n), min(max(b, 0), n)


def _ramp(n: int) -> np.ndarray:
    """A raised-cosine rise over ``n`` samples (0 to 1, smooth at both ends)."""
    import numpy as np

    return (0.5 - 0.5 * np.cos(np.linspace(0.0, math.pi, n, dtype=np.float64))).astype(np.float32)


def _prepare_music(plan: RenderPlan, sr: int, n: int, music: np.ndarray | None) -> np.ndarray:
    """The excerpt at its gain, exactly ``n`` samples (a new array: the caller's is left as it was)."""
    import numpy as np

    from .decode import decode_audio

    if music is None:
        music = decode_audio(
            plan.music.path, sr=sr, channels=2, start_s=plan.music.song_start_s, duration_s=n / sr
        )
    else:
        music = music[:, :n].copy()
    if music.shape[1] < n:
        music = np.pad(music, ((0, 0), (0, n - music.shape[1])))
    if plan.music.gain != 1.0:
        music *= np.float32(plan.music.gain)
    return music


def _clip_bus(plan: RenderPlan, sr: int, n: int, music_lufs: float) -> tuple[np.ndarray, int]:
    """The clips' sound on the video's clock (levelled, gained, faded at each cut) and its shot count."""
    import numpy as np

    bus = np.zeros((2, n), dtype=np.float32)
    picked: list[_Picked] = []
    for k, shot in enumerate(plan.shots):
        if shot.kind != "clip" or shot.source is None or shot.audio_gain <= 0:
            continue
        if _same_file(shot.source, plan.music.path):
            continue  # the song is this clip's sound already: playing it twice would echo
        a, b = shot_sample_bounds(shot, plan.fps, sr, n)
        after = plan.shots[k + 1] if k + 1 < len(plan.shots) else None
        if b > a:
            fade_in, fade_out = _transition_fades(shot, after)
            picked.append(_Picked(a, b, shot.source, shot.source_in_s, shot.audio_gain, fade_in, fade_out))
    if not picked:
        return bus, 0
    pieces = ClipSound(sr).spans([ShotSpan(p.source, p.source_in_s, p.b - p.a) for p in picked])
    level = _levels(picked, pieces, sr, music_lufs)
    used = 0
    for k, (p, piece) in enumerate(zip(picked, pieces, strict=True)):
        if piece is None:
            continue
        used += 1
        a, b = p.a, p.b
        piece = piece * np.float32(level[p.source] * p.gain)
        f_in = min(max(1, round(p.fade_in_s * sr)), (b - a) // 2)
        f_out = min(max(1, round(p.fade_out_s * sr)), (b - a) // 2)
        if f_in > 0 and not _continues(picked, pieces, k - 1, k, sr):
            piece[:, :f_in] *= _ramp(f_in)
        if f_out > 0 and not _continues(picked, pieces, k, k + 1, sr):
            piece[:, b - a - f_out :] *= _ramp(f_out)[::-1]
        bus[:, a:b] += piece
    return bus, used


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return a == b


def _transition_fades(shot: ShotPlan, after: ShotPlan | None) -> tuple[float, float]:
    """How long a shot's clip sound fades in and out: a cut's few milliseconds, or with the picture.

    A crossfade brings the incoming picture up over its length while the outgoing one is a held
    still, so the incoming sound rises over the same time and the outgoing stops at the cut; a dip to
    black or white takes the sound down to the cut and up after it, half the dip each side.
    """
    fade_in = fade_out = CUT_FADE_S
    if shot.transition != "cut":
        length = shot.transition_s or DEFAULT_TRANSITION_S
        fade_in = max(CUT_FADE_S, length if shot.transition == "crossfade" else length / 2)
    if after is not None and after.transition in ("dip_black", "dip_white"):
        fade_out = max(CUT_FADE_S, (after.transition_s or DEFAULT_TRANSITION_S) / 2)
    return fade_in, fade_out


def _continues(picked: list[_Picked], pieces: list[np.ndarray | None], i: int, j: int, sr: int) -> bool:
    """True when shot ``j`` carries on shot ``i``'s sound seamlessly (same source, adjacent, same gain)."""
    if i < 0 or j >= len(picked) or pieces[i] is None or pieces[j] is None:
        return False
    p, q = picked[i], picked[j]
    return (
        p.b == q.a
        and p.source == q.source
        and p.gain == q.gain
        and abs(p.source_in_s + (p.b - p.a) / sr - q.source_in_s) <= 1.0 / sr
    )


def _levels(
    picked: list[_Picked], pieces: list[np.ndarray | None], sr: int, music_lufs: float
) -> dict[Path, float]:
    """Per source: the linear gain that brings its used sound to about the music's loudness."""
    import numpy as np

    by_source: dict[Path, list[np.ndarray]] = {}
    for p, piece in zip(picked, pieces, strict=True):
        if piece is not None:
            by_source.setdefault(p.source, []).append(piece)
    gains: dict[Path, float] = {}
    for source, parts in by_source.items():
        lufs = measure_loudness(np.concatenate(parts, axis=1), sr, true_peak=False).integrated_lufs
        if lufs <= QUIET_CLIP_LUFS or music_lufs <= SILENCE_LUFS:
            gains[source] = 1.0  # room tone and hiss stay as quiet as recorded: nothing to make room for
            continue
        db = max(-CLIP_LEVEL_RANGE_DB, min(CLIP_LEVEL_RANGE_DB, music_lufs - lufs))
        gains[source] = 10 ** (db / 20)
    return gains


def duck_gain(bus: np.ndarray, sr: int, depth_db: float) -> tuple[np.ndarray, float]:
    """Per-sample linear gain for the music under ``bus`` (and the seconds it is ducked)."""
    import numpy as np

    n = bus.shape[1]
    if depth_db <= 0 or n == 0:
        return np.ones(n, dtype=np.float32), 0.0
    block = max(1, round(ENV_BLOCK_S * sr))
    nb = -(-n // block)
    mono = bus.mean(axis=0)
    power = np.zeros(nb * block, dtype=np.float64)
    power[:n] = mono.astype(np.float64) ** 2
    per_block = power.reshape(nb, block).mean(axis=1)
    win = max(1, round(ENV_WINDOW_S / ENV_BLOCK_S))
    smoothed = np.convolve(per_block, np.ones(win) / win, mode="same")
    active = 10 * np.log10(smoothed + 1e-20) > DUCK_THRESHOLD_DB
    if not active.any():
        return np.ones(n, dtype=np.float32), 0.0
    hold = round(DUCK_HOLD_S / ENV_BLOCK_S)
    if hold:  # a block stays active for `hold` blocks after the sound in it
        idx = np.flatnonzero(active)
        held = np.zeros(nb + hold + 1, dtype=np.int32)
        np.add.at(held, idx, 1)
        np.add.at(held, idx + hold + 1, -1)
        active = np.cumsum(held)[:nb] > 0
    target = np.where(active, depth_db, 0.0)
    down = depth_db * ENV_BLOCK_S / DUCK_ATTACK_S
    up = depth_db * ENV_BLOCK_S / DUCK_RELEASE_S
    depth = target.copy()
    for i in range(1, nb):  # release: come back up slowly after the sound
        depth[i] = max(depth[i], depth[i - 1] - up)
    for i in range(nb - 2, -1, -1):  # attack, looking ahead: be down by the time the sound starts
        depth[i] = max(depth[i], depth[i + 1] - down)
    centres = (np.arange(nb) + 0.5) * block
    per_sample = np.interp(np.arange(n), centres, depth)
    gain = (10.0 ** (-per_sample / 20.0)).astype(np.float32)
    return gain, float(active.sum() * ENV_BLOCK_S)


def build_mix(plan: RenderPlan, sr: int, *, music: np.ndarray | None = None) -> tuple[np.ndarray, MixLevels]:
    """The finished stereo track of ``plan`` at ``sr`` (float32, 2 x ``mix_samples(plan, sr)``).

    ``music`` is the song excerpt already decoded (before its gain), when the caller has it.

    Raises
    ------
    AudioDecodeError, NoAudioError, RenderError
        The song cannot be decoded, or a filter failed. A clip whose sound cannot be read adds
        nothing (logged), as a silent clip would.
    """
    import numpy as np

    n = mix_samples(plan, sr)
    music = _prepare_music(plan, sr, n, music)
    used = 0
    ducked_s = 0.0
    if plan.keep_clip_audio and any(s.kind == "clip" and s.audio_gain > 0 for s in plan.shots):
        music_lufs = measure_loudness(music, sr, true_peak=False).integrated_lufs
        bus, used = _clip_bus(plan, sr, n, music_lufs)
        if used:
            gain, ducked_s = duck_gain(bus, sr, plan.duck_db)
            music *= gain
            music += bus
    mix = music
    fade_audio(mix, sr, fade_in_s=plan.fade_in_s, fade_out_s=plan.fade_out_s)
    if plan.loudness_lufs is not None:
        mix, final = normalise_loudness(mix, sr, target_lufs=plan.loudness_lufs, ceiling_db=plan.true_peak_db)
    else:
        np.clip(mix, -1.0, 1.0, out=mix)
        final = measure_loudness(mix, sr, true_peak=False)
    log.info(
        "mix: %d clip shots with sound, music ducked %.1f s, %.1f LUFS", used, ducked_s, final.integrated_lufs
    )
    return mix, MixLevels(
        ducked_s=round(ducked_s, 3),
        clip_shots=used,
        integrated_lufs=final.integrated_lufs,
        true_peak_db=final.true_peak_db,
    )
