"""``render-local``: render a beat-synced video on this machine, through the same recipe as the chat."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from skill.timeline.vocab import ASPECTS, DEFAULT_ASPECT, PACES

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "render-local",
        help="render a beat-cut 1080p MP4 from a song on this machine (no cloud)",
        description="Render a beat-synced H.264 video: the whole track, or its best SECONDS.",
    )
    parser.add_argument("song", type=Path, help="audio (mp3, wav, m4a, aac) or a video with sound")
    parser.add_argument("-o", "--output", type=Path, required=True, help="output .mp4 path")
    parser.add_argument("--seconds", type=float, default=None, help="highlight length (default: whole track)")
    parser.add_argument("--aspect", choices=ASPECTS, default=DEFAULT_ASPECT)
    parser.add_argument(
        "--pace", choices=PACES, default="beat", help="cut every beat, every other beat, bar or 2 bars"
    )
    parser.add_argument(
        "--clips", type=Path, nargs="+", default=[], metavar="FILE", help="your photos/videos"
    )
    parser.add_argument("--title", default=None, help="title text drawn on the video")
    parser.add_argument(
        "--no-clip-sound", action="store_true", help="music only: leave out the clips' own sound"
    )
    # defaults are the timeline's (skill.timeline.vocab), read when the command runs: not importing the
    # timeline here keeps every other command's start-up fast
    parser.add_argument(
        "--duck-db", type=float, default=None, metavar="DB",
        help="how far the music dips under the clips' sound, in dB (0: not at all; default: the standard depth)",
    )  # fmt: skip
    parser.add_argument(
        "--loudness", type=_loudness, default="default", metavar="LUFS",
        help="integrated loudness of the mix in LUFS, or 'off' (default: the short-video platforms' target)",
    )  # fmt: skip
    parser.set_defaults(func=run)


def _loudness(raw: str) -> float | str | None:
    if raw.strip().lower() in ("off", "none"):
        return None
    if raw == "default":
        return raw
    try:
        return float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a loudness in LUFS (or 'off'): {raw!r}") from None


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from skill.local.engine import render_highlight
    from skill.timeline.vocab import CLIP_AUDIO_DUCK_DB, LOUDNESS_TARGET_LUFS

    out = ctx.out
    data_dir = getattr(ctx.settings, "data_dir", None)
    cache_dir = Path(data_dir) / "analysis" if data_dir else None

    def progress(stage: str, fraction: float) -> None:
        out.progress(stage, fraction)

    if args.output.suffix.lower() != ".mp4":
        args.output = (
            args.output.with_suffix(args.output.suffix + ".mp4")
            if args.output.suffix
            else args.output.with_suffix(".mp4")
        )
    result = render_highlight(
        args.song,
        args.output,
        seconds=args.seconds,
        aspect=args.aspect,
        pace=args.pace,
        clips=tuple(args.clips),
        title=args.title,
        cache_dir=cache_dir,
        on_progress=progress,
        keep_clip_audio=not args.no_clip_sound,
        duck_db=CLIP_AUDIO_DUCK_DB if args.duck_db is None else args.duck_db,
        loudness_lufs=LOUDNESS_TARGET_LUFS if args.loudness == "default" else args.loudness,
    )
    if result.is_steady_fallback:
        out.notice("No clear beat found: cuts follow a steady 120 BPM grid.")
    stages = " ".join(f"{k}={v:.2f}s" for k, v in result.stage_seconds.items())
    out.notice(f"stages: {stages}")
    out.result(
        str(result.path),
        path=str(result.path),
        duration_s=round(result.duration_s, 3),
        width=result.width,
        height=result.height,
        fps=result.fps,
        tempo_bpm=result.tempo_bpm,
        beats_per_bar=result.beats_per_bar,
        is_steady_fallback=result.is_steady_fallback,
        start_s=result.start_s,
        cuts=len(result.cut_times_s),
        stage_seconds=result.stage_seconds,
    )
    return 0
