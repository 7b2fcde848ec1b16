"""Songs in every format the engine decodes, and the truth about files that are not media."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from make_track import SR, synthesise  # noqa: E402  (examples/ is on sys.path via the runtime conftest)

from tests.runtime.conftest import Run, probe


def encode(path: Path, seconds: float = 8.0) -> Path:
    """Write a synthesised song with PyAV in the container and codec its extension names."""
    import av

    codec = {".ogg": "vorbis", ".flac": "flac", ".opus": "libopus"}[path.suffix]
    rate = 48_000 if codec == "libopus" else SR
    samples = synthesise(bpm=120.0, seconds=seconds)
    if rate != SR:
        samples = np.interp(
            np.arange(int(len(samples) * rate / SR)) * SR / rate, np.arange(len(samples)), samples
        )
    stereo = np.ascontiguousarray(np.stack([samples, samples]).astype(np.float32))
    with av.open(str(path), "w") as out:
        stream = out.add_stream(codec, rate=rate, layout="stereo", options={"strict": "experimental"})
        fmt = "s16" if codec == "flac" else "fltp"
        frame_size = 960 if codec == "libopus" else 1024
        for start in range(0, stereo.shape[1], frame_size):
            chunk = stereo[:, start : start + frame_size]
            if fmt == "s16":
                data = (np.clip(chunk, -1, 1) * 32767).astype(np.int16).T.reshape(1, -1).copy()
                frame = av.AudioFrame.from_ndarray(data, format="s16", layout="stereo")
            else:
                frame = av.AudioFrame.from_ndarray(
                    np.ascontiguousarray(chunk), format="fltp", layout="stereo"
                )
            frame.sample_rate = rate
            frame.pts = start
            frame.time_base = Fraction(1, rate)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("ext", [".ogg", ".flac"])
def test_make_accepts_ogg_and_flac(cli: Callable[..., Run], tmp_path: Path, ext: str) -> None:
    song = encode(tmp_path / f"tune{ext}")
    run = cli("make", str(song), "--seconds", "3", "--aspect", "1:1", "-o", "out.mp4", "--json")
    assert run.code == 0, run.stdout + run.stderr
    closing = run.events[-1]
    assert closing["ok"] is True and closing["bpm"] == pytest.approx(120, abs=3)
    facts = probe(Path(str(closing["path"])))
    assert facts["acodec"] == "aac" and facts["width"] == facts["height"] == 1080
    assert facts["duration_s"] == pytest.approx(3.0, abs=0.25)


def test_say_accepts_opus(cli: Callable[..., Run], tmp_path: Path) -> None:
    song = encode(tmp_path / "voice memo.opus", seconds=5.0)
    run = cli("say", "use this song", "--file", str(song), "--json")
    assert run.code == 0, run.stdout + run.stderr
    assert "Uploaded voice memo.opus (audio, 0:05)." in [e["text"] for e in run.events]


@pytest.mark.parametrize(
    ("content", "code", "says"),
    [
        (b"", "empty_file", "is empty"),
        (b"Dear diary, today I wrote a song.\n", "not_media_file", "is not audio"),
        (bytes(range(256)) * 40, "unreadable_file", "could not be read as audio"),
    ],
)
@pytest.mark.parametrize("command", ["say", "make"])
def test_bad_files_are_named_truthfully(
    cli: Callable[..., Run], tmp_path: Path, content: bytes, code: str, says: str, command: str
) -> None:
    bad = tmp_path / "song.mp3"
    bad.write_bytes(content)
    args = (
        ("say", "use this song", "--file", str(bad))
        if command == "say"
        else ("make", str(bad), "-o", "x.mp4")
    )
    run = cli(*args, "--json")
    assert run.code != 0
    error, closing = run.events[0], run.events[-1]
    assert error["event"] == "error" and error["code"] == code and closing["code"] == code
    assert says in str(error["text"]) and "song.mp3" in str(error["text"])
    assert "not supported" not in str(error["text"]) and "Accepted formats" not in str(error["text"])
    assert not (tmp_path / "x.mp4").exists()
