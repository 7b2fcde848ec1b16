"""Text cues measured from rendered files: position, size, colour, duration, several at once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from skill.local.engine import ParameterError
from skill.local.engine.renderplan import TextCue
from skill.local.engine.title import render_title

from .probe import decode_frames
from .stills import FPS, render, solid
from .synth import Song

pytestmark = pytest.mark.slow
W, H = 360, 640  # big enough for the three text sizes to differ


@pytest.fixture(scope="module")
def grey(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return solid(tmp_path_factory.mktemp("grey") / "grey.png", (110, 110, 110))


def _text_mask(frames: np.ndarray) -> np.ndarray:
    """Where each frame differs from the plain grey background."""
    return np.abs(frames.astype(np.int16) - 110).max(axis=-1) > 60


def _render(wav: Path, grey: Path, out: Path, seconds: float, texts: tuple[TextCue, ...]) -> np.ndarray:
    render(wav, out, seconds, clips=(grey,), photo_motion=False, texts=texts, width=W, height=H)
    return decode_frames(out)


@pytest.mark.parametrize(
    ("position", "rows"), [("top", (0, 1 / 3)), ("center", (1 / 3, 2 / 3)), ("bottom", (2 / 3, 1))]
)
def test_text_position(
    song_120: tuple[Song, Path], grey: Path, tmp_path: Path, position: str, rows: tuple[float, float]
) -> None:
    _, wav = song_120
    frames = _render(
        wav, grey, tmp_path / "pos.mp4", 1.5, (TextCue("Summer 2024", 0.0, 1.5, position=position),)
    )  # type: ignore[arg-type]
    ys, _ = np.nonzero(_text_mask(frames[FPS // 2]))
    assert ys.size > 200
    assert rows[0] * H <= ys.min() and ys.max() < rows[1] * H, (ys.min(), ys.max())


def test_five_second_text_lasts_five_seconds(song_120: tuple[Song, Path], grey: Path, tmp_path: Path) -> None:
    _, wav = song_120
    frames = _render(wav, grey, tmp_path / "dur.mp4", 7.0, (TextCue("hello", 1.0, 6.0, position="bottom"),))
    shown = np.flatnonzero(_text_mask(frames).sum(axis=(1, 2)) > 100)
    assert shown[0] == FPS and shown[-1] == 6 * FPS - 1
    assert shown.size == 5 * FPS  # on for exactly 5 s, without gaps


def test_sizes_and_colour(song_120: tuple[Song, Path], grey: Path, tmp_path: Path) -> None:
    _, wav = song_120
    heights = {}
    for size in ("small", "medium", "large"):
        frames = _render(
            wav, grey, tmp_path / f"{size}.mp4", 1.0, (TextCue("Go", 0.0, 1.0, size=size, colour="#ff2020"),)
        )  # type: ignore[arg-type]
        ys, xs = np.nonzero(_text_mask(frames[10]))
        heights[size] = ys.max() - ys.min()
        fill = frames[10][ys, xs].astype(np.int16)
        red = fill[(fill[:, 0] > 150) & (fill[:, 1] < 90) & (fill[:, 2] < 90)]
        assert red.shape[0] > 0.2 * ys.size  # the letters are red (their outline is dark)
    assert heights["small"] < heights["medium"] < heights["large"]
    assert heights["large"] > 1.6 * heights["small"]


def test_several_texts_at_once_do_not_overlap(
    song_120: tuple[Song, Path], grey: Path, tmp_path: Path
) -> None:
    _, wav = song_120
    texts = (
        TextCue("Title", 0.0, 3.0, position="top"),
        TextCue("see you", 2.0, 3.0, position="bottom"),
        TextCue("also top", 1.0, 3.0, position="top"),
    )
    frames = _render(wav, grey, tmp_path / "many.mp4", 3.0, texts)
    mask = _text_mask(frames)
    rows = lambda i: np.flatnonzero(mask[i].any(axis=1))  # noqa: E731
    assert rows(15).max() < H / 3  # only the title
    two_top = rows(45)
    assert two_top.max() < H / 2 and two_top.max() - two_top.min() > rows(15).max() - rows(15).min() + 20
    last = rows(75)
    assert last.max() > 2 * H / 3 and (last < H / 2).any()  # the caption joined the two at the top


def test_bad_colour_is_a_typed_error() -> None:
    with pytest.raises(ParameterError):
        render_title("x", width=W, height=H, colour="reddish")
