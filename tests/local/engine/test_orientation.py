"""A phone's portrait clip (landscape pixels plus a rotation in the file) is shown the way players show it.

The reference is FFmpeg's own player behaviour (its autorotate, the ``ffmpeg`` CLI's default), so the
render, the page's thumbnail and the upload's size are graded against what a viewer sees elsewhere.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from skill.local.engine.orient import quarter_turns
from skill.local.media import probe_media
from skill.local.page.media import frame_jpeg

from .probe import decode_frames, ffprobe
from .sound import write_clip
from .stills import render

W, H = 64, 48  # the stored (sensor) pixels: landscape


def _marked_clip(path: Path, rotate: int) -> Path:
    """A landscape clip with a white block in its stored top-left corner, tagged to show turned."""
    import av

    plain = path.with_name(f"plain-{path.name}")
    with av.open(str(plain), "w", format="mp4") as c:
        v = c.add_stream("libx264", rate=30)
        v.width, v.height, v.pix_fmt = W, H, "yuv420p"
        for i in range(60):
            img = np.full((H, W, 3), 40, np.uint8)
            img[2:18, 2:26] = 255
            frame = av.VideoFrame.from_ndarray(img, format="rgb24")
            frame.pts = i
            c.mux(v.encode(frame))
        c.mux(v.encode(None))
    cmd = ["ffmpeg", "-v", "error", "-y", "-i", str(plain), "-c", "copy"]
    subprocess.run([*cmd, "-metadata:s:v:0", f"rotate={rotate}", str(path)], check=True, timeout=60)
    return path


def _as_players_show_it(clip: Path, tmp: Path) -> np.ndarray:
    out = tmp / f"{clip.stem}-ffmpeg.png"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(clip), "-frames:v", "1", str(out)], check=True)
    return np.asarray(Image.open(out).convert("L"))


def _bright_quadrant(gray: np.ndarray) -> tuple[bool, bool]:
    """(in the top half, in the left half) of the white block's centre."""
    ys, xs = np.nonzero(gray > 160)
    assert xs.size, "no white block in the picture"
    return bool(ys.mean() < gray.shape[0] / 2), bool(xs.mean() < gray.shape[1] / 2)


@pytest.mark.parametrize("rotate", [90, 270])
def test_a_rotated_clip_renders_upright_as_players_show_it(
    rotate: int, tmp_path: Path, song_120: tuple[object, Path]
) -> None:
    clip = _marked_clip(tmp_path / f"phone {rotate} 手机.mp4", rotate)
    reference = _as_players_show_it(clip, tmp_path)
    assert reference.shape == (W, H)  # the players stand it up: portrait
    out = tmp_path / "out.mp4"
    render(song_120[1], out, 1.0, width=96, height=128, clips=[clip], keep_clip_audio=False)
    streams = [s for s in ffprobe(out)["streams"] if s["codec_type"] == "video"]
    assert (streams[0]["width"], streams[0]["height"]) == (96, 128)
    frames = decode_frames(out, "gray")
    # a 3:4 picture covering a 3:4 frame: the whole picture, so the block sits where players put it
    assert _bright_quadrant(frames[len(frames) // 2]) == _bright_quadrant(reference)
    # the block keeps its shape: taller than wide once stood up (it is 24 x 16 lying down)
    ys, xs = np.nonzero(frames[len(frames) // 2] > 160)
    assert np.ptp(ys) > np.ptp(xs)


@pytest.mark.parametrize("rotate", [90, 270])
def test_thumbnail_and_upload_size_of_a_rotated_clip_are_upright(rotate: int, tmp_path: Path) -> None:
    clip = _marked_clip(tmp_path / f"clip{rotate}.mp4", rotate)
    reference = _as_players_show_it(clip, tmp_path)
    thumb = frame_jpeg(clip, 0.5, max_px=160, cache_dir=tmp_path / "cache")
    assert thumb is not None
    shown = np.asarray(Image.open(thumb).convert("L"))
    assert shown.shape[0] > shown.shape[1]
    assert _bright_quadrant(shown) == _bright_quadrant(reference)
    info = probe_media(clip, "video", clip.name)
    assert (info.width, info.height) == (H, W)


def test_an_unturned_clip_stays_as_it_is(tmp_path: Path) -> None:
    import av

    clip = write_clip(tmp_path / "plain.mp4", seconds=0.5, sound=None, size=(W, H))
    with av.open(str(clip)) as c:
        assert quarter_turns(next(c.decode(video=0))) == 0
    info = probe_media(clip, "video", clip.name)
    assert (info.width, info.height) == (W, H)


def test_a_punch_in_whose_height_is_2_mod_4_draws_the_picture(
    tmp_path: Path, song_120: tuple[object, Path]
) -> None:
    """The same clip twice in a row punches in (x1.6): 64 x 48 covers to 102 x 78, whose chroma planes
    are 39 rows high, so the planes cannot be cut from the decoded array by whole rows."""
    clip = write_clip(tmp_path / "ramp.mp4", seconds=2, sound=None, size=(W, H))
    out = tmp_path / "punch.mp4"
    render(
        song_120[1],
        out,
        1.0,
        width=W,
        height=H,
        clips=[clip, clip],
        cut_times_s=(0.5,),
        keep_clip_audio=False,
    )
    frames = decode_frames(out)
    assert frames.shape[1:3] == (H, W)
    late = frames[len(frames) * 3 // 4].astype(np.float32)
    assert late[..., 0].std() > 10  # the ramp is drawn, zoomed, not a flat or broken frame
