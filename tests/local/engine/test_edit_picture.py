"""Picture edits measured from rendered files: fades, transitions, beat effects, photo motion, clip order."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from skill.local.engine.fx import ShotStyle

from .probe import decode_audio_mono, decode_frames, rms_db
from .stills import FPS, noise, render, solid, square, white_square_box
from .synth import Song

pytestmark = pytest.mark.slow
CUTS = (1.0, 2.0, 3.0)  # four one-second shots


@pytest.fixture(scope="module")
def stills(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("stills")
    colours = {"red": (220, 30, 30), "green": (30, 200, 40), "blue": (30, 40, 220), "white": (255,) * 3}
    out = {name: solid(d / f"{name}.png", rgb) for name, rgb in colours.items()}
    out["black"] = solid(d / "black.png", (0, 0, 0))
    # two files: one photo on consecutive shots would be punched in on every other shot
    out["square"], out["square2"] = square(d / "square.png"), square(d / "square2.png")
    out["noise"] = noise(d / "noise.png")
    return out


def _luma(path: Path) -> np.ndarray:
    return decode_frames(path, "gray").mean(axis=(1, 2))


def test_fade_out_ends_black_and_silent_and_fade_in_starts_so(
    song_120: tuple[Song, Path], stills: dict[str, Path], tmp_path: Path
) -> None:
    _, wav = song_120
    out = tmp_path / "fade.mp4"
    render(wav, out, 4.0, clips=(stills["white"],), fade_in_s=0.5, fade_out_s=1.0)
    luma = _luma(out)
    assert luma.size == 4 * FPS
    assert luma[-1] < 4 and luma[0] < 4  # black at both ends
    assert luma[FPS : 2 * FPS].min() > 200  # untouched in the middle
    tail = luma[-FPS:]
    assert np.all(np.diff(tail) <= 1.0) and tail[0] > 200 * 0.9  # falls over the whole last second
    assert luma[FPS // 4] == pytest.approx(luma[FPS] / 2, rel=0.25)  # half way through the fade in
    y = decode_audio_mono(out)
    sr = 48000
    body = rms_db(y, sr, 1.5, 2.5)
    assert rms_db(y, sr, 3.95, 4.0) < body - 40  # silence at the end
    assert rms_db(y, sr, 0.0, 0.03) < body - 30
    assert rms_db(y, sr, 3.0, 3.3) > rms_db(y, sr, 3.5, 3.8) > rms_db(y, sr, 3.85, 3.95)


def test_no_fade_is_a_hard_end(song_120: tuple[Song, Path], stills: dict[str, Path], tmp_path: Path) -> None:
    _, wav = song_120
    out = tmp_path / "plain.mp4"
    render(wav, out, 3.0, clips=(stills["white"],))
    assert _luma(out)[-1] > 200


@pytest.mark.parametrize("transition", ["crossfade", "dip_black", "dip_white"])
def test_transitions_between_black_and_white_shots(
    song_120: tuple[Song, Path], stills: dict[str, Path], tmp_path: Path, transition: str
) -> None:
    _, wav = song_120
    out = tmp_path / f"{transition}.mp4"
    style = ShotStyle(transition, 0.3)  # type: ignore[arg-type]
    render(wav, out, 4.0, clips=(stills["black"], stills["white"]), cut_times_s=CUTS, styles=(style,) * 4)
    luma = _luma(out)
    cut = FPS  # black shot until frame 30, then white
    if transition == "crossfade":
        blend = luma[cut : cut + 9]
        mids = blend[(blend > 40) & (blend < 215)]
        assert mids.size >= 5, blend  # blended frames, rising from black to white
        assert np.all(np.diff(blend) > 0)
        assert luma[cut - 1] < 10 and luma[cut + 12] > 240
        back = luma[2 * cut : 2 * cut + 9]  # white to black: falling
        assert np.all(np.diff(back) < 0)
    elif transition == "dip_black":
        assert luma[2 * cut] < 10  # the white-to-black cut passes through black
        assert luma[cut + 2] < luma[cut + 4] < 240 and luma[cut + 8] > 240
        assert luma[2 * cut - 2] < 200  # the white shot darkens before its cut
    else:
        assert luma[cut] > 240  # the black-to-white cut passes through white
        assert luma[cut - 2] > 60  # the black shot brightens before the cut
        assert luma[3 * cut] > 240


def test_flash_zoom_and_shake_on_cuts(
    song_120: tuple[Song, Path], stills: dict[str, Path], tmp_path: Path
) -> None:
    _, wav = song_120
    out = tmp_path / "fx.mp4"
    styles = (ShotStyle(), ShotStyle(effect="flash"), ShotStyle(effect="zoom"), ShotStyle(effect="shake"))
    render(
        wav,
        out,
        4.0,
        clips=(stills["square"], stills["square2"]),
        cut_times_s=CUTS,
        styles=styles,
        photo_motion=False,
    )
    gray = decode_frames(out, "gray").astype(np.float32)
    rest = white_square_box(gray[FPS - 1])
    # flash: the first frame of shot 2 is much brighter than the shot settles to
    assert gray[FPS].mean() > gray[FPS + 10].mean() + 60
    assert abs(gray[FPS + 10].mean() - gray[FPS - 1].mean()) < 3
    # zoom punch: the square is bigger on the cut and back to its size a few frames later
    area_cut, cx, cy = white_square_box(gray[2 * FPS])
    assert area_cut > 1.15 * rest[0]
    assert white_square_box(gray[2 * FPS + 12])[0] == pytest.approx(rest[0], rel=0.05)
    assert (cx, cy) == pytest.approx(rest[1:], abs=2)
    # shake: the square moves off centre on the cut and comes back
    moved = [white_square_box(gray[3 * FPS + j]) for j in range(3)]
    assert max(abs(m[1] - rest[1]) for m in moved) > 2
    assert white_square_box(gray[3 * FPS + 15])[1] == pytest.approx(rest[1], abs=1.5)


@pytest.mark.parametrize("motion", [True, False])
def test_photo_motion_on_and_off(
    song_120: tuple[Song, Path], stills: dict[str, Path], tmp_path: Path, motion: bool
) -> None:
    _, wav = song_120
    out = tmp_path / f"motion-{motion}.mp4"
    render(wav, out, 2.0, clips=(stills["noise"],), photo_motion=motion)
    gray = decode_frames(out, "gray").astype(np.float32)
    drift = float(np.abs(gray[-1] - gray[0]).mean())
    assert drift > 8 if motion else drift < 1.5


def _dominant(frame: np.ndarray) -> str:
    r, g, b = frame.reshape(-1, 3).mean(axis=0)
    return (
        "red"
        if r > max(g, b) + 50
        else "green"
        if g > max(r, b) + 50
        else "blue"
        if b > max(r, g) + 50
        else "?"
    )


def test_clip_order_and_a_left_out_clip(
    song_120: tuple[Song, Path], stills: dict[str, Path], tmp_path: Path
) -> None:
    _, wav = song_120
    out = tmp_path / "order.mp4"
    order = (stills["blue"], stills["red"], stills["green"])  # the user's order; "white" left out
    render(wav, out, 4.0, clips=order, cut_times_s=CUTS)
    frames = decode_frames(out)
    shown = [_dominant(frames[k * FPS + FPS // 2]) for k in range(4)]
    assert shown == ["blue", "red", "green", "blue"]
    assert all(f.mean() < 200 for f in frames)  # the white photo never appears
