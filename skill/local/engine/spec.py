"""What one render is asked for (:class:`RenderSpec`), what it wrote (:class:`RenderResult`), and the
checks made before any heavy work: the spec's values and the output path."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from skill.timeline.vocab import (
    ASPECT_SIZES,
    CLIP_AUDIO_DUCK_DB,
    LOUDNESS_TARGET_LUFS,
    MAX_DUCK_DB,
    MAX_LOUDNESS_LUFS,
    MIN_LOUDNESS_LUFS,
    TRUE_PEAK_DBTP,
)

from .errors import OutputPathError, ParameterError

if TYPE_CHECKING:
    from .fx import ShotStyle
    from .renderplan import TextCue

__all__ = [
    "ASPECT_SIZES",
    "MAX_VIDEO_S",
    "MIN_VIDEO_S",
    "RenderResult",
    "RenderSpec",
    "check_output_path",
    "validate",
]

MIN_VIDEO_S = 1.0
# the excerpt is held as 48 kHz stereo float32 (~0.4 MB/s); this keeps a render under ~1 GB
MAX_VIDEO_S = 20 * 60.0


@dataclass(frozen=True, slots=True)
class RenderSpec:
    """Everything needed to render one video (times in seconds); built from the timeline by
    :func:`skill.local.compile.spec_fields`, so the engine draws the shots the timeline shows."""

    song_path: Path
    start_s: float
    duration_s: float
    width: int = 1920
    height: int = 1080
    fps: int = 30
    cut_times_s: tuple[float, ...] = ()
    clips: tuple[Path, ...] = ()
    title: str | None = None
    title_start_s: float = 0.0
    title_duration_s: float | None = None
    volume: float = 1.0
    beat_times_s: tuple[float, ...] = ()  # relative to start_s; the generated visuals pulse on them
    # picture and music fade together; styles[k] is how shot k begins (shot 0 at 0, shot k at cut k-1)
    fade_in_s: float = 0.0
    fade_out_s: float = 0.0
    styles: tuple[ShotStyle, ...] = ()
    texts: tuple[TextCue, ...] = ()  # drawn after the title
    photo_motion: bool = True
    # the clips' own sound under a ducked song (clip_gains[k]: shot k's, 1.0 when missing), then the
    # whole mix normalised to loudness_lufs (None: not normalised) under a true-peak ceiling
    keep_clip_audio: bool = True
    clip_gains: tuple[float, ...] = ()
    # clips[k] is shot k's file and clip_starts[k] its in-point (chosen when the timeline was edited;
    # empty: every shot from its file's start): the engine cycles nothing and picks no window
    clip_starts: tuple[float, ...] = ()
    duck_db: float = CLIP_AUDIO_DUCK_DB
    loudness_lufs: float | None = LOUDNESS_TARGET_LUFS
    true_peak_db: float = TRUE_PEAK_DBTP


@dataclass(frozen=True, slots=True)
class RenderResult:
    """What was written."""

    path: Path
    duration_s: float
    width: int
    height: int
    fps: int
    cut_times_s: tuple[float, ...]
    stage_seconds: dict[str, float] = field(default_factory=dict)
    start_s: float = 0.0
    tempo_bpm: float = 0.0  # filled by render_highlight
    beats_per_bar: int = 0
    is_steady_fallback: bool = False


def check_output_path(out_path: Path) -> None:
    """Fail early, before any heavy work, when ``out_path`` cannot be written.

    Raises
    ------
    OutputPathError
    """
    out_path = Path(out_path)
    parent = out_path.parent if str(out_path.parent) else Path(".")
    if out_path.is_dir():
        raise OutputPathError(f"The output path {out_path} is a directory")
    if not parent.is_dir():
        raise OutputPathError(f"The output folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK) or (out_path.exists() and not os.access(out_path, os.W_OK)):
        raise OutputPathError(f"Cannot write to {out_path}: permission denied")


def validate(spec: RenderSpec) -> None:
    """Refuse a spec the encoder cannot honour, with a message that names the value.

    Raises
    ------
    ParameterError
    """
    if spec.width <= 0 or spec.height <= 0 or spec.width % 2 or spec.height % 2:
        raise ParameterError("Video width and height must be positive even numbers")
    if not 1 <= spec.fps <= 120:
        raise ParameterError("Frame rate must be between 1 and 120")
    if not spec.duration_s >= MIN_VIDEO_S:
        raise ParameterError(f"The video must last at least {MIN_VIDEO_S:.0f} s")
    if spec.duration_s > MAX_VIDEO_S:
        raise ParameterError(
            f"Videos longer than {MAX_VIDEO_S / 60:.0f} minutes are not supported; choose a shorter section"
        )
    if spec.start_s < 0:
        raise ParameterError("The start time cannot be negative")
    if not 0.0 <= spec.volume <= 4.0:
        raise ParameterError("Volume must be between 0 and 4")
    if spec.loudness_lufs is not None and not MIN_LOUDNESS_LUFS <= spec.loudness_lufs <= MAX_LOUDNESS_LUFS:
        raise ParameterError(
            f"The loudness target must be between {MIN_LOUDNESS_LUFS:.0f} and {MAX_LOUDNESS_LUFS:.0f} LUFS"
        )
    if not 0.0 <= spec.duck_db <= MAX_DUCK_DB:
        raise ParameterError(f"The music can duck 0 to {MAX_DUCK_DB:.0f} dB under the clips' sound")
    if not -9.0 <= spec.true_peak_db <= 0.0:
        raise ParameterError("The true-peak ceiling must be between -9 and 0 dBTP")
    shots = len(spec.cut_times_s) + 1
    if spec.clips and len(spec.clips) != shots:
        raise ParameterError(f"One clip per shot: {shots} shots but {len(spec.clips)} clips")
    if spec.clip_starts and len(spec.clip_starts) != len(spec.clips):
        raise ParameterError(
            f"One in-point per clip: {len(spec.clips)} clips but {len(spec.clip_starts)} in-points"
        )
