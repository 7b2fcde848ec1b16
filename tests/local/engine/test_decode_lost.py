"""A clip whose first audio packet cannot be decoded (seen in a real AVI with AC3 sound): the sound
after it stays at its timestamps, so it plays in time with the picture, not one packet (32 ms) early."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from skill.local.engine.decode import decode_audio

SR = 48000
ONSET_S = 0.5
FRAME = 1536  # samples in one AC3 packet


def _ac3_avi(path: Path, *, corrupt_first: bool) -> Path:
    """Half a second of silence, then a tone, as AC3 in AVI; optionally the first packet's bytes garbled."""
    import av

    t = np.arange(SR * 2) / SR
    y = np.where(t >= ONSET_S, 0.3 * np.sin(2 * np.pi * 440 * t), 0.0).astype(np.float32)
    with av.open(str(path), "w", format="avi") as out:
        stream = out.add_stream("ac3", rate=SR)
        stream.layout = "stereo"
        for i in range(0, len(y) - FRAME + 1, FRAME):
            frame = av.AudioFrame.from_ndarray(
                np.stack([y[i : i + FRAME]] * 2), format="fltp", layout="stereo"
            )
            frame.sample_rate, frame.pts = SR, i
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    if corrupt_first:
        data = bytearray(path.read_bytes())
        at = data.find(b"00wb", data.find(b"movi"))
        size = int.from_bytes(data[at + 4 : at + 8], "little")
        data[at + 8 : at + 8 + size] = b"\x55" * size
        path.write_bytes(bytes(data))
    return path


def _onset_s(y: np.ndarray) -> float:
    return float(np.flatnonzero(np.abs(y) > 0.1)[0]) / SR


def test_a_lost_first_packet_leaves_the_rest_in_time(tmp_path: Path) -> None:
    good = decode_audio(_ac3_avi(tmp_path / "good.avi", corrupt_first=False), sr=SR, channels=1)[0]
    bad = decode_audio(_ac3_avi(tmp_path / "bad.avi", corrupt_first=True), sr=SR, channels=1)[0]
    assert abs(_onset_s(good) - ONSET_S) < 0.01
    assert abs(_onset_s(bad) - _onset_s(good)) < 0.005  # was one packet (32 ms) early
    assert len(bad) == len(good)
    excerpt = decode_audio(tmp_path / "bad.avi", sr=SR, channels=1, start_s=0.25, duration_s=1.0)[0]
    assert abs(_onset_s(excerpt) - (_onset_s(good) - 0.25)) < 0.005
